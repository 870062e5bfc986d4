// The batch driver: the Plan evaluated directly, in dependency order, with no runtime and no
// animation frames. Used by the command line, training loops, finite differences and tests.

import type { CellResult, Plan } from './compile.ts';
import type { CellError } from '../errors.ts';
import type { GradCheck } from '../grad/check.ts';

/**
 * Evaluates every cell. `inputs` replaces input cells' values (the student's edits).
 * Returns each cell's result by position in spec.cells (duplicate names included).
 */
export function runPlan(plan: Plan, inputs: ReadonlyMap<string, CellResult> = new Map()): CellResult[] {
  const values = new Map<string, CellResult>();
  for (const name of plan.order) {
    const cell = plan.byName.get(name)!;
    const given = cell.kind === 'input' ? inputs.get(name) : undefined;
    values.set(name, given !== undefined ? given : cell.run(...cell.inputs.map((n) => values.get(n)!)));
  }
  return plan.cells.map((cell) => (plan.byName.get(cell.name) === cell ? values.get(cell.name)! : cell.run()));
}

/** Each declared gradient check, by cell position, given the results of runPlan. */
export function runChecks(plan: Plan, results: readonly CellResult[]): Map<number, GradCheck | CellError> {
  const checks = new Map<number, GradCheck | CellError>();
  const valueOf = (name: string) => results[plan.byName.get(name)!.index];
  for (const cell of plan.cells) {
    if (cell.checkError) checks.set(cell.index, cell.checkError);
    else if (cell.check && plan.byName.get(cell.name) === cell) checks.set(cell.index, cell.check.run(...cell.check.inputs.map(valueOf)));
  }
  return checks;
}
