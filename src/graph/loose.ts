// A formula that belongs to no cell — a training update rule, a plot channel — compiled
// against a Plan: it may read any cell (and use grad), and it becomes a function of the values
// of the cells it reads.

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { compileExpr, type Compiled } from '../formula/evaluate.ts';
import { columnOf, parseFormula } from '../formula/parse.ts';
import type { MathNode } from '../formula/mathjs.ts';
import { closest } from '../formula/spelling.ts';
import type { Plan } from './compile.ts';
import { gradFormula } from '../grad/hooks.ts';

export interface LooseFormula {
  text: string;
  /** The parsed formula, kept to typeset it (parsed once). */
  node: MathNode;
  /** The cells it reads, in the order `run` takes their values. */
  inputs: string[];
  run: Compiled;
}

/** Throws a CellError (with `col` in the text) when the formula is not valid here. */
export function compileLoose(plan: Plan, text: string): LooseFormula {
  const refused = plan.checked.refused;
  const ctx = { isCell: (n: string) => plan.byName.has(n) || refused.has(n), cellNames: () => plan.byName.keys() };
  const parsed = parseFormula(text, ctx);
  const owned = parsed.refs.find((r) => refused.has(r));
  if (owned) {
    const err = new CellError(refused.get(owned)!.error!.code, messages.nameRefusedHere(owned), owned);
    err.col = columnOf(text, owned);
    throw err;
  }
  const unknown = parsed.refs.find((r) => !plan.byName.has(r));
  if (unknown) {
    const err = new CellError(codes.E_NAME_UNKNOWN, messages.nameUnknown(unknown, closest(unknown, plan.byName.keys())));
    err.col = columnOf(text, unknown);
    throw err;
  }
  const inputs = [...parsed.refs];
  const slot = (name: string) => {
    const k = inputs.indexOf(name);
    return k >= 0 ? k : inputs.push(name) - 1;
  };
  const run = compileExpr(parsed.expr, slot, {
    grad: (of, wrt) => {
      const g = gradFormula(plan.checked, of, wrt);
      const slots = g.inputs.map(slot);
      return (values) => g.compiled(slots.map((k) => values[k]));
    },
  });
  return { text, node: parsed.node, inputs, run };
}
