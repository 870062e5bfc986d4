// <gs-graph>: the dependency graph of a whole workbook. Every cell is a node (inputs, formulas,
// and cells with an error in red, marked "error" in words too); an arrow goes from a cell to
// each cell that reads it. Laid out top to bottom by dagre (a layered-graph layout), loaded
// only when the graph is opened. Clicking a node, or Enter or Space on it, fires `gs-jump`
// {name}, which <gs-workbook> answers by scrolling to the cell and focusing it.
//
// Keys: the graph is one stop in the tab order (a roving tabindex); the arrow keys move to the
// nearest node in that direction, Home and End to the first and last cell.

import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import dagre from '@dagrejs/dagre';
import type { Session } from '../src/reactive/session.ts';
import type { DependencyGraph } from '../src/graph/trace.ts';
import { describeShape, shapeOf } from '../src/formula/value.ts';
import { theme } from './styles.ts';
import { messages } from '../src/messages.ts';
import type { GsJumpDetail } from './gs-cell.ts';

interface Placed {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Layout {
  graph: DependencyGraph;
  nodes: Placed[];
  edges: { from: string; to: string; points: { x: number; y: number }[] }[];
  width: number;
  height: number;
}

/** Pixels per character of a node's label (13px monospace) and a node's padding and height. */
const charWidth = 8,
  padding = 22,
  nodeHeight = 42;

/**
 * The dependency graph of a workbook: a node per cell, an arrow from a cell to each cell that
 * reads it. Shown by the Graph button of <gs-workbook> (loaded then).
 *
 * @summary The dependency graph of a workbook.
 *
 * @attr {string} selected - The cell selected in the sheet: its node and arrows stand out.
 *
 * @fires {CustomEvent<GsJumpDetail>} gs-jump - A node was clicked, or Enter or Space pressed on it (bubbles, composed).
 *
 * @cssprop [--gs-fg=#1d2330] - Text (in the dark scheme: #e4e8f0).
 * @cssprop [--gs-muted=#5d6678] - Secondary text (in the dark scheme: #a3acbd).
 * @cssprop [--gs-cell-bg=#fbfcfe] - A card's background (cell, chart, training controls) (in the dark scheme: #1c212b).
 * @cssprop [--gs-border=#d5dae3] - Borders (in the dark scheme: #3a4252).
 * @cssprop [--gs-accent=#2d5bd7] - Focus rings, buttons, links (in the dark scheme: #8fb0ff).
 * @cssprop [--gs-error=#b00020] - Errors (in the dark scheme: #ff8a9a).
 * @cssprop [--gs-error-bg=#fdecee] - The background of an error (in the dark scheme: #3a1d24).
 * @cssprop [--gs-input-bg=#ffffff] - An entry's background (in the dark scheme: #11141a).
 * @cssprop [--gs-font=system-ui, -apple-system, 'Segoe UI', sans-serif] - The text font.
 * @cssprop [--gs-mono=ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace] - The font of numbers and formulas.
 */
export class GsGraph extends LitElement {
  static override properties = {
    session: { attribute: false },
    selected: { type: String },
    _focus: { state: true, attribute: false },
  };

  declare session: Session | undefined;
  /** The cell selected in the sheet: its node and arrows stand out. */
  declare selected: string | undefined;
  /** The node in the tab order. */
  /** @private (state) */
  declare _focus: string | undefined;

