// What the student changed, as one record to save, share or send to another tab (EditState), and
// that record applied again: the entries of input cells, the formulas typed, exercises' answers.

import type { Answers } from '../exercise/answers.ts';
import type { EditState } from './edit-log.ts';
import type { Formulas } from './formulas.ts';
import type { Inputs } from './inputs.ts';
import type { WorkbookPlan } from '../workbook.ts';

export interface EditedParts {
  inputs: Inputs;
  formulas: Formulas;
  answers: Answers;
}

export function savedEdits({ inputs, formulas, answers: typed }: EditedParts): EditState {
  const edits: EditState = { entries: inputs.edited(), formulas: formulas.edited() };
  // Answers only when there are some, so a record without exercises reads as it always did.
  const { answers, shown } = typed.saved();
  if (Object.keys(answers).length) edits.answers = answers;
  if (shown.length) edits.shown = shown;
  return edits;
}

/**
 * Applies a saved record: entries, then the formulas of formula cells `plan` still has, then
 * answers. Returns the names of the cells whose edits could not be applied.
 */
export function restoreSaved(
  { inputs, answers }: EditedParts,
  state: EditState,
  plan: WorkbookPlan,
  setFormula: (name: string, text: string) => unknown,
  isExercise: (name: string) => boolean,
): string[] {
  const dropped = inputs.restore(state.entries ?? {});
  for (const [name, text] of Object.entries(state.formulas ?? {})) {
    const cell = plan.byName.get(name);
    if (!cell || cell.kind === 'input' || typeof text !== 'string') dropped.push(name);
    else setFormula(name, text);
  }
  dropped.push(...answers.restore(state.answers ?? {}, state.shown ?? [], isExercise).filter((n) => !dropped.includes(n)));
  return dropped;
}
