// A ```network block compiled against a Plan: one function of the cells it reads that gives the
// diagram's numbers: each layer's units (h, and s and δ when given) and one edge per entry of
// each weight matrix and bias, with its weight, its gradient when there is one, and the entry of
// the cell it stands for (Theta1[2,3]). Shapes are checked against the lecture's convention
// s_i = Θ_iᵀ h_{i−1}: Θ_i is n_{i−1}×n_i. A shape that does not fit is an error located at the
// item, never a diagram of other numbers.

import { CellError, isCellError, toCellError, withLoc, type Loc } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import type { NetworkBlock, NetworkItem, Problem } from '../format/spec.ts';
import { withBudget } from '../formula/budget.ts';
import { collapse, describeShape, shapeOf, type Value } from '../formula/value.ts';
import { limits } from '../limits.ts';
import type { CellResult, Plan } from '../graph/compile.ts';
import { compileLoose, type LooseFormula } from '../graph/loose.ts';

/** More edges than a diagram can show legibly, or draw quickly. */
export const maxNetworkEdges = 5000;

/** A unit of a layer, per sample: its value h, and its weighted input s and δ = ∂E/∂s when given. */
export interface NetworkLayer {
  /** The item the layer's values come from ("h1", "H1[:, 1]"). */
  label: string;
  units: number;
  /** [sample][unit]. */
  h: number[][];
  s?: number[][];
  delta?: number[][];
  /** The layer feeds the next through a bias (drawn as a unit "1" above it). */
  bias: boolean;
}

/** Where an edge's number is kept: an entry (1-based) of a cell. */
export interface EntryRef {
  cell: string;
  row: number;
  col: number;
}

export interface NetworkEdge {
  /** "Theta1[2,3]", as the entry's own grid names it (a 1×1 cell: its name). */
  name: string;
  /** Layer and unit (0-based) it leaves; unit −1 is the layer's bias unit. */
  from: [number, number];
  to: [number, number];
  weight: number;
  /** ∂E/∂ of this entry, when the block gives or derives gradients. */
  gradient?: number;
  /** The entry of a cell this edge is: absent when the matrix is a formula of other shape. */
  entry?: EntryRef;
}

export interface NetworkData {
  layers: NetworkLayer[];
  edges: NetworkEdge[];
  /** How many samples the layers hold (one per row; 1 for columns). */
  samples: number;
  /** Whether any edge has a gradient. */
  gradients: boolean;
}

export interface NetworkPlan {
  block: NetworkBlock;
  /** The cells the diagram reads, in the order `run` takes their values. */
  inputs: string[];
  run: (...values: CellResult[]) => NetworkData | CellError;
  problems: Problem[];
}

interface Item {
  item: NetworkItem;
  f: LooseFormula;
  slots: number[];
}

