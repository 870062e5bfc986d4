// The network diagram as a student meets it in Chromium: it is the matrices. One edge per entry,
// named as the entry; focusing an edge outlines its entry and Enter goes there, focusing the entry
// highlights the edge; a drag changes the weight by 0.01 a pixel as one edit that Undo takes back;
// the gradient switch shows the sheet's ∂E/∂Θ; the diagram redraws during a Run; at 390 px it
// scrolls inside its frame and nothing overlaps.
import { expect } from 'chai';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsNetwork } from '../../components/gs-network.ts';
import type { GsTrain } from '../../components/gs-train.ts';
import { notes, workbookPath } from '../helpers/lecture.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell as cellOf, control as controlOf, deepActive } from '../helpers/find.ts';
import { press } from '../helpers/keys.ts';
import { openFrame } from '../helpers/frames.ts';

const networkOf = async (wb: ParentNode): Promise<GsNetwork> => {
  const n = wb.querySelector<GsNetwork>('gs-network')!;
  await n.drawn;
  return n;
};
const edge = (n: GsNetwork, name: string) => n.shadowRoot!.querySelector<SVGGElement>(`g.edge[aria-label="${name}"]`)!;
const edgeWidth = (n: GsNetwork, name: string) => Number(edge(n, name).querySelector('line.stroke')!.getAttribute('stroke-width'));
/** A point on an edge, on the screen (60% of the way along it), after scrolling the diagram into view. */
function edgePoint(n: GsNetwork, name: string): [number, number] {
  n.scrollIntoView({ block: 'center' });
  const line = edge(n, name).querySelector('line.stroke')!;
  const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(line.getAttribute(a)));
  const box = n.shadowRoot!.querySelector('svg')!.getBoundingClientRect();
  const at: [number, number] = [Math.round(box.left + x1 + 0.6 * (x2 - x1)), Math.round(box.top + y1 + 0.6 * (y2 - y1))];
  expect(n.shadowRoot!.elementFromPoint(...at)!.closest('g.edge'), `${name} is under the pointer`).to.equal(edge(n, name));
  return at;
}
const frames = (k = 2) =>
  new Promise<void>((r) => {
    const f = () => (--k <= 0 ? r() : requestAnimationFrame(f));
    requestAnimationFrame(f);
  });

