// The values that flow through a workbook: a number, or a dense 2-D matrix of float64.
//
// A 1×1 matrix *is* a number (as on the slides: s2 = Θ2ᵀh1 is a scalar), so every
// operation collapses a 1×1 result to a number. A vector is an n×1 column unless it is
// written as a row. JSON (what `cell.value` returns) is a number or an array of rows.
//
// Numbers (the policy, in one place):
// - Every value is float64; there are no complex numbers, no units, no text, no booleans
//   (comparisons give 0 or 1).
// - A NaN is an error where it arises: the operation that makes one (0/0, ∞ − ∞, 0·∞,
//   log or sqrt of a negative number) fails with E_NONFINITE, naming itself. So no NaN ever
//   reaches a comparison, a condition, relu or step, where it could silently become a number.
// - ±∞ may occur inside a formula, as a limit (1/(1 + exp(1000)) is 0), but a cell whose value
//   contains ±∞ is an error (E_NONFINITE) that says where; so is a literal NaN, Infinity or a
//   number too large for float64 (1e400), in a formula, an input or an entry.
// - So every cell value is finite: what a plot, a slide comparison or a training step reads is
//   a number, or an error value it must show as one.

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { limits } from '../limits.ts';
import { entryCost, spend } from './budget.ts';

export class Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
  constructor(rows: number, cols: number, data?: Float64Array) {
    this.rows = rows;
    this.cols = cols;
    if (data) this.data = data;
    else {
      // The last line of defence: kernels check sizes before they get here (with a better
      // message), but no matrix larger than the cap is ever allocated, whoever asks.
      const n = rows * cols;
      if (!(n <= limits.maxEntries)) throw new CellError(codes.E_TOO_LARGE, messages.tooLarge('The result', n, limits.maxEntries));
      if (!(rows <= limits.maxSide && cols <= limits.maxSide))
        throw new CellError(codes.E_TOO_LARGE, messages.tooLongSide('The result', rows, cols, limits.maxSide));
      // Each entry; and each row and column, which the loops that fill it walk over even when
      // it has no entries (zeros(1e6, 0)' walks over a million rows).
      spend(Math.max(n * entryCost, rows + cols));
      this.data = new Float64Array(n);
    }
  }
  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }
}

export type Value = number | Mat;
export type Shape = readonly [rows: number, cols: number];
export type JsonValue = number | number[][];

export function isMat(v: unknown): v is Mat {
  return v instanceof Mat;
}

export function shapeOf(v: Value): Shape {
  return typeof v === 'number' ? [1, 1] : [v.rows, v.cols];
}

export function sizeOf(v: Value): number {
  return typeof v === 'number' ? 1 : v.data.length;
}

/** "3×2" for a matrix, "scalar" for a number. */
export function describeShape(shape: Shape): string {
  return shape[0] === 1 && shape[1] === 1 ? 'a scalar' : `${shape[0]}×${shape[1]}`;
}

/** A 1×1 matrix becomes its number; everything else is returned as is. */
export function collapse(v: Value): Value {
  return typeof v !== 'number' && v.rows === 1 && v.cols === 1 ? v.data[0] : v;
}

export function matFromRows(rows: readonly (readonly number[])[]): Value {
  const r = rows.length;
  const c = r ? rows[0].length : 0;
  const m = new Mat(r, c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) m.data[i * c + j] = rows[i][j];
  return collapse(m);
}

export function toJSON(v: Value): JsonValue {
  if (typeof v === 'number') return v;
  const out: number[][] = [];
  for (let i = 0; i < v.rows; i++) out.push(Array.from(v.data.subarray(i * v.cols, (i + 1) * v.cols)));
  return out;
}

/** Every entry of a value, in row-major order. */
export function entries(v: Value): ArrayLike<number> {
  return typeof v === 'number' ? [v] : v.data;
}

export function firstNonFinite(v: Value): { index: [number, number]; value: number } | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : { index: [1, 1], value: v };
  const d = v.data;
  for (let k = 0; k < d.length; k++) {
    if (!Number.isFinite(d[k])) return { index: [Math.floor(k / v.cols) + 1, (k % v.cols) + 1], value: d[k] };
  }
  return null;
}

/** The position [row, col] (1-based) of the first NaN, or null. */
export function firstNaN(v: Value): [number, number] | null {
  if (typeof v === 'number') return v !== v ? [1, 1] : null;
  const d = v.data;
  for (let k = 0; k < d.length; k++) if (d[k] !== d[k]) return [Math.floor(k / v.cols) + 1, (k % v.cols) + 1];
  return null;
}

export function valuesEqual(a: Value, b: Value): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (a.rows !== b.rows || a.cols !== b.cols) return false;
  for (let k = 0; k < a.data.length; k++) if (!Object.is(a.data[k], b.data[k])) return false;
  return true;
}
