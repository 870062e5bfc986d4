// Spreadsheet habits in the matrix grids, driven through Chromium's keyboard as a student would:
// arrow keys, Enter, Tab, Escape, typing over, F2; pasting a block copied from a spreadsheet;
// copying a matrix out as tab-separated text and as LaTeX.
import { expect } from 'chai';
import { a11ySnapshot, findAccessibilityNode, sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { expectSignificant, expectValue } from '../helpers/numbers.ts';
import { workbookPath } from '../helpers/lecture.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell, control, deepActive, shownEntries } from '../helpers/find.ts';
import { press } from '../helpers/keys.ts';

const focused = () => deepActive()?.getAttribute('aria-label');

/** A paste of `text` into an entry, as the browser dispatches it (a ClipboardEvent carrying a DataTransfer). */
function paste(input: HTMLInputElement, text: string): boolean {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
  input.focus();
  return input.dispatchEvent(event);
}

describe('matrix grids, by keyboard', () => {
  let wb: GsWorkbook;
  beforeEach(async () => {
    wb = await mount(workbookPath);
  });
  afterEach(() => wb.remove());

  it('moves between entries with the arrow keys, and stops at the edges', async () => {
    control(wb, 'Theta1', 'Theta1[1,1]').focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(focused()).to.equal('Theta1[1,2]');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal('Theta1[2,2]');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(), 'no row below').to.equal('Theta1[2,2]');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused(), 'no column left of the first').to.equal('Theta1[2,1]');
    await sendKeys({ press: 'ArrowUp' });
    expect(focused()).to.equal('Theta1[1,1]');
    await press('Control+End');
    expect(focused()).to.equal('Theta1[2,3]');
  });

  it('moves the caret inside a text being edited, and on to the next entry from its end', async () => {
    const entry = control(wb, 'Theta1', 'Theta1[1,2]');
    entry.focus();
    await sendKeys({ press: 'F2' });
    expect(entry.selectionStart).to.equal(3);
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused(), 'the caret moved, not the focus').to.equal('Theta1[1,2]');
    expect(entry.selectionStart).to.equal(2);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(focused()).to.equal('Theta1[1,3]');
  });

  it('types over a focused entry, Enter moves down, Tab moves right, and values recompute', async () => {
    control(wb, 'Theta1', 'Theta1[1,3]').focus();
    await sendKeys({ type: '1.5' });
    await sendKeys({ press: 'Enter' });
    expect(focused()).to.equal('Theta1[2,3]');
    await sendKeys({ type: '0.25' });
    await press('Shift+Enter');
    expect(focused()).to.equal('Theta1[1,3]');
    await settle(wb);
    expect(shownEntries(wb, 'Theta1')).to.deep.equal([
      ['1.2', '2.1', '1.5'],
      ['-0.3', '-0.7', '0.25'],
    ]);
    expect(cell(wb, 'Theta1').value).to.deep.equal([
      [1.2, 2.1, 1.5],
      [-0.3, -0.7, 0.25],
    ]);
    const s1 = cell(wb, 's1').value as number[][];
    expectValue(s1[2][0], 1.5 - 0.125, 12, 's1[3]');

    control(wb, 'Theta1', 'Theta1[1,2]').focus();
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('Theta1[1,3]');
    await sendKeys({ press: 'Tab' });
    expect(focused(), 'Tab goes on to the next row').to.equal('Theta1[2,1]');
    await press('Shift+Tab');
    expect(focused()).to.equal('Theta1[1,3]');
    control(wb, 'Theta1', 'Theta1[2,3]').focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(), 'past the last entry, Tab leaves the grid').to.not.match(/^Theta1\[/);
  });

  it('Escape puts back the text the entry had when it was focused, and leaves nothing to undo', async () => {
    const entry = control(wb, 'Theta2', 'Theta2[2,1]');
    entry.focus();
    await sendKeys({ type: '7' });
    await settle(wb);
    expect(cell(wb, 'Theta2').value).to.deep.equal([[-0.2], [7], [1.3]]);
    await sendKeys({ press: 'Escape' });
    await settle(wb);
    expect(entry.value).to.equal('0.5');
    expect(cell(wb, 'Theta2').value).to.deep.equal([[-0.2], [0.5], [1.3]]);
    expect(wb.tools.store!.history.canUndo).to.equal(false);
    expect(entry.selectionStart === 0 && entry.selectionEnd === 3, 'the text is selected, ready to type over').to.equal(true);
  });

  it('shows the focused entry clearly: an outline and a tinted background', async () => {
    const entry = control(wb, 'x', 'x[2,1]');
    const before = getComputedStyle(entry).backgroundColor;
    entry.focus();
    const style = getComputedStyle(entry);
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    expect(style.backgroundColor).to.not.equal(before);
  });

  it('is an ARIA grid of textboxes with one entry in the tab order', async () => {
    const table = cell(wb, 'Theta1').shadowRoot!.querySelector('table')!;
    expect(table.getAttribute('role')).to.equal('grid');
    expect(table.getAttribute('aria-label')).to.equal('Theta1');
    expect([...table.querySelectorAll('input')].map((i) => i.tabIndex)).to.deep.equal([0, -1, -1, -1, -1, -1]);
    control(wb, 'Theta1', 'Theta1[2,2]').focus();
    await cell(wb, 'Theta1').updateComplete;
    expect([...table.querySelectorAll('input')].map((i) => i.tabIndex)).to.deep.equal([-1, -1, -1, -1, 0, -1]);
    expect([...table.querySelectorAll('tr')].every((tr) => tr.getAttribute('role') === 'row')).to.equal(true);
    expect([...table.querySelectorAll('td')].every((td) => td.getAttribute('role') === 'gridcell' && td.querySelectorAll('input').length === 1)).to.equal(true);
    const snapshot = await a11ySnapshot({});
    const box = findAccessibilityNode(snapshot as never, (n: { role?: string; name?: string }) => n.role === 'textbox' && n.name === 'Theta1[2,2]');
    expect(box, 'its entries are textboxes named NAME[i,j]').to.not.equal(null);
  });
});