export function compileNetwork(plan: Plan, block: NetworkBlock): NetworkPlan {
  const problems: Problem[] = [];
  const inputs: string[] = [];
  const compileAt = (text: string, at: NetworkItem, col = at.col): Item | null => {
    try {
      const f = compileLoose(plan, text);
      const slots = f.inputs.map((n) => (inputs.includes(n) ? inputs.indexOf(n) : inputs.push(n) - 1));
      return { item: at, f, slots };
    } catch (e) {
      const err = toCellError(e, '');
      problems.push({ code: err.code, message: err.message, line: at.line, col: col - 1 + (err.col ?? 1) });
      return null;
    }
  };
  const list = (items: (NetworkItem | null)[] | undefined) => (items ?? []).map((i) => (i ? compileAt(i.text, i) : null));
  const layers = block.layers.map((i) => compileAt(i.text, i));
  const weights = block.weights.map((i) => compileAt(i.text, i));
  const bias = list(block.bias);
  const sums = list(block.sums);
  const deltas = list(block.deltas);
  const gradients = list(block.gradients);
  const depth = block.depth ? compileAt(block.depth.text, block.depth) : null;
  // The loss derives what is not given: grad(loss, Θ_i), grad(loss, b_i), grad(loss, s_i).
  const biasGradients: (Item | null)[] = [];
  if (block.loss) {
    const loss = block.loss;
    const derive = (of: NetworkItem | null | undefined): Item | null => {
      if (!of) return null;
      if (!plan.byName.has(of.text)) {
        problems.push({ code: codes.E_ARGUMENT, message: messages.networkLossNotCell(of.text), line: loss.line, col: loss.col });
        return null;
      }
      return compileAt(`grad(${loss.text}, ${of.text})`, loss);
    };
    // A line that is written wins, whole: "-" in it means none.
    if (!block.gradients) block.weights.forEach((w, k) => (gradients[k] = derive(w)));
    (block.bias ?? []).forEach((b, k) => (biasGradients[k] = derive(b)));
    if (!block.deltas) (block.sums ?? []).forEach((s, k) => (deltas[k] = derive(s)));
  }
  // Lists whose lengths disagree were reported when the block was read; there is nothing to draw.
  const unread = layers.length < 2 || weights.length !== layers.length - 1;
  if (unread || problems.length || layers.some((l) => !l) || weights.some((w) => !w)) {
    // The block's own problem, shown at the block (listed with the workbook's problems, once).
    const first =
      problems[0] ??
      (unread
        ? {
            code: codes.E_BLOCK,
            message: layers.length < 2 ? messages.networkFewLayers(layers.length) : messages.networkWeightCount(weights.length, layers.length),
            line: block.line,
            col: 1,
          }
        : undefined);
    const refused = () => {
      const err = new CellError(first?.code ?? codes.E_BLOCK, first?.message ?? messages.networkCannotDraw(), 'network');
      err.loc = { line: first?.line ?? block.line, col: first?.col ?? 1 };
      return err;
    };
    return { block, inputs, run: refused, problems };
  }

  const run = (...values: CellResult[]): NetworkData | CellError =>
    withBudget(
      () => draw(values),
      limits.maxWork,
      () => messages.networkTooMuchWork(limits.maxWork),
    );
  const draw = (values: CellResult[]): NetworkData | CellError => {
    const bad = values.find(isCellError);
    if (bad) return bad;
    let at: Loc | undefined;
    const value = (c: Item): Value => {
      at = c.item;
      return collapse(c.f.run(c.slots.map((k) => values[k] as Value)));
    };
    try {
      // Which layers are drawn: `depth` hidden layers, then the output.
      let kept = layers.map((_, k) => k);
      if (depth) {
        const hidden = layers.length - 2;
        const d = value(depth);
        if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > hidden) {
          throw new CellError(codes.E_ARGUMENT, messages.networkDepth(depth.item.text, typeof d === 'number' ? String(d) : describeShape(shapeOf(d)), hidden));
        }
        kept = [...kept.slice(0, d + 1), layers.length - 1];
      }
      // Weight k' of the drawn network joins drawn layers k' and k' + 1: its index among the
      // listed matrices is that of the upper layer, less one (the output's is the last matrix).
      const wIndex = kept.slice(1).map((l) => l - 1);
      const W = wIndex.map((k) => ({ k, v: value(weights[k]!) }));
      const units = [shapeOf(W[0].v)[0], ...W.map((w) => shapeOf(w.v)[1])];
      W.forEach((w, k) => {
        const prev = W[k - 1];
        if (prev && shapeOf(prev.v)[1] !== shapeOf(w.v)[0]) {
          at = weights[w.k]!.item;
          throw new CellError(
            codes.E_SHAPE,
            messages.networkWeightsMeet(weights[prev.k]!.item.text, describeShape(shapeOf(prev.v)), weights[w.k]!.item.text, describeShape(shapeOf(w.v))),
          );
        }
      });
      const edgeCount = W.reduce((n, w) => n + shapeOf(w.v)[0] * shapeOf(w.v)[1], 0);
      if (edgeCount > maxNetworkEdges) throw new CellError(codes.E_TOO_LARGE, messages.networkTooLarge(edgeCount, maxNetworkEdges));

      let samples: { n: number; from: string } | undefined;
      const perSample = (c: Item, n: number, what: string | undefined, weight: Item): number[][] => {
        const v = value(c);
        const rows = unitRows(v, n);
        if (!rows) {
          const shape = describeShape(shapeOf(v));
          const message =
            what === undefined
              ? messages.networkLayerShape(c.item.text, shape, n, weight.item.text, describeShape(shapeOf(value(weight))))
              : messages.networkLikeShape(what, c.item.text, shape, messages.networkUnits(n));
          at = c.item;
          throw new CellError(codes.E_SHAPE, message);
        }
        if (samples && samples.n !== rows.length) {
          at = c.item;
          throw new CellError(codes.E_SHAPE, messages.networkSamples(c.item.text, rows.length, samples.from, samples.n));
        }
        samples ??= { n: rows.length, from: c.item.text };
        return rows;
      };
      const drawn: NetworkLayer[] = kept.map((l, k) => {
        const weight = weights[k === 0 ? wIndex[0] : wIndex[k - 1]]!;
        const layer: NetworkLayer = { label: layers[l]!.item.text, units: units[k], h: perSample(layers[l]!, units[k], undefined, weight), bias: false };
        if (l > 0) {
          const s = sums[l - 1],
            d = deltas[l - 1];
          if (s) layer.s = perSample(s, units[k], 'weighted input', weight);
          if (d) layer.delta = perSample(d, units[k], 'δ', weight);
        }
        return layer;
      });

      const edges: NetworkEdge[] = [];
      let anyGradient = false;
      W.forEach((w, k) => {
        const [r, c] = shapeOf(w.v);
        const item = weights[w.k]!;
        const g = gradients[w.k];
        const gv = g ? value(g) : undefined;
        if (gv !== undefined && !sameShape(gv, w.v)) {
          at = g!.item;
          throw new CellError(codes.E_SHAPE, messages.networkLikeShape('gradient', g!.item.text, describeShape(shapeOf(gv)), describeShape([r, c])));
        }
        const ref = entryOf(plan, item.item.text, r);
        for (let i = 0; i < r; i++)
          for (let j = 0; j < c; j++) {
            const entry = ref?.(i, j);
            const edge: NetworkEdge = {
              name: entry ? entryName(entry, r * c === 1) : `${item.item.text}[${i + 1},${j + 1}]`,
              from: [k, i],
              to: [k + 1, j],
              weight: get(w.v, i, j),
            };
            if (entry) edge.entry = entry;
            if (gv !== undefined) edge.gradient = get(gv, i, j);
            edges.push(edge);
          }
        if (gv !== undefined) anyGradient = true;
        // The bias into layer k + 1: one edge per unit, from the bias unit of layer k.
        const b = bias[w.k];
        if (b) {
          const bv = value(b);
          const n = c,
            [br, bc] = shapeOf(bv);
          if (!((br === 1 && bc === n) || (bc === 1 && br === n))) {
            at = b.item;
            throw new CellError(
              codes.E_SHAPE,
              messages.networkLikeShape('bias', b.item.text, describeShape([br, bc]), n === 1 ? 'a number' : `a row or a column of ${n}`),
            );
          }
          const bg = biasGradients[w.k] ? value(biasGradients[w.k]!) : undefined;
          const bref = entryOf(plan, b.item.text, br);
          drawn[k].bias = true;
          for (let j = 0; j < n; j++) {
            const [i1, j1] = br === 1 ? [0, j] : [j, 0];
            const entry = bref?.(i1, j1);
            const edge: NetworkEdge = {
              name: entry ? entryName(entry, n === 1) : `${b.item.text}[${j + 1}]`,
              from: [k, -1],
              to: [k + 1, j],
              weight: get(bv, i1, j1),
            };
            if (entry) edge.entry = entry;
            if (bg !== undefined && sameShape(bg, bv)) edge.gradient = get(bg, i1, j1);
            edges.push(edge);
          }
        }
      });
      return { layers: drawn, edges, samples: samples?.n ?? 1, gradients: anyGradient };
    } catch (e) {
      const err = toCellError(e, 'network');
      return at ? withLoc(err, at) : err;
    }
  };
  return { block, inputs, run, problems };
}

