// A lecture workbook opened in the page as a student opens it, and what its tests read from it:
// cells, entries and sliders, the drawn plots (vega's datasets and SVG marks), the train block.
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import type { GsFigure } from '../../components/gs-figure.ts';
import type { GsPlot } from '../../components/gs-plot.ts';
import type { GsTrain } from '../../components/gs-train.ts';

let counter = 0;

/** A fresh <gs-workbook> (a unique URL, so it shares no session with another test), computed. */
export async function mount(path: string): Promise<GsWorkbook> {
  const wb = document.createElement('gs-workbook');
  wb.src = `/${path}?lecture-test=${++counter}`;
  document.body.append(wb);
  await wb.loaded;
  await settle(wb);
  return wb;
}

/** Every cell computed and rendered. */
export async function settle(wb: GsWorkbook): Promise<void> {
  await wb.settled();
  await Promise.all([...wb.querySelectorAll<GsCell>('gs-cell')].map((c) => c.updateComplete));
}

export function cell(wb: GsWorkbook, name: string): GsCell {
  const el = wb.querySelector<GsCell>(`gs-cell[name="${name}"]`);
  if (!el) throw new Error(`no gs-cell named ${name}`);
  return el;
}

/** An entry, slider or formula field of a cell, by its accessible name ("Theta[1,1]", "gamma slider"). */
export function control(wb: GsWorkbook, cellName: string, label: string): HTMLInputElement {
  const input = cell(wb, cellName).shadowRoot!.querySelector<HTMLInputElement>(`[aria-label="${label}"]`);
  if (!input) throw new Error(`no control "${label}" in ${cellName}`);
  return input;
}

/** Types over an input's text as a student would: focus, select all, type. */
export async function typeInto(wb: GsWorkbook, input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  input.select();
  await sendKeys({ type: text });
  await settle(wb);
}

/** Presses keys on a focused control (a slider: ArrowLeft, Home, End…). */
export async function press(wb: GsWorkbook, input: HTMLInputElement, ...keys: string[]): Promise<void> {
  input.focus();
  for (const key of keys) await sendKeys({ press: key });
  await settle(wb);
}

export const figures = (wb: GsWorkbook) => [...wb.querySelectorAll<GsFigure>('gs-figure')];

/** The k-th figure's chart, once it shows the current data. */
export async function drawn(wb: GsWorkbook, k: number): Promise<GsPlot> {
  const figure = figures(wb)[k];
  await figure.updateComplete;
  const plot = figure.plot;
  if (!plot) throw new Error(`figure ${k + 1} has no chart: ${figure.shadowRoot!.textContent}`);
  await plot.drawn;
  return plot;
}

export interface Row {
  x: number;
  y: number;
}

/** The rows vega draws for layer k of a chart. */
export const layer = (plot: GsPlot, k: number) => plot.view!.data(`layer${k}`) as Row[];

/** The SVG marks drawn for the data (not the legend's): one path per point, one per line. */
export const points = (plot: GsPlot) => plot.shadowRoot!.querySelectorAll('svg .mark-symbol.role-mark path').length;
export const lines = (plot: GsPlot) => plot.shadowRoot!.querySelectorAll('svg .mark-line.role-mark path').length;

export const trainer = (wb: GsWorkbook, k = 0) => [...wb.querySelectorAll<GsTrain>('gs-train')][k];

export function button(wb: GsWorkbook, name: 'Step' | 'Run' | 'Stop' | 'Reset', k = 0): HTMLButtonElement {
  const b = [...trainer(wb, k).shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((el) => el.textContent!.trim() === name);
  if (!b) throw new Error(`no ${name} button`);
  return b;
}

/** Sets how many steps Run takes, through the block's own field. */
export function runSteps(wb: GsWorkbook, steps: number, k = 0): void {
  const field = trainer(wb, k).shadowRoot!.querySelector<HTMLInputElement>('[aria-label="Steps per run"]')!;
  field.value = String(steps);
  field.dispatchEvent(new Event('input'));
}

/** Presses Run and waits until the run has ended; returns the trainer's state. */
export async function run(wb: GsWorkbook, k = 0) {
  const t = trainer(wb, k);
  button(wb, 'Run', k).click();
  await until(() => t.trainer!.state.status !== 'running' && t.trainer!.state.status !== 'idle', 'the run ends');
  await settle(wb);
  await t.updateComplete;
  return t.trainer!.state;
}

export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.equal(true);
}
