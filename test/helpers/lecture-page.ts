// What the issue-4 workbook page tests need beyond workbook-page.ts: typing and key presses that
// wait for the sheet, the data marks of a chart, and a train block's Run (with its step count).
import { sendKeys } from '@web/test-runner-commands';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsPlot } from '../../components/gs-plot.ts';
import { button, marks, mountWorkbook, settle, train as trainer, typeInto as type, until } from './workbook-page.ts';

export { cell, control, drawn, figures, rows as layer, train as trainer } from './workbook-page.ts';

/** A fresh workbook element, with every cell computed and rendered. */
export async function mount(path: string): Promise<GsWorkbook> {
  const wb = await mountWorkbook(path);
  await settle(wb);
  return wb;
}

/** Types over an entry's text as a student would, and waits for the sheet to recompute. */
export async function typeInto(wb: GsWorkbook, input: HTMLInputElement, text: string): Promise<void> {
  await type(input, text);
  await settle(wb);
}

/** Presses keys on a focused control (a slider: ArrowLeft, Home, End…) and waits for the sheet. */
export async function press(wb: GsWorkbook, input: HTMLInputElement, ...keys: string[]): Promise<void> {
  input.focus();
  for (const key of keys) await sendKeys({ press: key });
  await settle(wb);
}

/** The SVG marks drawn for the data (not the legend's): one path per point, one per line. */
export const points = (plot: GsPlot) => marks(plot, 'symbol');
export const lines = (plot: GsPlot) => marks(plot, 'line');

/** Sets how many steps Run takes, through the block's own field. */
export function runSteps(wb: GsWorkbook, steps: number): void {
  const field = trainer(wb).shadowRoot!.querySelector<HTMLInputElement>('[aria-label="Steps per run"]')!;
  field.value = String(steps);
  field.dispatchEvent(new Event('input'));
}

/** Presses Run and waits until the run has ended; returns the trainer's state. */
export async function run(wb: GsWorkbook) {
  const t = trainer(wb);
  button(wb, 'Run').click();
  await until(() => t.trainer!.state.status !== 'running' && t.trainer!.state.status !== 'idle', 'the run ends');
  await settle(wb);
  await t.updateComplete;
  return t.trainer!.state;
}
