// grad(E, Theta1) in a formula: the compiler asks here for a function of the cells it needs.

import { CellError } from '../errors.ts';
import type { PlanHooks } from '../graph/compile.ts';
import { gradient, subgraph } from './subgraph.ts';

export const gradHooks: PlanHooks = {
  grad(plan, _cell, of, wrt) {
    const sg = subgraph(plan.checked, of, wrt);
    if (sg instanceof CellError) throw sg;
    return { inputs: sg.inputs, compiled: (values) => gradient(sg, values) };
  },
};