describe('the network diagram of the worked example', () => {
  let wb: GsWorkbook;
  let net: GsNetwork;
  beforeEach(async () => {
    wb = await mount(workbookPath);
    net = await networkOf(wb);
  });
  afterEach(() => wb.remove());

  it('draws one edge per entry of Θ1 and Θ2, each named and valued as its entry', () => {
    const edges = net.edgeElements;
    expect(edges.length).to.equal(2 * 3 + 3 * 1);
    const entries = [...cellOf(wb, 'Theta1').shadowRoot!.querySelectorAll('input.entry'), ...cellOf(wb, 'Theta2').shadowRoot!.querySelectorAll('input.entry')];
    expect(edges.map((e) => e.getAttribute('aria-label')).sort()).to.deep.equal(entries.map((e) => e.getAttribute('aria-label')).sort());
    notes.Theta1.forEach((row, i) => row.forEach((v, j) => expect(Number(edge(net, `Theta1[${i + 1},${j + 1}]`).getAttribute('aria-valuenow'))).to.equal(v)));
    expect(edge(net, 'Theta1[1,3]').getAttribute('role')).to.equal('slider');
    expect(edge(net, 'Theta1[1,3]').classList.contains('negative')).to.equal(true);
    expect(edgeWidth(net, 'Theta1[1,2]'), 'the largest weight, 2.1, is the widest edge').to.equal(6);
    // Each neuron is a stop with its value: h1[2] = σ(2.45).
    const unit = net.shadowRoot!.querySelector('g.unit[data-name="h1[2]"]')!;
    expect(Number(unit.getAttribute('data-h'))).to.be.closeTo(notes.h1[1][0], 1e-6);
    expect(unit.getAttribute('aria-label')).to.equal('h1[2]: h = 0.921, s = 2.45, δ = −0.00321');
  });

  it('outlines the entry of a focused edge, goes to it with Enter, and highlights the edge of a focused entry', async () => {
    const theta = edge(net, 'Theta1[2,3]');
    theta.focus();
    await net.updateComplete;
    const entry = controlOf(wb, 'Theta1', 'Theta1[2,3]');
    expect(entry.hasAttribute('data-network-linked')).to.equal(true);
    expect(net.shadowRoot!.querySelector('.status')!.textContent).to.equal('Theta1[2,3] = 0.3, ∂E/∂Θ 0.00772.');
    await sendKeys({ press: 'Enter' });
    expect(deepActive()).to.equal(entry);
    controlOf(wb, 'Theta2', 'Theta2[3,1]').focus();
    await net.updateComplete;
    expect(net.shadowRoot!.querySelectorAll('g.edge.linked').length).to.equal(1);
    expect(edge(net, 'Theta2[3,1]').classList.contains('linked')).to.equal(true);
    // A click on an edge goes to its entry too, changing nothing.
    const [x, y] = edgePoint(net, 'Theta1[1,2]');
    await sendMouse({ type: 'click', position: [x, y] });
    expect(deepActive()).to.equal(controlOf(wb, 'Theta1', 'Theta1[1,2]'));
    expect(wb.tools.store!.history.canUndo).to.equal(false);
  });

  it('moves between neurons and edges with the arrow keys, one stop in the tab order', async () => {
    const stops = () => [...net.shadowRoot!.querySelectorAll('[tabindex="0"]')];
    expect(stops().length).to.equal(1);
    (stops()[0] as SVGGElement).focus();
    expect(stops()[0].getAttribute('aria-label')).to.equal('x[1]: h = 1');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await net.updateComplete;
    expect(net.shadowRoot!.activeElement!.getAttribute('aria-label')).to.equal('Theta1[1,1]');
    expect(stops().length).to.equal(1);
  });

  it('changes a weight by 0.01 a pixel dragged up, as one edit that Undo takes back', async () => {
    const at = edgePoint(net, 'Theta1[2,3]');
    await sendMouse({ type: 'move', position: [at[0], at[1]] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [at[0], at[1] - 10] });
    await sendMouse({ type: 'move', position: [at[0], at[1] - 30] });
    await sendMouse({ type: 'up' });
    await settle(wb);
    expect(cellOf(wb, 'Theta1').value).to.deep.equal([
      [1.2, 2.1, -1.5],
      [-0.3, -0.7, 0.6],
    ]);
    await net.drawn;
    expect(Number(edge(net, 'Theta1[2,3]').getAttribute('aria-valuenow'))).to.equal(0.6);
    expect(wb.tools.store!.history.undoLabel).to.equal('drag Theta1[2,3]');
    await press('Control+z');
    await settle(wb);
    expect(cellOf(wb, 'Theta1').value).to.deep.equal(notes.Theta1);
    expect(wb.tools.store!.history.canUndo, 'the drag was one step').to.equal(false);
    // + on a focused edge nudges it by 0.1, one step too.
    edge(net, 'Theta2[1,1]').focus();
    await sendKeys({ press: '+' });
    await settle(wb);
    expect(cellOf(wb, 'Theta2').value).to.deep.equal([[-0.1], [0.5], [1.3]]);
    await press('Control+z');
    await settle(wb);
    expect(cellOf(wb, 'Theta2').value).to.deep.equal(notes.Theta2);
  });

  it('shows on every edge the gradient the sheet holds, when switched', async () => {
    const before = edgeWidth(net, 'Theta2[1,1]');
    const toggle = [...net.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.includes('∂E/∂Θ'))!.querySelector('input')!;
    toggle.click();
    await net.updateComplete;
    const dTheta1 = cellOf(wb, 'dE_dTheta1').value as number[][],
      dTheta2 = cellOf(wb, 'dE_dTheta2').value as number[][];
    dTheta1.forEach((row, i) => row.forEach((v, j) => expect(Number(edge(net, `Theta1[${i + 1},${j + 1}]`).dataset.gradient)).to.equal(v)));
    dTheta2.forEach(([v], i) => expect(Number(edge(net, `Theta2[${i + 1},1]`).dataset.gradient)).to.equal(v));
    // The widest edge is now the largest gradient, ∂E/∂Θ2[2] = −0.0809, and Θ2[1]'s follows its gradient.
    expect(edgeWidth(net, 'Theta2[2,1]')).to.equal(6);
    expect(edgeWidth(net, 'Theta2[1,1]')).to.not.equal(before);
    expect(edge(net, 'Theta2[2,1]').getAttribute('aria-valuetext')).to.equal('0.5, ∂E/∂Θ −0.0809');
    expect(net.shadowRoot!.querySelector('.note')!.textContent).to.contain('Edges show the gradient ∂E/∂Θ');
  });
  it("shows each neuron's s, h and δ as the sheet has them, when switched", async () => {
    const toggle = [...net.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.includes('s, h and δ'))!.querySelector('input')!;
    expect(net.shadowRoot!.querySelectorAll('g.unit[data-name="h1[3]"] text.value').length).to.equal(1);
    toggle.click();
    await net.updateComplete;
    const unit = net.shadowRoot!.querySelector('g.unit[data-name="h1[3]"]')!;
    expect([...unit.querySelectorAll('text.value')].map((t) => t.textContent)).to.deep.equal(['s −1.65', 'h 0.161', 'δ −0.0154']);
    expect(Number(unit.getAttribute('data-delta'))).to.equal((cellOf(wb, 'dE_ds1').value as number[][])[2][0]);
    expect(Number(unit.getAttribute('data-s'))).to.equal((cellOf(wb, 's1').value as number[][])[2][0]);
  });
});

