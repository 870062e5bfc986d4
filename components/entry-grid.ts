// The editable grid of an input cell: one <input> per entry, named "NAME[i,j]" (a scalar:
// "NAME"), each showing its text exactly as typed and marked when it is not a number.

import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Session } from '../src/reactive/session.ts';
import type { Comparison } from '../src/graph/expect.ts';
import type { SliderSpec } from '../src/format/spec.ts';

export interface EntryGridOptions {
  session: Session;
  name: string;
  /** A range control beside a scalar entry, kept in step with it. */
  slider?: SliderSpec;
  comparison: Comparison | undefined;
  onInput(row: number, col: number, text: string): void;
  onKey(e: KeyboardEvent, row: number, col: number): void;
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k + 1);
}

export function entryGrid({ session, name, slider, comparison, onInput, onKey }: EntryGridOptions) {
  const [rows, cols] = session.entryShape(name);
  const scalar = rows === 1 && cols === 1;
  const entry = (i: number, j: number) => {
    const err = session.entryError(name, i, j);
    const text = session.entryText(name, i, j);
    const label = scalar ? name : `${name}[${i},${j}]`;
    const differs = comparison?.entries.some((e) => e.row === i && e.col === j && !e.agrees);
    return html`<input
      class=${`entry${err ? ' invalid' : ''}${differs ? ' differs' : ''}`}
      part="entry"
      data-row=${i}
      data-col=${j}
      aria-label=${label}
      aria-invalid=${err ? 'true' : 'false'}
      title=${err ? err.message : label}
      inputmode="decimal"
      autocomplete="off"
      spellcheck="false"
      size=${Math.max(4, Math.min(10, text.length + 1))}
      .value=${live(text)}
      @input=${(e: Event) => onInput(i, j, (e.target as HTMLInputElement).value)}
      @keydown=${(e: KeyboardEvent) => onKey(e, i, j)}
    />`;
  };
  if (scalar) {
    const current = session.entryNumber(name, 1, 1);
    return html`<div class="scalar">${entry(1, 1)}${slider
      ? html`<input
          type="range"
          class="slider"
          part="slider"
          aria-label=${`${name} slider`}
          min=${slider.min}
          max=${slider.max}
          step=${slider.step}
          .value=${live(String(current ?? slider.min))}
          @input=${(e: Event) => onInput(1, 1, (e.target as HTMLInputElement).value)}
        />`
      : ''}</div>`;
  }
  return html`<table class="matrix editable" role="grid" aria-label=${name}>
    ${range(rows).map((i) => html`<tr>${range(cols).map((j) => html`<td>${entry(i, j)}</td>`)}</tr>`)}
  </table>`;
}
