// The batch driver: the Plan evaluated directly, in dependency order, with no runtime and no
// animation frames. Used by the command line, training loops, finite differences and tests.

import type { CellResult, Plan } from './compile.ts';

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
