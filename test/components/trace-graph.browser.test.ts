// Trace precedents and dependents when a cell is focused, and the dependency-graph view: a node
// per cell, errors in red, and clicking or pressing Enter on a node jumps to its cell.
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsGraph } from '../../components/gs-graph.ts';
import { workbookPath } from '../helpers/lecture.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell, control, deepActive, toolbarButton } from '../helpers/find.ts';

const marks = (wb: GsWorkbook) =>
  Object.fromEntries([...wb.querySelectorAll<HTMLElement>('gs-cell[data-trace]')].map((c) => [c.getAttribute('name'), c.dataset.trace]));

async function openGraph(wb: GsWorkbook): Promise<GsGraph> {
  toolbarButton(wb, 'Graph').click();
  for (let i = 0; i < 200 && !wb.querySelector('gs-graph')?.shadowRoot?.querySelector('button.node'); i++) {
    await new Promise((r) => setTimeout(r, 10));
    await wb.updateComplete;
  }
  const graph = wb.querySelector<GsGraph>('gs-graph')!;
  await graph.updateComplete;
  return graph;
}

describe('tracing a selected cell', () => {
  let wb: GsWorkbook;
  beforeEach(async () => {
    wb = await mount(workbookPath);
  });
  afterEach(() => wb.remove());

  it('highlights what a focused cell reads and what reads it, and lists them in the toolbar', async () => {
    control(wb, 'h1', 'h1 formula').focus();
    await wb.updateComplete;
    expect(marks(wb)).to.deep.equal({ s1: 'precedent', h1: 'selected', s2: 'dependent', dE_dTheta2: 'dependent', dE_ds1: 'dependent' });
    const trace = wb.querySelector('.gs-trace')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(trace).to.equal('h1 reads s1 read by s2, dE_dTheta2, dE_ds1');
    expect(getComputedStyle(cell(wb, 's1')).outlineStyle).to.equal('dashed');
    expect(getComputedStyle(cell(wb, 's2')).outlineStyle).to.equal('solid');
    expect(getComputedStyle(cell(wb, 'x')).outlineStyle).to.equal('none');

    control(wb, 'Theta1', 'Theta1[2,2]').focus();
    await wb.updateComplete;
    expect(marks(wb)).to.deep.equal({ Theta1: 'selected', s1: 'dependent', Theta1_new: 'dependent', autodiff_Theta1: 'dependent' });
  });

  it('follows a formula edit that changes what a cell reads', async () => {
    const field = control(wb, 's2', 's2 formula');
    field.focus();
    field.select();
    await sendKeys({ type: "Theta2' * h1 + y" });
    await sendKeys({ press: 'Enter' });
    await settle(wb);
    expect(marks(wb)).to.deep.include({ s2: 'selected', y: 'precedent', h1: 'precedent', Theta2: 'precedent' });
  });

  it('jumps to a cell named in the trace', async () => {
    control(wb, 'h1', 'h1 formula').focus();
    await wb.updateComplete;
    const s1 = [...wb.querySelectorAll<HTMLButtonElement>('.gs-trace button')].find((b) => b.textContent === 's1')!;
    s1.click();
    await wb.updateComplete;
    expect(deepActive()?.getAttribute('aria-label')).to.equal('s1 formula');
    expect(marks(wb)).to.deep.include({ s1: 'selected' });
  });
});

describe('the dependency-graph view', () => {
  let wb: GsWorkbook;
  beforeEach(async () => {
    wb = await mount(workbookPath);
  });
  afterEach(() => wb.remove());

  it('shows every cell as a node, laid out inside the view, with an arrow per reference', async () => {
    const graph = await openGraph(wb);
    expect(toolbarButton(wb, 'Graph').getAttribute('aria-expanded')).to.equal('true');
    const session = wb.session!;
    const nodes = [...graph.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.node')];
    expect(nodes.map((n) => n.dataset.name).sort()).to.deep.equal([...session.plan.byName.keys()].sort());
    const box = graph.shadowRoot!.querySelector<HTMLElement>('.graph')!.getBoundingClientRect();
    for (const n of nodes) {
      const r = n.getBoundingClientRect();
      expect(r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1, n.dataset.name).to.equal(true);
    }
    // Nodes do not overlap.
    const rects = nodes.map((n) => n.getBoundingClientRect());
    rects.forEach((a, i) =>
      rects.slice(i + 1).forEach((b) => {
        expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, 'nodes overlap').to.equal(true);
      }),
    );
    const reads = [...session.plan.byName.values()].reduce(
      (n, c) => n + new Set(c.checked.deps.filter((d) => d !== c.name && session.plan.byName.has(d))).size,
      0,
    );
    expect(graph.shadowRoot!.querySelectorAll('path.edge')).to.have.length(reads);
    // A cell is above the cells that read it.
    const y = (name: string) => graph.node(name)!.getBoundingClientRect().top;
    expect(y('x')).to.be.below(y('s1'));
    expect(y('s1')).to.be.below(y('h1'));
    expect(y('h1')).to.be.below(y('y_hat'));
    expect(graph.node('Theta1')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Theta1 input · 2×3');
  });

  it('shows errors in red, in words too, and updates when a cell breaks and heals', async () => {
    const graph = await openGraph(wb);
    const field = control(wb, 'h1', 'h1 formula');
    field.focus();
    field.select();
    await sendKeys({ type: 'sigmoid(q)' });
    await sendKeys({ press: 'Enter' });
    await settle(wb);
    await graph.updateComplete;
    const h1 = graph.node('h1')!;
    expect(h1.classList.contains('error')).to.equal(true);
    expect(h1.textContent).to.contain('error E_NAME_UNKNOWN');
    expect(getComputedStyle(h1).borderTopColor).to.equal('rgb(176, 0, 32)');
    expect(graph.node('E')!.classList.contains('error'), 'a dependent of the error is an error').to.equal(true);
    expect(graph.node('x')!.classList.contains('error')).to.equal(false);
    toolbarButton(wb, 'Undo').click();
    await settle(wb);
    await graph.updateComplete;
    expect(graph.node('h1')!.classList.contains('error')).to.equal(false);
  });

  it('jumps to a cell on click, and by keyboard: arrows move between nodes, Enter jumps', async () => {
    const graph = await openGraph(wb);
    graph.node('Theta1')!.click();
    await wb.updateComplete;
    expect(deepActive()?.getAttribute('aria-label')).to.equal('Theta1[1,1]');
    expect(marks(wb)).to.deep.include({ Theta1: 'selected' });

    await graph.updateComplete;
    const start = graph.shadowRoot!.querySelector<HTMLButtonElement>('button.node[tabindex="0"]')!;
    expect(start.dataset.name, 'the graph is one tab stop, at the selected cell').to.equal('Theta1');
    start.focus();
    await sendKeys({ press: 'ArrowDown' });
    await graph.updateComplete;
    const below = deepActive() as HTMLButtonElement;
    expect(below.classList.contains('node')).to.equal(true);
    expect(below.getBoundingClientRect().top).to.be.above(start.getBoundingClientRect().top);
    const name = below.dataset.name!;
    await sendKeys({ press: 'Enter' });
    await wb.updateComplete;
    expect(cell(wb, name).matches('[data-trace~="selected"]'), `${name} is selected`).to.equal(true);
    expect(deepActive()?.getRootNode()).to.equal(cell(wb, name).shadowRoot);
  });
});
