// The part of a workbook between two cells: to differentiate E with respect to Θ1 we recompute
// the cells that depend on Θ1 and that E depends on ("the path"), holding every other cell
// they read at its current value.

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { withBudget } from '../formula/budget.ts';
import { compileExpr, type Compiled } from '../formula/evaluate.ts';
import { collapse, describeShape, shapeOf, type Value } from '../formula/value.ts';
import { fill } from '../formula/kernels.ts';
import type { CheckedCell, CheckedWorkbook } from '../graph/check.ts';
import { Tape, evaluateTaped, type Var } from './tape.ts';

export interface Subgraph {
  of: string;
  wrt: string;
  /** Cells recomputed between wrt and of, in dependency order, `of` last; empty if of does not depend on wrt. */
  path: CheckedCell[];
  /** The values the computation reads: wrt first, then every other cell the path reads. */
  inputs: string[];
  /** Plain closures for the path cells, built on first use (finite differences, training). */
  compiled?: { cell: CheckedCell; run: Compiled; slots: number[] }[];
}

export function subgraph(checked: CheckedWorkbook, of: string, wrt: string): Subgraph | CellError {
  for (const name of [of, wrt]) {
    if (!checked.byName.has(name)) return new CellError(codes.E_NAME_UNKNOWN, messages.nameUnknown(name));
  }
  const path = pathBetween(checked, ancestorsOf(checked, of), new Set([wrt]));
  const onPath = new Set(path.map((c) => c.name));
  const inputs = [wrt];
  for (const cell of path) for (const d of cell.deps) if (!onPath.has(d) && !inputs.includes(d)) inputs.push(d);
  // Not on any path, `of` is still read: its gradient is zero only if it is a single number.
  if (path.length === 0 && of !== wrt) inputs.push(of);
  return { of, wrt, path, inputs };
}

/** `of` and every cell it depends on, in dependency order (post-order DFS, iterative), `of` last. */
export function ancestorsOf(checked: CheckedWorkbook, of: string): string[] {
  const ancestors: string[] = [];
  const seen = new Set<string>([of]);
  const stack: [string, number][] = [[of, 0]];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const deps = checked.byName.get(top[0])!.deps;
    if (top[1] < deps.length) {
      const next = deps[top[1]++];
      if (!seen.has(next)) {
        seen.add(next);
        stack.push([next, 0]);
      }
    } else {
      stack.pop();
      ancestors.push(top[0]);
    }
  }
  return ancestors;
}

/**
 * Of the ancestors, the cells that depend on any of `wrts` (the cells a gradient recomputes),
 * in the same order. The order matters: a tape is walked backwards, and gradients that meet at a
 * cell are summed in that order, so every tape over the same cells gives the same numbers.
 */
export function pathBetween(checked: CheckedWorkbook, ancestors: readonly string[], wrts: ReadonlySet<string>): CheckedCell[] {
  const onPath = new Set<string>();
  for (const name of ancestors) {
    if (wrts.has(name)) continue;
    if (checked.byName.get(name)!.deps.some((d) => wrts.has(d) || onPath.has(d))) onPath.add(name);
  }
  return ancestors.filter((n) => onPath.has(n)).map((n) => checked.byName.get(n)!);
}

function pathError(sg: Subgraph): CellError | null {
  const bad = sg.path.find((c) => c.error);
  return bad ? bad.error! : null;
}

function requireScalar(sg: Subgraph, v: Value): void {
  if (typeof v !== 'number') {
    throw new CellError(codes.E_SHAPE, messages.shapeOne(sg.of, describeShape(shapeOf(v)), messages.gradOfNumber(sg.of, sg.wrt)));
  }
}

/** The exact gradient d(of)/d(wrt), shaped like wrt, by reverse-mode differentiation. */
export function gradient(sg: Subgraph, values: readonly Value[]): Value {
  // Inside a formula or a check this shares their budget; on its own it opens one.
  return withBudget(() => gradientOn(sg, values));
}

function gradientOn(sg: Subgraph, values: readonly Value[]): Value {
  const err = pathError(sg);
  if (err) throw err;
  const wrtValue = values[0];
  if (sg.of === sg.wrt || sg.path.length === 0) {
    requireScalar(sg, sg.of === sg.wrt ? wrtValue : values[sg.inputs.indexOf(sg.of)]);
    return fill(shapeOf(wrtValue), sg.of === sg.wrt ? 1 : 0);
  }
  const tape = new Tape();
  const vars = new Map<string, Var>();
  sg.inputs.forEach((name, k) => vars.set(name, tape.leaf(values[k], k === 0)));
  for (const cell of sg.path) {
    vars.set(
      cell.name,
      evaluateTaped(cell.parsed!.expr, (name) => vars.get(name)!, tape),
    );
  }
  const out = vars.get(sg.of)!;
  requireScalar(sg, out.value);
  tape.backward(out);
  const g = vars.get(sg.wrt)!.grad;
  return g === null ? fill(shapeOf(wrtValue), 0) : g;
}

/** The value of `of` with wrt set to `wrtValue` and every other input as given (plain evaluation). */
export function evaluateAt(sg: Subgraph, values: readonly Value[], wrtValue: Value): Value {
  const err = pathError(sg);
  if (err) throw err;
  if (sg.of === sg.wrt) return wrtValue;
  if (sg.path.length === 0) throw new CellError(codes.E_ARGUMENT, messages.argument('grad', messages.gradNoPath(sg.of, sg.wrt)));
  if (!sg.compiled) {
    const names = [...sg.inputs, ...sg.path.map((c) => c.name)];
    sg.compiled = sg.path.map((cell) => {
      const local: string[] = [];
      const run = compileExpr(cell.parsed!.expr, (n) => {
        const k = local.indexOf(n);
        return k >= 0 ? k : local.push(n) - 1;
      });
      return { cell, run, slots: local.map((n) => names.indexOf(n)) };
    });
  }
  const env: Value[] = [wrtValue, ...values.slice(1)];
  for (const { run, slots } of sg.compiled) env.push(collapse(run(slots.map((k) => env[k]))));
  return env[env.length - 1];
}
