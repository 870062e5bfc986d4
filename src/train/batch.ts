// Gradient descent in the batch driver: the compiled Plan evaluated directly, step after step,
// with no runtime and no animation frames. The page's trainer (src/reactive/trainer.ts) runs
// these steps in slices and publishes to the runtime about once per frame.
//
// A step is computed once, the way a hand-written network would be: the cells between the
// trained weights and the loss are evaluated on one tape, and one backward pass gives the
// gradient of the loss with respect to every weight that an update rule asks for (its
// `grad(L, W)` reads the result). Cells that depend on no trained weight (the data) are kept
// from one step to the next while the inputs they read stay the same. Anything unusual (an
// error anywhere, a gradient with respect to a formula cell, grad inside a cell) takes the plain
// path instead, where every update formula evaluates its own grad(…): the two give the same
// numbers, and the plain path is the one that says what went wrong.

import { CellError, isCellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { withBudget } from '../formula/budget.ts';
import { limits } from '../limits.ts';
import { compileExpr, type Compiled } from '../formula/evaluate.ts';
import { fill } from '../formula/kernels.ts';
import { parseFormula } from '../formula/parse.ts';
import { collapse, describeShape, firstNonFinite, shapeOf, type Value } from '../formula/value.ts';
import type { CellResult, Plan, PlanCell } from '../graph/compile.ts';
import type { CheckedCell } from '../graph/check.ts';
import type { Expr } from '../formula/parse.ts';
import { ancestorsOf, pathBetween } from '../grad/subgraph.ts';
import { Tape, evaluateTaped, type Var } from '../grad/tape.ts';
import type { CompiledUpdate, TrainPlan } from './plan.ts';
import { atEntry } from '../problems.ts';
import { CompiledStep } from './compiled.ts';

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
  // One budget for the whole step (forward, backward, every update): a step that cannot fit
  // is refused before the page waits on it, and changes nothing.
  return withBudget(
    () => stepOnce(plan, tp, inputs),
    limits.maxWork,
    () => messages.tooMuchWorkStep(limits.maxWork),
  );
}

function stepOnce(plan: Plan, tp: TrainPlan, inputs: ReadonlyMap<string, CellResult>): StepResult | CellError {
  const fast = fastStep(plan, tp);
  if (fast) {
    const r = fast.step(inputs);
    if (r) return r;
  }
  return plainStep(plan, tp, inputs);
}

/**
 * The step on the plain path alone, in a budget as trainStep: what the faster paths (one tape,
 * compiled) must agree with, value for value (test/train/compiled.test.ts).
 */
export function plainTrainStep(plan: Plan, tp: TrainPlan, inputs: ReadonlyMap<string, CellResult>): StepResult | CellError {
  return withBudget(
    () => plainStep(plan, tp, inputs),
    limits.maxWork,
    () => messages.tooMuchWorkStep(limits.maxWork),
  );
}

/** Every cell a step needs, by its own formula; each update rule evaluates its own grad(…). */
function plainStep(plan: Plan, tp: TrainPlan, inputs: ReadonlyMap<string, CellResult>): StepResult | CellError {
  const values = new Map<string, CellResult>();
  for (const name of tp.needed) {
    const cell = plan.byName.get(name)!;
    const given = cell.kind === 'input' ? inputs.get(name) : undefined;
    values.set(name, given !== undefined ? given : cell.run(...cell.inputs.map((n) => values.get(n)!)));
  }
  const loss = lossOf(tp, values);
  if (isCellError(loss)) return loss;
  const next = new Map<string, Value>();
  for (const u of tp.updates) {
    const args = u.inputs.map((n) => values.get(n)!);
    const bad = args.find(isCellError);
    if (bad) return bad;
    const v = updated(u.target, values.get(u.target) as Value, () => u.run(args as Value[]));
    if (isCellError(v)) return v;
    next.set(u.target, v);
  }
  return { loss, next };
}

function lossOf(tp: TrainPlan, values: ReadonlyMap<string, CellResult>): number | CellError {
  const loss = values.get(tp.loss);
  if (loss === undefined) return new CellError(codes.E_NAME_UNKNOWN, messages.trainLossNotCell(tp.loss), tp.loss);
  if (isCellError(loss)) return loss;
  if (typeof loss !== 'number') return new CellError(codes.E_SHAPE, messages.trainLossShape(tp.loss, describeShape(shapeOf(loss))), tp.loss);
  return loss;
}

/** The new value of a trained cell, checked: the same shape as before, every entry finite. */
function updated(target: string, was: Value, run: () => Value): Value | CellError {
  let v: Value;
  try {
    v = collapse(run());
  } catch (e) {
    return e instanceof CellError ? ((e.root ||= target), e) : new CellError(codes.E_INTERNAL, messages.internal(String(e)), target);
  }
  const [r, c] = shapeOf(v),
    [wr, wc] = shapeOf(was);
  if (r !== wr || c !== wc) return new CellError(codes.E_SHAPE, messages.trainUpdateShape(target, describeShape([r, c]), describeShape([wr, wc])), target);
  const nonFinite = firstNonFinite(v);
  if (nonFinite) {
    return new CellError(codes.E_NONFINITE, messages.nonFinite(nonFinite.value, atEntry(v, nonFinite.index)), target);
  }
  return v;
}

