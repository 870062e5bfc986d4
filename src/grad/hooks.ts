// grad(E, Theta1) in a formula: the one route from a formula to autodiff. The compilers of
// cells (graph/compile.ts) and of block formulas (graph/loose.ts) ask here for a function of
// the cells it needs.

import { CellError } from '../errors.ts';
import type { Compiled } from '../formula/evaluate.ts';
import type { CheckedWorkbook } from '../graph/check.ts';
import { gradient, subgraph } from './subgraph.ts';

/** grad(of, wrt) over the checked cells: the cells it reads, and a function of their values. Throws a CellError. */
export function gradFormula(checked: CheckedWorkbook, of: string, wrt: string): { compiled: Compiled; inputs: string[] } {
  const sg = subgraph(checked, of, wrt);
  if (sg instanceof CellError) throw sg;
  return { inputs: sg.inputs, compiled: (values) => gradient(sg, values) };
}
