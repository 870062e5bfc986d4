// WorkbookSpec: what a workbook file says, before anything is checked or computed.
// It is plain JSON (golden files under test/golden are specs).

import type { Code } from '../messages.ts';

export interface Problem {
  code: Code;
  message: string;
  line: number;
  col: number;
  /** The cell the problem belongs to, when it belongs to one. */
  cell?: string;
}

export interface SlideSpec {
  /** The value as written, e.g. "[0.79; 0.92; 0.16]". */
  text: string;
  /** An explicit tolerance ("± 0.005"); otherwise one unit in each entry's last written decimal. */
  tolerance?: number;
  /** Set when the author marks the slide as known to be wrong, with the reason. */
  wrong?: string;
  line: number;
  col: number;
}

export interface SliderSpec {
  min: number;
  max: number;
  step: number;
  line: number;
}

/** "check: grad(E, Theta2)": the cell is a hand-written gradient, checked against autodiff. */
export interface CheckSpec {
  of: string;
  wrt: string;
  /** Set when the author marks the derivation as known to be wrong, with the reason. */
  fails?: string;
  line: number;
  col: number;
}

/** One "hint:" line of an exercise, in order. */
export interface HintSpec {
  text: string;
  line: number;
  col: number;
}

/** "mistake: FORMULA — message": a typical wrong derivation, and what to say when the student's numbers equal it. */
export interface MistakeSpec {
  formula: string;
  message: string;
  line: number;
  /** Column where the formula starts. */
  col: number;
}

/**
 * "exercise: compute h1 by hand": the cell's value is hidden on the page and the student fills
 * in a grid of its shape, graded entry by entry against the live value (src/exercise).
 */
export interface ExerciseSpec {
  /** The instruction shown above the grid (may be empty). */
  instruction: string;
  hints: HintSpec[];
  mistakes: MistakeSpec[];
  /** "hides: dependents": cells that read this one are hidden until it is solved. */
  hides?: boolean;
  line: number;
  col: number;
}

export interface CellSpec {
  name: string;
  /** The formula as written after "=": a literal number or matrix makes an input cell. */
  formula: string;
  line: number;
  /** Column of the name (1-based). */
  col: number;
  /** Column where the formula starts. */
  formulaCol: number;
  /** TeX for the display name; derived from the name when absent (Theta1 → \Theta_{1}). */
  label?: string;
  /** A short Markdown caption under the cell. */
  caption?: string;
  slide?: SlideSpec;
  slider?: SliderSpec;
  check?: CheckSpec;
  /**
   * "input: a seeded random start": the formula (which reads no cell) is computed once, and the
   * cell is then an input holding that value: editable, trained, saved, reset to it.
   */
  input?: { note: string; line: number; col: number };
  /**
   * `D = csv("points.csv")`: the cell holds the numbers of this file, beside the workbook
   * (format/data.ts). `col` is where the path starts.
   */
  data?: { file: string; line: number; col: number };
  /** The label or caption the page shows refused, with why: over the workbook's rendering totals (format/render-bounds.ts). */
  refused?: { label?: string; caption?: string };
  /** "exercise:": the student computes this cell by hand (with "hint:", "mistake:" and "hides:" lines). */
  exercise?: ExerciseSpec;
}

/** A data file as read (format/data.ts): its rows of numbers and column names, or why not. */
export type DataFile = { rows: number[][]; header?: string[] } | { error: string };

/** One update rule of a ```train block: "Theta1 <- Theta1 - gamma * grad(E, Theta1)". */
export interface UpdateSpec {
  target: string;
  formula: string;
  line: number;
  col: number;
  formulaCol: number;
}

/** Gradient descent: which loss to watch, how each input cell is updated, how long to run. */
export interface TrainBlock {
  kind: 'train';
  line: number;
  /** The cell whose value is the loss (a number). */
  loss: string;
  lossLine: number;
  updates: UpdateSpec[];
  /** How many steps Run takes at most. */
  steps: number;
  /** Run stops early once the loss is at or below this. */
  target?: number;
}

