// <gs-plot>: a vega-lite chart of named datasets. vega is loaded only when the first plot is
// shown (a separate chunk; ~290 KB gz), and runs locked down (GUIDE §4): the expression
// interpreter instead of new Function, no loader (data come only from our cells), no actions
// menu, no styles injected into the host page.

import { LitElement, css, html, type PropertyValues } from 'lit';
import { theme, usedScheme } from './styles.ts';
import { messages } from '../src/messages.ts';

/** A vega-lite specification; datasets are referred to by name ({data: {name: 'loss'}}). */
export type PlotSpec = Record<string, unknown>;
export type PlotData = Record<string, readonly Record<string, number | string | null>[]>;

interface VegaView {
  data(name: string, values: unknown[]): VegaView;
  data(name: string): unknown[];
  runAsync(): Promise<VegaView>;
  finalize(): void;
}

let vega: Promise<{ embed: (el: HTMLElement, spec: object, opts: object) => Promise<{ view: VegaView; finalize(): void }>; interpreter: unknown }> | null =
  null;

function loadVega() {
  vega ??= Promise.all([import('vega-embed'), import('vega-interpreter')]).then(([embed, interpreter]) => ({
    embed: embed.default as never,
    interpreter: interpreter.expressionInterpreter,
  }));
  return vega;
}

/** Refuses every URL: plots draw only the data we give them. */
const refuseAll = () => Promise.reject(new Error('gradsheet plots do not load data from URLs'));
const noLoader = { load: refuseAll, sanitize: refuseAll, http: refuseAll, file: refuseAll };

/**
 * Resolves in the task after the next frame: a chart redraws after the frame that shows the
 * cells' new values has been painted, never before it (which would hold that frame back).
 */
const afterFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * A vega-lite chart of named datasets, drawn locked down (no loader, no expressions compiled to
 * code, no actions menu) in the colour scheme of the page. vega loads with the first chart.
 *
 * @summary A vega-lite chart of named datasets.
 *
 * @attr {string} label - The chart's accessible name. Default "plot".
 *
 * @csspart plot - The chart's figure.
 *
 * @cssprop [--gs-muted=#5d6678] - Secondary text (in the dark scheme: #a3acbd).
 * @cssprop [--gs-error=#b00020] - Errors (in the dark scheme: #ff8a9a).
 */
export class GsPlot extends LitElement {
  static override properties = {
    spec: { attribute: false },
    data: { attribute: false },
    label: { type: String },
    _error: { state: true, attribute: false },
    view: { attribute: false },
  };

  declare spec: PlotSpec | undefined;
  declare data: PlotData;
  /** The accessible name of the chart. */
  declare label: string;
  /** @private (state) */
  declare _error: string | undefined;

  /** The vega View once drawn (tests read data and marks from it); until then a placeholder of the chart's size holds its place. */
  declare view: VegaView | undefined;
  private result: { finalize(): void } | undefined;
  private drawing: Promise<void> = Promise.resolve();
  private embedded: PlotSpec | undefined;
  private pushQueued = false;
  /** The colour scheme the chart was drawn in; drawn again when the system's changes it. */
  private scheme: 'light' | 'dark' | undefined;
  private systemScheme: MediaQueryList | undefined;
  /** The chart's width as the spec draws it (axes and legend included), once drawn so. */
  private natural: number | undefined;
  /** The width the chart is drawn to when the natural one does not fit (a phone), else undefined. */
  private fitted: number | undefined;
  private resizes: ResizeObserver | undefined;
  /** The room the chart has changed: drawn again to fit it, or at its own size when that fits again. */
  private readonly onResize = () => {
    const frame = this.renderRoot.querySelector<HTMLElement>('figure');
    if (!frame || this.natural === undefined || !this.embedded) return;
    const room = Math.floor(frame.clientWidth);
    const want = room > 0 && room < this.natural - 1 ? room : undefined;
    if (want === this.fitted || (want !== undefined && this.fitted !== undefined && Math.abs(want - this.fitted) < 2)) return;
    this.fitted = want;
    this.embedded = undefined;
    this.requestUpdate('spec');
  };
  private readonly onSystemScheme = () => {
    if (this.embedded && usedScheme(this) !== this.scheme) {
      this.embedded = undefined;
      this.requestUpdate('spec');
    }
  };

  constructor() {
    super();
    this.data = {};
    this.label = 'plot';
  }

  /** Resolves once the chart shows the current spec and data. */
  get drawn(): Promise<void> {
    return this.updateComplete.then(() => this.drawing);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.spec) return;
    if (changed.has('spec') && this.spec !== this.embedded) this.drawing = this.drawing.then(() => this.embed());
    // New data is drawn in a task of its own, after the frame that shows the cells' new values:
    // vega's dataflow and SVG cost more than every cell of the sheet (edit → paint, bench/).
    // One push at most is waiting: it draws whatever the data are by then (a run sends new data
    // every frame, and vega may take longer than one).
    else if (changed.has('data') && !this.pushQueued) {
      this.pushQueued = true;
      this.drawing = this.drawing.then(afterFrame).then(() => {
        this.pushQueued = false;
        return this.push();
      });
    }
  }

  private async embed(): Promise<void> {
    const spec = this.spec!;
    this.embedded = spec;
    try {
      const { embed, interpreter } = await loadVega();
      this.result?.finalize();
      const container = this.renderRoot.querySelector<HTMLElement>('.chart')!;
      this.scheme = usedScheme(this); // the page's scheme, as the cells' (styles.ts)
      const dark = this.scheme === 'dark';
      const datasets = Object.fromEntries(Object.entries(this.data).map(([k, v]) => [k, [...v]]));
      // Too narrow for its own size (a phone): the whole chart, axes and legend, fits the room it
      // has, the legend under the plot.
      const fitted = this.fitted;
      const sized = fitted === undefined ? spec : { ...spec, width: fitted, autosize: { type: 'fit-x', contains: 'padding' } };
      const result = await embed(
        container,
        { ...sized, datasets: { ...datasets } },
        {
          actions: false,
          ast: true,
          expr: interpreter,
          loader: noLoader,
          renderer: 'svg',
          defaultStyle: false,
          tooltip: false,
          ...(dark ? { theme: 'dark' } : {}),
          // Marks are not described one by one: the chart is one labelled image (role="img"
          // below), which hides them from assistive technology anyway, and a description
          // formatted for each of a run's thousands of points cost a fifth of every redraw.
          config: { background: null, mark: { aria: false }, ...(fitted === undefined ? {} : { legend: { orient: 'bottom' } }) },
        },
      );
      this.result = result;
      this.view = result.view;
      this._error = undefined;
      if (fitted === undefined) {
        this.natural = Math.ceil(container.querySelector('svg')?.getBoundingClientRect().width ?? 0) || undefined;
        this.requestUpdate();
        await this.updateComplete;
        this.onResize();
      }
    } catch (e) {
      this._error = messages.plotDrawFailed(e instanceof Error ? e.message : String(e));
    }
  }

  private async push(): Promise<void> {
    const view = this.view;
    if (!view) return;
    for (const [name, values] of Object.entries(this.data)) view.data(name, [...values]);
    await view.runAsync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.systemScheme?.removeEventListener('change', this.onSystemScheme);
    this.resizes?.disconnect();
    this.result?.finalize();
    this.result = undefined;
    this.view = undefined;
    this.embedded = undefined;
  }

  protected override firstUpdated(): void {
    if (typeof ResizeObserver === 'function') {
      // Measured in a task of its own: drawing again inside the observer's callback would resize what it observes.
      this.resizes = new ResizeObserver(() => setTimeout(this.onResize, 0));
      this.resizes.observe(this.renderRoot.querySelector('figure')!);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const frame = this.renderRoot?.querySelector?.('figure');
    if (this.resizes && frame) this.resizes.observe(frame);
    this.systemScheme ??= typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
    this.systemScheme?.addEventListener('change', this.onSystemScheme);
    if (this.spec && !this.view) this.requestUpdate('spec');
  }

  override render() {
    // vega is loaded on demand (a second or so on a slow line): the page must not jump when it comes.
    // Its size is the spec's plot area plus room for the axes, as vega draws it.
    const { width, height } = (this.spec ?? {}) as { width?: number; height?: number };
    const placeholder =
      this.view || this._error
        ? null
        : html`<p class="pending" aria-busy="true" style=${width && height ? `width: ${width + 50}px; height: ${height + 60}px` : ''}>${messages.drawingChart()}</p>`;
    // The chart's own width caps the frame, and the frame never exceeds the room it is given.
    return html`<figure part="plot" role="img" aria-label=${this.label} style=${this.natural ? `width: ${this.natural}px` : ''}>
      ${placeholder}
      <div class="chart"></div>
      ${this._error ? html`<figcaption class="error" role="alert">${this._error}</figcaption>` : null}
    </figure>`;
  }

  static override styles = [
    theme,
    css`
      :host { display: block; }
      figure { margin: 0; max-width: 100%; }
      .chart:empty { display: none; }
      /* Heat-map cells meet without an anti-aliased seam (a grid of hairlines on a dark page). */
      .chart .mark-rect path { shape-rendering: crispEdges; }
      .pending { margin: 0; max-width: 100%; display: flex; align-items: center; justify-content: center; color: var(--_muted); font-size: 0.85rem; }
      .error { color: var(--_error); font-size: 0.85rem; }
    `,
  ];
}

if (!customElements.get('gs-plot')) customElements.define('gs-plot', GsPlot);

declare global {
  interface HTMLElementTagNameMap {
    'gs-plot': GsPlot;
  }
}
