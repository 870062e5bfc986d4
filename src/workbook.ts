// The engine's front door. One workbook text flows one way through named phases:
//
//   text ──1. read──▶ WorkbookSpec ──2. check──▶ CheckedWorkbook ──3. compile──▶ Plan
//                                                                              │
//                              4a. bind: one runtime variable per cell ◀───────┤ (src/reactive)
//                              4b. run: the plan evaluated directly   ◀────────┘ (src/graph/run.ts)
//
// Nothing here touches the DOM: it all runs under Node as well as in the browser.

import { readWorkbook } from './format/read.ts';
import { withData, type DataTexts } from './format/data.ts';
import type { WorkbookSpec } from './format/spec.ts';
import { checkWorkbook } from './graph/check.ts';
import { compileWorkbook, type CellResult, type Plan } from './graph/compile.ts';
import { runPlan } from './graph/run.ts';
import { gradHooks } from './grad/hooks.ts';
import { compileTrain } from './train/plan.ts';
import { compilePlot } from './plot/compile.ts';

export function planWorkbook(spec: WorkbookSpec, overrides: ReadonlyMap<string, string> = new Map()): Plan {
  // 2. check, 3. compile
  const plan = compileWorkbook(checkWorkbook(spec, overrides), gradHooks);
  for (const block of spec.blocks) {
    if (block.kind === 'train') {
      const train = compileTrain(plan, block);
      plan.trains.set(block, train);
      plan.problems.push(...train.problems);
    } else if (block.kind === 'plot') {
      const plot = compilePlot(plan, block);
      plan.plots.set(block, plot);
      plan.problems.push(...plot.problems);
    }
  }
  plan.problems.sort((a, b) => a.line - b.line || a.col - b.col);
  return plan;
}

/**
 * Reads, checks, compiles and evaluates a workbook text in one go (the batch driver). `data` is
 * the text of each data file its cells read (csv("points.csv")), as the driver read it; without
 * it, a data cell is an error saying its file was not read.
 */
export function evaluateWorkbook(text: string, source?: string, data?: DataTexts): { spec: WorkbookSpec; plan: Plan; results: CellResult[] } {
  const read = readWorkbook(text, source); // 1. read
  const spec = data ? withData(read, data) : read; // 1b. its data files
  const plan = planWorkbook(spec);
  return { spec, plan, results: runPlan(plan) }; // 4b. run
}
