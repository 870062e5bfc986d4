// A workbook whose text is in the page (a single-file page, a page that cannot fetch): a
// <gs-workbook> with a <script type="text/x-gradsheet"> child, or with its `text` property set;
// <gs-cell workbook="#id"> cells of it elsewhere on the page; its edits saved under the page's
// address and the workbook's id.
import { expect } from 'chai';
import '../../components/index.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { inlineURL } from '../../components/inline-workbook.ts';
import { runId, settle } from '../helpers/mount.ts';
import { cell } from '../helpers/find.ts';
import { openFrame, reloadFrame } from '../helpers/frames.ts';
import { until } from '../helpers/wait.ts';

// Indented as a page's author would write it: the shared indentation is not the workbook's.
const neuron = `
      ---
      title: An inline neuron
      ---

      # An inline neuron

      \`\`\`cells
      x = [1.0; -0.5]
      w = [0.5; -1]
      b = 0.25
      \`\`\`

      \`\`\`cells
      s = w' * x + b
        slide: 1.25
      h = sigmoid(s)
      \`\`\`
    `;

let counter = 0;
const freshId = () => `inline-${runId}-${++counter}`;

/** Types into an entry as a student does. */
function type(cell: GsCell, label: string, text: string): void {
  const entry = cell.shadowRoot!.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!;
  entry.value = text;
  entry.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

describe('a workbook written inline in the page', function () {
  this.timeout(60_000);
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => host.remove());

  async function loaded(id: string): Promise<GsWorkbook> {
    const wb = host.querySelector<GsWorkbook>(`gs-workbook#${id}`)!;
    await wb.loaded;
    await settle(wb);
    return wb;
  }

  it('renders from its <script type="text/x-gradsheet">, and an edit changes a dependent', async () => {
    const id = freshId();
    host.innerHTML = `<gs-workbook id="${id}"><script type="text/x-gradsheet">${neuron}</script></gs-workbook>`;
    const wb = await loaded(id);
    expect(wb.querySelector('h1')!.textContent).to.equal('An inline neuron');
    expect(wb.querySelector('.gs-problems'), 'no problems: the indentation was taken off').to.equal(null);
    const s = cell(wb, 's');
    expect(s.value).to.deep.equal(1.25);
    type(cell(wb, 'b'), 'b', '1.25');
    await until(() => s.value === 2.25, 's follows b');
    expect(cell(wb, 'h').value as number).to.be.closeTo(1 / (1 + Math.exp(-2.25)), 1e-12);
  });

  it('saves its edits under the page address and its id, and restores them after a reload', async () => {
    const id = freshId();
    const page = `/test-server/inline.html?id=${id}`;
    expect(inlineURL(id)).to.equal(`${location.origin}${location.pathname}/gs-inline/${id}`);
    const key = `gradsheet:edits:${location.origin}/test-server/inline.html/gs-inline/${id}`;
    const frame = await openFrame(page);
    try {
      const wb = frame.contentDocument!.querySelector('gs-workbook') as GsWorkbook;
      expect(cell(wb, 's').value).to.equal(1.25);
      type(cell(wb, 'b'), 'b', '0.75');
      await until(() => localStorage.getItem(key) !== null, 'the edit is saved');
      expect(JSON.parse(localStorage.getItem(key)!).edits.entries).to.deep.equal({ b: [['0.75']] });
      await reloadFrame(frame);
      const again = frame.contentDocument!.querySelector('gs-workbook') as GsWorkbook;
      expect(again, 'a new page').to.not.equal(wb);
      expect(cell(again, 's').value).to.equal(1.75);
    } finally {
      frame.remove();
      localStorage.removeItem(key);
    }
  });

  it('two inline workbooks of one page are kept apart (their sessions and their saved edits)', async () => {
    const a = freshId(),
      b = freshId();
    host.innerHTML = `<gs-workbook id="${a}"><script type="text/x-gradsheet">${neuron}</script></gs-workbook>
      <gs-workbook id="${b}"><script type="text/x-gradsheet">${neuron}</script></gs-workbook>`;
    const wa = await loaded(a),
      wbB = await loaded(b);
    type(cell(wa, 'b'), 'b', '2.25');
    await until(() => cell(wa, 's').value === 3.25, 'the first workbook changed');
    await settle(wbB);
    expect(cell(wbB, 's').value, 'the second did not').to.equal(1.25);
    expect(localStorage.getItem(`gradsheet:edits:${inlineURL(b)}`)).to.equal(null);
  });

  it('takes its text from the text property, and new text keeps the edits (as a live reload does)', async () => {
    const wb = document.createElement('gs-workbook');
    wb.id = freshId();
    wb.text = neuron.replace(/^ {6}/gm, '');
    const reloads: string[][] = [];
    wb.addEventListener('gs-reload', (e) => reloads.push(e.detail.dropped));
    host.append(wb);
    await wb.loaded;
    await settle(wb);
    type(cell(wb, 'b'), 'b', '1.25');
    await until(() => cell(wb, 's').value === 2.25, 's follows b');
    wb.text = wb.text.replace('# An inline neuron', '# An inline neuron, again').replace('h = sigmoid(s)', 'h = sigmoid(s)\nE = 0.5 * (1 - h)^2');
    await until(() => wb.querySelector('gs-cell[name="E"]') !== null, 'the new text is shown');
    await settle(wb);
    expect(reloads).to.deep.equal([[]]);
    expect(cell(wb, 's').value, 'the edit of b was kept').to.equal(2.25);
    expect(cell(wb, 'E').value as number).to.be.closeTo(0.5 * (1 - 1 / (1 + Math.exp(-2.25))) ** 2, 1e-12);
  });

  it('reads "<\\/script" back as "</script" (how a page writes it inside a script)', async () => {
    const id = freshId();
    host.innerHTML = `<gs-workbook id="${id}"><script type="text/x-gradsheet">
      # Scripts

      A page ends a script with \`<\\/script>\`.

      \`\`\`cells
      x = 1
      \`\`\`
    </script></gs-workbook>`;
    const wb = await loaded(id);
    expect(wb.querySelector('.gs-prose code')!.textContent).to.equal('</script>');
    expect(cell(wb, 'x').value).to.equal(1);
  });

  it('shows its problems with lines counted in the inline text, named by its id', async () => {
    const id = freshId();
    host.innerHTML = `<gs-workbook id="${id}"><script type="text/x-gradsheet">
      \`\`\`cells
      x = 1
      y = x +
      \`\`\`
    </script></gs-workbook>`;
    const wb = await loaded(id);
    const item = wb.querySelector('.gs-problems li code')!.textContent;
    expect(item, 'line 3 of the script, the column as the workbook reads it').to.equal(`${id}:3:8`);
  });
});

