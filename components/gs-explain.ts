// <gs-explain>: the Explain view of a gradient cell. For the entry the student picks, the chain
// of local derivatives along every path from W to E, as the lecture writes it
// (∂E/∂ŷ · ∂ŷ/∂s2 · ∂s2/∂Θ2), each factor with its formula, live value and shape, multiplied
// out, and summed over the paths, beside autodiff and the cell's own value. It computes
// nothing: the explanation is src/grad/explain.ts's, made again whenever a cell changes.
//
// A modal <dialog>: focus moves into it, Escape (or Close) closes it and focus returns to
// whatever opened it. Printing while it is open prints it.

import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Session } from '../src/reactive/session.ts';
import { shownTerms, type ExplainFactor, type ExplainPath, type Explanation } from '../src/grad/explain.ts';
import { describeShape, shapeOf, type Value } from '../src/formula/value.ts';
import { formatNumber } from '../src/format/number.ts';
import type { CellError } from '../src/errors.ts';
import { messages } from '../src/messages.ts';
import { texToHTML } from './tex.ts';
import { trustedHTML } from './unsafe-html.ts';
import { theme } from './styles.ts';

/** Above this many entries of W, the entry is picked by row and column instead of from a list. */
const maxListed = 400;

/**
 * The Explain view of a gradient cell (grad(E, W), or a cell with check: grad(E, W)): the chain
 * of local derivatives behind one entry. Opened by the cell's Explain button or Alt+Shift+E.
 *
 * @summary The chain of local derivatives behind a gradient entry.
 */
export class GsExplain extends LitElement {
  static override properties = {
    session: { attribute: false },
    cell: { type: String },
    row: { type: Number },
    col: { type: Number },
  };

  declare session: Session | undefined;
  /** The gradient cell explained. */
  declare cell: string;
  /** The focused entry of W, 1-based. */
  declare row: number;
  declare col: number;

  private explanation: Explanation | CellError | undefined;
  private unsubscribe: (() => void) | undefined;
  private opener: HTMLElement | null = null;
  private stale = true;

  constructor() {
    super();
    this.cell = '';
    this.row = 1;
    this.col = 1;
  }

  get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  get isOpen(): boolean {
    return !!this.dialog?.open;
  }

  /** Opens the view; focus returns to `opener` when it closes. */
  async open(opener: HTMLElement | null): Promise<void> {
    this.opener = opener;
    this.stale = true;
    this.watch();
    this.requestUpdate();
    await this.updateComplete;
    const dialog = this.dialog!;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('.entry-picker select, .entry-picker input, button.close')?.focus();
  }

  close(): void {
    this.dialog?.close();
    // The dialog's close event comes a task later: focus goes back now, before anything else happens.
    this.onClose();
  }

  /** Closed (Close, Escape, or close()): stop following the cells and give focus back, once. */
  private onClose(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    const opener = this.opener;
    this.opener = null;
    if (opener?.isConnected) opener.focus();
  }

