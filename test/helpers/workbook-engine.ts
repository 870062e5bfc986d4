// A workbook of workbooks/ through the engine alone (no DOM, Node and browser): its cells, its
// slide comparisons and the rows of its plots, at the file's own inputs or at others.
import { expect } from 'chai';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { runPlan } from '../../src/graph/run.ts';
import { compare } from '../../src/graph/expect.ts';
import { isCellError } from '../../src/errors.ts';
import type { CellResult } from '../../src/graph/compile.ts';
import type { WorkbookPlan } from '../../src/workbook.ts';
import type { WorkbookSpec } from '../../src/format/spec.ts';
import type { PlotLayerData } from '../../src/plot/compile.ts';
import { matFromRows, toJSON, type JsonValue, type Value } from '../../src/formula/value.ts';
import { readText } from './files.ts';
import { dataFiles } from '../../src/format/data.ts';
import { readWorkbook } from '../../src/format/read.ts';

export interface Sheet {
  spec: WorkbookSpec;
  plan: WorkbookPlan;
  results: CellResult[];
  /** A cell's value as plain JSON (a number, or an array of rows); fails the test on an error. */
  value(name: string): JsonValue;
  /** A cell's value as a flat list of numbers. */
  list(name: string): number[];
  /** The layers of every ```plot block, in file order; fails the test if one cannot be drawn. */
  plots(): PlotLayerData[][];
  /** The same workbook with some input cells set to other values. */
  with(inputs: Record<string, number | number[][]>): Sheet;
  /** Cells with a slide value, by verdict. */
  slides(): { agrees: string[]; differs: string[]; knownWrong: string[] };
}

function sheetOf(spec: WorkbookSpec, plan: WorkbookPlan, results: CellResult[], base: Map<string, Value>): Sheet {
  const result = (name: string) => {
    const cell = plan.byName.get(name);
    expect(cell, `a cell named ${name}`).to.not.equal(undefined);
    return results[cell!.index];
  };
  const value = (name: string): JsonValue => {
    const r = result(name);
    if (isCellError(r)) expect.fail(`${name} is an error: ${r.code} ${r.message}`);
    return toJSON(r as Value);
  };
  return {
    spec,
    plan,
    results,
    value,
    list: (name) => {
      const v = value(name);
      return typeof v === 'number' ? [v] : v.flat();
    },
    plots: () =>
      [...plan.plots.values()].map((p, k) => {
        const data = p.run(...p.inputs.map((n) => results[plan.byName.get(n)!.index]));
        if (isCellError(data)) expect.fail(`plot ${k + 1} cannot be drawn: ${data.code} ${data.message}`);
        return data as PlotLayerData[];
      }),
    with: (inputs) => {
      const next = new Map(base);
      for (const [name, v] of Object.entries(inputs)) next.set(name, typeof v === 'number' ? v : matFromRows(v));
      return sheetOf(spec, plan, runPlan(plan, next), next);
    },
    slides: () => {
      const agrees: string[] = [],
        differs: string[] = [],
        knownWrong: string[] = [];
      for (const cell of plan.cells) {
        if (!cell.expectation) continue;
        const c = compare(results[cell.index] as Value, cell.expectation);
        (c.agrees ? agrees : differs).push(cell.name);
        if (c.knownWrong) knownWrong.push(cell.name);
      }
      return { agrees, differs, knownWrong };
    },
  };
}

/** Reads and evaluates a workbook file of the repository (by its path from the root), with the data files it reads beside it. */
export async function openWorkbook(path: string): Promise<Sheet> {
  const text = await readText(path);
  const folder = path.slice(0, path.lastIndexOf('/') + 1);
  const data = new Map<string, string>();
  for (const file of dataFiles(readWorkbook(text, path))) data.set(file, await readText(folder + file));
  const { spec, plan, results } = evaluateWorkbook(text, path, data);
  return sheetOf(spec, plan, results, new Map());
}

/** The y (or colour) values of a plot layer's rows. */
export const ys = (layer: PlotLayerData) => layer.rows.map((r) => r.y);
export const colors = (layer: PlotLayerData) => layer.rows.map((r) => r.color!);
