// Phase 4a, bind: a workbook plan live, and the edits a student makes to it. The session
// composes the nouns it is made of: the runtime binding (binding.ts), each input cell's grid
// (input-grid.ts), what each cell shows (cell-states.ts) and the log of edits (edit-log.ts).
// Components observe cells through `subscribe`; nothing here touches the page.

import type { CellError } from '../errors.ts';
import type { NetworkBlock, PlotBlock, WorkbookSpec } from '../format/spec.ts';
import type { Value } from '../formula/value.ts';
import { closest } from '../formula/spelling.ts';
import type { CellResult, PlanCell } from '../graph/compile.ts';
import { planWorkbook, type WorkbookPlan } from '../workbook.ts';
import { Binding, redefines } from './binding.ts';
import { SheetView } from './sheet-view.ts';
import { CellStates, type CellState, type NetworkState, type PlotState } from './cell-states.ts';
import { EditLog, type Edit, type EditState, type Origin, type TrainingMark } from './edit-log.ts';
import { Emitter } from './emitter.ts';
import { Inputs } from './inputs.ts';
import { Formulas } from './formulas.ts';
import { Answers } from '../exercise/answers.ts';
import { ExerciseSheet } from './exercise-sheet.ts';
import { restoreSaved, savedEdits } from './saved-edits.ts';
import { messages } from '../messages.ts';

export type { CellState, Status } from './cell-states.ts';
export type { Edit, EditState, Origin, TrainingMark, TrainingPoint } from './edit-log.ts';
export { sameTexts } from './input-grid.ts';

export class Session {
  readonly spec: WorkbookSpec;
  plan: WorkbookPlan;
  /** What components may read of the definitions, never the plan itself (sheet-view.ts). */
  readonly view = new SheetView(
    () => this.plan,
    (name) => this.state(name),
  );
  private readonly binding = new Binding();
  private readonly states: CellStates;
  private readonly log = new EditLog();
  private readonly inputs = new Inputs(this.log, (name) => this.define(this.plan.byName.get(name)!));
  private readonly formulas: Formulas;
  /** What the student typed into exercises' answer grids (src/exercise/answers.ts). */
  private readonly answers = new Answers(this.log, (name) => this.states.touch(this.indexOf(name)));
  /** The exercise cells, their answers, grades and progress (exercise-sheet.ts). */
  readonly exercises = new ExerciseSheet(
    () => this.plan,
    this.answers,
    (nameOrIndex) => this.state(nameOrIndex),
  );
  /** What else Reset all resets, inside its one step (a trainer's counter and curve). */
  private readonly resetters = new Emitter<[]>();

  constructor(spec: WorkbookSpec) {
    this.spec = spec;
    this.formulas = new Formulas(spec);
    this.plan = planWorkbook(spec);
    this.states = new CellStates(
      this.plan.cells.map((c) => c.name),
      (index) => this.plan.cells[index],
    );
    for (const cell of this.plan.cells) {
      const {
        kind,
        name,
        error,
        checked: { literal },
      } = cell;
      if (kind === 'input' && this.isPrimary(cell) && !error && literal) this.inputs.add(name, literal.entries, literal.value);
    }
    this.redefine();
  }

  /** The work all cells, checks and plots of one recompute may do together (formula/budget.ts). */
  get budget() {
    return this.binding.budget;
  }
  get cells(): readonly CellState[] {
    return this.states.all;
  }