export const plotMarks = ['line', 'point', 'bar', 'area', 'rect'] as const;
export type PlotMark = (typeof plotMarks)[number];

/** One layer of a ```plot block: a mark, and a formula for each channel. */
export interface PlotLayerSpec {
  mark: PlotMark;
  /** Formulas by channel: x, y, and optionally color. */
  channels: { x?: string; y: string; color?: string };
  /** The layer's name in the legend. */
  name?: string;
  line: number;
  col: number;
}

/** A chart drawn from cells, redrawn whenever they change. */
export interface PlotBlock {
  kind: 'plot';
  line: number;
  title?: string;
  caption?: string;
  /** A formula for the x values shared by layers that give none. */
  x?: string;
  xTitle?: string;
  yTitle?: string;
  xScale?: 'linear' | 'log';
  yScale?: 'linear' | 'log';
  /** Fixed ends of an axis ("x-range: -0.5 to 1.5"); marks beyond them are clipped. */
  xRange?: [number, number];
  yRange?: [number, number];
  /** Fixed ends of the colour scale ("color-range: 0 to 1"), e.g. for a probability. */
  colorRange?: [number, number];
  width: number;
  height: number;
  layers: PlotLayerSpec[];
  /** The caption the page shows refused, with why (format/render-bounds.ts). */
  refused?: { caption?: string };
}

/** One item of a ```network list: a cell name or a formula of cells, where it was written. */
export interface NetworkItem {
  text: string;
  line: number;
  /** Column where the text starts (1-based). */
  col: number;
}

/**
 * A network diagram drawn from cells (format/network-block.ts): the layers' values, the weight
 * matrices between them (Θᵀx: Θ_i is n_{i-1}×n_i, one edge per entry), and optionally each
 * layer's bias, weighted input s, δ = ∂E/∂s and each matrix's gradient. `null`: "-", none.
 */
export interface NetworkBlock {
  kind: 'network';
  line: number;
  title?: string;
  layers: NetworkItem[];
  weights: NetworkItem[];
  bias?: (NetworkItem | null)[];
  sums?: (NetworkItem | null)[];
  deltas?: (NetworkItem | null)[];
  gradients?: (NetworkItem | null)[];
  /** The loss: gradients and δ not given are grad(loss, Θ_i), grad(loss, b_i), grad(loss, s_i). */
  loss?: NetworkItem;
  /** A formula giving how many hidden layers are drawn (the rest are left out, the output kept). */
  depth?: NetworkItem;
}

export type Block =
  /** `refused`: the page shows why in place of the text (over the workbook's rendering totals, format/render-bounds.ts). */
  | { kind: 'prose'; text: string; line: number; refused?: string }
  /** A row of cells shown side by side; `cells` indexes WorkbookSpec.cells. */
  | { kind: 'cells'; line: number; cells: number[] }
  | TrainBlock
  | PlotBlock
  | NetworkBlock;

export interface WorkbookSpec {
  version: 1;
  /** The file name or URL the text came from, for locations ("backprop.md:12:5"). */
  source: string;
  title: string;
  /** Front matter, key by key. */
  meta: Record<string, string>;
  blocks: Block[];
  cells: CellSpec[];
  /** Problems found while reading the file; checking adds more. */
  problems: Problem[];
  /** The data files its cells read, by path, once they are loaded (format/data.ts). */
  data?: Record<string, DataFile>;
}

/**
 * Where a cell's or a plot's attributes were written: the value of each key (the first; a second
 * is refused), as the block readers found it. Kept beside the spec, which stays plain data.
 */
export const attributesAt = new WeakMap<CellSpec | PlotBlock, Map<string, { line: number; col: number }>>();

/** Records where an attribute's value starts (the first of its key). */
export function placeAttribute(owner: CellSpec | PlotBlock, key: string, line: number, col: number): void {
  let at = attributesAt.get(owner);
  if (!at) attributesAt.set(owner, (at = new Map()));
  if (!at.has(key)) at.set(key, { line, col });
}
