// What components may read of a live workbook's definitions, read-only (`session.view`): each
// cell's kind, its label and formula as TeX (each cell it reads shown by its own label), its
// slider, its caption and what the rendering bounds refused; who reads whom; the problems; an
// input cell's shape and value; what a plot or diagram shows. Components read this view, never
// the plan itself.

import type { CellError } from '../errors.ts';
import { explainGradient, explainTarget, type Explanation } from '../grad/explain.ts';
import type { NetworkBlock, PlotBlock, SliderSpec } from '../format/spec.ts';
import { closest } from '../formula/spelling.ts';
import type { MathNode } from '../formula/mathjs.ts';
import { formulaTex } from '../formula/tex.ts';
import type { CellResult, Plan, PlanCell } from '../graph/compile.ts';
import { labelFor, shownLabel } from '../graph/names.ts';
import { dependencyGraph, trace, type DependencyGraph, type Trace } from '../graph/trace.ts';
import type { WorkbookPlan } from '../workbook.ts';
import type { CellStates, NetworkState, PlotState } from './cell-states.ts';
import type { Inputs } from './inputs.ts';

export interface CellView {
  readonly name: string;
  readonly kind: 'input' | 'formula';
  /** The label's TeX (the written `label:`, else one made from the name). */
  readonly label: string;
  /** The formula's TeX (an input's too: its literal), null for a formula that does not parse. */
  readonly formula: string | null;
  /** The slider, unless it cannot apply (`sliderError`). */
  readonly slider?: SliderSpec;
  readonly caption?: string;
  /** Why the slide value itself is unusable, if it is. */
  readonly expectationError?: CellError;
  /** The label or caption the page shows refused, with why (format/render-bounds.ts). */
  readonly refused?: { readonly label?: string; readonly caption?: string };
}

export class SheetView {
  constructor(
    private readonly plan: () => WorkbookPlan,
    private readonly states: CellStates,
    private readonly inputs: Inputs,
  ) {}

  /** A cell's current value or error, undefined while it computes. */
  private readonly valueOf = (name: string): CellResult | undefined => {
    const s = this.states.state(name);
    return !s || s.status === 'pending' ? undefined : s.status === 'error' ? s.error : s.value;
  };

  /** The cell at position `index` of the workbook. */
  cell(index: number): CellView {
    const plan = this.plan();
    return cellView(plan, plan.cells[index]);
  }
  /** The TeX a cell is typeset with where others read it. */
  labelOf(name: string): string | undefined {
    return labelTex(this.plan(), name);
  }
  /** A training update rule as TeX (its parsed formula: `node` of the compiled rule, none if it failed). */
  updateTex(target: string, node: MathNode | undefined): string {
    return updateTex(this.plan(), target, node);
  }
  /** Which cell reads which, made once per plan. */
  get graph(): DependencyGraph {
    return dependencyGraph(this.plan());
  }
  /** What a cell reads and what reads it, near and far; undefined for no such cell. */
  trace(name: string): Trace | undefined {
    const plan = this.plan();
    return plan.byName.has(name) ? trace(plan, name) : undefined;
  }
  /** Whether the cell is a gradient that Explain can take apart (grad(E, W), or a check: grad(E, W)). */
  explains(name: string): boolean {
    return explainTarget(this.plan(), name) !== null;
  }
  /** The chain of local derivatives behind entry (row, col) of a gradient cell, from the live values (grad/explain.ts). */
  explain(name: string, row: number, col: number): Explanation | CellError {
    return explainGradient(this.plan(), this.valueOf, name, row, col);
  }
  /** Whether the cell at `index` is an input cell with entries to edit (the first of its name). */
  isInput(index: number): boolean {
    const plan = this.plan();
    const cell = plan.cells[index];
    return cell.kind === 'input' && this.inputs.has(cell.name) && plan.byName.get(cell.name) === cell;
  }
  /** Rows and columns of an input cell ([0, 0] for any other name). */
  entryShape(name: string): [number, number] {
    return this.inputs.shape(name);
  }
  /** An input cell's value as its entries stand (an error if one is not a number). */
  inputValue(name: string): CellResult {
    return this.inputs.grid(name)!.value();
  }
  /** The cell name closest to a misspelt `name` ("Theta1" for "theta1"), if any is close. */
  closestName(name: string): string | undefined {
    return closest(name, this.plan().byName.keys());
  }
  /** Called with the position of any cell whose state changes. */
  onAnyChange(listener: (index: number) => void): () => void {
    return this.states.onAnyChange(listener);
  }
  /** Calls `listener` with the rows of every layer of a plot block (or its error), now and on every change. */
  subscribePlot(block: PlotBlock, listener: (data: PlotState) => void): () => void {
    return this.states.subscribePlot(block, listener);
  }
  /** Calls `listener` with a network block's layers and edges (or its error), now and on every change. */
  subscribeNetwork(block: NetworkBlock, listener: (data: NetworkState) => void): () => void {
    return this.states.subscribeNetwork(block, listener);
  }
  /** The workbook's problems, with those of its train and plot blocks, in file order. */
  get problems(): WorkbookPlan['problems'] {
    return this.plan().problems;
  }
}

/** One view per cell definition: a new object exactly when the definition changed. */
const views = new WeakMap<object, CellView>();

function cellView(plan: Plan, cell: PlanCell): CellView {
  const known = views.get(cell.checked);
  if (known) return known;
  const spec = cell.checked.spec;
  const parsed = cell.checked.parsed;
  const view: CellView = {
    name: cell.name,
    kind: cell.kind,
    label: spec.label ?? labelFor(cell.name),
    formula: parsed ? texOf(plan, parsed.node) : null,
    slider: cell.sliderError ? undefined : spec.slider,
    caption: spec.caption,
    expectationError: cell.expectationError,
    refused: spec.refused,
  };
  views.set(cell.checked, view);
  return view;
}

/** The TeX a cell is typeset with where another formula reads it; undefined for no such cell. */
function labelTex(plan: Plan, name: string): string | undefined {
  return shownLabel(plan.byName, name);
}

/** A parsed formula (a cell's, an update rule's) as TeX, each cell it reads by its label. */
function texOf(plan: Plan, node: MathNode): string {
  return formulaTex(node, (n) => labelTex(plan, n));
}

/** A training update rule as TeX, `Θ ← Θ − γ ∂E/∂Θ`; `?` for a rule that did not compile. */
function updateTex(plan: Plan, target: string, node: MathNode | undefined): string {
  return `${labelTex(plan, target) ?? target} \\leftarrow ${node ? texOf(plan, node) : '\\text{?}'}`;
}
