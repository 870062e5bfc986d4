// The exercise cells of a live workbook ("exercise:", src/exercise): which cells they are, what
// the student typed into their answer grids, each graded against the cell's live value, the
// progress, and which cells an unsolved exercise hides. `session.exercises`.

import { Answers } from '../exercise/answers.ts';
import type { ExercisePlan } from '../exercise/compile.ts';
import { gradeExercise, progressOf, type Grade } from '../exercise/grade.ts';
import { trace } from '../graph/trace.ts';
import type { WorkbookPlan } from '../workbook.ts';
import type { CellStates } from './cell-states.ts';

export class ExerciseSheet {
  constructor(
    private readonly plan: () => WorkbookPlan,
    private readonly answers: Answers,
    private readonly states: CellStates,
  ) {}

  private indexOf(name: string): number {
    return this.plan().byName.get(name)?.index ?? -1;
  }

  /** The exercise of the cell at `index` ("exercise:"), if it is one. */
  of(index: number): ExercisePlan | undefined {
    return this.plan().exercises.exercises.get(index);
  }
  /** Every exercise, in file order. */
  all(): ExercisePlan[] {
    return [...this.plan().exercises.exercises.values()];
  }
  has(name: string): boolean {
    const i = this.indexOf(name);
    return i >= 0 && this.plan().exercises.exercises.has(i);
  }
  answerText(name: string, row: number, col: number): string {
    return this.answers.text(name, row, col);
  }
  /** The student typed into entry (row, col), 1-based, of an exercise's answer grid: graded at once, recorded as an edit. */
  setAnswer(name: string, row: number, col: number, text: string): void {
    if (!this.has(name)) throw new RangeError(`${name} is not an exercise`);
    const v = this.states.state(name)?.value;
    this.answers.setText(name, row, col, text, v !== undefined && typeof v === 'number');
  }
  answerShown(name: string): boolean {
    return this.answers.shown(name);
  }
  /** Every answer replaced by these (another tab's): each change an edit, as typing is. */
  setAnswers(answers: Record<string, string[][]>, shown: readonly string[]): void {
    this.answers.clear();
    this.answers.restore(answers, shown, (name) => this.has(name));
  }
  /** "Show answer": one deliberate, undoable edit (and hiding it again, another). */
  showAnswer(name: string, shown: boolean): void {
    if (!this.has(name)) throw new RangeError(`${name} is not an exercise`);
    this.answers.setShown(name, shown);
  }
  /** The exercise at `index` graded now: its entries against its live value, and which mistake they match. */
  grade(index: number): Grade | null {
    const state = this.states.state(index)!,
      name = state.name;
    return gradeExercise(state.status === 'ok' ? state.value : undefined, (r, c) => this.answers.text(name, r, c), state.mistakes ?? []);
  }
  /** "3 of 5 exercises solved". */
  progress(): { solved: number; total: number } {
    return progressOf(this.all().map((e) => this.grade(e.index)));
  }
  /**
   * The exercises marked "hides: dependents" that the cell at `index` reads, directly or through
   * other cells: it is hidden while one of them is neither solved nor shown.
   */
  hiding(index: number): number[] {
    return hidersOf(this.plan()).get(index) ?? [];
  }
}

/** For each cell, the exercises marked "hides: dependents" it depends on, in file order: once per plan. */
const hiders = new WeakMap<WorkbookPlan, Map<number, number[]>>();

function hidersOf(plan: WorkbookPlan): Map<number, number[]> {
  let map = hiders.get(plan);
  if (map) return map;
  map = new Map();
  for (const e of [...plan.exercises.exercises.values()].filter((x) => x.spec.hides).sort((x, y) => x.index - y.index)) {
    for (const name of trace(plan, plan.cells[e.index].name).allDependents) {
      const at = plan.byName.get(name)!.index;
      map.set(at, [...(map.get(at) ?? []), e.index]);
    }
  }
  hiders.set(plan, map);
  return map;
}