  private watch(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.session?.view.onAnyChange(() => {
      this.stale = true;
      this.requestUpdate();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session') || changed.has('cell') || changed.has('row') || changed.has('col')) this.stale = true;
    if (this.stale && this.session && this.cell) {
      const session = this.session;
      this.explanation = session.view.explain(this.cell, this.row, this.col);
      this.stale = false;
    }
  }

  private label(name: string): string {
    return this.session?.view.labelOf(name) ?? name;
  }

  private tex(tex: string, display = false) {
    return trustedHTML(texToHTML(tex, display));
  }

  private pick(row: number, col: number): void {
    this.row = row;
    this.col = col;
  }

  override render() {
    const e = this.explanation;
    const ok = e && !(e instanceof Error) ? e : undefined;
    return html`<dialog aria-labelledby="explain-title" @close=${() => this.onClose()}>
      <header>
        <h2 id="explain-title">${messages.explainHeading()} ${ok ? this.tex(`\\frac{\\partial ${this.label(ok.of)}}{\\partial ${this.label(ok.wrt)}}`) : this.cell}</h2>
        <button type="button" class="close" @click=${() => this.close()}>${messages.explainClose()}</button>
      </header>
      ${e === undefined ? nothing : e instanceof Error ? html`<p class="error" role="alert">${e.message}</p>` : this.renderExplanation(e)}
    </dialog>`;
  }

  private renderExplanation(e: Explanation) {
    return html`
      ${this.renderPicker(e)}
      <p class="result" data-testid="result">${this.tex(`${e.tex} = ${formatTex(e.total)}`, true)}</p>
      ${
        e.of === e.wrt
          ? html`<p>${messages.explainItself(e.of)}</p>`
          : e.paths.length === 0
            ? html`<p>${messages.explainNoPath(e.of, e.wrt)}</p>`
            : html`<p>${messages.explainIntro(e.paths.length, e.wrt, e.of)}</p>${e.paths.map((p, k) => this.renderPath(e, p, k))}`
      }
      ${this.renderVerdict(e)}`;
  }

  private renderPicker(e: Explanation) {
    const [rows, cols] = e.shape;
    if (rows * cols === 1) return nothing;
    if (rows * cols <= maxListed) {
      const options = [];
      for (let i = 1; i <= rows; i++) for (let j = 1; j <= cols; j++) options.push([i, j]);
      return html`<p class="entry-picker"><label>${messages.explainEntryLabel()}
        <select @change=${(ev: Event) => {
          const [i, j] = (ev.target as HTMLSelectElement).value.split(',').map(Number);
          this.pick(i, j);
        }}>${options.map(([i, j]) => html`<option value=${`${i},${j}`} ?selected=${i === e.row && j === e.col}>${e.wrt}[${i},${j}]</option>`)}</select></label></p>`;
    }
    const number = (label: string, value: number, max: number, set: (v: number) => void) => html`<label>${label}
      <input type="number" min="1" max=${max} step="1" .value=${String(value)}
        @change=${(ev: Event) => set(Number((ev.target as HTMLInputElement).value))} /></label>`;
    return html`<p class="entry-picker">${number(messages.explainRowLabel(), e.row, rows, (v) => this.pick(v, this.col))}
      ${number(messages.explainColumnLabel(), e.col, cols, (v) => this.pick(this.row, v))}</p>`;
  }

  private renderPath(e: Explanation, p: ExplainPath, k: number) {
    const route = p.cells.map((c) => this.label(c)).join(' \\to ');
    return html`<section class="path" aria-labelledby=${`path-${k}`}>
      <h3 id=${`path-${k}`}>${messages.explainPathHeading(k + 1, e.paths.length)}: ${this.tex(route)}</h3>
      <p class="chain">${this.tex(`${e.paths.length === 1 ? e.tex : ''}${e.paths.length === 1 ? ' = ' : ''}${p.chainTex}`, true)}</p>
      <table class="factors">
        <thead><tr>
          <th scope="col">${messages.explainFactorColumn()}</th><th scope="col">${messages.explainFormulaColumn()}</th>
          <th scope="col">${messages.explainValueColumn()}</th><th scope="col">${messages.explainShapeColumn()}</th>
        </tr></thead>
        <tbody>${p.factors.map(
          (f, j) => html`<tr class="factor" data-child=${f.child} data-parent=${f.parent}>
          <th scope="row"><span aria-hidden="true">${this.tex(f.tex)}</span><span class="visually-hidden">${messages.explainFactorName(
            f.child,
            j === p.factors.length - 1 && e.shape[0] * e.shape[1] > 1 ? `${f.parent}[${e.row},${e.col}]` : f.parent,
          )}</span></th>
          <td>${this.tex(f.formulaTex)}${f.derivativeTex ? html`<br /><span class="derivative">${this.tex(f.derivativeTex)}</span>` : nothing}</td>
          <td class="value">${f.value === null ? '—' : valueTable(f.value)}</td>
          <td class="shape">${shapeText(f)}</td>
        </tr>`,
        )}</tbody>
      </table>
      ${this.renderTerms(p)}
    </section>`;
  }

  private renderTerms(p: ExplainPath) {
    if (p.terms === null) return html`<p class="note">${messages.explainNoTerms()}</p>`;
    if (p.terms.length === 0) return html`<p class="note">${messages.explainZeroTerms()}</p>`;
    const { shown, more, together } = shownTerms(p.terms);
    const term = (t: (typeof shown)[number]) => `${t.factors.map((f) => `\\left(${formatTex(f)}\\right)`).join('')} = ${formatTex(t.value)}`;
    return html`<div class="terms">
      <p>${messages.explainMultiplied()}${p.terms.length > 1 ? html` ${messages.explainSumOverUnits(p.terms.length)}` : nothing}</p>
      <ul>${shown.map(
        (t) =>
          html`<li class="term">${
            t.through.length
              ? html`<span class="through">${messages.explainThrough()} ${this.tex(t.through.map((s) => `${this.label(s.cell)}[${s.row},${s.col}]`).join(',\\ '))}:</span> `
              : nothing
          }${this.tex(term(t))}</li>`,
      )}</ul>
      ${more ? html`<p class="note">${messages.explainMoreTerms(more, formatNumber(together))}</p>` : nothing}
      <p class="share">${messages.explainPathShare()} <output>${formatNumber(p.contribution)}</output>.</p>
    </div>`;
  }

  private renderVerdict(e: Explanation) {
    return html`<dl class="verdict">
      <dt>${messages.explainTotal(e.paths.length)}</dt><dd><output class="total" title=${String(e.total)}>${formatNumber(e.total)}</output></dd>
      <dt>${messages.explainAutodiff()}</dt><dd><output class="autodiff" title=${String(e.autodiff)}>${formatNumber(e.autodiff)}</output>${e.agrees ? html`, ${messages.explainAgrees()}` : nothing}</dd>
      <dt>${messages.explainCellValue()}</dt><dd>${
        e.cellValue === null
          ? messages.explainNoCellValue()
          : html`<output class="cell-value" title=${String(e.cellValue)}>${formatNumber(e.cellValue)}</output>${e.cellAgrees ? nothing : html`, ${messages.explainDiffers()}`}`
      }</dd>
    </dl>`;
  }

  static override styles = [
    theme,
    css`
      dialog {
        color: var(--_fg);
        background: var(--_cell-bg);
        font-family: var(--_font);
        border: 1px solid var(--_border);
        border-radius: 10px;
        padding: 0.8rem 1.1rem 1rem;
        width: min(58rem, calc(100vw - 2rem));
        max-height: calc(100vh - 2rem);
        box-sizing: border-box;
      }
      dialog::backdrop { background: rgb(0 0 0 / 0.35); }
      header { display: flex; align-items: baseline; gap: 1rem; }
      h2 { font-size: 1.15rem; margin: 0 0 0.4rem; flex: 1; }
      h3 { font-size: 1rem; margin: 0.9rem 0 0.3rem; }
      button, select, input {
        font: inherit;
        font-size: 0.85rem;
        color: var(--_fg);
        background: var(--_input-bg);
        border: 1px solid var(--_border);
        border-radius: 4px;
        padding: 0.15rem 0.5rem;
      }
      button { color: var(--_accent); cursor: pointer; background: transparent; }
      input[type='number'] { width: 5rem; }
      button:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
      .entry-picker { display: flex; gap: 1rem; margin: 0.2rem 0; }
      .entry-picker label { display: inline-flex; gap: 0.4rem; align-items: baseline; }
      .result { margin: 0.4rem 0; font-size: 1.1rem; overflow-x: auto; }
      .chain { overflow-x: auto; margin: 0.2rem 0; }
      table.factors { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
      .factors th, .factors td { border-top: 1px solid var(--_border); padding: 0.3rem 0.5rem; text-align: left; vertical-align: middle; }
      .factors thead th { color: var(--_muted); font-weight: 600; font-size: 0.8rem; }
      .factors .shape { color: var(--_muted); font-size: 0.8rem; }
      .derivative { color: var(--_muted); }
      table.matrix { border-collapse: separate; border-spacing: 0.35rem 0; border-left: 2px solid var(--_fg); border-right: 2px solid var(--_fg); border-radius: 4px; }
      .matrix td, .number { font-family: var(--_mono); font-variant-numeric: tabular-nums; white-space: nowrap; text-align: right; border: 0; padding: 0 0.15rem; }
      .matrix td.more { text-align: center; color: var(--_muted); }
      .terms ul { margin: 0.2rem 0; padding-left: 1.2rem; }
      .terms li { margin: 0.15rem 0; }
      .through { color: var(--_muted); font-size: 0.85rem; }
      .note { color: var(--_muted); font-size: 0.85rem; }
      .share output, dl output { font-family: var(--_mono); font-weight: 600; }
      dl.verdict { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; margin: 0.9rem 0 0; padding-top: 0.6rem; border-top: 2px solid var(--_border); }
      dl.verdict dt { font-weight: 600; }
      dl.verdict dd { margin: 0; }
      .error { color: var(--_error); background: var(--_error-bg); padding: 0.4rem 0.6rem; border-radius: 5px; }
      math { font-size: 1.05em; }
      @media print {
        /* Printed while open: the explanation from the top of the page, in black on white, without its controls. */
        dialog[open] { position: absolute; inset: 0 auto auto 0; width: 100%; max-width: none; max-height: none; overflow: visible;
          margin: 0; border: 0; background: #fff; color: #000; }
        dialog::backdrop { background: #fff; }
        button, .entry-picker { display: none; }
      }
    `,
  ];
}

/** A number in TeX: six significant digits, a minus sign, scientific notation as ×10ⁿ. */
function formatTex(v: number): string {
  const text = formatNumber(v).replace('−', '-');
  const m = /^(-?[\d.]+)e(-?\d+)$/.exec(text);
  return m ? `${m[1]} \\times 10^{${m[2]}}` : text;
}

function valueTable(v: Value) {
  if (typeof v === 'number') return html`<span class="number" title=${String(v)}>${formatNumber(v)}</span>`;
  const rows = shownIndices(v.rows, 8),
    cols = shownIndices(v.cols, 8);
  return html`<table class="matrix" role="presentation">${rows.map(
    (i) =>
      html`<tr>${cols.map((j) =>
        i < 0 || j < 0
          ? html`<td class="more" aria-hidden="true">${i < 0 ? '⋮' : '…'}</td>`
          : html`<td title=${`[${i + 1},${j + 1}] ${v.data[i * v.cols + j]}`}>${formatNumber(v.data[i * v.cols + j])}</td>`,
      )}</tr>`,
  )}</table>`;
}

/** 0-based positions to show, with −1 where the middle is left out. */
function shownIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, k) => k);
  const head = Math.ceil(max / 2),
    tail = max - head - 1;
  return [...Array.from({ length: head }, (_, k) => k), -1, ...Array.from({ length: tail }, (_, k) => n - tail + k)];
}

function shapeText(f: ExplainFactor): string {
  const shape = f.value === null ? '' : typeof f.value === 'number' ? messages.explainShapeScalar() : describeShape(shapeOf(f.value));
  switch (f.kind) {
    case 'scalar':
      return messages.explainShapeScalar();
    case 'entry':
      return messages.explainShapeEntry(shape);
    case 'elementwise':
      return messages.explainShapeElementwise(shape, f.jacobianShape[0]);
    case 'gradient':
      return messages.explainShapeGradient(shape);
    case 'jacobian':
      return messages.explainShapeJacobian(f.jacobianShape[0], f.jacobianShape[1]);
    case 'large':
      return messages.explainShapeLarge(f.jacobianShape[0], f.jacobianShape[1]);
  }
}

if (!customElements.get('gs-explain')) customElements.define('gs-explain', GsExplain);

declare global {
  interface HTMLElementTagNameMap {
    'gs-explain': GsExplain;
  }
}
