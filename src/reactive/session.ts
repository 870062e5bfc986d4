// Phase 4a, bind: a workbook plan live, and the edits a student makes to it. The session
// composes the nouns it is made of: the runtime binding (binding.ts), each input cell's grid
// (input-grid.ts), what each cell shows (cell-states.ts) and the log of edits (edit-log.ts).
// Components observe cells through `subscribe`; nothing here touches the page.

import type { CellError } from '../errors.ts';
import type { WorkbookSpec } from '../format/spec.ts';
import type { Value } from '../formula/value.ts';
import type { CellResult } from '../graph/compile.ts';
import type { WorkbookPlan } from '../workbook.ts';
import { Binding } from './binding.ts';
import { SheetView } from './sheet-view.ts';
import { CellStates, type CellState } from './cell-states.ts';
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
  private readonly binding = new Binding();
  private readonly log = new EditLog();
  /** The workbook's plan with the formulas the student typed (formulas.ts). */
  private readonly formulas = new Formulas(this.spec);
  plan: WorkbookPlan = this.formulas.plan();
  private readonly states = new CellStates(() => this.plan);
  private readonly inputs = new Inputs(this.log, (name) =>
    this.binding.input(this.plan, this.plan.byName.get(name)!, this.inputs.grid(name)?.value(), this.states),
  );
  /** What the student typed into exercises' answer grids (src/exercise/answers.ts). */
  private readonly answers = new Answers(this.log, (name) => this.states.touch(this.indexOf(name)));
  /** What components may read of the definitions, never the plan itself (sheet-view.ts). */
  readonly view = new SheetView(() => this.plan, this.states, this.inputs);
  /** The exercise cells, their answers, grades and progress (exercise-sheet.ts). */
  readonly exercises = new ExerciseSheet(() => this.plan, this.answers, this.states);
  /** What else Reset all resets, inside its one step (a trainer's counter and curve). */
  private readonly resetters = new Emitter<[]>();

  constructor(readonly spec: WorkbookSpec) {
    this.inputs.addAll(this.plan);
    this.redefine();
  }

  /** The work all cells, checks and plots of one recompute may do together (formula/budget.ts). */
  get budget() {
    return this.binding.budget;
  }
  get cells(): readonly CellState[] {
    return this.states.all;
  }

  // Cells, delegated to cell-states.ts and binding.ts (documented there).
  readonly state = (nameOrIndex: string | number): CellState | undefined => this.states.state(nameOrIndex);
  readonly indexOf = (name: string): number => this.states.indexOf(name);
  readonly subscribe = (index: number, listener: (state: CellState) => void): (() => void) => this.states.subscribe(index, listener);
  /** Resolves once every cell, check and plot has finished computing. */
  readonly settled = (): Promise<void> => this.binding.settled();

  // Input cells, delegated to inputs.ts (documented there): entries are 1-based; a text that is
  // not a number makes the whole cell an error; `record: false` reports no edit; setValue sets
  // the numbers of a value of the cell's shape (training), without texts.
  readonly entriesOf = (name: string): string[][] => this.inputs.grid(name)?.allTexts() ?? [];
  readonly entryText = (name: string, row: number, col: number): string => this.inputs.grid(name)?.text(row, col) ?? '';
  readonly entryNumber = (name: string, row: number, col: number): number | null => this.inputs.grid(name)?.number(row, col) ?? null;
  readonly entryError = (name: string, row: number, col: number): CellError | null => this.inputs.grid(name)?.error(row, col) ?? null;
  readonly inputValues = (): Map<string, CellResult> => this.inputs.values();
  readonly setEntry = (name: string, row: number, col: number, text: string): CellError | null => this.inputs.setEntry(name, row, col, text);
  readonly setEntries = (name: string, texts: string[][], { record = true }: { record?: boolean } = {}): void => this.inputs.setEntries(name, texts, record);
  readonly setValue = (name: string, value: Value, record = true): void => this.inputs.setValue(name, value, record);

  /** Puts an input cell back to the workbook's own numbers. */
  resetInput(name: string): void {
    const literal = this.plan.byName.get(name)?.checked.literal;
    if (literal && this.inputs.has(name)) this.setEntries(name, literal.entries);
  }

  readonly formula = (name: string): string => this.formulas.text(this.plan, name);
  readonly isFormulaEdited = (name: string): boolean => this.formulas.isEdited(name);

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

  // The edit log, delegated to edit-log.ts.
  /** Called after every edit, with what changed and who made it (see `apply`, `group`, `record`). */
  readonly onEdit = (listener: (edit: Edit, origin: Origin) => void): (() => void) => this.log.onEdit(listener);
  /** Work in progress that becomes an edit when asked (a training run): undo and redo ask first. */
  readonly onFlush = (fn: () => void): (() => void) => this.log.onFlush(fn);
  /** Ends work in progress (see onFlush), so that every edit made so far has been reported. */
  readonly flush = (): void => this.log.flush();
  /** Applies an edit (or its reverse, for undo), reported like any other as made by `origin`. */
  readonly apply = (edit: Edit, reverse = false, origin?: Origin): void => this.log.as(origin, () => this.log.replay(edit, reverse, this));
  /** Runs fn and reports every edit it makes as one group edit (one undo step), made by `origin`. */
  readonly group = (label: string, fn: () => void, training?: TrainingMark, origin?: Origin): void =>
    this.log.as(origin, () => this.log.group(label, fn, training));
  /** Reports an edit made without records (e.g. a training run, from its start to its end). */
  readonly record = (edit: Edit, origin?: Origin): void => this.log.as(origin, () => this.log.report(edit));
  /** Called by Reset all inside its one step, before the cells are reset: what fn edits is undone with it. */
  readonly onResetAll = (fn: () => void): (() => void) => this.resetters.on(fn);
  /** What the student changed, relative to the workbook. */
  readonly edits = (): EditState => savedEdits(this.edited);

  /** Re-applies saved edits (a reload, a changed file); those of cells gone or reshaped are returned by name. */
  restoreEdits(state: EditState): { dropped: string[] } {
    const dropped = restoreSaved(
      this.edited,
      state,
      this.plan,
      (name, text) => this.setFormula(name, text),
      (name) => this.exercises.has(name),
    );
    return { dropped };
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
  private redefine(previous?: WorkbookPlan): void {
    this.binding.plan(this.plan, this.spec, this.states, (name) => this.inputs.grid(name)?.value(), previous);
  }
}
