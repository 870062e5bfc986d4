// CheckedWorkbook → Plan. Phase 3: each cell becomes a pure function of its named inputs.
//
// A cell function never throws. Its inputs may be errors (CellError values); it then returns
// the first of them unchanged, so a dependent always knows the root cause. Its own failures
// become a CellError located in the workbook file. The same Plan drives the reactive runtime
// (src/reactive) and direct evaluation (./run.ts), so the two agree value for value.

import { CellError, isCellError, toCellError, withLoc } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { compileExpr, type Compiled, type CompileHooks } from '../formula/evaluate.ts';
import { collapse, firstNonFinite, type Value } from '../formula/value.ts';
import type { CheckedCell, CheckedWorkbook } from './check.ts';
import { readExpectation, type Expectation } from './expect.ts';
import type { Problem } from '../format/spec.ts';
import { gradFormula } from '../grad/hooks.ts';
import { subgraph } from '../grad/subgraph.ts';
import { gradientCheck, type GradCheck } from '../grad/check.ts';
import { atEntry, inFileOrder, problemOf } from '../problems.ts';

export type CellResult = Value | CellError;

export interface PlanCell {
  name: string;
  /** Position in spec.cells. */
  index: number;
  kind: 'input' | 'formula';
  /** Names of the cells whose values `run` takes, in order. */
  inputs: string[];
  run: (...inputs: CellResult[]) => CellResult;
  /** Set when checking found a problem: `run` returns it. */
  error?: CellError;
  expectation?: Expectation;
  /** A problem with the slide value itself (not with the cell). */
  expectationError?: CellError;
  /** "check: grad(E, Θ2)": a function of [this cell, …inputs] giving the gradient check. */
  check?: { inputs: string[]; run: (...values: CellResult[]) => GradCheck | CellError };
  /** A problem with the check attribute itself. */
  checkError?: CellError;
  /** A slider on a cell that is not a single number. */
  sliderError?: CellError;
  checked: CheckedCell;
}

export interface Plan {
  checked: CheckedWorkbook;
  cells: PlanCell[];
  /** The cell each name refers to (first definition). */
  byName: Map<string, PlanCell>;
  /** Every primary cell, inputs before the cells that read them. */
  order: string[];
  /** Every problem of the cells: reading, checking, their slide, check and slider attributes. */
  problems: Problem[];
}

export function compileWorkbook(checked: CheckedWorkbook): Plan {
  const plan: Plan = { checked, cells: [], byName: new Map(), order: [], problems: [] };
  for (const cell of checked.cells) {
    const pc = compileCell(plan, cell);
    plan.cells.push(pc);
    if (cell.primary) plan.byName.set(cell.name, pc);
  }
  for (const pc of plan.cells) {
    compileCheck(plan, pc);
    const slider = pc.checked.spec.slider;
    const literal = pc.checked.literal;
    if (slider && (pc.kind !== 'input' || !literal || typeof literal.value !== 'number')) {
      pc.sliderError = new CellError(codes.E_ATTRIBUTE, messages.sliderNotScalar(pc.name), pc.name);
      pc.sliderError.loc = { line: slider.line, col: 1 };
    }
  }
  plan.order = topologicalOrder(plan);
  const attributeProblems = plan.cells.flatMap((pc) =>
    [pc.expectationError, pc.checkError, pc.sliderError].filter((e): e is CellError => !!e).map((e) => problemOf(e, pc.name)),
  );
  plan.problems = inFileOrder([...checked.problems, ...attributeProblems]);
  return plan;
}

/** The gradient check of a cell that declares one: the cell's value against autodiff and finite differences. */
function compileCheck(plan: Plan, pc: PlanCell): void {
  const spec = pc.checked.spec.check;
  if (!spec) return;
  const sg = subgraph(plan.checked, spec.of, spec.wrt);
  if (sg instanceof CellError) {
    sg.root = pc.name;
    sg.loc = { line: spec.line, col: spec.col };
    pc.checkError = sg;
    return;
  }
  pc.check = {
    inputs: [pc.name, ...sg.inputs],
    run: (written, ...values) => {
      for (const v of [written, ...values]) if (isCellError(v)) return v;
      try {
        return gradientCheck(sg, values as Value[], written as Value, spec.fails);
      } catch (e) {
        const err = toCellError(e, pc.name);
        return err.loc ? err : withLoc(err, { line: spec.line, col: spec.col });
      }
    },
  };
}

function compileCell(plan: Plan, cell: CheckedCell): PlanCell {
  const pc: PlanCell = { name: cell.name, index: cell.index, kind: cell.kind, inputs: [], run: () => cell.error!, checked: cell };
  if (cell.spec.slide) {
    try {
      pc.expectation = readExpectation(cell.spec.slide);
    } catch (e) {
      const err = toCellError(e, cell.name);
      err.loc = { line: cell.spec.slide.line, col: cell.spec.slide.col };
      pc.expectationError = err;
    }
  }
  if (cell.error) {
    pc.error = cell.error;
    return pc;
  }
  if (cell.kind === 'input') {
    const value = cell.literal!.value;
    pc.run = () => value;
    return pc;
  }
  if (cell.data !== undefined) {
    // D = csv("points.csv"): the file's numbers, read before the workbook was checked.
    const value = cell.data;
    pc.run = () => value;
    return pc;
  }
  const inputs = [...cell.deps];
  const slot = (name: string) => {
    let k = inputs.indexOf(name);
    if (k < 0) k = inputs.push(name) - 1;
    return k;
  };
  const compileHooks: CompileHooks = {
    grad: (of, wrt) => {
      const g = gradFormula(plan.checked, of, wrt);
      const slots = g.inputs.map(slot);
      return (values) => g.compiled(slots.map((k) => values[k]));
    },
  };
  let compiled: Compiled;
  try {
    compiled = compileExpr(cell.parsed!.expr, slot, compileHooks);
  } catch (e) {
    const err = toCellError(e, cell.name);
    err.loc = { line: cell.spec.line, col: cell.spec.formulaCol };
    pc.error = err;
    pc.run = () => err;
    return pc;
  }
  pc.inputs = inputs;
  pc.run = cellFunction(cell, compiled);
  return pc;
}

/** The function the runtime calls: errors in, the same error out; failures become located errors. */
function cellFunction(cell: CheckedCell, compiled: Compiled): PlanCell['run'] {
  const { name } = cell;
  const at = { line: cell.spec.line, col: cell.spec.formulaCol };
  return (...inputs) => {
    for (const v of inputs) if (isCellError(v)) return v;
    try {
      const v = collapse(compiled(inputs as Value[]));
      const bad = firstNonFinite(v);
      if (bad) {
        return withLoc(new CellError(codes.E_NONFINITE, messages.nonFinite(bad.value, atEntry(v, bad.index)), name), at);
      }
      return v;
    } catch (e) {
      return withLoc(toCellError(e, name), at);
    }
  };
}

/** Depth-first order over inputs; cells on loops (already errors) come wherever they fall. */
function topologicalOrder(plan: Plan): string[] {
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (root: string) => {
    // Iterative, so a chain of thousands of cells cannot overflow the stack.
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const cell = plan.byName.get(top[0])!;
      if (top[1] < cell.inputs.length) {
        const next = cell.inputs[top[1]++];
        if (!state.has(next) && plan.byName.has(next)) {
          state.set(next, 1);
          stack.push([next, 0]);
        }
      } else {
        stack.pop();
        state.set(top[0], 2);
        order.push(top[0]);
      }
    }
  };
  for (const cell of plan.cells) if (plan.byName.get(cell.name) === cell && !state.has(cell.name)) visit(cell.name);
  return order;
}