describe('the deep network of workbook 10', () => {
  it('is drawn as deep as its depth slider, naming each edge by its entry of Θ', async () => {
    const wb = await mount('workbooks/10-vanishing-gradient.md');
    try {
      const net = await networkOf(wb);
      expect(net.edgeElements.length).to.equal(20 * 16 + 4);
      const depth = controlOf(wb, 'depth', 'depth');
      depth.focus();
      depth.select();
      await sendKeys({ type: '3' });
      await settle(wb);
      await net.drawn;
      expect(net.edgeElements.length).to.equal(3 * 16 + 4);
      expect(net.shadowRoot!.querySelectorAll('text.layer').length).to.equal(5);
      const theta = cellOf(wb, 'Theta').value as number[][];
      expect(Number(edge(net, 'Theta[6,3]').getAttribute('aria-valuenow')), 'layer 2, unit 2 to unit 3').to.equal(theta[5][2]);
      expect(edge(net, 'Theta[6,3]').getAttribute('aria-readonly'), 'Θ is computed from the scale').to.equal('true');
      const g = cellOf(wb, 'dE_sig').value as number[][];
      expect(Number(edge(net, 'Theta[10,4]').dataset.gradient)).to.equal(g[9][3]);
    } finally {
      wb.remove();
    }
  });
});

describe('the network diagram of XOR while it trains', () => {
  it('redraws during a Run, each frame showing the weights the sheet has reached', async () => {
    const wb = await mount('workbooks/04-mlp-xor.md');
    try {
      const net = await networkOf(wb);
      const train = wb.querySelector<GsTrain>('gs-train')!;
      const button = (text: string) => [...train.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;
      const slow = [...train.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.includes('one step a frame'))!.querySelector('input')!;
      slow.click();
      const seen = new Set<string>();
      seen.add(edge(net, 'W1[1,1]').getAttribute('aria-valuenow')!);
      button('Run').click();
      for (let k = 0; k < 12; k++) {
        await frames(2);
        seen.add(edge(net, 'W1[1,1]').getAttribute('aria-valuenow')!);
      }
      button('Stop').click();
      await settle(wb);
      await net.drawn;
      expect(seen.size, 'the edge of W1[1,1] was redrawn with new weights during the run').to.be.greaterThan(3);
      const W1 = cellOf(wb, 'W1').value as number[][];
      expect(Number(edge(net, 'W1[1,1]').getAttribute('aria-valuenow'))).to.equal(W1[0][0]);
      expect(Number(edge(net, 'b2').getAttribute('aria-valuenow'))).to.equal(cellOf(wb, 'b2').value);
      expect(net.edgeElements.length).to.equal(4 + 2 + 2 + 1);
    } finally {
      wb.remove();
    }
  });
});

describe('the network diagrams on a 390 px screen', () => {
  for (const file of ['07-backpropagation.md', '10-vanishing-gradient.md', '04-mlp-xor.md']) {
    it(`${file}: the diagram scrolls inside its frame, and no neuron, label or control overlaps another`, async () => {
      const frame = await openFrame(`/index.html?w=${file}`, { width: 390, height: 800 });
      try {
        const doc = frame.contentDocument!;
        const net = await networkOf(doc);
        expect(doc.documentElement.scrollWidth, 'the page does not scroll sideways').to.be.at.most(390);
        const fig = net.shadowRoot!.querySelector('figure')!.getBoundingClientRect();
        expect(fig.right).to.be.at.most(390);
        const boxes = [...net.shadowRoot!.querySelectorAll('g.unit circle.disc, g.unit rect, text')].map((e) => e.getBoundingClientRect());
        for (let a = 0; a < boxes.length; a++)
          for (let b = a + 1; b < boxes.length; b++) {
            const [p, q] = [boxes[a], boxes[b]];
            const overlap = Math.min(p.right, q.right) - Math.max(p.left, q.left) > 0.5 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 0.5;
            const nested = p.left <= q.left && p.right >= q.right && p.top <= q.top && p.bottom >= q.bottom; // the "1" inside a bias unit
            expect(overlap && !nested, `boxes ${a} and ${b} overlap`).to.equal(false);
          }
        const svgBox = net.shadowRoot!.querySelector('svg')!.getBoundingClientRect();
        for (const el of net.shadowRoot!.querySelectorAll('.controls, .status, .note')) {
          const r = el.getBoundingClientRect();
          expect(r.bottom <= svgBox.top + 0.5 || r.top >= svgBox.bottom - 0.5, el.className).to.equal(true);
        }
      } finally {
        frame.remove();
      }
    });
  }
});
