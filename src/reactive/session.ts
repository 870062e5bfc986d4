// Phase 4a, bind: a Plan as an @observablehq/runtime module, one variable per cell, and the
// edits a student makes to it. Components observe cells through `subscribe`; nothing here
// touches the DOM.

import { Runtime, RuntimeError, type Module, type Variable } from '@observablehq/runtime';
import { CellError, isCellError, toCellError } from '../errors.ts';
import type { PlotBlock, WorkbookSpec } from '../format/spec.ts';
import type { PlotLayerData } from '../plot/compile.ts';
import { Mat, collapse, shapeOf, type Value } from '../formula/value.ts';
import type { CellResult, Plan, PlanCell } from '../graph/compile.ts';
import { parseEntry } from '../graph/entry.ts';
import { compare, type Comparison } from '../graph/expect.ts';
import type { GradCheck } from '../grad/check.ts';
import { planWorkbook } from '../workbook.ts';
import { LoadBudget } from '../formula/budget.ts';
import { closest } from '../formula/spelling.ts';

export type Status = 'pending' | 'ok' | 'error';

export interface CellState {
  readonly name: string;
  readonly index: number;
  status: Status;
  value?: Value;
  error?: CellError;
  /** What the slide says, compared with the value (when the cell has a slide value and a value). */
  comparison?: Comparison;
  /** The cell's gradient check ("check: grad(E, Θ2)"), or the error that prevents it. */
  gradCheck?: GradCheck | CellError;
}

type Listener = (state: CellState) => void;

/** One change a student made; history (undo/redo) and persistence are built on these. */
export type Edit =
  | { kind: 'entries'; name: string; before: string[][]; after: string[][] }
  /** One entry typed (1-based row and column): its cost does not grow with the matrix. `scalar`: the cell is 1×1. */
  | { kind: 'entry'; name: string; row: number; col: number; before: string; after: string; scalar: boolean }
  | { kind: 'formula'; name: string; before: string; after: string }
  /** Several edits made as one action (a training step, a reset), undone together. */
  | { kind: 'group'; label: string; edits: Edit[]; training?: TrainingMark };

/**
 * Where a training Step, Run or Reset left its trainer (the block at `line`): the step counter
 * and, for Reset, the loss curve it cleared. Undo replays the edit with `before` and `after`
 * swapped, so the trainer's counter and curve follow the weights back.
 */
export interface TrainingMark {
  line: number;
  before: TrainingPoint;
  after: TrainingPoint;
}
export interface TrainingPoint {
  step: number;
  /** The loss curve as it was, when the edit threw it away (Reset). */
  curve?: [number, number][];
}

/** Everything a student changed, by cell name: entries as typed, formulas as typed. */
export interface EditState {
  entries: Record<string, string[][]>;
  formulas: Record<string, string>;
}

/** Runtime variable names are prefixed so no cell can collide with the runtime's builtins. */
const varName = (cell: string) => `cell:${cell}`;

export class Session {
  readonly spec: WorkbookSpec;
  plan: Plan;
  private readonly runtime: Runtime;
  private readonly module: Module;
  private readonly variables: Variable[] = [];
  /** One hidden variable per cell that declares a gradient check. */
  private readonly checkVariables = new Map<number, Variable>();
  /** One hidden variable per plot block, and what it last computed. */
  private readonly plotVariables = new Map<PlotBlock, Variable>();
  private readonly plotStates = new Map<PlotBlock, PlotLayerData[] | CellError>();
  private readonly plotListeners = new Map<PlotBlock, Set<(data: PlotLayerData[] | CellError | undefined) => void>>();
  private readonly states: CellState[];
  private readonly listeners = new Map<number, Set<Listener>>();
  private readonly anyListeners = new Set<(index: number) => void>();
  private readonly editListeners = new Set<(edit: Edit) => void>();
  private readonly flushers = new Set<() => void>();
  /** What else Reset all resets, inside its one step (a trainer's counter and curve). */
  private readonly resetters = new Set<() => void>();
  private flushing = false;
  private computeQueued = false;
  private disposed = false;
  /** The work all cells, checks and plots of one recompute may do together (formula/budget.ts). */
  readonly budget = new LoadBudget();
  /** Edits made inside group(): reported together when it ends. */
  private collecting: Edit[] | null = null;
  /** The formulas the student typed, by cell name. */
  private readonly overrides = new Map<string, string>();
  /** The entries of input cells as typed, by cell name, row by row. */
  private readonly entries = new Map<string, string[][]>();
  /** Each entry read as a number, or its error. */
  private readonly parsed = new Map<string, (number | CellError)[][]>();
  /**
   * Per input cell, what its value is made from without visiting every entry again: the numbers
   * row by row (0 where an entry is not a number), the positions of the entries that are not
   * numbers, and how many texts differ from the workbook's. An entry typed costs the same
   * whatever the size of the matrix (a 256×256 one used to re-read its 65,536 entries).
   */
  private readonly grids = new Map<string, { data: Float64Array; bad: Set<number>; own: string[][]; differs: number }>();

