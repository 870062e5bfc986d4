// "What the slide says": a value printed on a slide, compared with what the cell computes.
//
// Slides round (and sometimes truncate), so by default an entry agrees when the computed number,
// rounded or truncated to the digits the slide prints, *is* the printed number: 0.625017 rounds
// to 0.63 and truncates to 0.62, so it agrees with a slide's 0.62 and with 0.63, not with 0.61;
// 0.0703063 is 0.070 both ways, so it does not agree with 0.072; −0.14 is −0.1 both ways, so it
// does not agree with −0.2. An author can give an explicit tolerance ("± 0.005"), which then is
// the rule, and can mark a slide as known to be wrong: the difference is then shown as
// expected, and `gradsheet check` reports it without failing.

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import type { SlideSpec } from '../format/spec.ts';
import { parseFormula } from '../formula/parse.ts';
import { shapeOf, toJSON, type JsonValue, type Value } from '../formula/value.ts';

export interface Expectation {
  text: string;
  value: Value;
  /** Per-entry tolerance, row-major: the explicit "± tol", else one unit in the entry's last printed place. */
  tolerances: number[];
  /** The author wrote "± tol": entries agree within it, whatever digits the slide prints. */
  explicit: boolean;
  wrong?: string;
}

export interface EntryComparison {
  /** 1-based, as on the slides. */
  row: number;
  col: number;
  computed: number;
  slide: number;
  /** The explicit tolerance, or one unit in the slide's last printed place. */
  tolerance: number;
  agrees: boolean;
  /** How a default comparison agreed: the computed number rounded, or truncated, to the slide's digits. */
  by?: 'rounding' | 'truncation';
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
  /** The author's "± tol" decided; otherwise the slide's printed digits did. */
  explicit: boolean;
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
  return { text: slide.text, value: literal.value, tolerances, explicit: slide.tolerance !== undefined, ...(slide.wrong ? { wrong: slide.wrong } : {}) };
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
  const [r, c] = shapeOf(value),
    [sr, sc] = shapeOf(exp.value);
  const base = {
    knownWrong: exp.wrong !== undefined,
    ...(exp.wrong ? { reason: exp.wrong } : {}),
    slide: toJSON(exp.value),
    slideText: exp.text,
    explicit: exp.explicit,
  };
  if (r !== sr || c !== sc) {
    return { ...base, agrees: false, shapeMismatch: `the slide shows ${sr}×${sc}, the cell is ${r}×${c}`, entries: [], maxDifference: Infinity };
  }
  const at = (v: Value, k: number) => (typeof v === 'number' ? v : v.data[k]);
  const entries: EntryComparison[] = [];
  let maxDifference = 0;
  for (let k = 0; k < r * c; k++) {
    const computed = at(value, k),
      slide = at(exp.value, k),
      tolerance = exp.tolerances[k];
    const diff = Math.abs(computed - slide);
    maxDifference = Math.max(maxDifference, diff);
    const at1 = { row: Math.floor(k / c) + 1, col: (k % c) + 1, computed, slide, tolerance };
    // A hair of slack so that 0.62 vs 0.63 at tolerance 0.01 is not lost to binary rounding.
    if (exp.explicit) entries.push({ ...at1, agrees: diff <= tolerance * (1 + 1e-9) });
    else {
      const by = printedAs(computed, slide, tolerance);
      entries.push({ ...at1, agrees: by !== undefined, ...(by ? { by } : {}) });
    }
  }
  return { ...base, agrees: entries.every((e) => e.agrees), entries, maxDifference };
}

/**
 * Is `printed` (a slide's number, whose last printed place is `unit`) what `computed` becomes
 * when rounded to that place, or truncated to it? Which, if so. Rounding: |computed − printed| ≤
 * unit/2 (a tie counts either way). Truncation (toward zero): computed lies between printed and
 * printed + unit on the side away from zero, and has the printed sign (−0.05 truncates to −0.0).
 */
export function printedAs(computed: number, printed: number, unit: number): 'rounding' | 'truncation' | undefined {
  const slack = unit * 1e-9;
  if (Math.abs(computed - printed) <= unit / 2 + slack) return 'rounding';
  const away = printed > 0 || (printed === 0 && computed > 0) ? computed - printed : printed - computed;
  if (away >= -slack && away < unit - slack) return 'truncation';
  return undefined;
}
