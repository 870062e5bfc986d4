// A student's hands: typing over an entry, key combinations, keys on a focused control, a slider
// moved from the keyboard — through trusted keystrokes (sendKeys), as in a real browser.
import { sendKeys } from '@web/test-runner-commands';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { settle } from './mount.ts';

/** Types over an entry's text as a student would (focus, select all, type); does not wait for the sheet. */
export async function typeInto(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  input.select();
  await sendKeys({ type: text });
}

/** Types over an entry's text and waits for the sheet to recompute and render. */
export async function enter(wb: GsWorkbook, input: HTMLInputElement, text: string): Promise<void> {
  await typeInto(input, text);
  await settle(wb);
}

/** Presses a key with modifiers ("Shift+Tab", "Control+z"): sendKeys's press does not combine them. */
export async function press(combo: string): Promise<void> {
  const keys = combo.split('+');
  const key = keys.pop()!;
  for (const k of keys) await sendKeys({ down: k });
  await sendKeys({ press: key });
  for (const k of keys.reverse()) await sendKeys({ up: k });
}

/** Presses keys one after another on a control (a slider: ArrowLeft, Home, End…) and waits for the sheet. */
export async function pressOn(wb: GsWorkbook, input: HTMLInputElement, ...keys: string[]): Promise<void> {
  input.focus();
  for (const key of keys) await sendKeys({ press: key });
  await settle(wb);
}

/** Presses an arrow key on a slider, as a student moving it from the keyboard; does not wait for the sheet. */
export async function slide(input: HTMLInputElement, key: 'ArrowLeft' | 'ArrowRight', times = 1): Promise<void> {
  input.focus();
  for (let i = 0; i < times; i++) await sendKeys({ press: key });
}
