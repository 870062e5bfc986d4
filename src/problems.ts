// One way to do each chore of reporting: a cell error as a located problem, problems in file
// order, and a matrix entry's place as the messages write it ("Theta1[2,3]", " at [2,3]").

import type { CellError } from './errors.ts';
import type { Problem } from './format/spec.ts';
import type { Value } from './formula/value.ts';

/** The error as a problem at its own place in the file (`err.loc`), else at `line`:`col`. */
export function problemOf(err: CellError, cell?: string, line = 1, col = 1): Problem {
  return problemAt(err, err.loc?.line ?? line, err.loc?.col ?? col, cell);
}

/** The error as a problem at `line`:`col` (a block's line: its own place does not apply). */
export function problemAt(err: CellError, line: number, col: number, cell?: string): Problem {
  return { code: err.code, message: err.message, line, col, ...(cell !== undefined ? { cell } : {}) };
}

/** Sorts problems, findings or anything else with a place into file order, in place: by line, then column. */
export function inFileOrder<T extends { line: number; col: number }>(list: T[]): T[] {
  return list.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** "[2,3]": an entry's place, 1-based. */
export function entryPlace(row: number, col: number): string {
  return `[${row},${col}]`;
}

/** "Theta1[2,3]" for an entry of a matrix; the cell's own name for a single number. */
export function entryName(name: string, row: number, col: number, scalar: boolean): string {
  return scalar ? name : `${name}${entryPlace(row, col)}`;
}

/** " at [2,3]" naming the entry of a matrix value, nothing for a single number (for messages.nonFinite). */
export function atEntry(value: Value, [row, col]: readonly [number, number]): string {
  return typeof value === 'number' ? '' : ` at ${entryPlace(row, col)}`;
}
