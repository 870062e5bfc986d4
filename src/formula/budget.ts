// The work one formula may do, counted as it goes, so that no formula can freeze the tab.
//
// Each matrix is capped at limits.maxEntries (and each side at limits.maxSide) and each product
// at limits.maxMultiplications, but a 2,000-character formula can still chain hundreds of such
// operations (A*B + A*B + … with 1000×200 matrices is 10¹¹ multiplications, minutes of a frozen
// page). So one evaluation gets a budget of limits.maxWork units: one multiply-add of a matrix
// product, one entry read (sum, max, dot) or one row or column walked over is one unit, one
// entry created is `entryCost` units (measured: a product costs ~1.6 ns per multiply-add,
// creating an entry with an element-wise function 4–11 ns). Work is charged *before* it is
// done; the first charge over budget ends the evaluation with E_TOO_LARGE. The budget is about
// half a second of work.
//
// One budget is opened by the outermost evaluation and shared by everything it calls: a
// formula and its grad(…) (tape forward and backward pass), a whole gradient check (autodiff
// and all 2n central differences), a whole training step, a whole plot.
//
// Above the evaluations, a LoadBudget is the pool of one recompute of a workbook (its load with
// saved edits or a share link, or one edit): every evaluation it runs draws from it, so the
// sum over all cells is bounded too (limits.maxLoadWork, about a second). An evaluation
// refused because the pool ran dry says so. Work outside any budget (reading a workbook, a
// student's edit, the engine's own tests) is not counted.

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { limits } from '../limits.ts';

/** Units charged for each entry of a new matrix. */
export const entryCost = 8;

/** The pool of one recompute of a workbook: what all of its evaluations may spend together. */
export class LoadBudget {
  readonly units: number;
  /** Units still available to the evaluations of this recompute. */
  remaining: number;
  /** Units spent since the last refill. */
  spent = 0;
  /** Evaluations refused since the last refill because the pool ran dry. */
  refused = 0;
  constructor(units: number = limits.maxLoadWork) {
    this.units = units;
    this.remaining = units;
  }
  /** A new recompute begins (the workbook was opened, or edited). */
  refill(): void {
    this.remaining = this.units;
    this.spent = 0;
    this.refused = 0;
  }
  /** Runs f with every evaluation in it drawing from this pool. */
  run<T>(f: () => T): T {
    const outer = pool;
    pool = this;
    try {
      return f();
    } finally {
      pool = outer;
    }
  }
}

let pool: LoadBudget | null = null;
/** The open evaluation's pool (when its limit is the pool's rest, refusals say so). */
let openPool: LoadBudget | null = null;
let fromPool = false;
let remaining = Infinity;
let spent = 0;
let given = 0;
let refusal: () => string = () => '';

/** Charges `units` of work to the current evaluation; throws E_TOO_LARGE when the budget runs out. */
export function spend(units: number): void {
  if (remaining === Infinity) return;
  if (!(units <= remaining)) {
    remaining = -Infinity; // every further charge fails too, until the budget closes
    if (fromPool && openPool) openPool.refused++;
    throw new CellError(codes.E_TOO_LARGE, refusal());
  }
  remaining -= units;
  spent += units;
}

/**
 * Runs f with a fresh budget of `units` (less if the current LoadBudget has less left), unless
 * one is already open (then f shares it). `refused` is the message when the budget runs out.
 */
export function withBudget<T>(f: () => T, units: number = limits.maxWork, refused: () => string = () => messages.tooMuchWorkFormula(limits.maxWork)): T {
  if (remaining !== Infinity) return f();
  const rest = pool ? Math.max(0, pool.remaining) : Infinity;
  openPool = pool;
  fromPool = rest < units;
  given = Math.min(units, rest);
  remaining = given;
  const units0 = pool?.units ?? 0;
  refusal = fromPool ? () => messages.tooMuchWorkWorkbook(units0) : refused;
  spent = 0;
  try {
    return f();
  } finally {
    remaining = Infinity;
    if (openPool) {
      openPool.remaining -= spent;
      openPool.spent += spent;
    }
    openPool = null;
  }
}

/** Units charged by the most recent (or current) budget: tests assert work is bounded with it. */
export function workSpent(): number {
  return spent;
}

/** Units the most recent (or current) budget was given. */
export function workGiven(): number {
  return given;
}
