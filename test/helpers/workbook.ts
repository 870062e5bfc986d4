// What the issue-4 workbook tests need beyond workbook-engine.ts (Node and browser): values with
// some inputs changed, by name; each plot's rows; the ```train blocks run by the batch driver;
// and the gradient checks.
import { isCellError } from '../../src/errors.ts';
import { toJSON, type JsonValue, type Value } from '../../src/formula/value.ts';
import type { CellResult } from '../../src/graph/compile.ts';
import type { WorkbookPlan } from '../../src/workbook.ts';
import { runChecks } from '../../src/graph/run.ts';
import type { PlotLayerData, PlotPlan } from '../../src/plot/compile.ts';
import { runBatch, type RunResult } from '../../src/train/batch.ts';
import type { TrainPlan } from '../../src/train/plan.ts';
import { openWorkbook, type Sheet } from './workbook-engine.ts';

/** Input cells given new values: a number or an array of rows. */
export type Changes = Record<string, number | number[][]>;

/** The values of every cell, by name. */
export interface Values {
  sheet: Sheet;
  get(name: string): JsonValue;
  number(name: string): number;
  rows(name: string): number[][];
}

export interface LoadedWorkbook {
  plan: WorkbookPlan;
  /** The values with the workbook's own inputs, or with some of them changed. */
  values(changes?: Changes): Values;
  /** Every ```plot block, in file order, and its layers' rows for some values. */
  plots: PlotPlan[];
  rows(plot: PlotPlan, values?: Values): PlotLayerData[];
  /** Every ```train block, in file order. */
  trains: TrainPlan[];
  /** Runs a train block from the workbook's inputs (with changes) for `steps` steps. */
  train(block: TrainPlan, steps: number, changes?: Changes): RunResult & { after: Values };
  /** Each gradient check: cell name → pass. */
  checks(values?: Values): Map<string, boolean>;
}

export async function loadWorkbook(path: string): Promise<LoadedWorkbook> {
  const own = await openWorkbook(path);
  const { plan } = own;
  const valuesOf = (sheet: Sheet): Values => ({
    sheet,
    get: sheet.value,
    number: (name) => sheet.value(name) as number,
    rows: (name) => {
      const v = sheet.value(name);
      return typeof v === 'number' ? [[v]] : (v as number[][]);
    },
  });
  const plots = [...plan.plots.values()];
  const inputsOf = (results: CellResult[]) => new Map(plan.cells.filter((c) => c.kind === 'input').map((c) => [c.name, results[c.index]]));
  const values = (changes: Changes = {}) => valuesOf(own.with(changes));
  return {
    plan,
    values,
    plots,
    rows: (plot, v = valuesOf(own)) => v.sheet.plots()[plots.indexOf(plot)],
    trains: [...plan.trains.values()],
    train(block, steps, changes = {}) {
      const run = runBatch(plan, block, inputsOf(values(changes).sheet.results), steps);
      const trained = Object.fromEntries([...run.inputs].map(([name, v]) => [name, toJSON(v as Value) as number | number[][]]));
      return { ...run, after: valuesOf(own.with(trained)) };
    },
    checks(v = valuesOf(own)) {
      const out = new Map<string, boolean>();
      for (const [index, check] of runChecks(plan, v.sheet.results)) out.set(plan.cells[index].name, !isCellError(check) && check.pass);
      return out;
    },
  };
}

/** The entries of a row or column vector (or a matrix, row by row). */
export const flat = (v: JsonValue): number[] => (typeof v === 'number' ? [v] : (v as number[][]).flat());