describe('long numbers in entries', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount(workbookPath)));
  afterEach(() => wb.remove());

  it('shows a long number with its digits and exponent, the whole text when focused, and never changes it', async () => {
    const entry = control(wb, 'Theta1', 'Theta1[1,1]');
    entry.focus();
    await sendKeys({ type: '5.551115123125783e-17' });
    await press('Tab');
    await settle(wb);
    expect(cell(wb, 'Theta1').value).to.deep.equal([
      [5.551115123125783e-17, 2.1, -1.5],
      [-0.3, -0.7, 0.3],
    ]);
    expect(entry.value, 'not being edited').to.equal('5.5511e-17');
    expect(entry.title).to.equal('Theta1[1,1] = 5.551115123125783e-17');
    expect(entry.scrollWidth, 'the shown text fits its box').to.be.at.most(entry.clientWidth);
    await press('Shift+Tab');
    await cell(wb, 'Theta1').updateComplete;
    expect(deepActive()).to.equal(entry);
    expect(entry.value, 'focused: the whole text').to.equal('5.551115123125783e-17');
    await sendKeys({ press: 'Escape' });
    await press('Tab');
    await settle(wb);
    expect(shownEntries(wb, 'Theta1')[0][0]).to.equal('5.5511e-17');
    expect(cell(wb, 'Theta1').value).to.deep.equal([
      [5.551115123125783e-17, 2.1, -1.5],
      [-0.3, -0.7, 0.3],
    ]);
  });

  it('shows trained weights readably after a training Step: every shown entry is its value to five digits', async () => {
    const trainer = wb.querySelector('gs-train')!;
    [...trainer.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Step')!.click();
    await settle(wb);
    const values = (cell(wb, 'Theta1').value as number[][]).flat();
    const shown = shownEntries(wb, 'Theta1').flat();
    shown.forEach((text, k) => {
      expect(text.length, text).to.be.at.most(10);
      expectSignificant(Number(text), values[k], 5, `Theta1 entry ${k + 1}`);
    });
  });
});

