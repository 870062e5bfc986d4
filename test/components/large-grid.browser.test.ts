// A 256×256 editable matrix in Chromium, driven as a student would: it renders only the entries
// in view (and a margin), keeps the ARIA grid's shape and every entry's accessible name, and the
// keys, paste, copy, typing and undo work across the whole matrix, rendered or not. The
// workbook (~330 KB) is generated here rather than committed.
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell, control, deepActive } from '../helpers/find.ts';
import { press } from '../helpers/keys.ts';

const n = 256;
/** Entry (i, j), 1-based: small integers, so every sum is exact. */
const entry = (i: number, j: number) => ((i * 7 + j * 3) % 11) - 5;
const literal = '[' + Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => entry(i + 1, j + 1)).join(', ')).join('; ') + ']';
const workbook = ['# A large matrix', '', '```cells', `A = ${literal}`, 's = sum(A)', 'B = 2 * A', '```', ''].join('\n');
let total = 0;
for (let i = 1; i <= n; i++) for (let j = 1; j <= n; j++) total += entry(i, j);

const focused = () => deepActive()?.getAttribute('aria-label');
const frames = (k = 2) =>
  new Promise<void>((resolve) => {
    const tick = () => (--k <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  });

describe('a 256×256 editable matrix', () => {
  let wb: GsWorkbook;
  const root = () => cell(wb, 'A').shadowRoot!;
  const rendered = (label: string) => root().querySelector(`input[aria-label="${label}"]`) !== null;
  const viewport = () => root().querySelector<HTMLElement>('.viewport')!;

  beforeEach(async function () {
    this.timeout(60_000);
    wb = await mount(workbook, { text: true });
  });
  afterEach(() => {
    const store = wb.tools.store!;
    store.flush();
    localStorage.removeItem(store.persistence.key);
    wb.remove();
  });

  it('renders far fewer than its 65,536 entries, as an ARIA grid of the whole matrix', () => {
    const inputs = root().querySelectorAll('input.entry');
    expect(inputs.length).to.be.above(50).and.below(1000);
    const grid = root().querySelector('[role="grid"]')!;
    expect(grid.getAttribute('aria-label')).to.equal('A');
    expect(grid.getAttribute('aria-rowcount')).to.equal('256');
    expect(grid.getAttribute('aria-colcount')).to.equal('256');
    const first = control(wb, 'A', 'A[1,1]');
    expect(first.value).to.equal(String(entry(1, 1)));
    expect(first.tabIndex).to.equal(0);
    expect(first.closest('[role="gridcell"]')!.getAttribute('aria-colindex')).to.equal('1');
    expect(first.closest('[role="row"]')!.getAttribute('aria-rowindex')).to.equal('1');
    expect([...grid.querySelectorAll('[role="row"]')].every((r) => r.querySelectorAll('[role="gridcell"]').length > 0)).to.equal(true);
    expect(cell(wb, 's').value).to.equal(total);
  });

  it('renders [256,256] with its accessible name when scrolled to the bottom-right', async () => {
    expect(rendered('A[256,256]')).to.equal(false);
    const v = viewport();
    v.scrollTop = v.scrollHeight;
    v.scrollLeft = v.scrollWidth;
    await frames(3);
    await cell(wb, 'A').updateComplete;
    const last = control(wb, 'A', 'A[256,256]');
    expect(last.value).to.equal(String(entry(256, 256)));
    expect(last.closest('[role="row"]')!.getAttribute('aria-rowindex')).to.equal('256');
    expect(last.closest('[role="gridcell"]')!.getAttribute('aria-colindex')).to.equal('256');
    expect(rendered('A[100,100]'), 'the middle is not rendered').to.equal(false);
    expect(root().querySelectorAll('input.entry').length).to.be.below(1000);
    // The entry in the tab order stays rendered, so Tab still reaches the grid.
    expect(control(wb, 'A', 'A[1,1]').tabIndex).to.equal(0);
  });

  it('moves across entries that are not rendered with the arrow keys, Tab, Ctrl+End and Ctrl+Home', async () => {
    control(wb, 'A', 'A[1,1]').focus();
    await press('Control+End');
    expect(focused()).to.equal('A[256,256]');
    await sendKeys({ press: 'ArrowUp' });
    expect(focused()).to.equal('A[255,256]');
    await sendKeys({ press: 'Tab' });
    expect(focused(), 'Tab goes on to the first entry of the next row').to.equal('A[256,1]');
    await press('Control+Home');
    expect(focused()).to.equal('A[1,1]');
    for (let k = 0; k < 30; k++) await sendKeys({ press: 'ArrowDown' });
    for (let k = 0; k < 12; k++) await sendKeys({ press: 'ArrowRight' });
    expect(focused()).to.equal('A[31,13]');
    await frames(2);
    const box = control(wb, 'A', 'A[31,13]').getBoundingClientRect(),
      view = viewport().getBoundingClientRect();
    expect(box.top >= view.top && box.bottom <= view.bottom && box.left >= view.left && box.right <= view.right, 'scrolled into view').to.equal(true);
    expect(root().querySelectorAll('input.entry').length).to.be.below(1000);
  });

  it('recomputes a dependent when an entry is typed into, and undoes and redoes it as one step', async () => {
    const changes: CustomEvent[] = [];
    wb.addEventListener('gs-change', (e) => changes.push(e as CustomEvent));
    control(wb, 'A', 'A[1,1]').focus();
    await press('Control+End');
    await sendKeys({ type: '1000' });
    await settle(wb);
    const expected = total - entry(256, 256) + 1000;
    expect(cell(wb, 's').value).to.equal(expected);
    expect(changes.at(-1)!.detail).to.deep.include({ name: 'A', kind: 'entry', row: 256, col: 256, text: '1000' });
    expect((changes.at(-1)!.detail.value as number[][])[255][255]).to.equal(1000);
    const history: string[] = [];
    wb.addEventListener('gs-history', (e) => history.push(`${(e as CustomEvent).detail.action} ${(e as CustomEvent).detail.label}`));
    wb.tools.undo();
    await settle(wb);
    expect(control(wb, 'A', 'A[256,256]').value).to.equal(String(entry(256, 256)));
    expect(cell(wb, 's').value).to.equal(total);
    wb.tools.redo();
    await settle(wb);
    expect(control(wb, 'A', 'A[256,256]').value).to.equal('1000');
    expect(cell(wb, 's').value).to.equal(expected);
    expect(history).to.deep.equal(['undo A[256,256]', 'redo A[256,256]']);
  });

  it('pastes a block at its bottom-right edge, saying what did not fit', async () => {
    control(wb, 'A', 'A[1,1]').focus();
    await press('Control+End');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowLeft' });
    const at = control(wb, 'A', 'A[255,255]');
    expect(deepActive()).to.equal(at);
    const data = new DataTransfer();
    data.setData('text/plain', '1\t2\t3\n4\t5\t6\n');
    at.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
    await settle(wb);
    expect(['A[255,255]', 'A[255,256]', 'A[256,255]', 'A[256,256]'].map((l) => control(wb, 'A', l).value)).to.deep.equal(['1', '2', '4', '5']);
    expect(cell(wb, 's').value).to.equal(total - entry(255, 255) - entry(255, 256) - entry(256, 255) - entry(256, 256) + 12);
    expect(root().querySelector('.grid-message')!.textContent).to.equal(
      '2×3 pasted into a 256×256 matrix at [255,255]: 1 column did not fit (2 entries left out).',
    );
  });

  it('shows all of a 256×256 value on request, rendering only the part in view', async () => {
    const b = cell(wb, 'B').shadowRoot!;
    expect(b.querySelectorAll('table.matrix td').length, 'first and last rows and columns').to.equal(12 * 10);
    [...b.querySelectorAll('button')].find((x) => x.textContent === 'Show all 256×256')!.click();
    await cell(wb, 'B').updateComplete;
    const table = b.querySelector('[role="table"]')!;
    expect(table.getAttribute('aria-label')).to.equal('B value');
    expect(table.getAttribute('aria-rowcount')).to.equal('256');
    const cells = table.querySelectorAll('[role="cell"]');
    expect(cells.length).to.be.above(50).and.below(1000);
    expect(cells[0].textContent!.replace('−', '-')).to.equal(String(2 * entry(1, 1)));
    const v = b.querySelector<HTMLElement>('.viewport')!;
    v.scrollTop = v.scrollHeight;
    await frames(3);
    await cell(wb, 'B').updateComplete;
    const last = [...table.querySelectorAll('[role="row"][aria-rowindex="256"] [role="cell"]')];
    expect(last.length).to.be.above(0);
    expect(last[0].getAttribute('aria-colindex')).to.equal('1');
    expect(last[0].textContent!.replace('−', '-')).to.equal(String(2 * entry(256, 1)));
    [...b.querySelectorAll('button')].find((x) => x.textContent === 'Show less')!.click();
    await cell(wb, 'B').updateComplete;
    expect(b.querySelectorAll('table.matrix td').length).to.equal(12 * 10);
  });

  it('copies the whole matrix as tab-separated values', async () => {
    const clipboard = navigator.clipboard;
    const original = clipboard.writeText;
    const written: string[] = [];
    Object.defineProperty(clipboard, 'writeText', { configurable: true, value: async (text: string) => void written.push(text) });
    try {
      root().querySelector<HTMLButtonElement>('button[aria-label="Copy A as TSV"]')!.click();
      await new Promise((r) => setTimeout(r, 0));
    } finally {
      Object.defineProperty(clipboard, 'writeText', { configurable: true, value: original });
    }
    const rows = written[0].split('\n').map((r) => r.split('\t').map(Number));
    expect(rows.length).to.equal(256);
    expect(rows.every((r) => r.length === 256)).to.equal(true);
    expect(rows[255][255]).to.equal(entry(256, 256));
    expect(rows[100][37]).to.equal(entry(101, 38));
  });
});
