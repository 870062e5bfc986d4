// <gs-network>: a ```network block of a workbook — the network drawn from its matrices, live.
// Neurons in columns, one edge per weight entry (layout: src/network/layout.ts); the edges are
// the entries: hovering or focusing one outlines its entry in the cell's grid, Enter (or a
// click) goes there, focusing the entry highlights the edge, and dragging an edge up or down
// changes the weight as one undoable edit. Redrawn at most once a frame, and while training runs.

import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import type { Session } from '../src/reactive/session.ts';
import type { NetworkBlock } from '../src/format/spec.ts';
import type { CellError } from '../src/errors.ts';
import type { NetworkData, NetworkEdge } from '../src/network/compile.ts';
import {
  dragPerPixel,
  fillFor,
  largest,
  layoutNetwork,
  movedWeight,
  nudgeStep,
  shortNumber,
  strokeFor,
  type NetworkLayout,
  type PlacedEdge,
  type PlacedUnit,
} from '../src/network/layout.ts';
import { messages } from '../src/messages.ts';
import { theme } from './styles.ts';

/** One stop of the diagram's keyboard order: a neuron or an edge. */
type Stop = { kind: 'unit'; unit: PlacedUnit } | { kind: 'edge'; edge: PlacedEdge };

/**
 * A workbook's network diagram: neurons in columns, one edge per weight entry, the edge's width
 * and colour following the weight (or, switched, its gradient ∂E/∂Θ), the neuron's fill its
 * value. Made by <gs-workbook>. Every neuron and edge is one stop of a roving tab order.
 *
 * @summary A network diagram of a workbook, drawn from its matrices, live.
 *
 * @csspart network - The frame of the diagram.
 * @csspart error - Why the diagram cannot be drawn.
 *
 * @cssprop [--gs-fg=#1d2330] - Text (in the dark scheme: #e4e8f0).
 * @cssprop [--gs-muted=#5d6678] - Secondary text (in the dark scheme: #a3acbd).
 * @cssprop [--gs-cell-bg=#fbfcfe] - A card's background (in the dark scheme: #1c212b).
 * @cssprop [--gs-border=#d5dae3] - Borders (in the dark scheme: #3a4252).
 * @cssprop [--gs-accent=#2d5bd7] - Positive numbers, focus (in the dark scheme: #8fb0ff).
 * @cssprop [--gs-differ=#a15c00] - Negative numbers (in the dark scheme: #ffc46b).
 * @cssprop [--gs-error=#b00020] - Errors (in the dark scheme: #ff8a9a).
 */
export class GsNetwork extends LitElement {
  static override properties = {
    session: { attribute: false },
    block: { attribute: false },
    gradients: { type: Boolean, reflect: true },
    details: { type: Boolean, reflect: true },
    sample: { type: Number },
    _data: { state: true, attribute: false },
    _active: { state: true, attribute: false },
    _linked: { state: true, attribute: false },
    _pointed: { state: true, attribute: false },
  };

  declare session: Session | undefined;
  declare block: NetworkBlock | undefined;
  /** The edges show ∂E/∂Θ instead of the weights (the switch). */
  declare gradients: boolean;
  /** Each neuron shows its s, h and δ (the switch). */
  declare details: boolean;
  /** Which sample (1-based) the neurons show, when the layers hold one per row. */
  declare sample: number;
  /** @private (state) */
  declare _data: NetworkData | CellError | undefined;
  /** @private (state) The stop in the tab order. */
  declare _active: number;
  /** @private (state) The edge whose entry has focus in its grid. */
  declare _linked: string | undefined;
  /** @private (state) The edge or neuron pointed at or focused: described under the diagram. */
  declare _pointed: string | undefined;

  private unsubscribe: (() => void) | undefined;
  private pending: NetworkData | CellError | undefined;
  private frame = 0;
  /** Numbers arrived since the last drawing, to draw at the next frame. */
  private dirty = false;
  private lastGood: NetworkData | undefined;
  private layout: NetworkLayout | undefined;
  private stops: Stop[] = [];
  /** The entry outlined for the edge pointed at, to clear it again. */
  private outlined: HTMLElement | undefined;
  private drag: { edge: NetworkEdge; start: number; y: number; texts: string[][]; moved: boolean; pointer: number } | undefined;
  private drawnWaiters: (() => void)[] = [];