// ---- One tape per step ---------------------------------------------------------------------------

/** The gradients of one cell that the update rules ask for, and the cells between. */
interface GradGroup {
  of: string;
  wrts: string[];
  /** `of` and its ancestors, in the order subgraph.ts evaluates them. */
  ancestors: string[];
  /** The ancestors recomputed on the tape (they depend on a wrt). */
  path: Set<string>;
  /** The same cells, in order. */
  pathCells: CheckedCell[];
}

interface FastUpdate {
  update: CompiledUpdate;
  /** What `run` reads, in order: cell names, or the key of a gradient. */
  reads: string[];
  run: Compiled;
  expr: Expr;
}

const gradKey = (of: string, wrt: string) => `grad\u0000${of}\u0000${wrt}`;

class FastStep {
  /** Cells that depend on no trained cell, and the non-trained inputs they were computed from. */
  private readonly constant = new Set<string>();
  private readonly kept = new Map<string, CellResult>();
  private keptFrom = new Map<string, CellResult>();
  /** The trained cells: their values change every step, so they never invalidate what is kept. */
  private readonly targets: Set<string>;
  /** The step compiled (compiled.ts) for the inputs it keeps; null when it cannot be, undefined before it is tried. */
  private compiled: CompiledStep | null | undefined;

  get isCompiled(): boolean {
    return !!this.compiled;
  }

  constructor(
    private readonly plan: Plan,
    private readonly tp: TrainPlan,
    private readonly groups: GradGroup[],
    private readonly updates: FastUpdate[],
  ) {
    this.targets = new Set(tp.updates.map((u) => u.target));
    const varying = new Set<string>(this.targets);
    for (const name of plan.order) {
      const cell = plan.byName.get(name)!;
      if (varying.has(name)) continue;
      if (cell.inputs.some((d) => varying.has(d)) || cell.checked.parsed?.usesGrad) varying.add(name);
      else if (cell.kind === 'formula') this.constant.add(name);
    }
  }

  /** The step, or null when it must be taken on the plain path (which then says what is wrong). */
  step(inputs: ReadonlyMap<string, CellResult>): StepResult | CellError | null {
    const r = this.take(inputs);
    // A step that failed (a weight of the wrong shape, say) says nothing of the next: one that
    // could not be compiled is tried again, so a weight put right runs compiled once more.
    if (r === null && this.compiled === null) this.compiled = undefined;
    return r;
  }

  private take(inputs: ReadonlyMap<string, CellResult>): StepResult | CellError | null {
    const { plan, tp } = this;
    this.keep(inputs);
    const values = new Map<string, CellResult>();
    const plain = (name: string): CellResult => {
      let v = values.get(name);
      if (v !== undefined) return v;
      const cell = plan.byName.get(name)!;
      v = cell.kind === 'input' ? inputs.get(name) : this.kept.get(name);
      if (v === undefined) {
        v = cell.run(...cell.inputs.map((n) => values.get(n)!));
        if (this.constant.has(name)) this.kept.set(name, v);
      }
      values.set(name, v);
      return v;
    };
    // Compiled before the step is taken (the first of a run, or one whose weights changed
    // shape), so that it is already a compiled one: a tape step first cost a cold run more than
    // its next hundred steps.
    let compiled = this.compiled;
    if (compiled === undefined || (compiled && !compiled.fits(inputs))) compiled = this.compiled = this.tryCompile(plain);
    // (It does not fit when a trained cell is missing from the inputs: the tape reads its literal.)
    if (compiled && compiled.fits(inputs)) {
      try {
        const r = compiled.step(inputs);
        if (r) return r;
      } catch {
        return null; // the budget: the plain path says so
      }
    }

    const grads = new Map<string, Value>();
    try {
      for (const g of this.groups) if (!this.gradients(g, values, plain, grads)) return null;
    } catch {
      return null;
    }
    for (const name of tp.needed) if (isCellError(plain(name))) return null;
    const loss = lossOf(tp, values);
    if (isCellError(loss)) return null;
    const next = new Map<string, Value>();
    for (const { update, reads, run } of this.updates) {
      const args = reads.map((k) => grads.get(k) ?? values.get(k)!);
      const v = updated(update.target, values.get(update.target) as Value, () => run(args as Value[]));
      if (isCellError(v)) return null;
      next.set(update.target, v);
    }
    return { loss, next };
  }

  private tryCompile(plain: (name: string) => CellResult): CompiledStep | null {
    try {
      return this.compile(plain);
    } catch {
      return null;
    }
  }

