// The @observablehq/runtime behind a session: one module, and one way to define what it
// computes (cells, gradient checks and plots alike). Every definition draws its work from the
// session's pool (formula/budget.ts); an edit is computed as soon as the task that made it ends.

import { Runtime, RuntimeError, type Module, type Variable } from '@observablehq/runtime';
import { LoadBudget } from '../formula/budget.ts';
import type { NetworkBlock, PlotBlock, WorkbookSpec } from '../format/spec.ts';
import type { CellError } from '../errors.ts';
import type { CellResult, PlanCell } from '../graph/compile.ts';
import type { WorkbookPlan } from '../workbook.ts';

/** Runtime variable names are prefixed so no cell can collide with the runtime's builtins. */
const varName = (cell: string) => `cell:${cell}`;

/** Who hears what a gradient check or a plot computed. */
export interface BlockObservers {
  checkObserver(index: number): Observer;
  plotObserver(block: PlotBlock): Observer;
  networkObserver(block: NetworkBlock): Observer;
}

/** Who hears what every definition of a plan computed (cell-states.ts). */
export interface PlanObservers extends BlockObservers {
  cellObserver(index: number): Observer;
  mistakeObserver(index: number, k: number): Observer;
  /** A cell's gradient check went (or never came): its error, if any, replaces the result. */
  checkGone(index: number, error: CellError | undefined): void;
}

export interface Observer {
  pending?(): void;
  fulfilled(value: unknown): void;
  rejected?(error: unknown): void;
}

export class Binding {
  /** The work all cells, checks and plots of one recompute may do together. */
  readonly budget = new LoadBudget();
  private readonly runtime: Runtime;
  private readonly module: Module;
  /** Each definition by its key, with the runtime name it has (null: invisible to formulas). */
  private readonly variables = new Map<string, { variable: Variable; name: string | null }>();
  private computeQueued = false;
  private disposed = false;

  constructor() {
    // Unknown names must never resolve to the global object's properties (fetch, element ids, …).
    this.runtime = new Runtime(null, (name: string) => {
      throw new RuntimeError(`${name} is not defined`);
    });
    this.module = this.runtime.module();
  }

  /**
   * Defines, or redefines, the variable `key` as `fn` of the variables named `inputs`, under the
   * runtime name `name`. What `observe` makes hears of it from the first definition on
   * (it is asked for once, not at every redefinition: an entry typed redefines its cell).
   */
  define<A extends unknown[]>(key: string, name: string | null, inputs: string[], fn: (...args: A) => unknown, observe: () => Observer): void {
    let v = this.variables.get(key);
    if (!v) this.variables.set(key, (v = { variable: this.module.variable(observe()), name }));
    v.name = name;
    const budget = this.budget;
    v.variable.define(name, inputs, (...args: A) => budget.run(() => fn(...args)));
    this.computeSoon();
  }

  /**
   * Defines a cell of the plan: an input cell as its value now (`input`), a formula as a
   * function of its inputs, a second cell of one name (`primary` false) as its error,
   * invisible to formulas.
   */
  private cell(cell: PlanCell, primary: boolean, input: CellResult | undefined, observer: () => Observer): void {
    const key = `cell#${cell.index}`;
    if (!primary) this.define(key, null, [], cell.run, observer);
    else if (cell.kind === 'input' && input !== undefined) this.define(key, varName(cell.name), [], () => input, observer);
    else this.define(key, varName(cell.name), cell.inputs.map(varName), cell.run, observer);
  }

  /**
   * Defines every cell of `plan` (or, after a formula edit, those whose definition differs from
   * `previous`; a kept input keeps its variable), then the gradient checks, plots and mistakes,
   * which read other cells' formulas too and so are defined again whenever a formula changes.
   * `inputOf` is an input cell's value now (undefined for a cell without a grid).
   */
  plan(plan: WorkbookPlan, spec: WorkbookSpec, observers: PlanObservers, inputOf: (name: string) => CellResult | undefined, previous?: WorkbookPlan): void {
    for (const next of plan.cells) {
      if (previous && next.kind === 'input' && !next.error && inputOf(next.name) !== undefined) continue;
      if (!previous || redefines(previous.cells[next.index], next)) this.input(plan, next, inputOf(next.name), observers);
    }
    for (const index of this.blocks(plan, spec, observers)) observers.checkGone(index, plan.cells[index].checkError);
    this.mistakes(plan, (index, k) => observers.mistakeObserver(index, k));
  }

