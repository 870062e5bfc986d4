// The exercises of a workbook compiled against its Plan. Each "mistake:" formula is a hidden
// cell of the plan: compiled by the machinery of block formulas (graph/loose.ts), a function of
// the cells it reads, bound in the runtime beside the cells (so it is live too) and run by the
// batch driver for `gradsheet check`. A mistake that cannot be compiled is a located problem.

import { CellError, isCellError, toCellError, withLoc } from '../errors.ts';
import type { ExerciseSpec, Problem, WorkbookSpec } from '../format/spec.ts';
import { collapse, firstNonFinite, type Value } from '../formula/value.ts';
import type { CellResult, Plan } from '../graph/compile.ts';
import { compileLoose } from '../graph/loose.ts';
import { problemOf } from '../problems.ts';
import { codes, messages } from '../messages.ts';

export interface MistakePlan {
  formula: string;
  message: string;
  line: number;
  col: number;
  /** The cells it reads, in the order `run` takes their values (none when it has an error). */
  inputs: string[];
  run: (...values: CellResult[]) => CellResult;
  error?: CellError;
}

export interface ExercisePlan {
  /** The exercise cell's position in spec.cells. */
  index: number;
  name: string;
  spec: ExerciseSpec;
  mistakes: MistakePlan[];
}

export interface ExercisesPlan {
  /** By the exercise cell's position, in file order. */
  exercises: Map<number, ExercisePlan>;
  /** Every hint line is required ("hints: required" in the front matter). */
  hintsRequired: boolean;
  problems: Problem[];
}

export function compileExercises(plan: Plan, spec: WorkbookSpec): ExercisesPlan {
  const exercises = new Map<number, ExercisePlan>();
  const problems: Problem[] = [];
  const hints = spec.meta.hints;
  if (hints !== undefined && hints !== 'required') problems.push({ code: codes.E_FRONTMATTER, message: messages.hintsSetting(hints), line: 1, col: 1 });
  for (const pc of plan.cells) {
    const ex = pc.checked.spec.exercise;
    if (!ex || plan.byName.get(pc.name) !== pc) continue;
    if (pc.kind === 'input') {
      problems.push({ code: codes.E_ATTRIBUTE, message: messages.exerciseInput(pc.name), line: ex.line, col: ex.col, cell: pc.name });
      continue;
    }
    const mistakes = ex.mistakes.map((m): MistakePlan => {
      const at = { line: m.line, col: m.col };
      try {
        const f = compileLoose(plan, m.formula);
        return { formula: m.formula, message: m.message, ...at, inputs: f.inputs, run: mistakeFunction(pc.name, f.run, at) };
      } catch (e) {
        const err = toCellError(e, pc.name);
        const located = withLoc(new CellError(err.code, messages.exerciseMistakeFormula(err.message), pc.name), {
          line: m.line,
          col: m.col - 1 + (err.col ?? 1),
        });
        problems.push(problemOf(located, pc.name));
        return { formula: m.formula, message: m.message, ...at, inputs: [], run: () => located, error: located };
      }
    });
    exercises.set(pc.index, { index: pc.index, name: pc.name, spec: ex, mistakes });
  }
  return { exercises, hintsRequired: hints === 'required', problems };
}

/** As a cell's function (graph/compile.ts): errors in, the same error out; failures located at the mistake's line. */
function mistakeFunction(name: string, compiled: (inputs: readonly Value[]) => Value, at: { line: number; col: number }): MistakePlan['run'] {
  return (...inputs) => {
    for (const v of inputs) if (isCellError(v)) return v;
    try {
      const v = collapse(compiled(inputs as Value[]));
      const bad = firstNonFinite(v);
      return bad ? withLoc(new CellError(codes.E_NONFINITE, messages.nonFinite(bad.value, ''), name), at) : v;
    } catch (e) {
      return withLoc(toCellError(e, name), at);
    }
  };
}

/** The live values of an exercise's mistakes, given the value of each cell by name (the batch driver). */
export function runMistakes(ex: ExercisePlan, valueOf: (name: string) => CellResult): CellResult[] {
  return ex.mistakes.map((m) => (m.error ? m.error : m.run(...m.inputs.map(valueOf))));
}
