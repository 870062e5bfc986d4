// Trace precedents and dependents, as a spreadsheet does: the cells a cell reads (the names
// its formula uses) and the cells that read it, directly and all the way up or down. The
// dependency-graph view and the highlight of a selected cell are both drawn from this.
//
// A cell reads the names written in its formula (`deps`), not the cells that the plan wires
// in for grad(E, Θ1): the student sees `grad(E, Theta1)` reading E and Θ1. Cells with an
// error still read what their formula names, so a broken cell is traced like any other.

import type { Plan, PlanCell } from './compile.ts';

export interface Trace {
  name: string;
  /** The cells this cell's formula names, in the order it names them. */
  precedents: string[];
  /** The cells whose formulas name this cell, in workbook order. */
  dependents: string[];
  /** Every cell this one depends on, directly or through others. */
  allPrecedents: string[];
  /** Every cell that depends on this one, directly or through others. */
  allDependents: string[];
}

export interface DependencyGraph {
  /** Every primary cell, in workbook order. */
  nodes: PlanCell[];
  /** [from, to]: `to` reads `from`. */
  edges: [string, string][];
  reads: Map<string, string[]>;
  readBy: Map<string, string[]>;
}

const graphs = new WeakMap<Plan, DependencyGraph>();

/** The primary cells of a plan and who reads whom (made once per plan). */
export function dependencyGraph(plan: Plan): DependencyGraph {
  const known = graphs.get(plan);
  if (known) return known;
  const nodes = plan.cells.filter((c) => plan.byName.get(c.name) === c);
  const reads = new Map<string, string[]>();
  const readBy = new Map<string, string[]>(nodes.map((c) => [c.name, []]));
  const edges: [string, string][] = [];
  for (const cell of nodes) {
    const names = [...new Set(cell.checked.deps)].filter((n) => n !== cell.name && plan.byName.has(n));
    reads.set(cell.name, names);
    for (const n of names) {
      readBy.get(n)!.push(cell.name);
      edges.push([n, cell.name]);
    }
  }
  const graph = { nodes, edges, reads, readBy };
  graphs.set(plan, graph);
  return graph;
}

/** What `name` reads and what reads it; empty lists for a name the plan does not have. */
export function trace(plan: Plan, name: string, graph: DependencyGraph = dependencyGraph(plan)): Trace {
  return {
    name,
    precedents: graph.reads.get(name) ?? [],
    dependents: graph.readBy.get(name) ?? [],
    allPrecedents: reach(name, graph.reads),
    allDependents: reach(name, graph.readBy),
  };
}

/** Every name reachable from `start` (not itself, even on a loop), breadth first. */
function reach(start: string, next: Map<string, string[]>): string[] {
  const seen = new Set<string>([start]);
  const out: string[] = [];
  for (let queue = [start]; queue.length;) {
    const following: string[] = [];
    for (const n of queue) {
      for (const m of next.get(n) ?? []) {
        if (seen.has(m)) continue;
        seen.add(m);
        out.push(m);
        following.push(m);
      }
    }
    queue = following;
  }
  return out;
}