  constructor(spec: WorkbookSpec) {
    this.spec = spec;
    this.plan = planWorkbook(spec);
    // Unknown names must never resolve to window properties (document, fetch, element ids).
    this.runtime = new Runtime(null, (name: string) => {
      throw new RuntimeError(`${name} is not defined`);
    });
    this.module = this.runtime.module();
    this.states = this.plan.cells.map((c, index) => ({ name: c.name, index, status: 'pending' as Status }));
    for (const cell of this.plan.cells) {
      if (cell.kind === 'input' && this.isPrimary(cell) && !cell.error) {
        const literal = cell.checked.literal!;
        const cols = literal.entries[0].length;
        const data = typeof literal.value === 'number' ? Float64Array.of(literal.value) : literal.value.data.slice();
        this.entries.set(cell.name, literal.entries.map((r) => [...r]));
        this.parsed.set(cell.name, literal.entries.map((r, i) => r.map((_, j) => data[i * cols + j])));
        this.grids.set(cell.name, { data, bad: new Set(), own: literal.entries, differs: 0 });
      }
      this.variables[cell.index] = this.module.variable(this.observer(cell.index));
      this.define(cell);
    }
    this.defineChecks();
    this.definePlots();
  }

  // ---- Reading ---------------------------------------------------------------------------

  get cells(): readonly CellState[] {
    return this.states;
  }

  /** The state of the cell with this name (the first, if the name is duplicated), or of position `index`. */
  state(nameOrIndex: string | number): CellState | undefined {
    if (typeof nameOrIndex === 'number') return this.states[nameOrIndex];
    const cell = this.plan.byName.get(nameOrIndex) ?? this.plan.cells.find((c) => c.name === nameOrIndex);
    return cell ? this.states[cell.index] : undefined;
  }

  indexOf(name: string): number {
    const cell = this.plan.byName.get(name) ?? this.plan.cells.find((c) => c.name === name);
    return cell ? cell.index : -1;
  }

  planCell(index: number): PlanCell {
    return this.plan.cells[index];
  }

  subscribe(index: number, listener: Listener): () => void {
    let set = this.listeners.get(index);
    if (!set) this.listeners.set(index, (set = new Set()));
    set.add(listener);
    listener(this.states[index]);
    return () => set!.delete(listener);
  }

