// Browser-test helpers: a <gs-workbook> mounted in the test page (from a file or from text), its
// cells and controls, and the gallery page in an <iframe> (for real reloads and whole-page checks).
import { sendKeys } from '@web/test-runner-commands';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsCell } from '../../components/gs-cell.ts';

let counter = 0;

/** A unique suffix per test run (localStorage may outlive one test file, never one run). */
export const runId = Math.random().toString(36).slice(2, 8);

/** Mounts a workbook (a path, or the workbook's text) at a URL no other test uses. */
export async function mount(pathOrText: string, options: { text?: boolean } = {}): Promise<GsWorkbook> {
  const wb = document.createElement('gs-workbook');
  wb.src = options.text
    ? URL.createObjectURL(new Blob([pathOrText], { type: 'text/markdown' }))
    : `/${pathOrText}?page-test=${runId}-${++counter}`;
  document.body.append(wb);
  await wb.loaded;
  await settle(wb);
  return wb;
}

export async function settle(wb: GsWorkbook): Promise<void> {
  await wb.settled();
  await Promise.all([...wb.querySelectorAll<GsCell>('gs-cell')].map((c) => c.updateComplete));
  await wb.updateComplete;
}

export function cellOf(root: ParentNode, name: string): GsCell {
  const el = root.querySelector<GsCell>(`gs-cell[name="${name}"]`);
  if (!el) throw new Error(`no gs-cell named ${name}`);
  return el;
}

/** A control inside a cell, by its accessible name (aria-label). */
export function controlOf(root: ParentNode, cellName: string, label: string): HTMLInputElement {
  const input = cellOf(root, cellName).shadowRoot!.querySelector<HTMLInputElement>(`[aria-label="${label}"]`);
  if (!input) throw new Error(`no control "${label}" in ${cellName}`);
  return input;
}

/** The entry texts of an input cell as the page shows them, row by row. */
export function shownEntries(root: ParentNode, name: string): string[][] {
  const inputs = [...cellOf(root, name).shadowRoot!.querySelectorAll<HTMLInputElement>('input.entry')];
  const rows: string[][] = [];
  for (const input of inputs) (rows[Number(input.dataset.row) - 1] ??= [])[Number(input.dataset.col) - 1] = input.value;
  return rows;
}

/** Presses a key with modifiers ("Shift+Tab", "Control+z"): sendKeys's press does not combine them. */
export async function press(combo: string): Promise<void> {
  const keys = combo.split('+');
  const key = keys.pop()!;
  for (const k of keys) await sendKeys({ down: k });
  await sendKeys({ press: key });
  for (const k of keys.reverse()) await sendKeys({ up: k });
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

/** Opens a page of the site in an iframe and waits until its <gs-workbook> (if any) is computed. */
export async function openFrame(src: string, size = { width: 1100, height: 900 }): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.width = `${size.width}px`;
  frame.style.height = `${size.height}px`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = src;
  document.body.append(frame);
  await loaded;
  await frameReady(frame);
  return frame;
}

/** Waits for the frame's workbook to be loaded and computed (or for the gallery's list). */
export async function frameReady(frame: HTMLIFrameElement): Promise<void> {
  const doc = frame.contentDocument!;
  const win = frame.contentWindow as Window & typeof globalThis;
  for (let i = 0; i < 400; i++) {
    const wb = doc.querySelector('gs-workbook') as GsWorkbook | null;
    if (wb && 'loaded' in wb) {
      await wb.loaded;
      await settle(wb);
      // Plots draw after their data (vega loads lazily): wait for every chart to be drawn.
      const holders = [...wb.querySelectorAll<HTMLElement & { updateComplete: Promise<unknown> }>('gs-figure, gs-train')];
      await Promise.all(holders.map((h) => h.updateComplete));
      const plots = holders.flatMap((h) => [...(h.shadowRoot?.querySelectorAll<HTMLElement & { drawn: Promise<void> }>('gs-plot') ?? [])]);
      await Promise.all(plots.map((p) => p.drawn));
      return;
    }
    if (doc.querySelector('gs-gallery ol.gs-list')) return;
    await new Promise((r) => win.setTimeout(r, 25));
  }
  throw new Error(`${frame.src} did not load a workbook`);
}

/** Reloads the frame's page and waits for it to be ready again. */
export async function reloadFrame(frame: HTMLIFrameElement): Promise<void> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.contentWindow!.location.reload();
  await loaded;
  await frameReady(frame);
}

/** Navigates the frame to another address and waits for it to be ready. */
export async function navigateFrame(frame: HTMLIFrameElement, href: string): Promise<void> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.contentWindow!.location.href = href;
  await loaded;
  await frameReady(frame);
}
