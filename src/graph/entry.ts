// What a student types into one entry of an input cell: a number, or an expression of numbers
// only ("1/3", "-sqrt(2)", "pi/4"). Anything else is a located error that keeps the text.

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { compileExpr } from '../formula/evaluate.ts';
import { parseFormula } from '../formula/parse.ts';
import { plainNumber } from '../format/number.ts';

/** `at` names the entry in messages, e.g. "Theta1[1,3]". */
export function parseEntry(text: string, at: string, root: string): number | CellError {
  const t = text.trim();
  if (!t) return new CellError(codes.E_ENTRY, messages.entryEmpty(at), root);
  if (plainNumber.test(t)) {
    const v = Number(t);
    // 1e400 reads as Infinity: no cell holds one (formula/value.ts, "Numbers").
    return Number.isFinite(v) ? v : new CellError(codes.E_ENTRY, messages.entryNonFinite(at, t), root);
  }
  try {
    const parsed = parseFormula(t);
    // No implicit products in an entry: "1e" is a number whose exponent is still being typed,
    // not 1·e, and "2 3" a typo, not 6. Write 2*pi for 2π.
    const implicit = parsed.node.filter((n) => (n as { implicit?: boolean }).implicit === true).length > 0;
    if (parsed.refs.length === 0 && !implicit) {
      const v = compileExpr(parsed.expr, () => -1)([]);
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (typeof v !== 'number') return new CellError(codes.E_ENTRY, messages.entryNotScalar(at, t), root);
      return new CellError(codes.E_ENTRY, messages.entryNonFinite(at, t), root);
    }
  } catch (e) {
    // Not a number: a NaN, Infinity or 1/0 is said to be one that is not finite.
    if (e instanceof CellError && e.code === codes.E_NONFINITE) return new CellError(codes.E_ENTRY, messages.entryNonFinite(at, t), root);
  }
  return new CellError(codes.E_ENTRY, messages.entryNotNumber(at, t), root);
}
