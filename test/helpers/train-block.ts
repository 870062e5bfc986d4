// A ```train block of a mounted workbook (<gs-train>): its buttons, its steps per run, and a Run
// pressed and waited for.
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsTrain } from '../../components/gs-train.ts';
import { settle } from './mount.ts';
import { until } from './wait.ts';

export const trainer = (wb: GsWorkbook) => wb.querySelector<GsTrain>('gs-train')!;

/** A button of the (first) train block, by its text. */
export function button(wb: GsWorkbook, name: string): HTMLButtonElement {
  return [...trainer(wb).shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === name)!;
}

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
