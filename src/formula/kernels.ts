// Numeric kernels over Value: plain loops over Float64Array. Every kernel that creates a
// matrix checks its size *before* allocating it (GUIDE §4: ones(1e4,1e4) kills a tab).

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { limits } from '../limits.ts';
import { spend } from './budget.ts';
import { productNN, productNT, productTN } from './products.ts';
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
  if (rows > limits.maxSide || cols > limits.maxSide) throw new CellError(codes.E_TOO_LARGE, messages.tooLongSide(what, rows, cols, limits.maxSide));
}

export function alloc(rows: number, cols: number, what = 'The result'): Mat {
  checkSize(rows, cols, what);
  return new Mat(rows, cols);
}

export function map(a: Value, f: (x: number) => number): Value {
  if (typeof a === 'number') return f(a);
  const out = new Mat(a.rows, a.cols);
  const d = a.data,
    o = out.data;
  for (let k = 0; k < d.length; k++) o[k] = f(d[k]);
  return out;
}

// The hot element-wise functions (sigmoid, tanh, relu) have loops of their own, written beside
// their definitions in functions.ts, forward and derivative together. A loop that calls a
// function passed to it (map, zip) is shared by every op, so V8 cannot inline the call: ~5 ns an
// entry instead of ~1 (measured on 16,384 entries). Each loop computes exactly what map/zip would.

/** A new matrix of a's shape, for an element-wise loop to fill. */
export function like(a: Mat): Mat {
  return new Mat(a.rows, a.cols);
}

/**
 * A new matrix for g ⊙ f′(x, y) computed in one pass, when g, x and y are matrices of one shape;
 * null otherwise (then the caller takes the general path, mul(g, zip(x, y, f′))).
 */
export function likeAll(g: Value, x: Value, y: Value): Mat | null {
  if (typeof g === 'number' || typeof x === 'number' || typeof y === 'number') return null;
  if (g.rows !== y.rows || g.cols !== y.cols || x.rows !== y.rows || x.cols !== y.cols) return null;
  return new Mat(y.rows, y.cols);
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
    const bm = b as Mat,
      out = new Mat(bm.rows, bm.cols),
      d = bm.data,
      o = out.data;
    for (let k = 0; k < d.length; k++) o[k] = f(a, d[k]);
    return out;
  }
  if (typeof b === 'number') {
    const out = new Mat(a.rows, a.cols),
      d = a.data,
      o = out.data;
    for (let k = 0; k < d.length; k++) o[k] = f(d[k], b);
    return out;
  }
  if (a.rows === b.rows && a.cols === b.cols) {
    const out = new Mat(a.rows, a.cols),
      x = a.data,
      y = b.data,
      o = out.data;
    for (let k = 0; k < x.length; k++) o[k] = f(x[k], y[k]);
    return out;
  }
  const shape = broadcastShape([a.rows, a.cols], [b.rows, b.cols]);
  if (!shape) throw new ShapeError(messages.shapeBroadcast(verb));
  const [R, C] = shape;
  const out = alloc(R, C),
    o = out.data;
  const ai = a.rows === 1 ? 0 : a.cols,
    aj = a.cols === 1 ? 0 : 1;
  const bi = b.rows === 1 ? 0 : b.cols,
    bj = b.cols === 1 ? 0 : 1;
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
  const out = new Mat(r, c),
    o = out.data;
  for (let i = 0; i < g.rows; i++) {
    for (let j = 0; j < g.cols; j++) o[(r === 1 ? 0 : i) * c + (c === 1 ? 0 : j)] += g.data[i * g.cols + j];
  }
  return collapse(out);
}

// + − .* ./ with broadcasting, one loop per operator (see above). Scalars are read through a
// one-entry array with a stride of 0, so each operator needs a single loop for every case.

const enum Bin {
  Add,
  Sub,
  Mul,
  Div,
}

type Loop = (o: Float64Array, oo: number, x: Float64Array, xo: number, xs: number, y: Float64Array, yo: number, ys: number, n: number) => void;

const loops: Record<Bin, Loop> = {
  [Bin.Add]: (o, oo, x, xo, xs, y, yo, ys, n) => {
    for (let k = 0; k < n; k++) o[oo + k] = x[xo + k * xs] + y[yo + k * ys];
  },
  [Bin.Sub]: (o, oo, x, xo, xs, y, yo, ys, n) => {
    for (let k = 0; k < n; k++) o[oo + k] = x[xo + k * xs] - y[yo + k * ys];
  },
  [Bin.Mul]: (o, oo, x, xo, xs, y, yo, ys, n) => {
    for (let k = 0; k < n; k++) o[oo + k] = x[xo + k * xs] * y[yo + k * ys];
  },
  [Bin.Div]: (o, oo, x, xo, xs, y, yo, ys, n) => {
    for (let k = 0; k < n; k++) o[oo + k] = x[xo + k * xs] / y[yo + k * ys];
  },
};

const scalarOf = (op: Bin, x: number, y: number) => (op === Bin.Add ? x + y : op === Bin.Sub ? x - y : op === Bin.Mul ? x * y : x / y);
const oneA = new Float64Array(1),
  oneB = new Float64Array(1);
const verbs = ['add', 'subtract', 'multiply', 'divide'] as const;