describe('pasting a block from a spreadsheet', () => {
  let wb: GsWorkbook;
  beforeEach(async () => {
    wb = await mount(workbookPath);
  });
  afterEach(() => wb.remove());

  it('pastes an Excel block (\\r\\n, trailing line break) at the focused entry as one edit', async () => {
    const changes: CustomEvent[] = [];
    wb.addEventListener('gs-change', (e) => changes.push(e as CustomEvent));
    const entry = control(wb, 'Theta1', 'Theta1[1,1]');
    const notCancelled = paste(entry, '0.5\t-1\t2\r\n1\t0\t-0.25\r\n');
    expect(notCancelled, 'the browser does not paste the text into the entry itself').to.equal(false);
    await settle(wb);
    expect(shownEntries(wb, 'Theta1')).to.deep.equal([
      ['0.5', '-1', '2'],
      ['1', '0', '-0.25'],
    ]);
    expect(cell(wb, 'Theta1').value).to.deep.equal([
      [0.5, -1, 2],
      [1, 0, -0.25],
    ]);
    expect(cell(wb, 's1').value).to.deep.equal([[0], [-1], [2.125]]);
    expect(changes).to.have.length(1);
    expect(changes[0].detail).to.deep.include({ name: 'Theta1', kind: 'entry', row: 1, col: 1 });
    expect(changes[0].detail.value).to.deep.equal([
      [0.5, -1, 2],
      [1, 0, -0.25],
    ]);
    expect(cell(wb, 'Theta1').shadowRoot!.querySelector('.grid-message')!.textContent).to.equal('Pasted 2×3 at [1,1].');
    // One edit: one undo puts the whole matrix back.
    wb.tools.undo();
    await settle(wb);
    expect(shownEntries(wb, 'Theta1')).to.deep.equal([
      ['1.2', '2.1', '-1.5'],
      ['-0.3', '-0.7', '0.3'],
    ]);
  });

  it('says what did not fit when the block has another shape (a 3×2 column block into Θ1 at [1,2])', async () => {
    paste(control(wb, 'Theta1', 'Theta1[1,2]'), '1\t2\n3\t4\n5\t6\n');
    await settle(wb);
    expect(shownEntries(wb, 'Theta1')).to.deep.equal([
      ['1.2', '1', '2'],
      ['-0.3', '3', '4'],
    ]);
    const message = cell(wb, 'Theta1').shadowRoot!.querySelector('[role=status].grid-message')!.textContent;
    expect(message).to.equal('3×2 pasted into a 2×3 matrix at [1,2]: 1 row did not fit (2 entries left out).');
    // Typing again clears the message.
    control(wb, 'Theta1', 'Theta1[1,1]').focus();
    await sendKeys({ type: '9' });
    await settle(wb);
    expect(cell(wb, 'Theta1').shadowRoot!.querySelector('.grid-message')!.textContent).to.equal('');
  });

  it('pastes the top of a 300,000×1 column into Θ2, says what was left out, and replaces the earlier message', async () => {
    const status = () => cell(wb, 'Theta2').shadowRoot!.querySelector('[role=status].grid-message')!.textContent;
    paste(control(wb, 'Theta2', 'Theta2[1,1]'), '1\t2\n3\t4\n');
    await settle(wb);
    expect(status()).to.equal('2×2 pasted into a 3×1 matrix at [1,1]: 1 column did not fit (2 entries left out).');
    const column = Array.from({ length: 300_000 }, (_, i) => String((i % 7) / 10)).join('\n');
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    try {
      paste(control(wb, 'Theta2', 'Theta2[1,1]'), column);
      await settle(wb);
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors, 'no "Maximum call stack size exceeded"').to.deep.equal([]);
    expect(cell(wb, 'Theta2').value).to.deep.equal([[0], [0.1], [0.2]]);
    expect(status()).to.equal('300000×1 pasted into a 3×1 matrix at [1,1]: 299997 rows did not fit (299997 entries left out).');
  });

  it('refuses a clipboard larger than a paste may be, with a message, and leaves the entries as they were', async () => {
    const before = shownEntries(wb, 'Theta2');
    paste(control(wb, 'Theta2', 'Theta2[1,1]'), '1\n'.repeat(5_000_001));
    await settle(wb);
    expect(shownEntries(wb, 'Theta2')).to.deep.equal(before);
    expect(cell(wb, 'Theta2').shadowRoot!.querySelector('[role=status].grid-message')!.textContent).to.equal(
      'Nothing pasted: the clipboard holds 10,000,002 characters, more than the 10,000,000 a paste may have.',
    );
  });

  it('pastes a Google Sheets column (no trailing line break) into a vector, and a single value as typing', async () => {
    paste(control(wb, 'Theta2', 'Theta2[1,1]'), '0.1\n0.2\n0.3');
    await settle(wb);
    expect(cell(wb, 'Theta2').value).to.deep.equal([[0.1], [0.2], [0.3]]);
    const y = control(wb, 'y', 'y');
    expect(paste(y, '0.5'), 'a single value is left to the browser').to.equal(true);
  });
});

