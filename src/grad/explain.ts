// Explain a gradient by its chain: for one entry W[i,j] of grad(E, W), the paths from W to E
// through the cell graph, and along each path the local derivatives ∂child/∂parent (one per
// cell formula), multiplied out to that entry, and summed over the paths, as the lecture writes
// ∂E/∂Θ2 = ∂E/∂ŷ · ∂ŷ/∂s2 · ∂s2/∂Θ2.
//
// Nothing here is written by an author: every factor is derived from the plan (which cells
// read which) and the tape (tape.ts), by reverse passes over one cell formula at a time with
// only the parent tracked and every other input held at its current value.
//
//   1. the target: grad(E, W) as the cell's formula, or `check: grad(E, W)`
//   2. the cell paths W → … → E (subgraph.ts gives the cells between them)
//   3. along each path, backwards from E: the adjoint ∂E/∂cell through this path only, one
//      vector-Jacobian product per edge; its last one, shaped like W, is the path's share
//   4. each factor's local Jacobian, when small enough to show, and the entry-level terms
//      (which entries of each cell the entry W[i,j] reaches E through)
//   5. the total over paths, beside autodiff's own gradient entry

import { CellError, isCellError, toCellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { withBudget } from '../formula/budget.ts';
import { add, fill } from '../formula/kernels.ts';
import { Mat, collapse, shapeOf, sizeOf, type Value } from '../formula/value.ts';
import { formulaTex } from '../formula/tex.ts';
import { functions } from '../formula/functions.ts';
import type { Expr } from '../formula/parse.ts';
import type { CheckedCell } from '../graph/check.ts';
import type { CellResult, Plan } from '../graph/compile.ts';
import { shownLabel } from '../graph/names.ts';
import { limits } from '../limits.ts';
import { gradient, subgraph } from './subgraph.ts';
import { agrees } from './check.ts';
import { Tape, evaluateTaped, type Var } from './tape.ts';
import { entryPlace } from '../problems.ts';

/** More cell paths than this from W to E are not listed one by one (their number can grow exponentially). */
export const maxPaths = 24;
/** A local Jacobian with more entries than this is not computed for showing (the path's share still is). */
export const maxJacobianEntries = 65_536;
/** A Jacobian needs one reverse pass per entry of its cell: not for cells larger than this. */
export const maxJacobianRows = 1024;
/** Entry-level terms are enumerated up to this many; beyond, only each path's product is given. */
export const maxTerms = 10_000;

export interface ExplainTarget {
  of: string;
  wrt: string;
  /** The cell's formula is grad(of, wrt) (else it is a hand-written partial with check:). */
  autodiff: boolean;
}

/** How a factor is shown. */
export type FactorKind =
  /** A number: both cells are single numbers. */
  | 'scalar'
  /** An element-wise function (sigmoid): a diagonal Jacobian, shown as its diagonal, shaped like the cell. */
  | 'elementwise'
  /** The child is a single number: ∂child/∂parent shaped like the parent (a gradient). */
  | 'gradient'
  /** The first factor, for the focused entry of W: ∂child/∂W[i,j], shaped like the child. */
  | 'entry'
  /** A full Jacobian: a row per entry of the child, a column per entry of the parent. */
  | 'jacobian'
  /** Too large to show (its product along the path is still computed). */
  | 'large';

export interface ExplainFactor {
  child: string;
  parent: string;
  /** ∂child/∂parent as TeX, with the cells' display labels (∂s₂/∂Θ₂[3,1] for the first factor). */
  tex: string;
  /** The child's formula, `label = formula`, as TeX. */
  formulaTex: string;
  /** An element-wise factor's derivative by name: σ'(s₂) = ŷ ⊙ (1 − ŷ). */
  derivativeTex?: string;
  kind: FactorKind;
  /** What is shown (see FactorKind); null when 'large'. */
  value: Value | null;
  /** Rows × columns of the Jacobian: entries of the child × entries of the parent (of W[i,j]: 1). */
  jacobianShape: [number, number];
  childShape: [number, number];
  parentShape: [number, number];
}

export interface ExplainTerm {
  /** The entry of each cell between W and E the term goes through (cells of more than one entry), from E's side down. */
  through: { cell: string; row: number; col: number }[];
  /** One number per factor, in the factors' order. */
  factors: number[];
  /** Their product. */
  value: number;
}

export interface ExplainPath {
  /** The cells of the path, W first, E last. */
  cells: string[];
  /** The local derivatives, in the lecture's order: ∂E/∂(the cell before E) first, ∂(…)/∂W[i,j] last. */
  factors: ExplainFactor[];
  /** The chain written out, as TeX: ∂E/∂ŷ ∂ŷ/∂s₂ ∂s₂/∂Θ₂[3,1]. */
  chainTex: string;
  /** This path's part of the whole gradient, shaped like W. */
  gradient: Value;
  /** Its part of the focused entry. */
  contribution: number;
  /**
   * The entry-level terms with a non-zero product, largest first (their sum is the
   * contribution); null when a factor is too large to show or there are more than maxTerms.
   */
  terms: ExplainTerm[] | null;
}

export interface Explanation {
  cell: string;
  of: string;
  wrt: string;
  /** The focused entry of W, 1-based. */
  row: number;
  col: number;
  /** TeX of ∂E/∂W[i,j]. */
  tex: string;
  paths: ExplainPath[];
  /** The sum over paths of their contributions. */
  total: number;
  /** The same entry by autodiff over the whole subgraph (subgraph.ts). */
  autodiff: number;
  /** The cell's own value at that entry (a hand-written partial may differ); null if it has no value of W's shape. */
  cellValue: number | null;
  /** W's shape: the entries one can focus. */
  shape: [number, number];
  /** The total equals autodiff to float64 precision (a few ulps of the largest term summed). */
  agrees: boolean;
  /** The cell's value agrees with autodiff within a gradient check's tolerances (check.ts); null without a value. */
  cellAgrees: boolean | null;
}

/** Within float64 precision: |a − b| at most 64 ulps of the largest magnitude that was summed. */
export function sameInFloat64(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= 64 * Number.EPSILON * Math.max(scale, Math.abs(a), Math.abs(b), Number.MIN_VALUE);
}

/** The terms to list (the largest `max`) and the others, counted and summed. */
export function shownTerms(terms: readonly ExplainTerm[], max = 8): { shown: ExplainTerm[]; more: number; together: number } {
  return { shown: terms.slice(0, max), more: Math.max(0, terms.length - max), together: sumOf(terms.slice(max)) };
}

/** What the cell `name` is a gradient of, or null when it has nothing to explain. */
export function explainTarget(plan: Plan, name: string): ExplainTarget | null {
  const pc = plan.byName.get(name);
  if (!pc) return null;
  const expr = pc.checked.parsed?.expr;
  if (expr?.kind === 'grad') return { of: expr.of, wrt: expr.wrt, autodiff: true };
  const check = pc.checked.spec.check;
  return check ? { of: check.of, wrt: check.wrt, autodiff: false } : null;
}

/**
 * The explanation of entry (row, col) of the gradient cell `name`, from the current values of
 * the cells (`valueOf`). Never throws: a problem is a CellError (the cell or a cell it reads has
 * an error, the entry is outside W, the work is over budget, a derivative does not exist).
 */
export function explainGradient(
  plan: Plan,
  valueOf: (name: string) => CellResult | undefined,
  name: string,
  row: number,
  col: number,
): Explanation | CellError {
  try {
    return withBudget(
      () => explainOn(plan, valueOf, name, row, col),
      limits.maxWork,
      () => messages.explainTooMuchWork(limits.maxWork),
    );
  } catch (e) {
    return toCellError(e, name);
  }
}

function explainOn(plan: Plan, valueOf: (name: string) => CellResult | undefined, name: string, row: number, col: number): Explanation {
  // 1. The target.
  const target = explainTarget(plan, name);
  if (!target) throw new CellError(codes.E_ARGUMENT, messages.explainNotAGradient(name), name);
  const { of, wrt } = target;
  const sg = subgraph(plan.checked, of, wrt);
  if (sg instanceof CellError) throw sg;
  const bad = sg.path.find((c) => c.error);
  if (bad) throw bad.error!;
  const value = (n: string): Value => {
    const v = valueOf(n);
    if (v === undefined) throw new CellError(codes.E_ARGUMENT, messages.explainPending(n), n);
    if (isCellError(v)) throw v;
    return v;
  };
  const W = value(wrt);
  const [wRows, wCols] = shapeOf(W);
  if (!(Number.isInteger(row) && Number.isInteger(col) && row >= 1 && col >= 1 && row <= wRows && col <= wCols)) {
    throw new CellError(codes.E_INDEX, messages.explainEntry(wrt, row, col, wRows, wCols), name);
  }
  const q0 = (row - 1) * wCols + (col - 1);
  const label = (n: string) => shownLabel(plan.byName, n) ?? n;
  const wrtEntryTex = `${label(wrt)}${entrySuffix(wRows, wCols, row, col)}`;

  // 5 (first: it also checks E is one number). Autodiff over the whole subgraph.
  const whole = gradient(sg, sg.inputs.map(value));
  const autodiff = typeof whole === 'number' ? whole : whole.data[q0];

  // 2. The cell paths from W to E.
  const cells = new Map(sg.path.map((c) => [c.name, c]));
  const readers = new Map<string, CheckedCell[]>();
  for (const c of sg.path) {
    for (const d of new Set(c.deps)) {
      if (d === wrt || cells.has(d)) readers.set(d, [...(readers.get(d) ?? []), c]);
    }
  }
  const routes: string[][] = [];
  const walk = (at: string, route: string[]) => {
    if (at === of) {
      if (routes.length >= maxPaths) throw new CellError(codes.E_TOO_LARGE, messages.explainTooManyPaths(of, wrt, maxPaths), name);
      routes.push(route);
      return;
    }
    for (const next of readers.get(at) ?? []) walk(next.name, [...route, next.name]);
  };
  if (of !== wrt) walk(wrt, [wrt]);

  // 3 and 4. Each path.
  const edges = new Map<string, Edge>();
  const edge = (parent: string, child: string) => {
    const key = `${parent}\u0000${child}`;
    let e = edges.get(key);
    if (!e) edges.set(key, (e = new Edge(cells.get(child)!, parent, value)));
    return e;
  };
  const paths = routes.map((route) =>
    explainPath(
      route.slice(1).map((c, k) => edge(route[k], c)),
      q0,
      wrtEntryTex,
      label,
    ),
  );
  let total = 0;
  for (const p of paths) total += p.contribution;
  // grad(E, E): E's derivative by itself, 1, with no path between.
  if (of === wrt) total = 1;

  const own = valueOf(name);
  const ownValue = own === undefined || isCellError(own) ? null : own;
  const [oRows, oCols] = ownValue === null ? [0, 0] : shapeOf(ownValue);
  const cellValue = ownValue === null || oRows !== wRows || oCols !== wCols ? null : typeof ownValue === 'number' ? ownValue : ownValue.data[q0];
  const scale = Math.max(0, ...paths.map((p) => Math.abs(p.contribution)), ...paths.flatMap((p) => (p.terms ?? []).map((t) => Math.abs(t.value))));
  return {
    cell: name,
    of,
    wrt,
    row,
    col,
    tex: `\\frac{\\partial ${label(of)}}{\\partial ${wrtEntryTex}}`,
    paths,
    total,
    autodiff,
    cellValue,
    shape: [wRows, wCols],
    agrees: sameInFloat64(total, autodiff, scale),
    cellAgrees: cellValue === null ? null : agrees(cellValue, autodiff),
  };
}

/** [3,1] for an entry (as the entries of a grid are named), nothing for a single number. */
function entrySuffix(rows: number, cols: number, row: number, col: number): string {
  return rows === 1 && cols === 1 ? '' : entryPlace(row, col);
}

/** One edge parent → child of the cell graph: the child's formula on a tape, the parent tracked. */
class Edge {
  readonly childShape: [number, number];
  readonly parentShape: [number, number];
  private jac: Mat | null | undefined;

  constructor(
    readonly child: CheckedCell,
    readonly parent: string,
    private readonly value: (n: string) => Value,
  ) {
    this.childShape = [...shapeOf(value(child.name))] as [number, number];
    this.parentShape = [...shapeOf(value(parent))] as [number, number];
  }

  /** seed · ∂child/∂parent: a seed shaped like the child in, a value shaped like the parent out. */
  vjp(seed: Value): Value {
    const tape = new Tape();
    const leaves = new Map<string, Var>();
    const ref = (n: string) => {
      let v = leaves.get(n);
      if (!v) leaves.set(n, (v = tape.leaf(this.value(n), n === this.parent)));
      return v;
    };
    const out = evaluateTaped(this.child.parsed!.expr, ref, tape);
    const parent = ref(this.parent);
    if (!out.tracked) return fill(this.parentShape, 0);
    // The formula's value was collapsed (a 1×1 matrix is a number) when the cell was computed.
    tape.backward(out, typeof out.value === 'number' || typeof seed !== 'number' ? seed : fill(shapeOf(out.value), seed));
    return parent.grad === null ? fill(this.parentShape, 0) : collapse(parent.grad);
  }

  /** The whole Jacobian (rows: entries of the child; columns: entries of the parent), or null when too large. */
  jacobian(): Mat | null {
    if (this.jac !== undefined) return this.jac;
    const m = size(this.childShape),
      n = size(this.parentShape);
    if (m > maxJacobianRows || m * n > maxJacobianEntries) return (this.jac = null);
    const J = new Mat(m, n);
    for (let k = 0; k < m; k++) {
      const g = this.vjp(unit(this.childShape, k));
      if (typeof g === 'number') J.data[k * n] = g;
      else J.data.set(g.data, k * n);
    }
    return (this.jac = J);
  }

  /** Column q of the Jacobian (how each entry of the child moves with entry q of the parent), shaped like the child; null when the child is too large. */
  column(q: number): Value | null {
    const J = this.jacobian();
    if (J) return columnOf(J, q, this.childShape);
    const m = size(this.childShape);
    if (m > maxJacobianRows) return null;
    const out = new Mat(this.childShape[0], this.childShape[1]);
    for (let k = 0; k < m; k++) {
      const g = this.vjp(unit(this.childShape, k));
      out.data[k] = typeof g === 'number' ? g : g.data[q];
    }
    return collapse(out);
  }
}

const size = (s: readonly [number, number]) => s[0] * s[1];

function unit(shape: readonly [number, number], k: number): Value {
  if (shape[0] === 1 && shape[1] === 1) return 1;
  const u = new Mat(shape[0], shape[1]);
  u.data[k] = 1;
  return u;
}

/** Column q of a Jacobian, shaped like the child. */
function columnOf(J: Mat, q: number, shape: readonly [number, number]): Value {
  const out = new Mat(shape[0], shape[1]);
  for (let k = 0; k < J.rows; k++) out.data[k] = J.data[k * J.cols + q];
  return collapse(out);
}

function isDiagonal(J: Mat): boolean {
  if (J.rows !== J.cols) return false;
  for (let i = 0; i < J.rows; i++) for (let j = 0; j < J.cols; j++) if (i !== j && J.data[i * J.cols + j] !== 0) return false;
  return true;
}

function explainPath(chain: Edge[], q0: number, wrtEntryTex: string, label: (n: string) => string): ExplainPath {
  // 3. Backwards from E: the adjoint of each cell through this path alone.
  let adjoint: Value = 1;
  for (let k = chain.length - 1; k >= 0; k--) adjoint = chain[k].vjp(adjoint);
  const contribution = typeof adjoint === 'number' ? adjoint : adjoint.data[q0];

  // 4. The factors, E's side first.
  const factors = [...chain].reverse().map((e, k, all) => factorOf(e, k === all.length - 1 ? { q0, tex: wrtEntryTex } : null, label));
  const terms = termsOf(chain, q0);
  return {
    cells: [chain[0].parent, ...chain.map((e) => e.child.name)],
    factors,
    chainTex: factors.map((f) => f.tex).join(' \\, '),
    gradient: adjoint,
    contribution,
    terms,
  };
}

function factorOf(e: Edge, first: { q0: number; tex: string } | null, label: (n: string) => string): ExplainFactor {
  const child = e.child.name,
    parent = e.parent;
  const parsed = e.child.parsed!;
  const base = {
    child,
    parent,
    tex: `\\frac{\\partial ${label(child)}}{\\partial ${first ? first.tex : label(parent)}}`,
    formulaTex: `${label(child)} = ${formulaTex(parsed.node, (n) => label(n))}`,
    childShape: e.childShape,
    parentShape: e.parentShape,
  };
  const m = size(e.childShape),
    n = size(e.parentShape);
  if (first) {
    const column = e.column(first.q0);
    return { ...base, kind: column === null ? 'large' : 'entry', value: column, jacobianShape: [m, 1] };
  }
  const J = e.jacobian();
  if (!J) return { ...base, kind: 'large', value: null, jacobianShape: [m, n] };
  if (m === 1 && n === 1) return { ...base, kind: 'scalar', value: J.data[0], jacobianShape: [1, 1], ...elementwiseTex(parsed.expr, parent, child, label) };
  if (m === 1)
    return { ...base, kind: 'gradient', value: collapse(new Mat(e.parentShape[0], e.parentShape[1], Float64Array.from(J.data))), jacobianShape: [m, n] };
  if (m === n && e.childShape[0] === e.parentShape[0] && isDiagonal(J)) {
    const d = new Mat(e.childShape[0], e.childShape[1]);
    for (let k = 0; k < m; k++) d.data[k] = J.data[k * n + k];
    return { ...base, kind: 'elementwise', value: d, jacobianShape: [m, n], ...elementwiseTex(parsed.expr, parent, child, label) };
  }
  return { ...base, kind: 'jacobian', value: J, jacobianShape: [m, n] };
}

/** The element-wise derivative by name, when the formula is one function of the parent: σ'(s₂) = ŷ ⊙ (1 − ŷ). */
function elementwiseTex(expr: Expr, parent: string, child: string, label: (n: string) => string): { derivativeTex?: string } {
  if (expr.kind !== 'apply' || expr.args.length !== 1) return {};
  const arg = expr.args[0];
  if (arg.kind !== 'ref' || arg.name !== parent) return {};
  const derivative = functions.get('d' + expr.op.name);
  if (!derivative?.tex) return {};
  const by = derivative.tex([`{${label(parent)}}`]);
  const out = `{${label(child)}}`;
  const known: Record<string, string> = {
    sigmoid: `${out} \\odot \\left(1 - ${out}\\right)`,
    tanh: `1 - ${out} \\odot ${out}`,
  };
  return { derivativeTex: known[expr.op.name] ? `${by} = ${known[expr.op.name]}` : by };
}

/** 4. The entry-level terms of a path: every way W[i,j] reaches E through one entry of each cell, with its product. */
function termsOf(chain: Edge[], q0: number): ExplainTerm[] | null {
  // The first factor is only needed for entry q0 of W (W itself may be large).
  const first = chain[0].column(q0);
  const jacobians = chain.slice(1).map((e) => e.jacobian());
  if (first === null || jacobians.some((J) => J === null)) return null;
  // Partial terms, W's side first: the entries reached so far and the factors met.
  let partial: { at: number; entries: number[]; factors: number[] }[] = [];
  for (let r = 0; r < sizeOf(first); r++) {
    const f = typeof first === 'number' ? first : first.data[r];
    if (f !== 0) partial.push({ at: r, entries: [r], factors: [f] });
  }
  for (const J of jacobians as Mat[]) {
    const next: typeof partial = [];
    for (const p of partial) {
      for (let r = 0; r < J.rows; r++) {
        const f = J.data[r * J.cols + p.at];
        if (f === 0) continue;
        if (next.length >= maxTerms) return null;
        next.push({ at: r, entries: [...p.entries, r], factors: [...p.factors, f] });
      }
    }
    partial = next;
  }
  const terms = partial.map((p) => {
    // E's side first, as the factors are; E itself (the last entry) is not named.
    const through = p.entries
      .slice(0, -1)
      .flatMap((q, k) => {
        const [rows, cols] = chain[k].childShape;
        // A single number is gone through by every term: only the entries of larger cells tell terms apart.
        return rows * cols === 1 ? [] : [{ cell: chain[k].child.name, row: Math.floor(q / cols) + 1, col: (q % cols) + 1 }];
      })
      .reverse();
    const factors = [...p.factors].reverse();
    let value = 1;
    for (const f of p.factors) value *= f;
    return { through, factors, value };
  });
  return terms.sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
}

/** The sum of a path's terms, in the order given (for tests and the "N more, together" line). */
export function sumOf(terms: readonly ExplainTerm[]): number {
  let s = 0;
  for (const t of terms) s += t.value;
  return s;
}

/** The whole gradient as the sum of the paths' shares (for tests: it equals autodiff entry by entry). */
export function sumOfPaths(e: Explanation): Value {
  let g: Value = fill(e.shape, 0);
  for (const p of e.paths) g = add(g, p.gradient);
  return g;
}