/** The same results, shapes and messages as zip(a, b, …) with the operator's function. */
function binary(op: Bin, a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return scalarOf(op, a, b);
  const loop = loops[op];
  if (typeof a === 'number') {
    const bm = b as Mat,
      out = new Mat(bm.rows, bm.cols);
    oneA[0] = a;
    loop(out.data, 0, oneA, 0, 0, bm.data, 0, 1, out.data.length);
    return out;
  }
  if (typeof b === 'number') {
    const out = new Mat(a.rows, a.cols);
    oneB[0] = b;
    loop(out.data, 0, a.data, 0, 1, oneB, 0, 0, out.data.length);
    return out;
  }
  if (a.rows === b.rows && a.cols === b.cols) {
    const out = new Mat(a.rows, a.cols);
    loop(out.data, 0, a.data, 0, 1, b.data, 0, 1, out.data.length);
    return out;
  }
  const shape = broadcastShape([a.rows, a.cols], [b.rows, b.cols]);
  if (!shape) throw new ShapeError(messages.shapeBroadcast(verbs[op]));
  const [R, C] = shape;
  const out = alloc(R, C),
    o = out.data;
  const ai = a.rows === 1 ? 0 : a.cols,
    aj = a.cols === 1 ? 0 : 1;
  const bi = b.rows === 1 ? 0 : b.cols,
    bj = b.cols === 1 ? 0 : 1;
  for (let i = 0; i < R; i++) loop(o, i * C, a.data, i * ai, aj, b.data, i * bi, bj, C);
  return collapse(out);
}

export function add(a: Value, b: Value): Value {
  return binary(Bin.Add, a, b);
}
export function sub(a: Value, b: Value): Value {
  return binary(Bin.Sub, a, b);
}
export function mul(a: Value, b: Value): Value {
  return binary(Bin.Mul, a, b);
}
export function div(a: Value, b: Value): Value {
  return binary(Bin.Div, a, b);
}
export function neg(a: Value): Value {
  if (typeof a === 'number') return -a;
  const out = new Mat(a.rows, a.cols),
    d = a.data,
    o = out.data;
  for (let k = 0; k < d.length; k++) o[k] = -d[k];
  return out;
}
export function scale(a: Value, s: number): Value {
  if (typeof a === 'number') return a * s;
  const out = new Mat(a.rows, a.cols),
    d = a.data,
    o = out.data;
  for (let k = 0; k < d.length; k++) o[k] = d[k] * s;
  return out;
}

export function transpose(a: Value): Value {
  if (typeof a === 'number') return a;
  const out = new Mat(a.cols, a.rows),
    d = a.data,
    o = out.data,
    R = a.rows,
    C = a.cols;
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) o[j * R + i] = d[i * C + j];
  return out;
}

/**
 * The n×m result of a product of inner size k: refused before anything is made when it is more
 * than limits.maxMultiplications multiplications (or the result too large), then charged.
 */
function productOut(n: number, k: number, m: number): Float64Array {
  const work = n * k * m;
  if (work > limits.maxMultiplications) {
    throw new CellError(codes.E_TOO_LARGE, messages.tooMuchWork('This product', work, limits.maxMultiplications));
  }
  const out = alloc(n, m);
  spend(work);
  return out.data;
}

/** An n×m product as a value: a 1×1 result is a number. */
const product = (n: number, m: number, data: Float64Array) => collapse(new Mat(n, m, data));

/** The matrix product; a number times anything scales it. */
export function matmul(a: Value, b: Value): Value {
  if (typeof a === 'number' || typeof b === 'number') return mul(a, b);
  if (a.cols !== b.rows) throw new ShapeError(messages.shapeMatmul(a.cols, b.rows));
  const n = a.rows,
    k = a.cols,
    m = b.cols,
    A = a.data,
    B = b.data;
  const O = productOut(n, k, m);
  productNN(O, A, B, n, k, m);
  return product(n, m, O);
}

/**
 * A Bᵀ without making Bᵀ (the gradient of a product with respect to its left factor): the same
 * numbers as matmul(a, transpose(b)), each entry summed in the same order.
 */
export function matmulNT(a: Mat, b: Mat): Value {
  if (a.cols !== b.cols) throw new ShapeError(messages.shapeMatmul(a.cols, b.cols));
  const n = a.rows,
    k = a.cols,
    m = b.rows,
    A = a.data,
    B = b.data;
  const O = productOut(n, k, m);
  productNT(O, A, B, n, k, m);
  return product(n, m, O);
}

/**
 * Aᵀ B without making Aᵀ (the gradient of a product with respect to its right factor): the same
 * numbers as matmul(transpose(a), b), each entry summed in the same order.
 */
export function matmulTN(a: Mat, b: Mat): Value {
  if (a.rows !== b.rows) throw new ShapeError(messages.shapeMatmul(a.rows, b.rows));
  const n = a.cols,
    k = a.rows,
    m = b.cols,
    A = a.data,
    B = b.data;
  const O = productOut(n, k, m);
  productTN(O, A, B, n, k, m);
  return product(n, m, O);
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
  spend(Math.max(a.data.length, a.rows)); // its rows are walked over, even with no entries
  const R = a.rows,
    C = a.cols,
    d = a.data;
  const out = dim === 1 ? new Mat(1, C) : new Mat(R, 1),
    o = out.data;
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