describe('<gs-cell workbook="#id">: a cell of an inline workbook elsewhere on the page', function () {
  this.timeout(60_000);
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => host.remove());

  it('names a <gs-workbook> by its id and shares its session: an edit in the cell shows in the workbook', async () => {
    const id = freshId();
    host.innerHTML = `<p>The bias: <gs-cell workbook="#${id}" name="b"></gs-cell></p>
      <gs-workbook id="${id}"><script type="text/x-gradsheet">${neuron}</script></gs-workbook>`;
    const wb = host.querySelector('gs-workbook')!;
    const b = host.querySelector('p gs-cell') as GsCell;
    await wb.loaded;
    await until(() => b.status === 'ok', 'the cell loaded');
    expect(b.session).to.equal(wb.session);
    type(b, 'b', '-0.75');
    await until(() => cell(wb, 's').value === 0.25, "the workbook's s follows the cell");
  });

  it('names the <script> of a workbook inside a <gs-workbook>: the same workbook', async () => {
    const id = freshId();
    host.innerHTML = `<gs-workbook id="${id}"><script type="text/x-gradsheet" id="${id}-text">${neuron}</script></gs-workbook>
      <gs-cell workbook="#${id}-text" name="h"></gs-cell>`;
    const wb = host.querySelector('gs-workbook')!;
    const h = host.querySelector(':scope > gs-cell') as GsCell;
    await wb.loaded;
    await until(() => h.status === 'ok', 'the cell loaded');
    expect(h.session).to.equal(wb.session);
  });

  it('names a <script> alone, for a page of cells without a <gs-workbook>; an edit changes a dependent', async () => {
    const id = freshId();
    host.innerHTML = `<script type="text/x-gradsheet" id="${id}">${neuron}</script>
      <gs-cell workbook="#${id}" name="w"></gs-cell> <gs-cell workbook="#${id}" name="s"></gs-cell>`;
    const [w, s] = [...host.querySelectorAll<GsCell>('gs-cell')];
    await until(() => w.status === 'ok' && s.status === 'ok', 'both cells loaded');
    expect(s.value).to.equal(1.25);
    type(w, 'w[1,1]', '1.5');
    await until(() => s.value === 2.25, 's follows w');
  });

  it('says in the cell what is wrong when the id names nothing a workbook can come from', async () => {
    const id = freshId();
    host.innerHTML = `<gs-cell workbook="#${id}" name="s"></gs-cell><gs-workbook id="${id}-empty"></gs-workbook>
      <gs-cell workbook="#${id}-empty" name="s"></gs-cell>`;
    const [missing, empty] = [...host.querySelectorAll<GsCell>('gs-cell')];
    const alert = (c: GsCell) => c.shadowRoot!.querySelector('[role="alert"]')?.textContent?.trim() ?? '';
    await until(() => alert(missing) !== '' && alert(empty) !== '', 'both cells say what is wrong');
    expect(alert(missing)).to.equal(
      `This page has no workbook with the id "${id}": workbook="#${id}" must name a <gs-workbook> or a <script type="text/x-gradsheet"> of the page.`,
    );
    expect(alert(empty)).to.equal(
      `The <gs-workbook id="${id}-empty"> has no workbook: give it a src attribute or a <script type="text/x-gradsheet"> with the workbook's text.`,
    );
    expect(missing.status).to.equal('error');
  });
});

describe("the README's inline workbook example", function () {
  this.timeout(60_000);

  it('renders as written, and its <gs-cell workbook="#neuron"> shows s of it', async () => {
    const readme = await (await fetch('/README.md')).text();
    const section = readme.slice(readme.indexOf('### Inline workbooks'));
    const example = /````html\n([\s\S]*?)\n````/.exec(section)![1];
    const host = document.createElement('div');
    host.innerHTML = example;
    document.body.append(host);
    try {
      const wb = host.querySelector('gs-workbook')!;
      await wb.loaded;
      await settle(wb);
      expect(wb.querySelector('.gs-problems')).to.equal(null);
      const outside = host.querySelector('p gs-cell') as GsCell;
      await until(() => outside.status === 'ok', 'the cell of the page loaded');
      expect(outside.value).to.equal(1);
      expect(cell(wb, 's').value).to.equal(1);
    } finally {
      host.remove();
    }
  });
});
