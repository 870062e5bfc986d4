// The work one formula may do, counted as it goes, so that no formula can freeze the tab.
//
// Each matrix is capped at limits.maxEntries and each product at limits.maxMultiplications,
// but a 2,000-character formula can still chain hundreds of such operations
// (A*B + A*B + … with 1000×200 matrices is 10¹¹ multiplications, minutes of a frozen page).
// So one evaluation of a formula gets a budget of limits.maxWork units: one multiply-add of a
// matrix product or one entry read (sum, max, dot) is one unit, one entry created is
// `entryCost` units (measured: a product costs ~1.6 ns per multiply-add, creating an entry with
// an element-wise function 4–11 ns). Work is charged *before* it is done; the first charge over
// budget ends the evaluation with E_TOO_LARGE. The budget is about half a second of work.
//
// A budget is opened by the outermost compiled formula (evaluate.ts) and shared by everything
// it calls, including grad(…). Work outside any budget (reading a workbook, a student's edit,
// the engine's own tests) is not counted.

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { limits } from '../limits.ts';

/** Units charged for each entry of a new matrix. */
export const entryCost = 8;

let remaining = Infinity;
let spent = 0;

/** Charges `units` of work to the current evaluation; throws E_TOO_LARGE when the budget runs out. */
export function spend(units: number): void {
  if (remaining === Infinity) return;
  remaining -= units;
  spent += units;
  if (remaining < 0) {
    remaining = -Infinity; // every further charge fails too, until the budget closes
    throw new CellError(codes.E_TOO_LARGE, messages.tooMuchWorkFormula(limits.maxWork));
  }
}

/** Runs f with a fresh budget, unless one is already open (then f shares it). */
export function withBudget<T>(f: () => T): T {
  if (remaining !== Infinity) return f();
  remaining = limits.maxWork;
  spent = 0;
  try {
    return f();
  } finally {
    remaining = Infinity;
  }
}

/** Units charged by the most recent (or current) budget: tests assert work is bounded with it. */
export function workSpent(): number {
  return spent;
}