/** A layer's values as [sample][unit], or null when the shape does not hold n units. */
function unitRows(v: Value, n: number): number[][] | null {
  const [r, c] = shapeOf(v);
  const row = (i: number) => Array.from({ length: n }, (_, j) => get(v, i, j));
  if (n === 1 && c === 1) return Array.from({ length: r }, (_, i) => [get(v, i, 0)]);
  if (c === 1 && r === n) return [Array.from({ length: n }, (_, i) => get(v, i, 0))];
  if (c === n) return Array.from({ length: r }, (_, i) => row(i));
  return null;
}

function get(v: Value, i: number, j: number): number {
  return typeof v === 'number' ? v : v.get(i, j);
}

function sameShape(a: Value, b: Value): boolean {
  const [r, c] = shapeOf(a),
    [r2, c2] = shapeOf(b);
  return r === r2 && c === c2;
}

/**
 * Which entry of which cell the entry (i, j) (0-based) of a weight item is: the cell's own, for
 * an item that is a cell's name; for a slice of a cell's rows (`Theta[5:8, :]`, as workbook 10
 * keeps all its layers in one matrix), the entry of that cell it was taken from. Else none.
 */
function entryOf(plan: Plan, text: string, rows: number): ((i: number, j: number) => EntryRef) | undefined {
  if (plan.byName.has(text)) return (i, j) => ({ cell: text, row: i + 1, col: j + 1 });
  const slice = /^([\p{L}][\p{L}\p{N}_]*)\s*\[\s*(\d+)\s*:\s*(\d+)\s*,\s*:\s*\]$/u.exec(text);
  if (slice && plan.byName.has(slice[1]) && Number(slice[3]) - Number(slice[2]) + 1 === rows) {
    const offset = Number(slice[2]) - 1;
    return (i, j) => ({ cell: slice[1], row: offset + i + 1, col: j + 1 });
  }
  return undefined;
}

/** The entry's name as its grid labels it: "Theta1[2,3]", or the cell's name when it is 1×1. */
function entryName(e: EntryRef, scalar: boolean): string {
  return scalar && e.row === 1 && e.col === 1 ? e.cell : `${e.cell}[${e.row},${e.col}]`;
}
