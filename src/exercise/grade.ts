// An exercise graded: what the student typed into each entry of the answer grid, against the
// cell's live value, by the rule a slide value is compared with (graph/expect.ts): an entry is
// right when the computed number, rounded or truncated to the digits the student typed, is the
// number typed. So "0.79" is right for 0.794130 and "0.8" too, "0.80" is not. Then the typical
// mistakes the author named: one whose value every filled entry agrees with (by the same rule)
// while some entry is wrong is the mistake the student made.

import { isCellError } from '../errors.ts';
import { plainNumber } from '../format/number.ts';
import { shapeOf, type Value } from '../formula/value.ts';
import type { CellResult } from '../graph/compile.ts';
import { printedAs, unitInLastPlace } from '../graph/expect.ts';

/** An answer grid holds at most this many entries (20×20): more is no exercise by hand, and would be as many textboxes. */
export const maxAnswerEntries = 400;

/** One entry: nothing typed yet, right, wrong, or not a number. */
export type EntryVerdict = 'empty' | 'right' | 'wrong' | 'invalid';

export interface Grade {
  rows: number;
  cols: number;
  /** Row-major, one per entry of the value. */
  entries: EntryVerdict[];
  right: number;
  /** Entries with something typed in them. */
  filled: number;
  /** Every entry is right. */
  solved: boolean;
  /** The position (in the exercise's mistakes) of the mistake the entries match, if any. */
  mistake?: number;
}

/** The number a student typed ("−0.07" with a typographic minus too), with the digits it was written with; null when it is none. */
export function typedNumber(text: string): { value: number; unit: number } | null {
  const t = text.trim().replace(/^[−–]/, '-');
  if (!plainNumber.test(t)) return null;
  const value = Number(t);
  if (!Number.isFinite(value)) return null;
  return { value, unit: unitInLastPlace(t.replace(/^[+-]/, '')) };
}

/** Is `text` what `computed` is, to the digits typed? The slide's rule (graph/expect.ts printedAs). */
export function gradeEntry(text: string, computed: number): EntryVerdict {
  if (!text.trim()) return 'empty';
  const typed = typedNumber(text);
  if (!typed) return 'invalid';
  return printedAs(computed, typed.value, typed.unit) !== undefined ? 'right' : 'wrong';
}

const entryAt = (v: Value, k: number) => (typeof v === 'number' ? v : v.data[k]);

/**
 * Grades the texts (`text(row, col)`, 1-based) against the value; null while the value is an
 * error (nothing can be graded). `mistakes` are the live values of the exercise's mistakes.
 */
export function gradeExercise(
  value: CellResult | undefined,
  text: (row: number, col: number) => string,
  mistakes: readonly (CellResult | undefined)[] = [],
): Grade | null {
  if (value === undefined || isCellError(value)) return null;
  const [rows, cols] = shapeOf(value);
  const entries: EntryVerdict[] = [];
  let right = 0,
    filled = 0;
  for (let k = 0; k < rows * cols; k++) {
    const v = gradeEntry(text(Math.floor(k / cols) + 1, (k % cols) + 1), entryAt(value, k));
    entries.push(v);
    if (v !== 'empty') filled++;
    if (v === 'right') right++;
  }
  const grade: Grade = { rows, cols, entries, right, filled, solved: right === rows * cols };
  const wrong = entries.some((e) => e === 'wrong');
  if (!wrong) return grade;
  const k = mistakes.findIndex((m) => m !== undefined && !isCellError(m) && matches(m, rows, cols, text));
  if (k >= 0) grade.mistake = k;
  return grade;
}

/** Every filled entry is the mistake's number, to the digits typed (and the mistake has the answer's shape). */
function matches(mistake: Value, rows: number, cols: number, text: (row: number, col: number) => string): boolean {
  const g = gradeExercise(mistake, text);
  return !!g && g.rows === rows && g.cols === cols && g.filled > 0 && g.right === g.filled;
}

/** "3 of 5 exercises solved": the grades of a workbook's exercises (null: not computed) counted. */
export function progressOf(grades: readonly (Grade | null)[]): { solved: number; total: number } {
  return { solved: grades.filter((g) => g?.solved).length, total: grades.length };
}
