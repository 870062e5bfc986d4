// Numeric kernels over Value: plain loops over Float64Array. Every kernel that creates a
// matrix checks its size *before* allocating it (GUIDE §4: ones(1e4,1e4) kills a tab).

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { limits } from '../limits.ts';
import { spend } from './budget.ts';
import { Mat, collapse, firstNaN, shapeOf, type Shape, type Value } from './value.ts';

/** Thrown by a kernel when operand shapes do not fit; the evaluator names the operands. */
export class ShapeError extends Error {
  /** Which arguments (by position) the message is about. */
  readonly operands: readonly number[];
  constructor(detail: string, operands: readonly number[] = [0, 1]) {
    super(detail);
    this.name = 'ShapeError';
    this.operands = operands;
  }
}

/**
 * Thrown when an operation makes a NaN (0/0, log of a negative number, ∞ − ∞): a NaN is an
 * error where it arises (value.ts, "Numbers"). The evaluator replaces the operation's name
 * with the text of the expression.
 */
export class NaNError extends CellError {
  readonly where: string;
  constructor(op: string, where: string) {
    super(codes.E_NONFINITE, messages.nanResult(`${op}(…)`, where));
    this.name = 'NaNError';
    this.where = where;
  }
}

/** `out` unchanged, or a NaNError naming the op and the first NaN entry. */
export function noNaN(op: string, out: Value): Value {
  const at = firstNaN(out);
  if (at) throw new NaNError(op, typeof out === 'number' ? '' : messages.at(at[0], at[1]));
  return out;
}

export function checkSize(rows: number, cols: number, what: string): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new CellError(codes.E_ARGUMENT, messages.argument(what, messages.sizesWhole(rows, cols)));
  }
  const n = rows * cols;
  if (n > limits.maxEntries) throw new CellError(codes.E_TOO_LARGE, messages.tooLarge(what, n, limits.maxEntries));
}

export function alloc(rows: number, cols: number, what = 'The result'): Mat {
  checkSize(rows, cols, what);
  return new Mat(rows, cols);
}

export function map(a: Value, f: (x: number) => number): Value {
  if (typeof a === 'number') return f(a);
  const out = new Mat(a.rows, a.cols);
  const d = a.data, o = out.data;
  for (let k = 0; k < d.length; k++) o[k] = f(d[k]);
  return out;
}

/** NumPy-style broadcasting over two dimensions: each size equal, or one of them 1. */
export function broadcastShape(a: Shape, b: Shape): Shape | null {
  const r = a[0] === b[0] ? a[0] : a[0] === 1 ? b[0] : b[0] === 1 ? a[0] : -1;
  const c = a[1] === b[1] ? a[1] : a[1] === 1 ? b[1] : b[1] === 1 ? a[1] : -1;
  return r < 0 || c < 0 ? null : [r, c];
}

export function zip(a: Value, b: Value, f: (x: number, y: number) => number, verb: string): Value {
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  if (typeof a === 'number') {
    const bm = b as Mat, out = new Mat(bm.rows, bm.cols), d = bm.data, o = out.data;
    for (let k = 0; k < d.length; k++) o[k] = f(a, d[k]);
    return out;
  }
  if (typeof b === 'number') {
    const out = new Mat(a.rows, a.cols), d = a.data, o = out.data;
    for (let k = 0; k < d.length; k++) o[k] = f(d[k], b);
    return out;
  }
  if (a.rows === b.rows && a.cols === b.cols) {
    const out = new Mat(a.rows, a.cols), x = a.data, y = b.data, o = out.data;
    for (let k = 0; k < x.length; k++) o[k] = f(x[k], y[k]);
    return out;
  }
  const shape = broadcastShape([a.rows, a.cols], [b.rows, b.cols]);
  if (!shape) throw new ShapeError(messages.shapeBroadcast(verb));
  const [R, C] = shape;
  const out = alloc(R, C), o = out.data;
  const ai = a.rows === 1 ? 0 : a.cols, aj = a.cols === 1 ? 0 : 1;
  const bi = b.rows === 1 ? 0 : b.cols, bj = b.cols === 1 ? 0 : 1;
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) o[i * C + j] = f(a.data[i * ai + j * aj], b.data[i * bi + j * bj]);
  return collapse(out);
}