  private layout: Layout | undefined;
  private unsubscribe: (() => void) | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) {
      this.unsubscribe?.();
      // Statuses change as cells compute; a formula edit may change the plan (and the layout).
      this.unsubscribe = this.session?.view.onAnyChange(() => this.requestUpdate());
    }
    if (this.session && this.layout?.graph !== this.session.view.graph) this.layout = layOut(this.session.view.graph);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.session && !this.unsubscribe) this.unsubscribe = this.session.view.onAnyChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** The button of a node (tests and the workbook use it). */
  node(name: string): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(`button.node[data-name="${CSS.escape(name)}"]`);
  }

  private jump(name: string): void {
    this._focus = name;
    this.dispatchEvent(new CustomEvent<GsJumpDetail>('gs-jump', { detail: { name }, bubbles: true, composed: true }));
  }

  private onKey(e: KeyboardEvent, from: Placed): void {
    const nodes = this.layout!.nodes;
    let next: Placed | undefined;
    if (e.key === 'Home') next = nodes[0];
    else if (e.key === 'End') next = nodes[nodes.length - 1];
    else if (e.key.startsWith('Arrow')) next = nearest(nodes, from, e.key.slice(5).toLowerCase() as Direction);
    else return;
    e.preventDefault();
    if (!next) return;
    this._focus = next.name;
    void this.updateComplete.then(() => this.node(next!.name)?.focus());
  }

  override render() {
    const session = this.session,
      layout = this.layout;
    if (!session || !layout) return nothing;
    const selected = this.selected && layout.graph.reads.has(this.selected) ? session.view.trace(this.selected) : undefined;
    const focus = this._focus && layout.graph.reads.has(this._focus) ? this._focus : (selected?.name ?? layout.nodes[0]?.name);
    const near = (n: string) => (selected?.precedents.includes(n) ? ' precedent' : '') + (selected?.dependents.includes(n) ? ' dependent' : '');
    return html`
      <p class="legend">
        <span class="key input">${messages.graphKeyInput()}</span><span class="key formula">${messages.graphKeyFormula()}</span><span class="key error">${messages.graphKeyError()}</span>
        <span class="hint">${messages.graphHint()}</span>
      </p>
      <div class="scroll">
        <div class="graph" role="group" aria-label=${messages.graphLabel()} style=${`width:${layout.width}px;height:${layout.height}px`}>
          <svg width=${layout.width} height=${layout.height} aria-hidden="true">
            <defs>
              <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" class="head"></path>
              </marker>
              <marker id="arrow-on" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" class="head on"></path>
              </marker>
            </defs>
            ${layout.edges.map((e) => {
              const on = !!selected && (e.from === selected.name || e.to === selected.name);
              return svg`<path class=${on ? 'edge on' : 'edge'} d=${pathOf(e.points)} marker-end=${on ? 'url(#arrow-on)' : 'url(#arrow)'}></path>`;
            })}
          </svg>
          ${layout.nodes.map((n) => {
            const state = session.state(n.name);
            const cell = session.view.cell(session.indexOf(n.name));
            const error = state?.status === 'error';
            const shape = state?.status === 'ok' && state.value !== undefined ? shapeOf(state.value) : undefined;
            const size = !shape ? '' : shape[0] === 1 && shape[1] === 1 ? ' · scalar' : ` · ${describeShape(shape)}`;
            const kind = error ? `error ${state!.error?.code ?? ''}`.trim() : `${cell.kind}${size}`;
            const reads = layout.graph.reads.get(n.name)!,
              readBy = layout.graph.readBy.get(n.name)!;
            return html`<button type="button"
              class=${`node kind-${cell.kind}${error ? ' error' : ''}${selected?.name === n.name ? ' selected' : ''}${near(n.name)}`}
              data-name=${n.name}
              tabindex=${n.name === focus ? 0 : -1}
              style=${`left:${n.x - n.width / 2}px;top:${n.y - n.height / 2}px;width:${n.width}px;height:${n.height}px`}
              title=${messages.graphNodeTitle(error ? `${state!.error?.message ?? ''} ` : '', reads, readBy)}
              @click=${() => this.jump(n.name)}
              @focus=${() => (this._focus = n.name)}
              @keydown=${(e: KeyboardEvent) => this.onKey(e, n)}
            ><span class="name">${n.name}</span> <span class="kind">${kind}</span></button>`;
          })}
        </div>
      </div>
    `;
  }

  static override styles = [
    theme,
    css`
      :host { display: block; font-family: var(--_font); color: var(--_fg); }
      .legend { display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; align-items: center; font-size: 0.82rem; margin: 0 0 0.4rem; }
      .key { display: inline-flex; align-items: center; gap: 0.3rem; }
      .key::before { content: ''; width: 1.1em; height: 0.8em; border-radius: 3px; border: 1px solid var(--_border); background: var(--_input-bg); }
      .key.formula::before { background: var(--_cell-bg); border-style: dashed; }
      .key.error::before { border: 2px solid var(--_error); background: var(--_error-bg); }
      .hint { color: var(--_muted); }
      .scroll { overflow: auto; max-height: 75vh; border: 1px solid var(--_border); border-radius: 8px; background: var(--_cell-bg); }
      .graph { position: relative; }
      svg { position: absolute; left: 0; top: 0; overflow: visible; }
      .edge { fill: none; stroke: var(--_muted); stroke-width: 1.2; opacity: 0.7; }
      .edge.on { stroke: var(--_accent); stroke-width: 2.2; opacity: 1; }
      .head { fill: var(--_muted); }
      .head.on { fill: var(--_accent); }
      button.node {
        position: absolute; box-sizing: border-box; display: flex; flex-direction: column; justify-content: center; align-items: center;
        padding: 0 0.3rem; border-radius: 6px; cursor: pointer; overflow: hidden;
        font: inherit; font-family: var(--_mono); color: var(--_fg);
        background: var(--_input-bg); border: 1px solid var(--_border);
      }
      button.node.kind-formula { background: var(--_cell-bg); border-style: dashed; }
      button.node .name { font-size: 13px; font-weight: 600; white-space: nowrap; }
      button.node .kind { font-size: 11px; color: var(--_muted); white-space: nowrap; }
      button.node.error { border: 2px solid var(--_error); background: var(--_error-bg); color: var(--_error); }
      button.node.error .kind { color: var(--_error); }
      button.node.selected { box-shadow: 0 0 0 3px var(--_accent); }
      button.node.precedent, button.node.dependent { border-color: var(--_accent); border-width: 2px; }
      button.node:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
      @media print { :host { display: none; } }
    `,
  ];
}

