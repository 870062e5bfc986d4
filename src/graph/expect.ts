// "What the slide says": a value printed on a slide, compared with what the cell computes.
//
// Slides round (and sometimes truncate), so by default an entry agrees when it is within one
// unit of the last decimal place the slide prints: 0.62 agrees with 0.625017, 0.072 does not
// agree with 0.0703063. An author can give an explicit tolerance ("± 0.005") and can mark a
// slide as known to be wrong: the difference is then shown as expected, and `gradsheet check`
// reports it without failing.

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import type { SlideSpec } from '../format/spec.ts';
import { parseFormula } from '../formula/parse.ts';
import { shapeOf, toJSON, type JsonValue, type Value } from '../formula/value.ts';

export interface Expectation {
  text: string;
  value: Value;
  /** Per-entry tolerance, row-major. */
  tolerances: number[];
  wrong?: string;
}

export interface EntryComparison {
  /** 1-based, as on the slides. */
  row: number;
  col: number;
  computed: number;
  slide: number;
  tolerance: number;
  agrees: boolean;
}

export interface Comparison {
  /** True when the shapes match and every entry agrees. */
  agrees: boolean;
  /** The author marked this slide as wrong. */
  knownWrong: boolean;
  reason?: string;
  slide: JsonValue;
  slideText: string;
  /** Set when the slide and the cell have different shapes. */
  shapeMismatch?: string;
  entries: EntryComparison[];
  /** The largest |computed − slide| over the entries. */
  maxDifference: number;
}

/** Does entry (row, col), 1-based, of a value of `cols` columns differ from the slide? (Entries are in row order.) */
export function differsAt(c: Comparison | undefined, row: number, col: number, cols: number): boolean {
  const e = c?.entries[(row - 1) * cols + (col - 1)];
  return e !== undefined && !e.agrees;
}

export function readExpectation(slide: SlideSpec): Expectation {
  let literal;
  try {
    literal = parseFormula(slide.text).literal;
  } catch {
    literal = undefined;
  }
  if (!literal) throw new CellError(codes.E_ATTRIBUTE, messages.slideNotLiteral());
  const numbers = slide.text.match(/(\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g) ?? [];
  const count = typeof literal.value === 'number' ? 1 : literal.value.data.length;
  const tolerances = Array.from({ length: count }, (_, k) => slide.tolerance ?? unitInLastPlace(numbers[k] ?? '1'));
  return { text: slide.text, value: literal.value, tolerances, ...(slide.wrong ? { wrong: slide.wrong } : {}) };
}

/** One unit in the last written decimal place: "0.79" → 0.01, "1.5e-3" → 0.0001, "2" → 1. */
export function unitInLastPlace(written: string): number {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(written);
  if (!m) return 0;
  const decimals = (m[2] ?? '').length;
  const exponent = m[3] ? Number(m[3]) : 0;
  return Math.pow(10, exponent - decimals);
}

export function compare(value: Value, exp: Expectation): Comparison {
  const [r, c] = shapeOf(value), [sr, sc] = shapeOf(exp.value);
  const base = {
    knownWrong: exp.wrong !== undefined,
    ...(exp.wrong ? { reason: exp.wrong } : {}),
    slide: toJSON(exp.value),
    slideText: exp.text,
  };
  if (r !== sr || c !== sc) {
    return { ...base, agrees: false, shapeMismatch: `the slide shows ${sr}×${sc}, the cell is ${r}×${c}`, entries: [], maxDifference: Infinity };
  }
  const at = (v: Value, k: number) => (typeof v === 'number' ? v : v.data[k]);
  const entries: EntryComparison[] = [];
  let maxDifference = 0;
  for (let k = 0; k < r * c; k++) {
    const computed = at(value, k), slide = at(exp.value, k), tolerance = exp.tolerances[k];
    const diff = Math.abs(computed - slide);
    maxDifference = Math.max(maxDifference, diff);
    // A hair of slack so that 0.62 vs 0.63 at tolerance 0.01 is not lost to binary rounding.
    entries.push({ row: Math.floor(k / c) + 1, col: (k % c) + 1, computed, slide, tolerance, agrees: diff <= tolerance * (1 + 1e-9) });
  }
  return { ...base, agrees: entries.every((e) => e.agrees), entries, maxDifference };
}