/** The gradient of a broadcast operand: sum g over the dimensions that were stretched. */
export function unbroadcast(g: Value, shape: Shape): Value {
  const [r, c] = shape;
  if (typeof g === 'number') {
    if (r === 1 && c === 1) return g;
    const out = new Mat(r, c);
    out.data.fill(g);
    return out;
  }
  if (g.rows === r && g.cols === c) return g;
  const out = new Mat(r, c), o = out.data;
  for (let i = 0; i < g.rows; i++) {
    for (let j = 0; j < g.cols; j++) o[(r === 1 ? 0 : i) * c + (c === 1 ? 0 : j)] += g.data[i * g.cols + j];
  }
  return collapse(out);
}

export function add(a: Value, b: Value): Value {
  return zip(a, b, (x, y) => x + y, 'add');
}
export function sub(a: Value, b: Value): Value {
  return zip(a, b, (x, y) => x - y, 'subtract');
}
export function mul(a: Value, b: Value): Value {
  return zip(a, b, (x, y) => x * y, 'multiply');
}
export function div(a: Value, b: Value): Value {
  return zip(a, b, (x, y) => x / y, 'divide');
}
export function neg(a: Value): Value {
  return map(a, (x) => -x);
}
export function scale(a: Value, s: number): Value {
  return map(a, (x) => x * s);
}

export function transpose(a: Value): Value {
  if (typeof a === 'number') return a;
  const out = new Mat(a.cols, a.rows), d = a.data, o = out.data, R = a.rows, C = a.cols;
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) o[j * R + i] = d[i * C + j];
  return out;
}

/** The matrix product; a number times anything scales it. */
export function matmul(a: Value, b: Value): Value {
  if (typeof a === 'number' || typeof b === 'number') return mul(a, b);
  if (a.cols !== b.rows) {
    throw new ShapeError(messages.shapeMatmul(a.cols, b.rows));
  }
  const n = a.rows, k = a.cols, m = b.cols;
  const work = n * k * m;
  if (work > limits.maxMultiplications) {
    throw new CellError(codes.E_TOO_LARGE, messages.tooMuchWork('This product', work, limits.maxMultiplications));
  }
  const out = alloc(n, m), A = a.data, B = b.data, O = out.data;
  spend(work);
  for (let i = 0; i < n; i++) {
    const oi = i * m;
    for (let p = 0; p < k; p++) {
      const aip = A[i * k + p];
      const bp = p * m;
      for (let j = 0; j < m; j++) O[oi + j] += aip * B[bp + j];
    }
  }
  return collapse(out);
}

export function sumAll(a: Value): number {
  if (typeof a === 'number') return a;
  spend(a.data.length);
  let s = 0;
  const d = a.data;
  for (let k = 0; k < d.length; k++) s += d[k];
  return s;
}

/** Sum along a dimension, 1-based as in formulas: 1 sums each column (a row results), 2 each row. */
export function sumDim(a: Value, dim: 1 | 2): Value {
  if (typeof a === 'number') return a;
  spend(a.data.length);
  const R = a.rows, C = a.cols, d = a.data;
  const out = dim === 1 ? new Mat(1, C) : new Mat(R, 1), o = out.data;
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) o[dim === 1 ? j : i] += d[i * C + j];
  return collapse(out);
}

export function fill(shape: Shape, v: number): Value {
  const [r, c] = shape;
  if (r === 1 && c === 1) return v;
  const out = alloc(r, c);
  out.data.fill(v);
  return out;
}

export function zerosLike(v: Value): Value {
  return fill(shapeOf(v), 0);
}