/** Positions every cell with dagre: one rank per step of computation, top to bottom. */
function layOut(graph: DependencyGraph): Layout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 16, ranksep: 34, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const cell of graph.nodes) {
    const label = Math.max(cell.name.length, 14);
    g.setNode(cell.name, { width: label * charWidth + padding, height: nodeHeight });
  }
  for (const [from, to] of graph.edges) g.setEdge(from, to);
  dagre.layout(g);
  const nodes = graph.nodes.map((c) => {
    const n = g.node(c.name);
    return { name: c.name, x: n.x, y: n.y, width: n.width, height: n.height };
  });
  const edges = graph.edges.map(([from, to]) => ({ from, to, points: g.edge(from, to).points ?? [] }));
  const { width = 0, height = 0 } = g.graph();
  return { graph, nodes, edges, width: Math.ceil(width), height: Math.ceil(height) };
}

/** A smooth path through dagre's points: quadratic curves through the midpoints between them. */
function pathOf(points: { x: number; y: number }[]): string {
  if (!points.length) return '';
  const parts = [`M ${points[0].x} ${points[0].y}`];
  for (let k = 1; k < points.length - 1; k++) {
    const p = points[k],
      q = points[k + 1];
    parts.push(`Q ${p.x} ${p.y} ${(p.x + q.x) / 2} ${(p.y + q.y) / 2}`);
  }
  const last = points[points.length - 1];
  parts.push(`L ${last.x} ${last.y}`);
  return parts.join(' ');
}

type Direction = 'up' | 'down' | 'left' | 'right';

/** The node nearest to `from` in a direction: distance along it, plus twice the offset across it. */
function nearest(nodes: readonly Placed[], from: Placed, direction: Direction): Placed | undefined {
  let best: Placed | undefined,
    score = Infinity;
  for (const n of nodes) {
    const dx = n.x - from.x,
      dy = n.y - from.y;
    const along = { up: -dy, down: dy, left: -dx, right: dx }[direction];
    const across = direction === 'up' || direction === 'down' ? Math.abs(dx) : Math.abs(dy);
    if (n === from || along <= 0.5) continue;
    const s = along + 2 * across;
    if (s < score) ((score = s), (best = n));
  }
  return best;
}

if (!customElements.get('gs-graph')) customElements.define('gs-graph', GsGraph);

declare global {
  interface HTMLElementTagNameMap {
    'gs-graph': GsGraph;
  }
}