  /** The state of the cell with this name (the first, if the name is duplicated), or of position `index`. */
  state(nameOrIndex: string | number): CellState | undefined {
    const index = typeof nameOrIndex === 'number' ? nameOrIndex : this.indexOf(nameOrIndex);
    return this.states.all[index];
  }
  indexOf(name: string): number {
    return (this.plan.byName.get(name) ?? this.plan.cells.find((c) => c.name === name))?.index ?? -1;
  }
  planCell(index: number): PlanCell {
    return this.plan.cells[index];
  }
  subscribe(index: number, listener: (state: CellState) => void): () => void {
    return this.states.subscribe(index, listener);
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
  /** Resolves once every cell, check and plot has finished computing. */
  settled(): Promise<void> {
    return this.binding.settled();
  }
  /** The cell name closest to a misspelt `name` ("Theta1" for "theta1"), if any is close. */
  closestName(name: string): string | undefined {
    return closest(name, this.plan.byName.keys());
  }

  // Input cells, delegated to inputs.ts (documented there): entries are 1-based; a text that is
  // not a number makes the whole cell an error; `record: false` reports no edit; setValue sets
  // the numbers of a value of the cell's shape (training), without texts.
  isInput(index: number): boolean {
    const cell = this.plan.cells[index];
    return cell.kind === 'input' && this.inputs.has(cell.name) && this.isPrimary(cell);
  }
  entryShape(name: string): [number, number] {
    return this.inputs.shape(name);
  }
  entriesOf(name: string): string[][] {
    return this.inputs.grid(name)?.allTexts() ?? [];
  }
  entryText(name: string, row: number, col: number): string {
    return this.inputs.grid(name)?.text(row, col) ?? '';
  }
  entryNumber(name: string, row: number, col: number): number | null {
    return this.inputs.grid(name)?.number(row, col) ?? null;
  }
  entryError(name: string, row: number, col: number): CellError | null {
    return this.inputs.grid(name)?.error(row, col) ?? null;
  }
  inputValue(name: string): CellResult {
    return this.inputs.grid(name)!.value();
  }
  inputValues(): Map<string, CellResult> {
    return this.inputs.values();
  }
  setEntry(name: string, row: number, col: number, text: string): CellError | null {
    return this.inputs.setEntry(name, row, col, text);
  }
  setEntries(name: string, texts: string[][], { record = true }: { record?: boolean } = {}): void {
    this.inputs.setEntries(name, texts, record);
  }
  setValue(name: string, value: Value, record = true): void {
    this.inputs.setValue(name, value, record);
  }

  /** Puts an input cell back to the workbook's own numbers. */
  resetInput(name: string): void {
    const literal = this.plan.byName.get(name)?.checked.literal;
    if (literal && this.inputs.has(name)) this.setEntries(name, literal.entries);
  }

  formula(name: string): string {
    return this.formulas.text(this.plan, name);
  }
  isFormulaEdited(name: string): boolean {
    return this.formulas.isEdited(name);
  }

  /**
   * The student replaced a formula. The whole workbook is checked again (the new formula may
   * read other cells, or close a loop); cells whose definition changed are redefined. Returns
   * the cell's own problem, if the new formula has one; the text is kept either way.
   */
  setFormula(name: string, text: string): CellError | null {
    const cell = this.plan.byName.get(name);
    if (!cell) throw new RangeError(`${name} is not a cell`);
    this.log.begin();
    const before = this.formula(name),
      previous = this.plan;
    this.plan = this.formulas.replace(cell, text);
    this.redefine(previous);
    if (before !== text) this.log.report({ kind: 'formula', name, before, after: text });
    return this.plan.cells[cell.index].error ?? null;
  }

  restoreFormula(name: string): CellError | null {
    const cell = this.plan.byName.get(name);
    return cell ? this.setFormula(name, cell.checked.spec.formula) : null;
  }

  /** Called after every edit, with what changed and who made it (see `apply`, `group`, `record`). */
  onEdit(listener: (edit: Edit, origin: Origin) => void): () => void {
    return this.log.onEdit(listener);
  }
  /** Work in progress that becomes an edit when asked (a training run): undo and redo ask first. */
  onFlush(fn: () => void): () => void {
    return this.log.onFlush(fn);
  }
  /** Ends work in progress (see onFlush), so that every edit made so far has been reported. */
  flush(): void {
    this.log.flush();
  }

  /** Applies an edit (or its reverse, for undo), reported like any other as made by `origin`. */
  apply(edit: Edit, reverse = false, origin?: Origin): void {
    this.log.as(origin, () => this.log.replay(edit, reverse, this));
  }
  /** Runs fn and reports every edit it makes as one group edit (one undo step), made by `origin`. */
  group(label: string, fn: () => void, training?: TrainingMark, origin?: Origin): void {
    this.log.as(origin, () => this.log.group(label, fn, training));
  }
  /** Reports an edit made without records (e.g. a training run, from its start to its end). */
  record(edit: Edit, origin?: Origin): void {
    this.log.as(origin, () => this.log.report(edit));
  }

  /** What the student changed, relative to the workbook. */
  edits(): EditState {
    return savedEdits(this.edited);
  }

  /** Re-applies saved edits (a reload, a changed file); those of cells gone or reshaped are returned by name. */
  restoreEdits(state: EditState): { dropped: string[] } {
    return {
      dropped: restoreSaved(
        this.edited,
        state,
        this.plan,
        (name, text) => this.setFormula(name, text),
        (name) => this.exercises.has(name),
      ),
    };
  }

  /** Called by Reset all inside its one step, before the cells are reset: what fn edits is undone with it. */
  onResetAll(fn: () => void): () => void {
    return this.resetters.on(fn);
  }

  /** Back to the workbook's own numbers and formulas (and every trainer back to step 0). */
  resetAll(): void {
    this.group(messages.editReset(), () => {
      this.resetters.emit();
      this.answers.clear();
      for (const name of this.formulas.names()) this.restoreFormula(name);
      for (const name of this.inputs.editedNames()) this.resetInput(name);
    });
  }

  dispose(): void {
    this.binding.dispose();
    this.states.clear();
    this.log.clear();
    this.resetters.clear();
  }

  private get edited() {
    return { inputs: this.inputs, formulas: this.formulas, answers: this.answers };
  }
  private isPrimary(cell: PlanCell): boolean {
    return this.plan.byName.get(cell.name) === cell;
  }

  private define(cell: PlanCell): void {
    this.binding.cell(cell, this.isPrimary(cell), this.inputs.grid(cell.name)?.value(), () => this.states.cellObserver(cell.index));
  }

  /**
   * Defines every cell (or, after a formula edit, those whose definition differs from `previous`;
   * a kept input keeps its variable), then the gradient checks and plots, which read other
   * cells' formulas too and so are defined again whenever a formula changes.
   */
  private redefine(previous?: WorkbookPlan): void {
    for (const next of this.plan.cells) {
      if (previous && next.kind === 'input' && !next.error && this.inputs.has(next.name)) continue;
      if (!previous || redefines(previous.cells[next.index], next)) this.define(next);
    }
    for (const index of this.binding.blocks(this.plan, this.spec, this.states)) this.states.patch(index, { gradCheck: this.plan.cells[index].checkError });
    this.binding.mistakes(this.plan, (index, k) => this.states.mistakeObserver(index, k));
  }
}