  /** Defines one cell of `plan` again, an input cell with its value now (`input`). */
  input(plan: WorkbookPlan, cell: PlanCell, input: CellResult | undefined, observers: PlanObservers): void {
    this.cell(cell, plan.byName.get(cell.name) === cell, input, () => observers.cellObserver(cell.index));
  }

  /** Defines every gradient check and plot of the plan; returns the cells whose check went (or never came). */
  private blocks(plan: WorkbookPlan, spec: WorkbookSpec, observers: BlockObservers): number[] {
    const without: number[] = [];
    for (const cell of plan.cells) {
      const key = `check:${cell.index}`;
      if (cell.check && plan.byName.get(cell.name) === cell)
        this.define(key, key, cell.check.inputs.map(varName), cell.check.run, () => observers.checkObserver(cell.index));
      else if (this.has(key) || cell.checkError) {
        this.delete(key);
        without.push(cell.index);
      }
    }
    for (const [block, plot] of plan.plots) {
      const key = `plot:${spec.blocks.indexOf(block)}`;
      this.define(key, key, plot.inputs.map(varName), plot.run, () => observers.plotObserver(block));
    }
    for (const [block, network] of plan.networks) {
      const key = `network:${spec.blocks.indexOf(block)}`;
      this.define(key, key, network.inputs.map(varName), network.run, () => observers.networkObserver(block));
    }
    return without;
  }

  /** Defines every mistake of every exercise (src/exercise/compile.ts): hidden cells, as live as the cells they read. */
  private mistakes(plan: WorkbookPlan, observer: (index: number, k: number) => Observer): void {
    for (const ex of plan.exercises.exercises.values()) {
      ex.mistakes.forEach((m, k) => {
        const key = `mistake:${ex.index}:${k}`;
        this.define(key, key, m.inputs.map(varName), m.run, () => observer(ex.index, k));
      });
    }
  }

  has(key: string): boolean {
    return this.variables.has(key);
  }

  delete(key: string): void {
    this.variables.get(key)?.variable.delete();
    this.variables.delete(key);
  }

  /** Resolves once every named variable has finished computing. */
  async settled(): Promise<void> {
    const names = [...this.variables.values()].flatMap((v) => (v.name === null ? [] : [v.name]));
    await Promise.all(names.map((n) => this.module.value(n).catch(() => undefined)));
  }

  dispose(): void {
    this.disposed = true;
    this.runtime.dispose();
  }

  /**
   * The runtime computes on the next animation frame; an edit is computed as soon as the task
   * that made it ends instead (once, however many cells it redefined), so its dependents are
   * rendered before that frame and the frame only paints them. `_computeNow` is the runtime's
   * own compute step (runtime.js, pinned at 6.0.1); the frame's scheduled compute then finds
   * nothing left to do.
   */
  private computeSoon(): void {
    if (this.computeQueued) return;
    this.computeQueued = true;
    queueMicrotask(() => {
      this.computeQueued = false;
      this.budget.refill(); // one recompute, one pool
      if (!this.disposed) void (this.runtime as unknown as { _computeNow(): Promise<void> })._computeNow();
    });
  }
}

/** Whether a formula cell's definition changed from `before` to `after`, so its variable is defined again. */
export function redefines(before: PlanCell | undefined, after: PlanCell): boolean {
  return signature(before) !== signature(after) || !!after.checked.parsed?.usesGrad;
}

function signature(cell: PlanCell | undefined): string {
  if (!cell) return '';
  return [cell.kind, cell.checked.formula, cell.inputs.join(','), cell.error ? `${cell.error.code}:${cell.error.message}` : ''].join('|');
}
