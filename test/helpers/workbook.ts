// A lecture workbook through the engine alone (Node and browser): its values with some inputs
// changed, its plots' rows, and its ```train blocks run by the batch driver.
import { evaluateWorkbook } from '../../src/workbook.ts';
import { isCellError } from '../../src/errors.ts';
import { fromJSON, toJSON, type JsonValue, type Value } from '../../src/formula/value.ts';
import type { CellResult, Plan } from '../../src/graph/compile.ts';
import { runChecks, runPlan } from '../../src/graph/run.ts';
import type { PlotLayerData, PlotPlan } from '../../src/plot/compile.ts';
import { runBatch, type RunResult } from '../../src/train/batch.ts';
import type { TrainPlan } from '../../src/train/plan.ts';
import { readText } from './files.ts';

/** Input cells given new values, as JSON (a number or an array of rows). */
export type Changes = Record<string, JsonValue>;

/** The values of every cell, by name. */
export interface Values {
  results: CellResult[];
  get(name: string): JsonValue;
  number(name: string): number;
  rows(name: string): number[][];
}

export interface LoadedWorkbook {
  path: string;
  plan: Plan;
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
  const { plan } = evaluateWorkbook(await readText(path), path);
  const inputs = (changes: Changes = {}) => new Map<string, CellResult>(Object.entries(changes).map(([k, v]) => [k, fromJSON(v)]));
  const valuesOf = (results: CellResult[]): Values => {
    const get = (name: string) => {
      const cell = plan.byName.get(name);
      if (!cell) throw new Error(`${path} has no cell ${name}`);
      const r = results[cell.index];
      if (isCellError(r)) throw new Error(`${name} is an error: ${r.code} ${r.message}`);
      return toJSON(r as Value);
    };
    return {
      results,
      get,
      number: (name) => {
        const v = get(name);
        if (typeof v !== 'number') throw new Error(`${name} is not a number`);
        return v;
      },
      rows: (name) => {
        const v = get(name);
        return typeof v === 'number' ? [[v]] : (v as number[][]);
      },
    };
  };
  const values = (changes?: Changes) => valuesOf(runPlan(plan, inputs(changes)));
  const own = values();
  const blocks = plan.checked.spec.blocks;
  return {
    path,
    plan,
    values,
    plots: blocks.flatMap((b) => (b.kind === 'plot' ? [plan.plots.get(b)!] : [])),
    rows(plot, v = own) {
      const out = plot.run(...plot.inputs.map((n) => v.results[plan.byName.get(n)!.index]));
      if (isCellError(out)) throw new Error(`plot ${plot.block.title ?? ''}: ${out.code} ${out.message}`);
      return out;
    },
    trains: blocks.flatMap((b) => (b.kind === 'train' ? [plan.trains.get(b)!] : [])),
    train(block, steps, changes = {}) {
      const start = new Map(plan.cells.filter((c) => c.kind === 'input').map((c) => [c.name, own.results[c.index]]));
      for (const [k, v] of inputs(changes)) start.set(k, v);
      const run = runBatch(plan, block, start, steps);
      return { ...run, after: valuesOf(runPlan(plan, run.inputs)) };
    },
    checks(v = own) {
      const out = new Map<string, boolean>();
      for (const [index, check] of runChecks(plan, v.results)) out.set(plan.cells[index].name, !isCellError(check) && check.pass);
      return out;
    },
  };
}

/** The entries of a row or column vector (or a matrix, row by row). */
export const flat = (v: JsonValue): number[] => (typeof v === 'number' ? [v] : (v as number[][]).flat());