  /** Called with the position of any cell whose state changes. */
  onAnyChange(listener: (index: number) => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  /** Resolves once every cell has finished computing. */
  async settled(): Promise<void> {
    const names = [
      ...this.plan.cells.filter((c) => this.isPrimary(c)).map((c) => varName(c.name)),
      ...[...this.checkVariables.keys()].map((index) => `check:${index}`),
      ...[...this.plotVariables.keys()].map((block) => `plot:${this.spec.blocks.indexOf(block)}`),
    ];
    await Promise.all(names.map((n) => this.module.value(n).catch(() => undefined)));
  }

  // ---- Input cells -------------------------------------------------------------------------

  isInput(index: number): boolean {
    return this.plan.cells[index].kind === 'input' && this.entries.has(this.plan.cells[index].name) && this.isPrimary(this.plan.cells[index]);
  }

  /** Rows and columns of an input cell's grid. */
  entryShape(name: string): [number, number] {
    const e = this.entries.get(name);
    return e ? [e.length, e[0].length] : [0, 0];
  }

  /** A copy of an input cell's entries as typed. */
  entriesOf(name: string): string[][] {
    return copy(this.entries.get(name) ?? []);
  }

  entryText(name: string, row: number, col: number): string {
    return this.entries.get(name)?.[row - 1]?.[col - 1] ?? '';
  }

  /** The number an entry stands for, or null while its text is not a number. */
  entryNumber(name: string, row: number, col: number): number | null {
    const p = this.parsed.get(name)?.[row - 1]?.[col - 1];
    return typeof p === 'number' ? p : null;
  }

  entryError(name: string, row: number, col: number): CellError | null {
    const p = this.parsed.get(name)?.[row - 1]?.[col - 1];
    return isCellError(p) ? p : null;
  }

  /**
   * The student typed `text` into entry (row, col) of an input cell, 1-based. The text is kept
   * as typed; the cell's value is recomputed from all its entries. Returns this entry's error.
   */
  setEntry(name: string, row: number, col: number, text: string): CellError | null {
    const grid = this.entries.get(name);
    if (!grid || !grid[row - 1] || grid[row - 1][col - 1] === undefined) {
      throw new RangeError(`${name}[${row},${col}] is not an entry of an input cell`);
    }
    this.beginEdit();
    const before = grid[row - 1][col - 1];
    const g = this.grids.get(name)!;
    const own = g.own[row - 1][col - 1];
    g.differs += Number(text !== own) - Number(before !== own);
    grid[row - 1][col - 1] = text;
    const parsed = this.parseAt(name, row, col);
    this.define(this.plan.byName.get(name)!);
    this.emitEdit({ kind: 'entry', name, row, col, before, after: text, scalar: grid.length === 1 && grid[0].length === 1 });
    return isCellError(parsed) ? parsed : null;
  }

  /**
   * Replaces all entries of an input cell at once (one edit, e.g. a paste or a training step).
   * `values`, when given, are the numbers the texts stand for (saves parsing them again);
   * `record: false` publishes without an edit record (a running training loop records one
   * edit when it ends).
   */
  setEntries(name: string, texts: string[][], options: { values?: readonly (readonly number[])[]; record?: boolean } = {}): void {
    const grid = this.entries.get(name);
    if (!grid) throw new RangeError(`${name} is not an input cell`);
    if (texts.length !== grid.length || texts.some((r) => r.length !== grid[0].length)) {
      throw new RangeError(`${name} is ${grid.length}×${grid[0].length}; the new entries are not`);
    }
    const record = options.record !== false;
    if (record) this.beginEdit();
    const before = record ? copy(grid) : grid;
    const g = this.grids.get(name)!;
    const cols = grid[0].length;
    g.differs = 0;
    texts.forEach((row, i) => row.forEach((t, j) => {
      if (t !== g.own[i][j]) g.differs++;
      if (options.values) {
        grid[i][j] = t;
        this.parsed.get(name)![i][j] = options.values[i][j];
        g.data[i * cols + j] = options.values[i][j];
        g.bad.delete(i * cols + j);
      } else if (t !== grid[i][j]) {
        // Only the texts that changed are read again (a block pasted into a large matrix).
        grid[i][j] = t;
        this.parseAt(name, i + 1, j + 1);
      }
    }));
    this.define(this.plan.byName.get(name)!);
    if (record) this.emitEdit({ kind: 'entries', name, before, after: copy(grid) });
  }

  /** Puts an input cell back to the workbook's own numbers. */
  resetInput(name: string): void {
    const literal = this.plan.byName.get(name)?.checked.literal;
    if (literal && this.entries.has(name)) this.setEntries(name, literal.entries);
  }

  private parseAt(name: string, row: number, col: number): number | CellError {
    const [rows, cols] = this.entryShape(name);
    const at = rows === 1 && cols === 1 ? name : `${name}[${row},${col}]`;
    const parsed = parseEntry(this.entries.get(name)![row - 1][col - 1], at, name);
    this.parsed.get(name)![row - 1][col - 1] = parsed;
    const g = this.grids.get(name)!, k = (row - 1) * cols + (col - 1);
    if (isCellError(parsed)) {
      g.bad.add(k);
      g.data[k] = 0;
    } else {
      g.bad.delete(k);
      g.data[k] = parsed;
    }
    return parsed;
  }

  /** Sets every entry of an input cell from a value of the same shape (one edit unless record is false). */
  setValue(name: string, value: Value, record = true): void {
    const [rows, cols] = this.entryShape(name);
    const [r, c] = shapeOf(value);
    if (r !== rows || c !== cols) throw new RangeError(`${name} is ${rows}×${cols}; the value is ${r}×${c}`);
    const values = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (typeof value === 'number' ? value : value.data[i * cols + j])));
    this.setEntries(name, values.map((row) => row.map(String)), { values, record });
  }

  /** An input cell's value from its entries: the first entry that is not a number makes the whole cell an error. */
  inputValue(name: string): CellResult {
    const g = this.grids.get(name)!;
    const [rows, cols] = this.entryShape(name);
    if (g.bad.size) {
      let k = Infinity;
      for (const b of g.bad) k = Math.min(k, b);
      return this.parsed.get(name)![Math.floor(k / cols)][k % cols] as CellError;
    }
    // A copy: the value the runtime holds never changes under a cell that read it.
    return collapse(new Mat(rows, cols, g.data.slice()));
  }

  /** The current value of every input cell, as typed (for the batch driver). */
  inputValues(): Map<string, CellResult> {
    return new Map([...this.entries.keys()].map((name) => [name, this.inputValue(name)]));
  }

  // ---- Formula cells -----------------------------------------------------------------------

  formula(name: string): string {
    const cell = this.plan.byName.get(name) ?? this.plan.cells.find((c) => c.name === name);
    return this.overrides.get(name) ?? cell?.checked.spec.formula ?? '';
  }

  isFormulaEdited(name: string): boolean {
    return this.overrides.has(name);
  }

  /**
   * The student replaced a formula. The whole workbook is checked again (the new formula may
   * read other cells, or close a loop); cells whose definition changed are redefined. Returns
   * the cell's own problem, if the new formula has one; the text is kept either way.
   */
  setFormula(name: string, text: string): CellError | null {
    const cell = this.plan.byName.get(name);
    if (!cell) throw new RangeError(`${name} is not a cell`);
    this.beginEdit();
    const before = this.formula(name);
    if (text === cell.checked.spec.formula) this.overrides.delete(name);
    else this.overrides.set(name, text);
    const previous = this.plan;
    this.plan = planWorkbook(this.spec, this.overrides);
    for (const next of this.plan.cells) {
      const prev = previous.cells[next.index];
      if (next.kind === 'input' && !next.error && this.entries.has(next.name)) continue;
      if (signature(prev) !== signature(next) || next.checked.parsed?.usesGrad) this.define(next);
    }
    this.defineChecks();
    this.definePlots();
    if (before !== text) this.emitEdit({ kind: 'formula', name, before, after: text });
    return this.plan.cells[cell.index].error ?? null;
  }

  restoreFormula(name: string): CellError | null {
    const cell = this.plan.byName.get(name);
    return cell ? this.setFormula(name, cell.checked.spec.formula) : null;
  }

  // ---- Edits as a whole ------------------------------------------------------------------------

  /** The cell name closest to a misspelt `name` ("Theta1" for "theta1"), if any is close. */
  closestName(name: string): string | undefined {
    return closest(name, this.plan.byName.keys());
  }

  /**
   * Work in progress that becomes an edit when asked (a training run, which records itself as
   * one edit when it ends): undo and redo ask first, so they act on it.
   */
  onFlush(fn: () => void): () => void {
    this.flushers.add(fn);
    return () => this.flushers.delete(fn);
  }

  /** Ends work in progress (see onFlush), so that every edit made so far has been reported. */
  flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    try {
      this.flushers.forEach((fn) => fn());
    } finally {
      this.flushing = false;
    }
  }

  /** Before an edit is made: work in progress ends first, so it is recorded before the edit. */
  private beginEdit(): void {
    if (!this.collecting) this.flush();
  }

  /** Called after every edit, with what changed. */
  onEdit(listener: (edit: Edit) => void): () => void {
    this.editListeners.add(listener);
    return () => this.editListeners.delete(listener);
  }

  /**
   * Applies an edit (or its reverse, for undo). It is reported to onEdit listeners like any
   * other edit; a history that replays edits ignores what it replays itself.
   */
  apply(edit: Edit, reverse = false): void {
    if (edit.kind === 'group') {
      const edits = reverse ? [...edit.edits].reverse() : edit.edits;
      const t = edit.training;
      this.group(edit.label, () => edits.forEach((e) => this.apply(e, reverse)), t && (reverse ? { ...t, before: t.after, after: t.before } : t));
    } else if (edit.kind === 'entries') this.setEntries(edit.name, reverse ? edit.before : edit.after);
    else if (edit.kind === 'entry') this.setEntry(edit.name, edit.row, edit.col, reverse ? edit.before : edit.after);
    else this.setFormula(edit.name, reverse ? edit.before : edit.after);
  }

  /** Runs fn and reports every edit it makes as one group edit (one undo step). */
  group(label: string, fn: () => void, training?: TrainingMark): void {
    this.beginEdit();
    const outer = this.collecting;
    const edits: Edit[] = [];
    this.collecting = edits;
    try {
      fn();
    } finally {
      this.collecting = outer;
    }
    if (edits.length) this.emitEdit(training ? { kind: 'group', label, edits, training } : { kind: 'group', label, edits });
  }

  /** Reports an edit made without records (e.g. a training run, from its start to its end). */
  record(edit: Edit): void {
    this.emitEdit(edit);
  }

  /** What the student changed, relative to the workbook. */
  edits(): EditState {
    const entries: EditState['entries'] = {};
    for (const [name, grid] of this.entries) if (this.grids.get(name)!.differs > 0) entries[name] = copy(grid);
    return { entries, formulas: Object.fromEntries(this.overrides) };
  }

  /**
   * Re-applies saved edits (after a reload, or when the workbook file changed). Edits to cells
   * that no longer exist, or whose shape changed, are not applied and are returned by name.
   */
  restoreEdits(state: EditState): { dropped: string[] } {
    const dropped: string[] = [];
    for (const [name, texts] of Object.entries(state.entries ?? {})) {
      const grid = this.entries.get(name);
      if (!grid || !Array.isArray(texts) || texts.length !== grid.length || texts.some((r) => !Array.isArray(r) || r.length !== grid[0].length)) {
        dropped.push(name);
        continue;
      }
      this.setEntries(name, texts.map((r) => r.map(String)));
    }
    for (const [name, text] of Object.entries(state.formulas ?? {})) {
      const cell = this.plan.byName.get(name);
      if (!cell || cell.kind === 'input' || typeof text !== 'string') {
        dropped.push(name);
        continue;
      }
      this.setFormula(name, text);
    }
    return { dropped };
  }

  /**
   * Called by Reset all inside its one step, before the cells are reset: what fn edits (a
   * trainer putting its weights back, with its counter and curve) is undone with it.
   */
  onResetAll(fn: () => void): () => void {
    this.resetters.add(fn);
    return () => this.resetters.delete(fn);
  }

  /** Back to the workbook's own numbers and formulas (and every trainer back to step 0). */
  resetAll(): void {
    this.group('Reset', () => {
      this.resetters.forEach((fn) => fn());
      for (const name of [...this.overrides.keys()]) this.restoreFormula(name);
      for (const name of this.entries.keys()) if (this.grids.get(name)!.differs > 0) this.resetInput(name);
    });
  }

  private emitEdit(edit: Edit): void {
    if (this.collecting) this.collecting.push(edit);
    else this.editListeners.forEach((l) => l(edit));
  }

  dispose(): void {
    this.disposed = true;
    this.runtime.dispose();
    this.listeners.clear();
    this.anyListeners.clear();
    this.editListeners.clear();
    this.plotListeners.clear();
  }

  // ---- Internals ---------------------------------------------------------------------------

  private isPrimary(cell: PlanCell): boolean {
    return this.plan.byName.get(cell.name) === cell;
  }

  private define(cell: PlanCell): void {
    const variable = this.variables[cell.index];
    const primary = this.isPrimary(cell);
    if (cell.kind === 'input' && primary && this.entries.has(cell.name)) {
      const value = this.inputValue(cell.name);
      variable.define(varName(cell.name), [], () => value);
    } else if (primary) {
      variable.define(varName(cell.name), cell.inputs.map(varName), this.drawing(cell.run));
    } else {
      // A second cell of the same name: shown with its error, invisible to formulas.
      variable.define(null, [], this.drawing(cell.run));
    }
    this.computeSoon();
  }

  /**
   * The runtime computes on the next animation frame; an edit is computed as soon as the task
   * that made it ends instead (once, however many cells it redefined), so its dependents are
   * rendered before that frame and the frame only paints them. `_computeNow` is the runtime's
   * own compute step (runtime.js, pinned at 6.0.1); the frame's scheduled compute then finds
   * nothing left to do.
   */
  private computeSoon(): void {
    if (this.computeQueued) return;
    this.computeQueued = true;
    queueMicrotask(() => {
      this.computeQueued = false;
      this.budget.refill(); // one recompute, one pool
      if (!this.disposed) void (this.runtime as unknown as { _computeNow(): Promise<void> })._computeNow();
    });
  }

  /** A runtime definition that draws its work from this session's pool. */
  private drawing<A extends unknown[], R>(run: (...args: A) => R): (...args: A) => R {
    return (...args) => this.budget.run(() => run(...args));
  }

  /** Gradient checks read other cells' formulas too, so they are redefined whenever a formula changes. */
  private defineChecks(): void {
    for (const cell of this.plan.cells) {
      let variable = this.checkVariables.get(cell.index);
      if (!cell.check || !this.isPrimary(cell)) {
        if (variable) {
          variable.delete();
          this.checkVariables.delete(cell.index);
          this.patchState(cell.index, { gradCheck: cell.checkError });
        } else if (cell.checkError) this.patchState(cell.index, { gradCheck: cell.checkError });
        continue;
      }
      if (!variable) {
        variable = this.module.variable({ fulfilled: (v: unknown) => this.patchState(cell.index, { gradCheck: v as GradCheck | CellError }) });
        this.checkVariables.set(cell.index, variable);
      }
      variable.define(`check:${cell.index}`, cell.check.inputs.map(varName), this.drawing(cell.check.run));
    }
    this.computeSoon();
  }

  /** Plots read formulas of their own, so they are redefined whenever any formula changes. */
  private definePlots(): void {
    for (const [block, plot] of this.plan.plots) {
      let variable = this.plotVariables.get(block);
      if (!variable) {
        variable = this.module.variable({
          fulfilled: (v: unknown) => {
            this.plotStates.set(block, v as PlotLayerData[] | CellError);
            this.plotListeners.get(block)?.forEach((l) => l(v as PlotLayerData[] | CellError));
          },
        });
        this.plotVariables.set(block, variable);
      }
      variable.define(`plot:${this.spec.blocks.indexOf(block)}`, plot.inputs.map(varName), this.drawing(plot.run));
    }
    this.computeSoon();
  }

  /** Calls `listener` with the rows of every layer of a plot block (or its error), now and on every change. */
  subscribePlot(block: PlotBlock, listener: (data: PlotLayerData[] | CellError | undefined) => void): () => void {
    let set = this.plotListeners.get(block);
    if (!set) this.plotListeners.set(block, (set = new Set()));
    set.add(listener);
    listener(this.plotStates.get(block));
    return () => set!.delete(listener);
  }

  /** Changes part of a cell's state without touching its value (e.g. its gradient check). */
  private patchState(index: number, patch: Partial<CellState>): void {
    const state = this.states[index];
    if ('gradCheck' in patch && patch.gradCheck === undefined) delete state.gradCheck;
    else Object.assign(state, patch);
    this.listeners.get(index)?.forEach((l) => l(state));
    this.anyListeners.forEach((l) => l(index));
  }

  private observer(index: number) {
    const update = (patch: Partial<CellState>) => {
      const state = this.states[index];
      delete state.value;
      delete state.error;
      delete state.comparison;
      Object.assign(state, patch); // a gradient check, if any, is kept until its own variable updates
      this.listeners.get(index)?.forEach((l) => l(state));
      this.anyListeners.forEach((l) => l(index));
    };
    return {
      pending: () => update({ status: 'pending' }),
      fulfilled: (value: unknown) => {
        if (isCellError(value)) return update({ status: 'error', error: value });
        const v = value as Value;
        const cell = this.plan.cells[index];
        update({ status: 'ok', value: v, ...(cell.expectation ? { comparison: compare(v, cell.expectation) } : {}) });
      },
      rejected: (error: unknown) => update({ status: 'error', error: toCellError(error, this.plan.cells[index].name) }),
    };
  }
}

function copy(grid: string[][]): string[][] {
  return grid.map((r) => [...r]);
}

/** Two grids of entry texts are the same, entry by entry. */
export function sameTexts(a: readonly (readonly string[])[], b: readonly (readonly string[])[]): boolean {
  return a.length === b.length && a.every((row, i) => row.length === b[i].length && row.every((t, j) => t === b[i][j]));
}

/** What a cell's runtime definition depends on: when it changes, the variable is redefined. */
function signature(cell: PlanCell | undefined): string {
  if (!cell) return '';
  return [cell.kind, cell.checked.formula, cell.inputs.join(','), cell.error ? `${cell.error.code}:${cell.error.message}` : ''].join('|');
}
