// The editable grid of an input cell: one <input> per entry, named "NAME[i,j]" (a scalar:
// "NAME"), each showing its text as typed (a number too long for its box shows five digits and
// its exponent until focused) and marked when it is not a number.
//
// A matrix is an ARIA grid (role="grid" on the table, rows and gridcells, each gridcell holding
// one textbox), with a roving tabindex: Tab enters the grid at its last focused entry, and the
// keys of ./grid-keys.ts move inside it as in a spreadsheet. A scalar is a single textbox.
//
// A large matrix (more than `virtualAbove` entries: a 256×256 one has 65,536) is shown in a
// scrolling viewport that renders only the entries in view and a margin around them (GridView):
// the grid keeps its ARIA shape — aria-rowcount and aria-colcount on the grid, aria-rowindex on
// each rendered row, aria-colindex on each rendered cell — and the entry in the tab order is
// always rendered, so Tab reaches the grid and focus is never lost while scrolling. Moving with
// the keys past the rendered region renders the entry, focuses it and scrolls it into view.
// Small matrices (every matrix of the lecture) are the plain table they always were.

import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Session } from '../src/reactive/session.ts';
import { differsAt, type Comparison } from '../src/graph/expect.ts';
import type { SliderSpec } from '../src/format/spec.ts';
import type { GridKeys } from './grid-keys.ts';
import { entryDisplay } from '../src/format/number.ts';
import { messages } from '../src/messages.ts';

export interface EntryGridOptions {
  session: Session;
  name: string;
  /** A range control beside a scalar entry, kept in step with it. */
  slider?: SliderSpec;
  comparison: Comparison | undefined;
  onInput(row: number, col: number, text: string): void;
  /** Spreadsheet keys, paste, focus. */
  keys: GridKeys;
  /** Which part of a large matrix is rendered. */
  view: GridView;
}

/** A matrix of more entries than this renders only what is in view (20×20 is still a plain table). */
export const virtualAbove = 400;

/** The size of one entry of a large matrix, in CSS pixels: every entry has the same, so positions are computed, not measured. */
const entryWidth = 84,
  entryHeight = 30;
/** The viewport shows at most this many columns and rows at once. */
const viewCols = 8,
  viewRows = 12;
/** Rows and columns rendered beyond those in view, on each side. */
const marginRows = 8,
  marginCols = 4;

/**
 * Which rows and columns of a large matrix are rendered: those in its viewport and a margin,
 * moved as the viewport scrolls. A reactive controller of the cell.
 */
export class GridView implements ReactiveController {
  /** Rendered rows and columns, 1-based and inclusive. */
  rows: [number, number] = [1, 1];
  cols: [number, number] = [1, 1];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly root: () => ParentNode | null | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** A new viewport starts at its top-left. */
  reset(): void {
    this.rows = [1, viewRows + 1 + marginRows];
    this.cols = [1, viewCols + 1 + marginCols];
  }

  viewport(): HTMLElement | null {
    return this.root()?.querySelector<HTMLElement>('.viewport') ?? null;
  }

  /**
   * The viewport scrolled: render what is now in view and the margin. Rows and columns are added
   * and dropped as soon as they cross the margin's edge, a row or two a frame: only those are
   * rendered (each rendered row is kept as long as what it shows is the same), so no frame
   * renders much more than another.
   */
  onScroll(shape: [number, number]): void {
    const v = this.viewport();
    if (!v) return;
    const [rows, cols] = shape;
    const r0 = Math.floor(v.scrollTop / entryHeight) + 1,
      r1 = Math.ceil((v.scrollTop + v.clientHeight) / entryHeight);
    const c0 = Math.floor(v.scrollLeft / entryWidth) + 1,
      c1 = Math.ceil((v.scrollLeft + v.clientWidth) / entryWidth);
    const next = {
      rows: [Math.max(1, r0 - marginRows), Math.min(rows, r1 + marginRows)] as [number, number],
      cols: [Math.max(1, c0 - marginCols), Math.min(cols, c1 + marginCols)] as [number, number],
    };
    if (String(next.rows) !== String(this.rows) || String(next.cols) !== String(this.cols)) {
      Object.assign(this, next);
      this.host.requestUpdate();
    }
  }
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k + 1);
}

