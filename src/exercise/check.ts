// What `gradsheet check` says of a workbook's exercises: every exercise computes (else there is
// no answer to grade), every "mistake:" computes and differs from the right answer (else a
// right answer would be told it is the mistake: the feedback would be a lie), and every
// exercise has a hint where the author asked for them ("hints: required").

import { isCellError } from '../errors.ts';
import { describeShape, shapeOf, sizeOf, type Value } from '../formula/value.ts';
import type { CellResult } from '../graph/compile.ts';
import { codes, messages, type Code } from '../messages.ts';
import type { WorkbookPlan } from '../workbook.ts';
import { runMistakes } from './compile.ts';
import { maxAnswerEntries } from './grade.ts';

export interface ExerciseFinding {
  line: number;
  col: number;
  code: Code;
  cell: string;
  message: string;
}

/** One exercise as `gradsheet check --json` reports it. */
export interface ExerciseReport {
  cell: string;
  line: number;
  instruction: string;
  /** The answer's shape, [rows, cols], when it computes. */
  shape?: [number, number];
  hints: number;
  mistakes: { formula: string; message: string; line: number; differs: boolean }[];
  hides: boolean;
  ok: boolean;
}

/**
 * Two values a student could tell apart: of other shapes, or some entry differing by more than
 * 10⁻⁶ + 10⁻⁴·|answer| (what typing five significant digits shows).
 */
export function differs(a: Value, b: Value): boolean {
  const [r, c] = shapeOf(a),
    [r2, c2] = shapeOf(b);
  if (r !== r2 || c !== c2) return true;
  for (let k = 0; k < r * c; k++) {
    const x = typeof a === 'number' ? a : a.data[k],
      y = typeof b === 'number' ? b : b.data[k];
    if (Math.abs(x - y) > 1e-6 + 1e-4 * Math.abs(y)) return true;
  }
  return false;
}

/** The exercise rules over the results of runPlan (the workbook's own values). */
export function checkExercises(plan: WorkbookPlan, results: readonly CellResult[]): { findings: ExerciseFinding[]; exercises: ExerciseReport[] } {
  const findings: ExerciseFinding[] = [];
  const exercises: ExerciseReport[] = [];
  const valueOf = (name: string) => results[plan.byName.get(name)!.index];
  for (const ex of plan.exercises.exercises.values()) {
    const { spec, name } = ex;
    const at = (line: number, col: number, code: Code, message: string) => findings.push({ line, col, code, cell: name, message });
    const before = findings.length;
    const answer = results[ex.index];
    // An exercise that does not compute fails the check already: its error (or the error of the
    // cell it depends on) is reported where it happens, and not again here (its report says ok: false).
    const own = isCellError(answer);
    const values = runMistakes(ex, valueOf);
    const mistakes = ex.mistakes.map((m, k) => {
      const v = values[k];
      let ok = true;
      if (m.error)
        ok = false; // reported where it was compiled
      else if (isCellError(v)) {
        ok = false;
        if (!isCellError(answer)) at(m.line, m.col, codes.E_EXERCISE, messages.exerciseMistakeFails(m.formula, v.message));
      } else if (!isCellError(answer)) {
        const [r, c] = shapeOf(v),
          [ar, ac] = shapeOf(answer);
        if (r !== ar || c !== ac) {
          ok = false;
          at(m.line, m.col, codes.E_EXERCISE, messages.exerciseMistakeShape(m.formula, describeShape([r, c]), describeShape([ar, ac])));
        } else if (!differs(v, answer)) {
          ok = false;
          at(m.line, m.col, codes.E_EXERCISE, messages.exerciseMistakeEqual(m.formula));
        }
      }
      return { formula: m.formula, message: m.message, line: m.line, differs: ok };
    });
    if (!own && sizeOf(answer as Value) > maxAnswerEntries)
      at(spec.line, spec.col, codes.E_EXERCISE, messages.exerciseTooLarge(sizeOf(answer as Value), maxAnswerEntries));
    if (plan.exercises.hintsRequired && !spec.hints.length) at(spec.line, spec.col, codes.E_EXERCISE, messages.exerciseNoHint());
    exercises.push({
      cell: name,
      line: spec.line,
      instruction: spec.instruction,
      ...(isCellError(answer) ? {} : { shape: [...shapeOf(answer)] as [number, number] }),
      hints: spec.hints.length,
      mistakes,
      hides: !!spec.hides,
      ok: findings.length === before && !own && mistakes.every((m) => m.differs),
    });
  }
  return { findings, exercises };
}