  /** The step as a compiled one (one gradient group, every cell it reads fixed, trained or on the path), or null. */
  private compile(plain: (name: string) => CellResult): CompiledStep | null {
    if (this.groups.length !== 1) return null;
    const [g] = this.groups;
    const fixed = (name: string) => {
      const cell = this.plan.byName.get(name);
      return !!cell && !this.targets.has(name) && (cell.kind === 'input' || this.constant.has(name)) && !isCellError(plain(name));
    };
    for (const name of this.tp.needed) if (!g.path.has(name) && !this.targets.has(name) && !fixed(name)) return null;
    return CompiledStep.compile({
      path: g.pathCells,
      of: g.of,
      wrts: g.wrts,
      source: (name) => (this.targets.has(name) ? { varies: true, value: plain(name) } : fixed(name) ? { varies: false, value: plain(name) } : null),
      updates: this.updates.map((u) => ({ target: u.update.target, expr: u.expr })),
    });
  }

  /** Forgets the kept cells (and the compiled step) when an input they may read is no longer the same value. */
  private keep(inputs: ReadonlyMap<string, CellResult>): void {
    // The trained cells change every step and are read afresh; only the others count.
    let same = true,
      count = 0;
    for (const [name, v] of inputs) {
      if (this.targets.has(name)) continue;
      count++;
      if (this.keptFrom.get(name) !== v) same = false;
    }
    if (!same || count !== this.keptFrom.size) {
      this.kept.clear();
      this.compiled = undefined;
      this.keptFrom = new Map([...inputs].filter(([name]) => !this.targets.has(name)));
    }
  }

  /** One tape from the wrts to `of`, one backward pass; false when this step must take the plain path. */
  private gradients(g: GradGroup, values: Map<string, CellResult>, plain: (name: string) => CellResult, grads: Map<string, Value>): boolean {
    const tape = new Tape();
    const vars = new Map<string, Var>();
    for (const name of g.ancestors) {
      if (!g.path.has(name)) {
        const v = plain(name);
        if (isCellError(v)) return false;
        vars.set(name, tape.leaf(v, g.wrts.includes(name)));
        continue;
      }
      const cell = this.plan.byName.get(name)!;
      if (cell.error) return false;
      const out = withBudget(() => evaluateTaped(cell.checked.parsed!.expr, (n) => vars.get(n)!, tape));
      const v = collapse(out.value);
      if (firstNonFinite(v)) return false;
      vars.set(name, out);
      values.set(name, v);
    }
    const out = vars.get(g.of)!;
    if (typeof out.value !== 'number') return false;
    withBudget(() => tape.backward(out));
    for (const wrt of g.wrts) {
      const leaf = vars.get(wrt)!;
      grads.set(gradKey(g.of, wrt), wrt === g.of ? fill(shapeOf(leaf.value), 1) : (leaf.grad ?? fill(shapeOf(leaf.value), 0)));
    }
    return true;
  }
}

const fastSteps = new WeakMap<TrainPlan, FastStep | null>();

/** Whether the batch driver's latest steps of this train plan ran compiled (compiled.ts): for tests and the benchmark. */
export function isCompiled(tp: TrainPlan): boolean {
  return !!fastSteps.get(tp)?.isCompiled;
}

/** The one-tape form of a train plan, built on first use; null when it does not apply. */
function fastStep(plan: Plan, tp: TrainPlan): FastStep | null {
  let fast = fastSteps.get(tp);
  if (fast === undefined) {
    try {
      fast = buildFastStep(plan, tp);
    } catch {
      fast = null;
    }
    fastSteps.set(tp, fast);
  }
  return fast;
}

function buildFastStep(plan: Plan, tp: TrainPlan): FastStep | null {
  if (tp.problems.length) return null;
  const ctx = { isCell: (n: string) => plan.byName.has(n), cellNames: () => plan.byName.keys() };
  const wanted = new Map<string, Set<string>>();
  const updates: FastUpdate[] = [];
  for (const update of tp.updates) {
    const reads: string[] = [];
    const slot = (key: string) => {
      const k = reads.indexOf(key);
      return k >= 0 ? k : reads.push(key) - 1;
    };
    const expr = parseFormula(update.formula, ctx).expr;
    const run = compileExpr(expr, slot, {
      grad: (of, wrt) => {
        // Only gradients with respect to input cells: their values are the tape's leaves.
        const w = plan.byName.get(wrt),
          o = plan.byName.get(of);
        if (!w || !o || w.kind !== 'input' || w.error || o.error) throw new Error('not on one tape');
        if (!wanted.has(of)) wanted.set(of, new Set());
        wanted.get(of)!.add(wrt);
        const k = slot(gradKey(of, wrt));
        return (values) => values[k];
      },
    });
    updates.push({ update, reads, run, expr });
  }
  const groups: GradGroup[] = [];
  for (const [of, wrts] of wanted) {
    const ancestors = ancestorsOf(plan.checked, of);
    const path = pathBetween(plan.checked, ancestors, wrts);
    // grad(…) inside a cell between the weights and the loss: that cell's own gradients are
    // computed by its formula, on the plain path.
    if (path.some((c) => c.parsed?.usesGrad || c.error || !c.parsed)) return null;
    if (ancestors.some((n) => !isUsable(plan.byName.get(n)))) return null;
    groups.push({ of, wrts: [...wrts], ancestors, path: new Set(path.map((c) => c.name)), pathCells: path });
  }
  return new FastStep(plan, tp, groups, updates);
}

function isUsable(cell: PlanCell | undefined): boolean {
  return !!cell && !cell.error;
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
