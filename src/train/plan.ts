// A ```train block compiled against a Plan: the loss cell, each update rule as a function of
// the cells it reads, and the cells a step must evaluate, in dependency order.

import { CellError, toCellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import type { Problem, TrainBlock } from '../format/spec.ts';
import type { Compiled } from '../formula/evaluate.ts';
import type { MathNode } from '../formula/mathjs.ts';
import type { Plan } from '../graph/compile.ts';
import { compileLoose } from '../graph/loose.ts';
import { problemAt } from '../problems.ts';

export interface CompiledUpdate {
  target: string;
  formula: string;
  /** The parsed rule, kept to typeset it. */
  node: MathNode;
  inputs: string[];
  run: Compiled;
}

export interface TrainPlan {
  block: TrainBlock;
  loss: string;
  updates: CompiledUpdate[];
  /** The cells one step evaluates (ancestors of the loss and of every update), in order. */
  needed: string[];
  /** Problems that stop this block from training; shown at the block, listed with the workbook's. */
  problems: Problem[];
}

export function compileTrain(plan: Plan, block: TrainBlock): TrainPlan {
  const problems: Problem[] = [];
  const fail = (err: CellError, line: number, col: number) => problems.push(problemAt(err, line, col));
  const tp: TrainPlan = { block, loss: block.loss, updates: [], needed: [], problems };

  if (block.loss && !plan.byName.has(block.loss)) {
    fail(new CellError(codes.E_NAME_UNKNOWN, messages.trainLossNotCell(block.loss)), block.lossLine, 1);
  }
  for (const u of block.updates) {
    const target = plan.byName.get(u.target);
    if (!target) {
      fail(new CellError(codes.E_NAME_UNKNOWN, messages.nameUnknown(u.target)), u.line, u.col);
      continue;
    }
    if (target.kind !== 'input' || target.error) {
      fail(new CellError(codes.E_ARGUMENT, messages.trainNotInput(u.target)), u.line, u.col);
      continue;
    }
    try {
      const { node, inputs, run } = compileLoose(plan, u.formula);
      tp.updates.push({ target: u.target, formula: u.formula, node, inputs, run });
    } catch (e) {
      const err = toCellError(e, u.target);
      fail(err, u.line, u.formulaCol - 1 + (err.col ?? 1));
    }
  }
  tp.needed = ancestors(
    plan,
    [tp.loss, ...tp.updates.flatMap((u) => u.inputs)].filter((n) => plan.byName.has(n)),
  );
  return tp;
}

/** The named cells and everything they depend on, inputs first. */
function ancestors(plan: Plan, names: string[]): string[] {
  const wanted = new Set<string>();
  const stack = [...names];
  while (stack.length) {
    const name = stack.pop()!;
    if (wanted.has(name)) continue;
    wanted.add(name);
    for (const d of plan.byName.get(name)?.inputs ?? []) stack.push(d);
  }
  return plan.order.filter((n) => wanted.has(n));
}
