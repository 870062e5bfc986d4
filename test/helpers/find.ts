// What a test reads in a mounted workbook, as a student sees it: cells and their controls (by
// accessible name), entries as shown, the focused element, toolbar buttons and notices.
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsCell } from '../../components/gs-cell.ts';

export function cell(root: ParentNode, name: string): GsCell {
  const el = root.querySelector<GsCell>(`gs-cell[name="${name}"]`);
  if (!el) throw new Error(`no gs-cell named ${name}`);
  return el;
}

/** A control inside a cell by its accessible name: an entry ("b", "W1[1,2]") or a slider ("b slider"). */
export function control(root: ParentNode, cellName: string, label: string): HTMLInputElement {
  const input = cell(root, cellName).shadowRoot!.querySelector<HTMLInputElement>(`[aria-label="${label}"]`);
  if (!input) throw new Error(`no control "${label}" in ${cellName}`);
  return input;
}

/** A cell's value as a flat list of numbers. */
export function list(root: ParentNode, name: string): number[] {
  const v = cell(root, name).value as number | number[][];
  return typeof v === 'number' ? [v] : v.flat();
}

/** The entry texts of an input cell as the page shows them, row by row. */
export function shownEntries(root: ParentNode, name: string): string[][] {
  const inputs = [...cell(root, name).shadowRoot!.querySelectorAll<HTMLInputElement>('input.entry')];
  const rows: string[][] = [];
  for (const input of inputs) (rows[Number(input.dataset.row) - 1] ??= [])[Number(input.dataset.col) - 1] = input.value;
  return rows;
}

/** The element focused inside the page, through shadow roots. */
export function deepActive(doc: Document = document): Element | null {
  let el: Element | null = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** A toolbar button of a workbook, by its text. */
export function toolbarButton(wb: GsWorkbook, text: string): HTMLButtonElement {
  const b = [...wb.querySelectorAll<HTMLButtonElement>('.gs-toolbar button')].find((x) => x.textContent!.trim() === text);
  if (!b) throw new Error(`no toolbar button ${text}`);
  return b;
}

/** The workbook's notices (saved edits restored, a shared link applied…) as one line of text. */
export const noticeText = (wb: GsWorkbook) => [...wb.querySelectorAll('.gs-notice')].map((n) => n.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');

/** A button of a notice, by its text. */
export function noticeButton(wb: GsWorkbook, text: string): HTMLButtonElement {
  const b = [...wb.querySelectorAll<HTMLButtonElement>('.gs-notice button')].find((x) => x.textContent!.trim() === text);
  if (!b) throw new Error(`no notice button "${text}" in: ${noticeText(wb)}`);
  return b;
}
