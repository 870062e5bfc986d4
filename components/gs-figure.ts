// <gs-figure>: a ```plot block of a workbook — the chart, redrawn whenever a cell it reads
// changes, or the error that keeps it from being drawn, and its caption.

import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Session } from '../src/reactive/session.ts';
import type { PlotBlock } from '../src/format/spec.ts';
import type { CellError } from '../src/errors.ts';
import { drawableLimit, type PlotLayerData } from '../src/plot/compile.ts';
import { layerName, vegaLiteSpec } from '../src/plot/spec.ts';
import { inlineMarkdown } from './markdown-lazy.ts';
import { refusedInPlace } from './tex.ts';
import { theme } from './styles.ts';
import { messages } from '../src/messages.ts';
import type { GsPlot, PlotData, PlotSpec } from './gs-plot.ts';
import './gs-plot.ts';

/**
 * A workbook's plot block: the chart, drawn again whenever a cell it reads changes, or the
 * error that keeps it from being drawn, and its caption. Made by <gs-workbook>.
 *
 * @summary A plot of a workbook, live.
 *
 * @csspart figure - The frame of the chart and its caption.
 * @csspart error - Why the chart cannot be drawn.
 *
 * @cssprop [--gs-fg=#1d2330] - Text (in the dark scheme: #e4e8f0).
 * @cssprop [--gs-muted=#5d6678] - Secondary text (in the dark scheme: #a3acbd).
 * @cssprop [--gs-cell-bg=#fbfcfe] - A card's background (cell, chart, training controls) (in the dark scheme: #1c212b).
 * @cssprop [--gs-border=#d5dae3] - Borders (in the dark scheme: #3a4252).
 * @cssprop [--gs-error=#b00020] - Errors (in the dark scheme: #ff8a9a).
 * @cssprop [--gs-error-bg=#fdecee] - The background of an error (in the dark scheme: #3a1d24).
 * @cssprop [--gs-font=system-ui, -apple-system, 'Segoe UI', sans-serif] - The text font.
 * @cssprop [--gs-mono=ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace] - The font of numbers and formulas.
 */
export class GsFigure extends LitElement {
  static override properties = {
    session: { attribute: false },
    block: { attribute: false },
    _data: { state: true, attribute: false },
  };

  declare session: Session | undefined;
  declare block: PlotBlock | undefined;
  /** @private (state) */
  declare _data: PlotLayerData[] | CellError | undefined;

  private unsubscribe: (() => void) | undefined;
  private spec: PlotSpec | undefined;
  private lastGood: PlotData | undefined;

  /** The chart element (tests read its vega view). */
  get plot(): GsPlot | null {
    return this.renderRoot.querySelector('gs-plot');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('session') || changed.has('block')) && this.session && this.block) {
      this.unsubscribe?.();
      this.spec = vegaLiteSpec(this.block);
      this.lastGood = undefined;
      this.unsubscribe = this.session.view.subscribePlot(this.block, (d) => (this._data = d));
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.unsubscribe && this.session && this.block) this.requestUpdate('session');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  override render() {
    const block = this.block,
      data = this._data;
    if (!block) return nothing;
    const error = data instanceof Error ? data : undefined;
    // While a cell it reads has an error (a half-typed number, say) the last good chart stays, dimmed.
    if (Array.isArray(data)) this.lastGood = Object.fromEntries(data.map((layer, k) => [layerName(k), layer.rows as never]));
    const label = block.title ?? block.layers.map((l) => l.name ?? l.channels.y).join(', ');
    const beyond = Array.isArray(data) ? data.reduce((n, layer) => n + (layer.beyond ?? 0), 0) : 0;
    return html`<figure part="figure" class=${error ? 'stale' : ''}>
      ${error ? html`<div class="error" role="alert" part="error"><span class="code">${error.code}</span> ${messages.plotCannotDraw()} ${error.message}</div>` : nothing}
      ${error && !this.lastGood ? nothing : html`<gs-plot .spec=${this.spec} .data=${this.lastGood ?? {}} label=${`Plot: ${label}`}></gs-plot>`}
      ${beyond ? html`<p class="beyond" role="status">${messages.plotBeyond(beyond, drawableLimit)}</p>` : nothing}
      ${block.caption ? html`<figcaption>${block.refused?.caption ? refusedInPlace(block.refused.caption) : inlineMarkdown(block.caption)}</figcaption>` : nothing}
    </figure>`;
  }

  static override styles = [
    theme,
    css`
      :host { display: block; margin: 0.8rem 0 1.2rem; font-family: var(--_font); color: var(--_fg); max-width: 100%; }
      /* The chart fits its frame (gs-plot draws it narrower when it must). */
      figure { margin: 0; display: inline-block; border: 1px solid var(--_border); border-radius: 8px; padding: 0.6rem 0.8rem; background: var(--_cell-bg); max-width: 100%; box-sizing: border-box; overflow-x: auto; }
      @media print { figure { break-inside: avoid; } }
      figcaption { font-size: 0.85rem; color: var(--_muted); margin-top: 0.3rem; max-width: 36rem; }
      .error { color: var(--_error); background: var(--_error-bg); border-radius: 5px; padding: 0.4rem 0.6rem; font-size: 0.85rem; max-width: 36rem; }
      figure.stale gs-plot { opacity: 0.35; }
      .beyond { font-size: 0.85rem; color: var(--_muted); margin: 0.3rem 0 0; max-width: 36rem; }
      .code { font-family: var(--_mono); font-size: 0.75rem; margin-right: 0.3rem; }
    `,
  ];
}

if (!customElements.get('gs-figure')) customElements.define('gs-figure', GsFigure);

declare global {
  interface HTMLElementTagNameMap {
    'gs-figure': GsFigure;
  }
}
