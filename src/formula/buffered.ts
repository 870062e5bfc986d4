// An op over preallocated buffers: the form a compiled training step (src/train/compiled.ts)
// calls, so that a step allocates nothing per op. An op that has one defines it beside its value
// form and its derivative in functions.ts, computing the same numbers entry for entry (the same
// expression per entry, the same summation order); test/train/compiled.test.ts checks that whole
// training runs agree bit for bit with the tape.
//
// Values are row-major Float64Arrays with a shape; a number is a 1×1 buffer. Nothing here checks
// sizes, NaNs or budgets: the compiled step checks shapes once when it is made, charges its work
// once a step, and checks every cell value it computes (a NaN made anywhere reaches one).

import { broadcastShape } from './kernels.ts';
import type { Shape } from './value.ts';

export interface Buffered {
  /** The result's shape for these argument shapes; null when this call has no buffered form. */
  shape(s: readonly Shape[]): Shape | null;
  /** Writes the result into o. */
  forward(o: Float64Array, x: readonly Float64Array[], s: readonly Shape[]): void;
  /**
   * Given the result's gradient g, writes the gradient of each argument i with need[i] into
   * into[i] (argument i's shape, every entry written). Reads only g, x and o.
   */
  backward(
    g: Float64Array,
    x: readonly Float64Array[],
    o: Float64Array,
    s: readonly Shape[],
    need: readonly boolean[],
    into: readonly (Float64Array | null)[],
  ): void;
}

const isOne = (s: Shape) => s[0] === 1 && s[1] === 1;

/** The shape of a broadcasting element-wise op on two arguments (kernels.ts broadcastShape). */
export function broadcastOf(s: readonly Shape[]): Shape | null {
  return broadcastShape(s[0], s[1]);
}

export const enum Bin {
  Add,
  Sub,
  Mul,
  Div,
}

/**
 * o = x op y with broadcasting (kernels.ts binary): entry (i, j) of the result reads x and y at
 * their own strides, 0 along a dimension of size 1.
 */
export function broadcastInto(op: Bin, o: Float64Array, x: Float64Array, xs: Shape, y: Float64Array, ys: Shape): void {
  const [R, C] = broadcastShape(xs, ys)!;
  const ai = xs[0] === 1 ? 0 : xs[1],
    aj = xs[1] === 1 ? 0 : 1;
  const bi = ys[0] === 1 ? 0 : ys[1],
    bj = ys[1] === 1 ? 0 : 1;
  if (op === Bin.Add) for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) o[i * C + j] = x[i * ai + j * aj] + y[i * bi + j * bj];
  else if (op === Bin.Sub) for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) o[i * C + j] = x[i * ai + j * aj] - y[i * bi + j * bj];
  else if (op === Bin.Mul) for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) o[i * C + j] = x[i * ai + j * aj] * y[i * bi + j * bj];
  else for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) o[i * C + j] = x[i * ai + j * aj] / y[i * bi + j * bj];
}

/**
 * The gradient of a broadcast operand of shape `to` from g of shape `from` (kernels.ts
 * unbroadcast), negated when `negate` (the subtrahend's: unbroadcast(neg(g))): a copy when
 * nothing was stretched, else the entries of g summed in row-major order.
 */
export function unbroadcastInto(o: Float64Array, g: Float64Array, from: Shape, to: Shape, negate: boolean): void {
  const [R, C] = from,
    [r, c] = to;
  if (R === r && C === c) {
    if (negate) for (let k = 0; k < r * c; k++) o[k] = -g[k];
    else for (let k = 0; k < r * c; k++) o[k] = g[k];
    return;
  }
  o.fill(0, 0, r * c);
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      const at = (r === 1 ? 0 : i) * c + (c === 1 ? 0 : j);
      o[at] += negate ? -g[i * C + j] : g[i * C + j];
    }
  }
}

/**
 * Σ g ⊙ x in row-major order (kernels.ts sumAll(mul(g, x)) for two values of one shape). A 1×1
 * value is a number, whose sum is itself: g·x, not 0 + g·x (they differ when g·x is −0).
 */
export function dotOf(g: Float64Array, x: Float64Array, n: number): number {
  if (n === 1) return g[0] * x[0];
  let s = 0;
  for (let k = 0; k < n; k++) s += g[k] * x[k];
  return s;
}

/** o = g · s, entry by entry (kernels.ts scale). */
export function scaleInto(o: Float64Array, g: Float64Array, s: number, n: number): void {
  for (let k = 0; k < n; k++) o[k] = g[k] * s;
}

export { isOne };
