// A workbook of workbooks/ as a student meets it: a <gs-workbook> in the page, its cells, its
// plots (vega views and SVG marks), and typing and sliding through the real controls.
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import type { GsFigure } from '../../components/gs-figure.ts';
import type { GsPlot } from '../../components/gs-plot.ts';
import type { GsTrain } from '../../components/gs-train.ts';
import type { PlotRow } from '../../src/plot/compile.ts';
import { runId } from './page.ts';

let counter = 0;

/**
 * A fresh workbook element at a URL no other test uses (its session and its saved edits are its
 * own: localStorage is shared by every test file of a run, so the URL carries the run's id).
 */
export async function mountWorkbook(path: string): Promise<GsWorkbook> {
  const wb = document.createElement('gs-workbook');
  wb.src = `/${path}?page-test=${runId}-w${++counter}`;
  document.body.append(wb);
  await wb.loaded;
  await wb.settled();
  return wb;
}

export function cell(wb: GsWorkbook, name: string): GsCell {
  const el = wb.querySelector<GsCell>(`gs-cell[name="${name}"]`);
  if (!el) throw new Error(`no gs-cell named ${name}`);
  return el;
}

/** A cell's value as a flat list of numbers. */
export function list(wb: GsWorkbook, name: string): number[] {
  const v = cell(wb, name).value as number | number[][];
  return typeof v === 'number' ? [v] : v.flat();
}

/** An entry (accessible name "b", "W1[1,2]") or a slider ("b slider") of a cell. */
export function control(wb: GsWorkbook, cellName: string, label: string): HTMLInputElement {
  const input = cell(wb, cellName).shadowRoot!.querySelector<HTMLInputElement>(`[aria-label="${label}"]`);
  if (!input) throw new Error(`no control "${label}" in ${cellName}`);
  return input;
}

/** Types over an entry's text as a student would: focus, select all, type. */
export async function typeInto(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  input.select();
  await sendKeys({ type: text });
}

/** Presses a key on a slider, as a student moving it from the keyboard. */
export async function slide(input: HTMLInputElement, key: 'ArrowLeft' | 'ArrowRight', times = 1): Promise<void> {
  input.focus();
  for (let i = 0; i < times; i++) await sendKeys({ press: key });
}

export async function settle(wb: GsWorkbook): Promise<void> {
  await wb.settled();
  await Promise.all([...wb.querySelectorAll<GsCell>('gs-cell')].map((c) => c.updateComplete));
}

export const figures = (wb: GsWorkbook) => [...wb.querySelectorAll<GsFigure>('gs-figure')];

/** The k-th figure's chart once it shows the current data; fails if the figure shows an error. */
export async function drawn(wb: GsWorkbook, k: number): Promise<GsPlot> {
  await settle(wb);
  const figure = figures(wb)[k];
  await figure.updateComplete;
  const alert = figure.shadowRoot!.querySelector('[role=alert]');
  expect(alert, `figure ${k + 1}: ${alert?.textContent}`).to.equal(null);
  const plot = figure.plot!;
  await plot.drawn;
  return plot;
}

/** The rows vega holds for a layer of a chart. */
export const rows = (plot: GsPlot, layer: number) => plot.view!.data(`layer${layer}`) as PlotRow[];

/** How many SVG marks of a kind the chart draws for its data (not its legend): rects, symbols, line paths. */
export function marks(plot: GsPlot, kind: 'rect' | 'symbol' | 'line'): number {
  return plot.shadowRoot!.querySelectorAll(`svg .mark-${kind}.role-mark path`).length;
}

export const train = (wb: GsWorkbook) => wb.querySelector<GsTrain>('gs-train')!;

export function button(wb: GsWorkbook, name: string): HTMLButtonElement {
  return [...train(wb).shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === name)!;
}

export async function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  for (let t = 0; t < ms && !condition(); t += 10) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.equal(true);
}