export function entryGrid({ session, name, slider, comparison, onInput, keys, view }: EntryGridOptions) {
  const [rows, cols] = session.view.entryShape(name);
  const scalar = rows === 1 && cols === 1;
  const entry = (i: number, j: number) => {
    const err = session.entryError(name, i, j);
    const text = session.entryText(name, i, j);
    // Not being edited, a long number shows its digits and its exponent (never cut off); focused, all of it.
    const shown = keys.isFocused(i, j) ? text : entryDisplay(text);
    const label = scalar ? name : `${name}[${i},${j}]`;
    const differs = differsAt(comparison, i, j, cols);
    return html`<input
      class=${`entry${err ? ' invalid' : ''}${differs ? ' differs' : ''}`}
      part="entry"
      data-row=${i}
      data-col=${j}
      aria-label=${label}
      aria-invalid=${err ? 'true' : 'false'}
      title=${err ? err.message : shown !== text ? `${label} = ${text}` : label}
      tabindex=${scalar || keys.isActive(i, j) ? 0 : -1}
      inputmode="decimal"
      autocomplete="off"
      spellcheck="false"
      size=${Math.max(4, Math.min(10, shown.length + 1))}
      .value=${live(shown)}
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
    return html`<div class="scalar">${entry(1, 1)}${
      slider
        ? html`<input
          type="range"
          class="slider"
          part="slider"
          aria-label=${messages.cellSlider(name)}
          min=${slider.min}
          max=${slider.max}
          step=${slider.step}
          .value=${live(String(current ?? slider.min))}
          @input=${(e: Event) => onInput(1, 1, (e.target as HTMLInputElement).value)}
        />`
        : ''
    }</div>${message}`;
  }
  if (rows * cols > virtualAbove) {
    // What a rendered row shows: it is rendered again only when this changes (scrolling renders the new rows alone).
    const shows = (i: number, cols: number[], active: number) => [
      comparison,
      keys.focused?.[0] === i ? keys.focused[1] : 0,
      [active, ...cols.map((j) => `${j}\u0000${session.entryText(name, i, j)}${session.entryError(name, i, j) ? '\u0001' : ''}`)].join('\u0002'),
    ];
    return html`${virtualGrid({ label: name, role: 'grid', rows, cols, cell: entry, shows, active: keys.activeIn([rows, cols]), view, className: 'editable' })}${message}`;
  }
  return html`<table class="matrix editable" role="grid" aria-label=${name} aria-rowcount=${rows} aria-colcount=${cols}>
    ${range(rows).map((i) => html`<tr role="row">${range(cols).map((j) => html`<td role="gridcell">${entry(i, j)}</td>`)}</tr>`)}
  </table>${message}`;
}

export interface VirtualGridOptions {
  /** The accessible name of the grid (or table). */
  label: string;
  /** An editable matrix is a grid of gridcells; a value shown in full is a table of cells. */
  role: 'grid' | 'table';
  rows: number;
  cols: number;
  /** What cell (i, j) holds, 1-based. */
  cell(i: number, j: number): TemplateResult;
  /** What row i shows of columns `cols`: the row is rendered again only when this changes. */
  shows(i: number, cols: number[], active: number): unknown[];
  /** An entry rendered wherever it is (the one in the tab order). */
  active?: [number, number];
  view: GridView;
  className: string;
}

/**
 * The rendered part of a large matrix: the rows and columns of `view` (and the active entry),
 * each cell absolutely placed in a sizer as large as the whole matrix, inside a scrolling viewport.
 */
export function virtualGrid({ label, role, rows, cols, cell, shows, active, view, className }: VirtualGridOptions) {
  if (!view.viewport()) view.reset();
  const clamp = ([a, b]: [number, number], n: number): [number, number] => [Math.min(a, n), Math.min(b, n)];
  const [r0, r1] = clamp(view.rows, rows),
    [c0, c1] = clamp(view.cols, cols);
  // The entry in the tab order is rendered wherever it is (with its row), so Tab always finds the grid.
  const [ar, ac] = active ?? [0, 0];
  const rowList = spanWith(r0, r1, active ? ar : undefined);
  const colsOf = (i: number) => (i === ar ? spanWith(c0, c1, ac) : spanWith(c0, c1));
  const cellRole = role === 'grid' ? 'gridcell' : 'cell';
  const width = Math.min(cols, viewCols) * entryWidth,
    height = Math.min(rows, viewRows) * entryHeight;
  return html`<div class="viewport" part="viewport" style=${styleMap({ width: `${width + 16}px`, height: `${height + 16}px` })}
    @scroll=${() => view.onScroll([rows, cols])}>
    <div class=${`${className} virtual`} role=${role} aria-label=${label} aria-rowcount=${rows} aria-colcount=${cols}
      style=${styleMap({ width: `${cols * entryWidth}px`, height: `${rows * entryHeight}px` })}>
      ${repeat(
        rowList,
        (i) => i,
        (i) => {
          const js = colsOf(i);
          return guard(
            shows(i, js, i === ar ? ac : 0),
            () =>
              html`<div role="row" class="row" aria-rowindex=${i} style=${styleMap({ top: `${(i - 1) * entryHeight}px` })}>${repeat(
                js,
                (j) => j,
                (j) =>
                  html`<div role=${cellRole} class="gridcell" aria-colindex=${j} style=${styleMap({ left: `${(j - 1) * entryWidth}px` })}>${cell(i, j)}</div>`,
              )}</div>`,
          );
        },
      )}
    </div>
  </div>`;
}

/** from..to, with `extra` added in order when it is outside. */
function spanWith(from: number, to: number, extra?: number): number[] {
  const out = range(to - from + 1).map((k) => from + k - 1);
  if (extra !== undefined && (extra < from || extra > to)) {
    if (extra < from) out.unshift(extra);
    else out.push(extra);
  }
  return out;
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
  .viewport {
    position: relative;
    overflow: auto;
    max-width: 100%;
    box-sizing: border-box;
    border-left: 2px solid var(--_fg);
    border-right: 2px solid var(--_fg);
    border-radius: 4px;
    overscroll-behavior: contain;
  }
  .virtual { position: relative; font-family: var(--_mono); font-variant-numeric: tabular-nums; }
  .virtual .gridcell[role='cell'] { text-align: right; line-height: ${entryHeight - 4}px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .virtual .row { position: absolute; left: 0; height: ${entryHeight}px; }
  .virtual .gridcell { position: absolute; top: 0; padding: 2px 3px; box-sizing: border-box; width: ${entryWidth}px; height: ${entryHeight}px; }
  .virtual input.entry { width: 100%; height: 100%; box-sizing: border-box; }
  .grid-message:empty { margin: 0; }
  @media print {
    td input.entry, .scalar input.entry { border: none; background: none; padding: 0; }
    .grid-message { display: none; }
  }
`;
