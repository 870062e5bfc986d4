// A page of the site in an <iframe>, for what only a whole page has: real reloads, navigation,
// two tabs sharing localStorage. Each waits until the frame's workbook (or the gallery) is ready.
import { sendKeys } from '@web/test-runner-commands';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { settle } from './mount.ts';
import { control } from './find.ts';

/** The gallery page opened on a workbook of workbooks/ (a file name, with a query if any). */
export const galleryPage = (workbook: string) => `/index.html?w=${encodeURIComponent(workbook)}`;

/** The frame's <gs-workbook>. */
export const frameWorkbook = (frame: HTMLIFrameElement) => frame.contentDocument!.querySelector('gs-workbook') as GsWorkbook;

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

/** Types into a control of a cell in a frame as a student would (then a key, if given), and waits for its sheet. */
export async function typeIn(frame: HTMLIFrameElement, cellName: string, label: string, text: string, press?: string): Promise<void> {
  frame.contentWindow!.focus();
  const input = control(frameWorkbook(frame), cellName, label);
  input.focus();
  input.select();
  await sendKeys({ type: text });
  if (press) await sendKeys({ press });
  await settle(frameWorkbook(frame));
}
