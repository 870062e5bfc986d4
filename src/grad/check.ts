// Checking a student's derivation: a hand-written partial derivative beside the exact gradient
// (reverse-mode autodiff) and a central finite-difference estimate, with a clear verdict.
//
// Tolerances are float64's (GUIDE §5): entries agree when |a − b| ≤ atol + rtol·|b|, with
// rtol = 1e-5 and atol = 1e-7; the central-difference step is h = 1e-5·max(1, |x|).

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { describeShape, shapeOf, sizeOf, type Value } from '../formula/value.ts';
import { Mat, collapse } from '../formula/value.ts';
import { evaluateAt, gradient, type Subgraph } from './subgraph.ts';
import { withBudget } from '../formula/budget.ts';
import { limits } from '../limits.ts';

export const tolerances = { rtol: 1e-5, atol: 1e-7 } as const;

/** Above this many entries of the variable, finite differences are skipped (2 passes each). */
export const maxFiniteDifferenceEntries = 4096;

export interface CheckEntry {
  row: number;
  col: number;
  written: number;
  autodiff: number;
  numeric: number | null;
  agrees: boolean;
}

export interface GradCheck {
  of: string;
  wrt: string;
  written: Value;
  autodiff: Value;
  /** Central differences, or null when the variable is too large to perturb entry by entry. */
  numeric: Value | null;
  /** Largest |written − autodiff| / max(|written|, |autodiff|, atol). */
  relativeDifference: number;
  /** Largest |numeric − autodiff| relative difference (a sanity check of the autodiff itself). */
  numericDifference: number | null;
  /** The written gradient agrees with autodiff, entry by entry. */
  pass: boolean;
  /** Set when the shapes differ (then nothing else is compared). */
  shapeMismatch?: string;
  /** The author marked this derivation as known to be wrong. */
  expectedToFail?: string;
  entries: CheckEntry[];
}

const at = (v: Value, k: number) => (typeof v === 'number' ? v : v.data[k]);

export function agrees(a: number, b: number): boolean {
  return Math.abs(a - b) <= tolerances.atol + tolerances.rtol * Math.abs(b);
}

export function relativeDifference(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), tolerances.atol);
}

/** d(of)/d(wrt) by central differences, entry by entry of wrt. */
export function centralDifferences(sg: Subgraph, values: readonly Value[]): Value {
  const x = values[0];
  const n = sizeOf(x);
  if (n > maxFiniteDifferenceEntries) {
    throw new CellError(codes.E_TOO_LARGE, messages.tooLarge(`Finite differences for ${sg.wrt}`, n, maxFiniteDifferenceEntries));
  }
  const [rows, cols] = shapeOf(x);
  const out = new Mat(rows, cols);
  const scalarAt = (v: Value) => {
    if (typeof v !== 'number') {
      throw new CellError(codes.E_SHAPE, messages.shapeOne(sg.of, describeShape(shapeOf(v)), `a gradient check needs ${sg.of} to be a single number`));
    }
    return v;
  };
  // One copy of x, each entry moved and put back in turn (only the scalar results are kept).
  const moved = typeof x === 'number' ? null : new Mat(rows, cols, Float64Array.from(x.data));
  for (let k = 0; k < n; k++) {
    const xk = at(x, k);
    const h = 1e-5 * Math.max(1, Math.abs(xk));
    const shifted = (d: number): Value => {
      if (!moved) return xk + d;
      moved.data[k] = xk + d;
      return moved;
    };
    const plus = scalarAt(evaluateAt(sg, values, shifted(h)));
    const minus = scalarAt(evaluateAt(sg, values, shifted(-h)));
    if (moved) moved.data[k] = xk;
    out.data[k] = (plus - minus) / (2 * h);
  }
  return collapse(out);
}

/**
 * The check of a written gradient. Autodiff (the tape's forward and backward pass) and all 2n
 * central differences share one budget (formula/budget.ts): a check is refused as a whole,
 * never allowed 2n + 1 budgets.
 */
export function gradientCheck(sg: Subgraph, values: readonly Value[], written: Value, expectedToFail?: string): GradCheck {
  const [autodiff, numeric] = withBudget(
    () => [gradient(sg, values), sizeOf(values[0]) <= maxFiniteDifferenceEntries ? centralDifferences(sg, values) : null] as const,
    limits.maxWork,
    () => messages.tooMuchWorkCheck(limits.maxWork),
  );
  const base = { of: sg.of, wrt: sg.wrt, written, autodiff, numeric, ...(expectedToFail ? { expectedToFail } : {}) };
  const [wr, wc] = shapeOf(written),
    [ar, ac] = shapeOf(autodiff);
  let numericDifference: number | null = null;
  if (numeric !== null) {
    numericDifference = 0;
    for (let k = 0; k < sizeOf(autodiff); k++) numericDifference = Math.max(numericDifference, relativeDifference(at(numeric, k), at(autodiff, k)));
  }
  if (wr !== ar || wc !== ac) {
    return {
      ...base,
      relativeDifference: Infinity,
      numericDifference,
      pass: false,
      entries: [],
      shapeMismatch: `this cell is ${describeShape([wr, wc])}, but the gradient of ${sg.of} with respect to ${sg.wrt} is ${describeShape([ar, ac])}`,
    };
  }
  const entries: CheckEntry[] = [];
  let worst = 0;
  for (let k = 0; k < sizeOf(autodiff); k++) {
    const a = at(written, k),
      b = at(autodiff, k);
    worst = Math.max(worst, relativeDifference(a, b));
    entries.push({
      row: Math.floor(k / ac) + 1,
      col: (k % ac) + 1,
      written: a,
      autodiff: b,
      numeric: numeric === null ? null : at(numeric, k),
      agrees: agrees(a, b),
    });
  }
  return { ...base, relativeDifference: worst, numericDifference, pass: entries.every((e) => e.agrees), entries };
}
