// `gradsheet/engine`: the engine for Node (and any JavaScript without a DOM), as the package
// exports it. A workbook text is read, checked, evaluated and trained here exactly as the page
// does it; nothing in it touches the DOM. Built to dist/engine.js, declared in dist/types/.
//
//   import { checkWorkbookText, evaluateWorkbook, trainWorkbook } from 'gradsheet/engine';

import type { CellResult } from './graph/compile.ts';
import { runBatch, type RunResult } from './train/batch.ts';
import { evaluateWorkbook } from './workbook.ts';
import type { DataTexts } from './format/data.ts';

export { readWorkbook } from './format/read.ts';
export { dataFiles, loadData, readCsv, withData, type DataTexts } from './format/data.ts';
export type { WorkbookSpec, Block, Problem } from './format/spec.ts';
export { evaluateWorkbook, planWorkbook, type WorkbookPlan } from './workbook.ts';
// `Plan` has always named what planWorkbook returns (the cells with their train and plot blocks).
export type { WorkbookPlan as Plan } from './workbook.ts';
export type { CellResult } from './graph/compile.ts';
export { checkWorkbookText, formatFinding, type FileReport, type Finding, type CellReport } from './cli/check.ts';
export { runBatch, type RunResult } from './train/batch.ts';
export { toJSON, type JsonValue } from './formula/value.ts';
export { isCellError, CellError } from './errors.ts';
export { codes, type Code } from './messages.ts';

/**
 * Trains a workbook text: runs its `which`-th ```train block (the first by default) for up to
 * `steps` steps from the values the file gives, or until the loss reaches `target`.
 * Throws when the workbook has no such block; a step that fails ends the run with `failure`.
 */
export function trainWorkbook(
  text: string,
  { steps = 100, target, which = 0, source, data }: { steps?: number; target?: number; which?: number; source?: string; data?: DataTexts } = {},
): RunResult {
  const { plan } = evaluateWorkbook(text, source, data);
  const tp = [...plan.trains.values()][which];
  if (!tp) throw new RangeError(`no train block number ${which + 1} in ${source ?? 'the workbook'}`);
  return runBatch(plan, tp, new Map<string, CellResult>(), steps, target);
}
