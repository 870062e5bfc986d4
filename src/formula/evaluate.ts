// Expr → a plain JavaScript closure over the cell's input values. This is the hot path of every
// recompute and every training step: names are resolved to slots once, here, not per call.

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { withBudget } from './budget.ts';
import { range } from './functions.ts';
import { NaNError, ShapeError } from './kernels.ts';
import type { Expr, IndexDim } from './parse.ts';
import { assemble, gather, select } from './structure.ts';
import { describeShape, entries, shapeOf, type Value } from './value.ts';

export type Compiled = (inputs: readonly Value[]) => Value;

export interface CompileHooks {
  /** Compiles grad(of, wrt); the workbook's compiler supplies it, since it needs the whole graph. */
  grad?(of: string, wrt: string, text: string): Compiled;
}

/** Turns a kernel's ShapeError into a located message naming the operands and their shapes. */
export function shapeMessage(err: ShapeError, args: readonly Expr[], values: readonly Value[]): CellError {
  const [i, j] = err.operands;
  const describe = (k: number) => describeShape(shapeOf(values[k]));
  const message =
    j === undefined || args[j] === undefined
      ? messages.shapeOne(args[i].text, describe(i), err.message)
      : messages.shape(args[i].text, describe(i), args[j].text, describe(j), err.message);
  return new CellError(codes.E_SHAPE, message);
}

/** The positions an index expression evaluates to, 1-based, as a list. */
type Apply = Extract<Expr, { kind: 'apply' }>;

/** An operation on its arguments' values; its errors say which operands, or which text made a NaN. */
export function applyOp(expr: Apply, values: Value[]): Value {
  try {
    return expr.op.forward(values);
  } catch (e) {
    if (e instanceof ShapeError) throw shapeMessage(e, expr.args, values);
    if (e instanceof NaNError) throw new CellError(codes.E_NONFINITE, messages.nanResult(expr.text, e.where));
    throw e;
  }
}

/** The entries of `t` (the value of `target`) that index lists pick; an index outside it names the target. */
export function selectIn(target: Expr, t: Value, lists: number[][]): ReturnType<typeof select> {
  try {
    return select(t, lists, target.text);
  } catch (e) {
    if (e instanceof ShapeError) throw shapeMessage(e, [target], [t]);
    throw e;
  }
}

/** The condition of "c ? a : b": a single number, non-zero for a. */
export function conditionHolds(test: Expr, c: Value): boolean {
  if (typeof c !== 'number') throw new CellError(codes.E_SHAPE, messages.shapeOne(test.text, describeShape(shapeOf(c)), messages.shapeCondition()));
  return c !== 0;
}

export function indexList(v: Value): number[] {
  return Array.from(entries(v));
}

/**
 * The formula as a closure. Each call is one evaluation with its own work budget (budget.ts),
 * shared with anything it calls (grad(…)), so no formula can run away with the page.
 */
export function compileExpr(expr: Expr, slotOf: (name: string) => number, hooks: CompileHooks = {}): Compiled {
  const f = compile(expr, slotOf, hooks, null);
  return (inputs) => withBudget(() => f(inputs));
}

type EndBox = { n: number } | null;

function compile(expr: Expr, slotOf: (name: string) => number, hooks: CompileHooks, end: EndBox): Compiled {
  const sub = (e: Expr, box: EndBox = end) => compile(e, slotOf, hooks, box);
  switch (expr.kind) {
    case 'const': {
      const v = expr.value;
      return () => v;
    }
    case 'ref': {
      const slot = slotOf(expr.name);
      return (inputs) => inputs[slot];
    }
    case 'end': {
      const box = end!;
      return () => box.n;
    }
    case 'apply': {
      const fs = expr.args.map((a) => sub(a));
      const run = (values: Value[]) => applyOp(expr, values);
      if (fs.length === 1) {
        const [f] = fs;
        return (inputs) => run([f(inputs)]);
      }
      if (fs.length === 2) {
        const [f, g] = fs;
        return (inputs) => run([f(inputs), g(inputs)]);
      }
      return (inputs) => run(fs.map((f) => f(inputs)));
    }
    case 'matrix': {
      const rows = expr.rows.map((r) => r.map((e) => sub(e)));
      const texts = expr.rows.map((r) => r.map((e) => e.text));
      return (inputs) =>
        assemble(
          rows.map((r) => r.map((f) => f(inputs))),
          texts,
        );
    }
    case 'index': {
      const target = sub(expr.target);
      const boxes = expr.dims.map(() => ({ n: 0 }));
      const dims = expr.dims.map((d, k) => compileDim(d, (e) => sub(e, boxes[k])));
      return (inputs) => {
        const t = target(inputs);
        const shape = shapeOf(t);
        const sizes = dims.length === 1 ? [shape[0] === 1 ? shape[1] : shape[0]] : shape;
        const lists = dims.map((d, k) => {
          boxes[k].n = sizes[k];
          return d(inputs, sizes[k]);
        });
        return gather(t, selectIn(expr.target, t, lists));
      };
    }
    case 'cond': {
      const test = sub(expr.test),
        a = sub(expr.then),
        b = sub(expr.otherwise);
      return (inputs) => (conditionHolds(expr.test, test(inputs)) ? a(inputs) : b(inputs));
    }
    case 'grad': {
      if (!hooks.grad) throw new CellError(codes.E_FORBIDDEN, messages.gradHere());
      return hooks.grad(expr.of, expr.wrt, expr.text);
    }
  }
}

/** One dimension of an index → (inputs, size) → 1-based positions. */
export function compileDim(d: IndexDim, sub: (e: Expr) => Compiled): (inputs: readonly Value[], size: number) => number[] {
  switch (d.kind) {
    case 'all':
      return (_inputs, size) => Array.from({ length: size }, (_, k) => k + 1);
    case 'at': {
      const f = sub(d.at);
      return (inputs) => indexList(f(inputs));
    }
    case 'range': {
      // The same numbers as a:b outside an index, bounded the same way before they exist.
      const from = sub(d.from),
        to = sub(d.to),
        step = d.step ? sub(d.step) : () => 1;
      return (inputs) => indexList(range.forward([from(inputs), to(inputs), step(inputs)]));
    }
  }
}
