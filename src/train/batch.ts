// Gradient descent in the batch driver: the compiled Plan evaluated directly, step after step,
// with no runtime and no animation frames. The page's trainer (src/reactive/trainer.ts) runs
// these steps in slices and publishes to the runtime about once per frame.

import { CellError, isCellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { collapse, describeShape, firstNonFinite, shapeOf, type Value } from '../formula/value.ts';
import type { CellResult, Plan } from '../graph/compile.ts';
import type { TrainPlan } from './plan.ts';

export interface StepResult {
  /** The loss at the weights the step started from. */
  loss: number;
  /** The new value of every updated cell. */
  next: Map<string, Value>;
}

/** Why training stopped, with the step and the cell to blame when something went wrong. */
export interface TrainFailure {
  step: number;
  cell: string;
  error: CellError;
  message: string;
}

/** Evaluates the loss and every update at the given input values. */
export function trainStep(plan: Plan, tp: TrainPlan, inputs: ReadonlyMap<string, CellResult>): StepResult | CellError {
  const values = new Map<string, CellResult>();
  for (const name of tp.needed) {
    const cell = plan.byName.get(name)!;
    const given = cell.kind === 'input' ? inputs.get(name) : undefined;
    values.set(name, given !== undefined ? given : cell.run(...cell.inputs.map((n) => values.get(n)!)));
  }
  const loss = values.get(tp.loss);
  if (loss === undefined) return new CellError(codes.E_NAME_UNKNOWN, messages.trainLossNotCell(tp.loss), tp.loss);
  if (isCellError(loss)) return loss;
  if (typeof loss !== 'number') return new CellError(codes.E_SHAPE, messages.trainLossShape(tp.loss, describeShape(shapeOf(loss))), tp.loss);
  const next = new Map<string, Value>();
  for (const u of tp.updates) {
    const args = u.inputs.map((n) => values.get(n)!);
    const bad = args.find(isCellError);
    if (bad) return bad;
    let v: Value;
    try {
      v = collapse(u.run(args as Value[]));
    } catch (e) {
      return e instanceof CellError ? ((e.root ||= u.target), e) : new CellError(codes.E_INTERNAL, messages.internal(String(e)), u.target);
    }
    const was = values.get(u.target) as Value;
    const [r, c] = shapeOf(v), [wr, wc] = shapeOf(was);
    if (r !== wr || c !== wc) return new CellError(codes.E_SHAPE, messages.trainUpdateShape(u.target, describeShape([r, c]), describeShape([wr, wc])), u.target);
    const nonFinite = firstNonFinite(v);
    if (nonFinite) {
      const where = typeof v === 'number' ? '' : ` at [${nonFinite.index.join(',')}]`;
      return new CellError(codes.E_NONFINITE, messages.nonFinite(nonFinite.value, where), u.target);
    }
    next.set(u.target, v);
  }
  return { loss, next };
}

export function failure(step: number, error: CellError): TrainFailure {
  const cell = error.root || 'the loss';
  return { step, cell, error, message: messages.trainDiverged(step, cell, error.message) };
}

export interface RunResult {
  inputs: Map<string, CellResult>;
  /** [step, loss] pairs: the loss after that many steps. */
  history: [number, number][];
  steps: number;
  reason: 'steps' | 'target' | 'failure';
  failure?: TrainFailure;
}

/** Runs up to `steps` steps (or until the loss reaches `target`) without any page in the loop. */
export function runBatch(plan: Plan, tp: TrainPlan, start: ReadonlyMap<string, CellResult>, steps: number, target?: number): RunResult {
  const inputs = new Map(start);
  const history: [number, number][] = [];
  for (let k = 0; k < steps; k++) {
    const r = trainStep(plan, tp, inputs);
    if (isCellError(r)) return { inputs, history, steps: k, reason: 'failure', failure: failure(k + 1, r) };
    history.push([k, r.loss]);
    if (target !== undefined && r.loss <= target) return { inputs, history, steps: k, reason: 'target' };
    for (const [name, v] of r.next) inputs.set(name, v);
  }
  const last = trainStep(plan, tp, inputs);
  if (!isCellError(last)) history.push([steps, last.loss]);
  return { inputs, history, steps, reason: target !== undefined && !isCellError(last) && last.loss <= target ? 'target' : 'steps' };
}