describe('copying a matrix out', () => {
  let wb: GsWorkbook;
  let written: string[];
  const clipboard = navigator.clipboard;
  const original = clipboard.writeText;
  beforeEach(async () => {
    wb = await mount(workbookPath);
    written = [];
    // Capture what is written to the clipboard.
    Object.defineProperty(clipboard, 'writeText', { configurable: true, value: async (text: string) => void written.push(text) });
  });
  afterEach(() => {
    Object.defineProperty(clipboard, 'writeText', { configurable: true, value: original });
    wb.remove();
  });

  const button = (name: string, label: string) => cell(wb, name).shadowRoot!.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;

  it('copies an input matrix as tab-separated values and as a LaTeX bmatrix', async () => {
    button('Theta1', 'Copy Theta1 as TSV').click();
    await new Promise((r) => setTimeout(r, 0));
    expect(written).to.deep.equal(['1.2\t2.1\t-1.5\n-0.3\t-0.7\t0.3']);
    button('Theta1', 'Copy Theta1 as LaTeX').click();
    await new Promise((r) => setTimeout(r, 0));
    expect(written[1]).to.equal('\\begin{bmatrix}\n  1.2 & 2.1 & -1.5 \\\\\n  -0.3 & -0.7 & 0.3\n\\end{bmatrix}');
    await cell(wb, 'Theta1').updateComplete;
    expect(cell(wb, 'Theta1').shadowRoot!.querySelector('.copy-message')!.textContent).to.equal('Copied Theta1 as LaTeX.');
  });

  it('copies the computed value of a formula cell, full precision in TSV and six digits in LaTeX', async () => {
    button('h1', 'Copy h1 as TSV').focus();
    await sendKeys({ press: 'Enter' });
    await new Promise((r) => setTimeout(r, 0));
    const rows = written[0].split('\n').map(Number);
    expect(rows).to.deep.equal((cell(wb, 'h1').value as number[][]).map((r) => r[0]));
    button('h1', 'Copy h1 as LaTeX').click();
    await new Promise((r) => setTimeout(r, 0));
    expect(written[1]).to.equal('\\begin{bmatrix}\n  0.79413 \\\\\n  0.920561 \\\\\n  0.161109\n\\end{bmatrix}');
  });

  it('offers no copy buttons for a number, and says when the clipboard refuses', async () => {
    expect(cell(wb, 'E').shadowRoot!.querySelector('.copy') === null, 'no copy buttons for a number').to.equal(true);
    Object.defineProperty(clipboard, 'writeText', {
      configurable: true,
      value: async () => {
        throw new DOMException('Write permission denied.', 'NotAllowedError');
      },
    });
    const copyCommand = document.execCommand;
    document.execCommand = () => false;
    try {
      button('Theta2', 'Copy Theta2 as TSV').click();
      await new Promise((r) => setTimeout(r, 0));
      await cell(wb, 'Theta2').updateComplete;
      expect(cell(wb, 'Theta2').shadowRoot!.querySelector('.copy-message')!.textContent).to.equal('Could not copy: Write permission denied.');
    } finally {
      document.execCommand = copyCommand;
    }
  });
});
