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
import type { NetworkBlock, PlotBlock, Problem, TrainBlock, WorkbookSpec } from './format/spec.ts';
import { checkWorkbook } from './graph/check.ts';
import { compileWorkbook, type CellResult, type Plan } from './graph/compile.ts';
import { runPlan } from './graph/run.ts';
import { compileTrain, type TrainPlan } from './train/plan.ts';
import { compilePlot, type PlotPlan } from './plot/compile.ts';
import { inFileOrder } from './problems.ts';
import { compileNetwork, type NetworkPlan } from './network/compile.ts';
import { compileExercises, type ExercisesPlan } from './exercise/compile.ts';

/** A workbook compiled: its cells' plan, with each block compiled against it and every problem beside it. */
export interface WorkbookPlan extends Plan {
  /** Each ```train block compiled against the cells. */
  readonly trains: ReadonlyMap<TrainBlock, TrainPlan>;
  /** Each ```plot block compiled against the cells. */
  readonly plots: ReadonlyMap<PlotBlock, PlotPlan>;
  /** Each ```network block compiled against the cells. */
  readonly networks: ReadonlyMap<NetworkBlock, NetworkPlan>;
  /** The cells marked "exercise:", with their mistakes compiled as hidden cells (src/exercise). */
  readonly exercises: ExercisesPlan;
  /** Every problem of the workbook, in file order: reading, checking, attributes, training rules, plots. */
  problems: Problem[];
}

export function planWorkbook(spec: WorkbookSpec, overrides: ReadonlyMap<string, string> = new Map()): WorkbookPlan {
  // 2. check, 3. compile: the cells first, then the blocks that read them. Nothing is filled in afterwards.
  const cells = compileWorkbook(checkWorkbook(spec, overrides));
  const trains = new Map<TrainBlock, TrainPlan>(),
    plots = new Map<PlotBlock, PlotPlan>(),
    networks = new Map<NetworkBlock, NetworkPlan>();
  for (const block of spec.blocks) {
    if (block.kind === 'train') trains.set(block, compileTrain(cells, block));
    else if (block.kind === 'plot') plots.set(block, compilePlot(cells, block));
    else if (block.kind === 'network') networks.set(block, compileNetwork(cells, block));
  }
  const exercises = compileExercises(cells, spec);
  const problems = [...cells.problems, ...[...trains.values(), ...plots.values(), ...networks.values()].flatMap((b) => b.problems), ...exercises.problems];
  inFileOrder(problems);
  return { ...cells, trains, plots, networks, exercises, problems };
}

/**
 * Reads, checks, compiles and evaluates a workbook text in one go (the batch driver). `data` is
 * the text of each data file its cells read (csv("points.csv")), as the driver read it; without
 * it, a data cell is an error saying its file was not read.
 */
export function evaluateWorkbook(text: string, source?: string, data?: DataTexts): { spec: WorkbookSpec; plan: WorkbookPlan; results: CellResult[] } {
  const read = readWorkbook(text, source); // 1. read
  const spec = data ? withData(read, data) : read; // 1b. its data files
  const plan = planWorkbook(spec);
  return { spec, plan, results: runPlan(plan) }; // 4b. run
}