  constructor() {
    super();
    this.gradients = false;
    this.details = false;
    this.sample = 1;
    this._active = 0;
  }

  /** The diagram's numbers as last drawn (tests compare them with the cells). */
  get data(): NetworkData | CellError | undefined {
    return this._data;
  }

  /** Resolves once the diagram shows the session's latest numbers. */
  get drawn(): Promise<void> {
    return this.updateComplete.then(async () => {
      if (this.dirty) await new Promise<void>((r) => this.drawnWaiters.push(r));
      await this.updateComplete;
    });
  }

  /** The drawn edges, one per weight entry, each with its accessible name (tests, and the keys). */
  get edgeElements(): SVGGElement[] {
    return [...this.renderRoot.querySelectorAll<SVGGElement>('g.edge')];
  }

  get unitElements(): SVGGElement[] {
    return [...this.renderRoot.querySelectorAll<SVGGElement>('g.unit')];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('session') || changed.has('block')) && this.session && this.block) {
      this.unsubscribe?.();
      this.lastGood = undefined;
      this.unsubscribe = this.session.view.subscribeNetwork(this.block, (d) => this.soon(d));
    }
  }

  /**
   * New numbers are drawn at once, then at most once a frame: what arrives within a frame of a
   * drawing (a Run sends numbers every frame, a drag every pointer move) is drawn at the next
   * frame, the latest only. The first numbers are drawn as they come, so the page does not grow
   * under a student after it has settled.
   */
  private soon(d: NetworkData | CellError | undefined): void {
    this.pending = d;
    if (d === undefined) return; // not computed yet: nothing to draw
    if (this.frame) {
      this.dirty = true;
      return;
    }
    this._data = d;
    this.frame = requestAnimationFrame(this.onFrame);
  }

  private readonly onFrame = () => {
    this.frame = 0;
    if (this.dirty) {
      this.dirty = false;
      this._data = this.pending;
      this.frame = requestAnimationFrame(this.onFrame);
    }
    this.drawnWaiters.splice(0).forEach((w) => w());
  };

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.unsubscribe && this.session && this.block) this.requestUpdate('session');
    document.addEventListener('focusin', this.onFocusIn, true);
    document.addEventListener('focusout', this.onFocusOut, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.dirty) this._data = this.pending;
    this.dirty = false;
    this.drawnWaiters.splice(0).forEach((w) => w());
    document.removeEventListener('focusin', this.onFocusIn, true);
    document.removeEventListener('focusout', this.onFocusOut, true);
    this.outline(undefined);
  }

  // ---- Edges and entries -------------------------------------------------------------------

  /** The input of an edge's entry in its cell's grid, if the cell is an input shown in this workbook. */
  private entryInput(edge: NetworkEdge): HTMLInputElement | null {
    const e = edge.entry;
    if (!e || !this.editable(edge)) return null;
    const root = this.closest('gs-workbook') ?? document;
    const cell = [...root.querySelectorAll('gs-cell')].find((c) => c.getAttribute('name') === e.cell);
    return cell?.shadowRoot?.querySelector<HTMLInputElement>(`input.entry[data-row="${e.row}"][data-col="${e.col}"]`) ?? null;
  }

  private editable(edge: NetworkEdge): boolean {
    const e = edge.entry,
      s = this.session;
    return !!e && !!s && s.view.isInput(s.indexOf(e.cell));
  }

  /** Outlines the entry of the edge pointed at (and no other). */
  private outline(edge: NetworkEdge | undefined): void {
    const input = edge ? this.entryInput(edge) : null;
    if (this.outlined && this.outlined !== input) {
      this.outlined.style.removeProperty('outline');
      this.outlined.style.removeProperty('outline-offset');
      this.outlined.removeAttribute('data-network-linked');
    }
    this.outlined = input ?? undefined;
    if (input) {
      input.style.setProperty('outline', '3px dashed var(--_accent, #2d5bd7)');
      input.style.setProperty('outline-offset', '2px');
      input.setAttribute('data-network-linked', '');
    }
  }

  /** An entry of a cell got focus: its edge, if it has one here, is highlighted. */
  private readonly onFocusIn = (e: FocusEvent) => {
    const target = e.composedPath()[0];
    if (!(target instanceof HTMLInputElement) || !target.classList.contains('entry')) return;
    const host = (target.getRootNode() as ShadowRoot).host;
    if (!host || host.localName !== 'gs-cell' || host.closest('gs-workbook') !== this.closest('gs-workbook')) return;
    const name = host.getAttribute('name'),
      row = Number(target.dataset.row),
      col = Number(target.dataset.col);
    const data = this.lastGood;
    const edge = data?.edges.find((d) => d.entry && d.entry.cell === name && d.entry.row === row && d.entry.col === col);
    this._linked = edge?.name;
  };

  private readonly onFocusOut = (e: FocusEvent) => {
    const target = e.composedPath()[0];
    if (target instanceof HTMLInputElement && target.classList.contains('entry')) this._linked = undefined;
  };

  /** Focuses an edge's entry in its grid (Enter, a click). */
  private goToEntry(edge: NetworkEdge): void {
    const input = this.entryInput(edge);
    if (!input) return;
    input.scrollIntoView({ block: 'center', inline: 'nearest' });
    input.focus();
  }

  /** Sets an edge's weight as one undoable edit. */
  private setWeight(edge: NetworkEdge, text: string): void {
    const e = edge.entry!,
      s = this.session!;
    s.group(messages.networkDrag(edge.name), () => s.setEntry(e.cell, e.row, e.col, text));
  }

  private nudge(edge: NetworkEdge, by: number): void {
    if (!this.editable(edge)) return;
    const e = edge.entry!;
    const now = this.session!.entryNumber(e.cell, e.row, e.col);
    if (now !== null) this.setWeight(edge, movedWeight(now, by));
  }

  private onPointerDown(ev: PointerEvent, edge: NetworkEdge): void {
    const e = edge.entry,
      s = this.session;
    if (!e || !s || !this.editable(edge) || ev.button !== 0 || s.entryNumber(e.cell, e.row, e.col) === null) return;
    ev.preventDefault();
    (ev.currentTarget as Element).setPointerCapture?.(ev.pointerId);
    this.drag = { edge, start: 0, y: ev.clientY, texts: [], moved: false, pointer: ev.pointerId };
  }

  /** While dragging, the sheet follows the weight; the edit is recorded once, when it ends. */
  private onPointerMove(ev: PointerEvent): void {
    const d = this.drag;
    if (!d || ev.pointerId !== d.pointer) return;
    const steps = Math.round(d.y - ev.clientY);
    if (steps === 0 && !d.moved) return;
    const e = d.edge.entry!,
      s = this.session!;
    if (!d.moved) {
      // A drag, not a click: a training run going on ends first (recorded), and the drag starts from where it stopped.
      s.flush();
      const start = s.entryNumber(e.cell, e.row, e.col);
      if (start === null) return;
      Object.assign(d, { moved: true, start, texts: s.entriesOf(e.cell) });
    }
    const texts = d.texts.map((r) => [...r]);
    texts[e.row - 1][e.col - 1] = movedWeight(d.start, steps * dragPerPixel);
    s.setEntries(e.cell, texts, { record: false });
  }

  private onPointerUp(ev: PointerEvent): void {
    const d = this.drag;
    if (!d || ev.pointerId !== d.pointer) return;
    this.drag = undefined;
    const e = d.edge.entry!,
      s = this.session!;
    const steps = Math.round(d.y - ev.clientY);
    if (!d.moved) {
      this.goToEntry(d.edge); // a click: to the entry
      return;
    }
    s.setEntries(e.cell, d.texts, { record: false }); // back where it started, unrecorded, then one edit
    if (steps !== 0) this.setWeight(d.edge, movedWeight(d.start, steps * dragPerPixel));
  }

  private onKeyDown(ev: KeyboardEvent, k: number): void {
    const stop = this.stops[k];
    const edge = stop?.kind === 'edge' ? stop.edge.edge : undefined;
    let next: number | undefined;
    switch (ev.key) {
      case 'ArrowRight':
        next = Math.min(this.stops.length - 1, k + 1);
        break;
      case 'ArrowLeft':
        next = Math.max(0, k - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = this.stops.length - 1;
        break;
      case 'Enter':
        if (edge) this.goToEntry(edge);
        break;
      case 'ArrowUp':
      case '+':
      case '=':
        if (edge) this.nudge(edge, nudgeStep);
        break;
      case 'ArrowDown':
      case '-':
        if (edge) this.nudge(edge, -nudgeStep);
        break;
      default:
        return;
    }
    ev.preventDefault();
    if (next !== undefined && next !== k) {
      this._active = next;
      void this.updateComplete.then(() => this.renderRoot.querySelector<SVGGElement>(`[data-stop="${next}"]`)?.focus());
    }
  }

  private point(stop: Stop | undefined, k?: number): void {
    if (k !== undefined) this._active = k;
    this._pointed = stop ? (stop.kind === 'edge' ? stop.edge.edge.name : stop.unit.name) : undefined;
    this.outline(stop?.kind === 'edge' ? stop.edge.edge : undefined);
  }

  // ---- Rendering -------------------------------------------------------------------------------

  override render() {
    const block = this.block,
      data = this._data;
    if (!block) return nothing;
    const error = data instanceof Error ? data : undefined;
    if (data && !error) this.lastGood = data as NetworkData;
    const good = this.lastGood;
    const title = block.title ?? block.layers.map((l) => l.text).join(' → ');
    return html`<figure part="network" class=${error ? 'stale' : ''}>
      <figcaption class="title">${title}</figcaption>
      ${error ? html`<div class="error" role="alert" part="error"><span class="code">${error.code}</span> ${messages.networkCannotDraw()} ${error.message}</div>` : nothing}
      ${good ? this.renderDiagram(good, title) : nothing}
    </figure>`;
  }

  private renderDiagram(data: NetworkData, title: string) {
    const hasDetail = data.layers.some((l) => l.s || l.delta);
    const details = this.details && hasDetail;
    const showGradient = this.gradients && data.gradients;
    const layout = (this.layout = layoutNetwork(data, details));
    const sample = Math.min(Math.max(1, this.sample), data.samples) - 1;
    // Keyboard order: each layer's neurons, then the edges leaving it.
    const stops: Stop[] = [];
    layout.columns.forEach((_, k) => {
      for (const u of layout.units) if (u.layer === k) stops.push({ kind: 'unit', unit: u });
      for (const e of layout.edges) if (e.edge.from[0] === k) stops.push({ kind: 'edge', edge: e });
    });
    this.stops = stops;
    const active = Math.min(this._active, stops.length - 1);
    const numberOf = (e: NetworkEdge) => (showGradient ? e.gradient : e.weight);
    const max = largest(data.edges.map((e) => numberOf(e) ?? 0));
    const layerMax = data.layers.map((l) => largest(l.h[sample] ?? []));
    const pointed = this._pointed;

    const edgeOf = (p: PlacedEdge, k: number) => {
      const e = p.edge;
      const v = numberOf(e);
      const stroke = v === undefined ? undefined : strokeFor(v, max);
      const editable = this.editable(e);
      const valueText = messages.networkEdgeText(
        shortNumber(e.weight),
        e.gradient === undefined ? (data.gradients ? messages.networkNoGradient() : undefined) : shortNumber(e.gradient),
      );
      const cls = `edge ${stroke ? stroke.sign : 'none'}${this._linked === e.name ? ' linked' : ''}${pointed === e.name ? ' pointed' : ''}${editable ? ' editable' : ''}`;
      return svg`<g class=${cls} data-stop=${k} data-name=${e.name} data-weight=${String(e.weight)} data-gradient=${e.gradient === undefined ? '' : String(e.gradient)}
          role="slider" aria-label=${e.name} aria-orientation="vertical" aria-valuenow=${String(e.weight)} aria-valuetext=${valueText}
          aria-readonly=${editable ? 'false' : 'true'} tabindex=${k === active ? 0 : -1}
          @focus=${() => this.point({ kind: 'edge', edge: p }, k)} @blur=${() => this.point(undefined)}
          @pointerenter=${() => this.point({ kind: 'edge', edge: p })} @pointerleave=${() => !this.drag && this.point(undefined)}
          @pointerdown=${(ev: PointerEvent) => this.onPointerDown(ev, e)} @pointermove=${(ev: PointerEvent) => this.onPointerMove(ev)}
          @pointerup=${(ev: PointerEvent) => this.onPointerUp(ev)} @pointercancel=${(ev: PointerEvent) => this.onPointerUp(ev)}
          @keydown=${(ev: KeyboardEvent) => this.onKeyDown(ev, k)}>
        <line class="hit" x1=${p.x1} y1=${p.y1} x2=${p.x2} y2=${p.y2}></line>
        <line class="stroke" x1=${p.x1} y1=${p.y1} x2=${p.x2} y2=${p.y2} stroke-width=${stroke?.width ?? 1}></line>
        <title>${e.name}: ${valueText}${editable ? '' : e.entry ? ` (${messages.networkComputed(e.entry.cell)})` : ''}</title>
      </g>`;
    };
    const unitOf = (u: PlacedUnit, k: number) => {
      const layer = data.layers[u.layer];
      const r = layout.radius;
      if (u.unit < 0) {
        return svg`<g class="unit bias" data-stop=${k} role="img" aria-label=${messages.networkBiasUnit(u.name)} tabindex=${k === active ? 0 : -1}
            @focus=${() => this.point({ kind: 'unit', unit: u }, k)} @blur=${() => this.point(undefined)} @keydown=${(ev: KeyboardEvent) => this.onKeyDown(ev, k)}>
          <rect x=${u.x - r + 2} y=${u.y - r + 2} width=${2 * r - 4} height=${2 * r - 4} rx="3"></rect>
          <text class="inside" x=${u.x} y=${u.y + 4}>1</text>
        </g>`;
      }
      const h = layer.h[sample]?.[u.unit] ?? 0,
        s = layer.s?.[sample]?.[u.unit],
        d = layer.delta?.[sample]?.[u.unit];
      const fill = fillFor(h, layerMax[u.layer]);
      const [hs, ss, ds] = [h, s, d].map((v) => (v === undefined ? undefined : shortNumber(v)));
      const lines = details ? messages.networkUnitLines(hs!, ss, ds) : [hs!];
      return svg`<g class=${`unit ${fill.sign}${pointed === u.name ? ' pointed' : ''}`} data-stop=${k} data-name=${u.name} data-h=${String(h)}
          data-s=${s === undefined ? '' : String(s)} data-delta=${d === undefined ? '' : String(d)}
          role="img" aria-label=${messages.networkUnit(u.name, hs!, ss, ds)} tabindex=${k === active ? 0 : -1}
          @focus=${() => this.point({ kind: 'unit', unit: u }, k)} @blur=${() => this.point(undefined)}
          @pointerenter=${() => (this._pointed = u.name)} @pointerleave=${() => (this._pointed = undefined)}
          @keydown=${(ev: KeyboardEvent) => this.onKeyDown(ev, k)}>
        <circle class="disc" cx=${u.x} cy=${u.y} r=${r}></circle>
        <circle class="fill" cx=${u.x} cy=${u.y} r=${r} fill-opacity=${fill.opacity}></circle>
        ${lines.map((t, i) => svg`<text class="value" x=${u.x} y=${u.y + r + 12 + i * 12}>${t}</text>`)}
      </g>`;
    };
    const described = pointed ? this.describe(pointed, data, sample) : '';
    return html`
      <div class="controls">
        ${data.gradients ? html`<label><input type="checkbox" .checked=${this.gradients} @change=${(e: Event) => (this.gradients = (e.target as HTMLInputElement).checked)} /> ${messages.networkWeightsSwitch()}</label>` : nothing}
        ${hasDetail ? html`<label><input type="checkbox" .checked=${this.details} @change=${(e: Event) => (this.details = (e.target as HTMLInputElement).checked)} /> ${messages.networkUnitsSwitch()}</label>` : nothing}
        ${
          data.samples > 1
            ? html`<label>${messages.networkSample()} <select @change=${(e: Event) => (this.sample = Number((e.target as HTMLSelectElement).value))}>
          ${Array.from({ length: data.samples }, (_, i) => html`<option value=${i + 1} ?selected=${i === sample}>${i + 1}</option>`)}
        </select></label>`
            : nothing
        }
      </div>
      <div class="scroll">
        <svg role="group" aria-label=${messages.networkLabel(title)} aria-roledescription=${messages.networkRole()} width=${layout.width} height=${layout.height} viewBox=${`0 0 ${layout.width} ${layout.height}`}>
          ${layout.columns.map((c) => svg`<text class="layer" x=${c.x} y="14" aria-hidden="true">${c.label}</text>`)}
          ${stops.map((st, k) => (st.kind === 'edge' ? edgeOf(st.edge, k) : nothing))}
          ${stops.map((st, k) => (st.kind === 'unit' ? unitOf(st.unit, k) : nothing))}
        </svg>
      </div>
      <p class="status" aria-live="polite">${described}</p>
      <p class="note">${showGradient ? messages.networkShowsGradient() : messages.networkShowsWeights()} ${messages.networkConvention()} <span class="keys">${messages.networkKeys()}</span></p>`;
  }

  /** What is said of the edge or neuron pointed at, under the diagram. */
  private describe(name: string, data: NetworkData, sample: number): string {
    const edge = data.edges.find((e) => e.name === name);
    if (edge) {
      const g = edge.gradient === undefined ? undefined : shortNumber(edge.gradient);
      const computed = edge.entry && !this.editable(edge) ? ` ${messages.networkComputed(edge.entry.cell)}` : '';
      return `${messages.networkEdgeSaid(edge.name, messages.networkEdgeText(shortNumber(edge.weight), g))}${computed}`;
    }
    const unit = this.layout?.units.find((u) => u.name === name);
    if (!unit) return '';
    if (unit.unit < 0) return messages.networkBiasUnit(name);
    const layer = data.layers[unit.layer];
    const at = (v: number[][] | undefined) => (v ? shortNumber(v[sample][unit.unit]) : undefined);
    return messages.networkUnit(name, at(layer.h)!, at(layer.s), at(layer.delta));
  }

  static override styles = [
    theme,
    css`
      :host { display: block; margin: 0.8rem 0 1.2rem; font-family: var(--_font); color: var(--_fg); max-width: 100%; }
      figure { margin: 0; display: inline-block; border: 1px solid var(--_border); border-radius: 8px; padding: 0.6rem 0.8rem; background: var(--_cell-bg); max-width: 100%; box-sizing: border-box; }
      /* On paper: the diagram and what it shows, not the switches nor the keys. */
      @media print { figure { break-inside: avoid; } .controls, .keys { display: none; } }
      .title { font-weight: 600; font-size: 0.95rem; margin-bottom: 0.3rem; }
      .controls { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; font-size: 0.85rem; margin-bottom: 0.3rem; }
      .controls:empty { display: none; }
      /* A wide network scrolls sideways inside its frame; it never overlaps the page. */
      .scroll { overflow-x: auto; max-width: 100%; }
      svg { display: block; touch-action: pan-x; }
      text { font-family: var(--_mono); font-size: 10px; fill: var(--_fg); text-anchor: middle; }
      text.layer { font-size: 11px; fill: var(--_muted); }
      .edge .hit { stroke: transparent; stroke-width: 12; }
      .edge .stroke { stroke: var(--_muted); pointer-events: none; }
      .edge.positive .stroke { stroke: var(--_accent); }
      .edge.negative .stroke { stroke: var(--_differ); stroke-dasharray: 5 3; }
      .edge.zero .stroke { stroke-opacity: 0.5; }
      .edge.editable { cursor: ns-resize; }
      .edge:focus, .unit:focus { outline: none; }
      .edge:focus .hit, .edge.pointed .hit { stroke: var(--_accent); stroke-opacity: 0.25; }
      .edge.linked .hit { stroke: var(--_accent); stroke-opacity: 0.45; }
      .unit .disc { fill: var(--_cell-bg); stroke: var(--_fg); stroke-width: 1.2; }
      .unit .fill { fill: var(--_muted); stroke: none; }
      .unit.positive .fill { fill: var(--_accent); }
      .unit.negative .fill { fill: var(--_differ); }
      .unit:focus .disc, .unit.pointed .disc { stroke: var(--_accent); stroke-width: 3; }
      .unit.bias rect { fill: var(--_cell-bg); stroke: var(--_muted); stroke-width: 1.2; }
      .unit.bias:focus rect { stroke: var(--_accent); stroke-width: 3; }
      .status { font-family: var(--_mono); font-size: 0.8rem; min-height: 1.2em; margin: 0.3rem 0 0; }
      .note { font-size: 0.8rem; color: var(--_muted); margin: 0.2rem 0 0; max-width: 36rem; }
      .error { color: var(--_error); background: var(--_error-bg); border-radius: 5px; padding: 0.4rem 0.6rem; font-size: 0.85rem; max-width: 36rem; }
      figure.stale .scroll { opacity: 0.35; }
      .code { font-family: var(--_mono); font-size: 0.75rem; margin-right: 0.3rem; }
    `,
  ];
}

if (!customElements.get('gs-network')) customElements.define('gs-network', GsNetwork);

declare global {
  interface HTMLElementTagNameMap {
    'gs-network': GsNetwork;
  }
}
