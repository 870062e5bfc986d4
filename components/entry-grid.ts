// The editable grid of an input cell: one <input> per entry, named "NAME[i,j]" (a scalar:
// "NAME"), each showing its text exactly as typed and marked when it is not a number.
//
// A matrix is an ARIA grid (role="grid" on the table, rows and gridcells, each gridcell holding
// one textbox), with a roving tabindex: Tab enters the grid at its last focused entry, and the
// keys of ./grid-keys.ts move inside it as in a spreadsheet. A scalar is a single textbox.

import { css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Session } from '../src/reactive/session.ts';
import type { Comparison } from '../src/graph/expect.ts';
import type { SliderSpec } from '../src/format/spec.ts';
import type { GridKeys } from './grid-keys.ts';

export interface EntryGridOptions {
  session: Session;
  name: string;
  /** A range control beside a scalar entry, kept in step with it. */
  slider?: SliderSpec;
  comparison: Comparison | undefined;
  onInput(row: number, col: number, text: string): void;
  /** Spreadsheet keys, paste, focus. */
  keys: GridKeys;
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k + 1);
}

export function entryGrid({ session, name, slider, comparison, onInput, keys }: EntryGridOptions) {
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
      tabindex=${scalar || keys.isActive(i, j) ? 0 : -1}
      inputmode="decimal"
      autocomplete="off"
      spellcheck="false"
      size=${Math.max(4, Math.min(10, text.length + 1))}
      .value=${live(text)}
      @input=${(e: Event) => {
        keys.onInput();
        onInput(i, j, (e.target as HTMLInputElement).value);
      }}
      @keydown=${(e: KeyboardEvent) => keys.onKeyDown(e, i, j)}
      @focus=${(e: FocusEvent) => keys.onFocus(e, i, j)}
      @blur=${() => keys.onBlur()}
      @mousedown=${(e: MouseEvent) => keys.onMouseDown(e)}
      @mouseup=${(e: MouseEvent) => keys.onMouseUp(e)}
      @paste=${(e: ClipboardEvent) => keys.onPaste(e, i, j)}
    />`;
  };
  const message = html`<p class="grid-message" role="status">${keys.message || nothing}</p>`;
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
      : ''}</div>${message}`;
  }
  return html`<table class="matrix editable" role="grid" aria-label=${name} aria-rowcount=${rows} aria-colcount=${cols}>
    ${range(rows).map((i) => html`<tr role="row">${range(cols).map((j) => html`<td role="gridcell">${entry(i, j)}</td>`)}</tr>`)}
  </table>${message}`;
}

/** How the grid looks: the focused entry stands out; printed, entries are plain numbers. */
export const gridStyles = css`
  input.entry:focus {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
    background: color-mix(in srgb, var(--_accent) 14%, var(--_input-bg));
    border-color: var(--_accent);
  }
  input.entry.invalid:focus { background: var(--_error-bg); }
  .grid-message { margin: 0.3rem 0 0; font-size: 0.8rem; color: var(--_fg); max-width: 18rem; }
  .grid-message:empty { margin: 0; }
  @media print {
    td input.entry, .scalar input.entry { border: none; background: none; padding: 0; }
    .grid-message { display: none; }
  }
`;
