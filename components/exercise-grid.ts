// The answer grid of an exercise cell ("exercise:"): the cell's value is hidden and the student
// fills in a grid of its shape. Entries are textboxes named "NAME answer[i,j]" (a scalar:
// "NAME answer"), with the keys of a matrix (./grid-keys.ts). Each entry is graded as it is
// typed, by the session (src/exercise/grade.ts), against the live value: a wrong entry carries
// aria-invalid="true", and a live region says which entry is right or not, which mistake the
// entries match, and the first hint once an entry is wrong. "Show answer" is an edit (undoable,
// saved). This file renders and keeps the view's own state (how many hints are open); it
// computes nothing.

import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Session } from '../src/reactive/session.ts';
import type { Grade, EntryVerdict } from '../src/exercise/grade.ts';
import { maxAnswerEntries } from '../src/exercise/grade.ts';
import { shapeOf, type Value } from '../src/formula/value.ts';
import { messages } from '../src/messages.ts';
import { GridKeys } from './grid-keys.ts';
import { range } from './entry-grid.ts';
import { inlineMarkdown } from './markdown-lazy.ts';
import { entryPlace } from '../src/problems.ts';

/** The view state of one exercise: its keys, its live region's text, the hints opened. */
export class ExerciseView implements ReactiveController {
  /** What the live region says (the last entry typed, graded). */
  announcement = '';
  /** How many hints are open (the first opens by itself once an entry is wrong). */
  hints = 0;
  readonly keys: GridKeys;

  constructor(
    private readonly host: ReactiveControllerHost & { shadowRoot: ShadowRoot | null },
    private readonly target: () => { session: Session; name: string; index: number } | undefined,
  ) {
    host.addController(this);
    this.keys = new GridKeys(host, {
      root: () => host.shadowRoot,
      shape: () => this.shape(),
      entries: () => {
        const t = this.target(),
          [rows, cols] = this.shape();
        return range(rows).map((i) => range(cols).map((j) => (t ? t.session.exercises.answerText(t.name, i, j) : '')));
      },
      text: (row, col) => {
        const t = this.target();
        return t ? t.session.exercises.answerText(t.name, row, col) : '';
      },
      setEntry: (row, col, text) => this.type(row, col, text),
      setEntries: (entries) => {
        const t = this.target();
        if (!t) return;
        t.session.group('Paste', () =>
          entries.forEach((r, i) =>
            r.forEach((text, j) => {
              if (text !== t.session.exercises.answerText(t.name, i + 1, j + 1)) t.session.exercises.setAnswer(t.name, i + 1, j + 1, text);
            }),
          ),
        );
        this.host.requestUpdate();
      },
    });
  }

  hostConnected(): void {}

  /** The shape of the exercise's value now ([0, 0] while it has none). */
  shape(): [number, number] {
    const t = this.target();
    const v = t?.session.state(t.index)?.value;
    return t && v !== undefined && t.session.state(t.index)?.status === 'ok' ? [...shapeOf(v)] : [0, 0];
  }

  /** The student typed into entry (row, col): saved as an edit, graded, announced. */
  type(row: number, col: number, text: string): void {
    const t = this.target();
    if (!t) return;
    t.session.exercises.setAnswer(t.name, row, col, text);
    const shape = this.shape();
    const at = entryName(t.name, row, col, shape);
    // One grade, read for the entry typed too (the same rule the grid shows).
    const grade = t.session.exercises.grade(t.index);
    const verdict: EntryVerdict = grade ? grade.entries[(row - 1) * grade.cols + (col - 1)] : 'empty';
    if (grade && grade.entries.includes('wrong') && this.hints === 0) this.hints = 1;
    const said =
      verdict === 'right'
        ? messages.exerciseRight(at)
        : verdict === 'wrong'
          ? messages.exerciseWrong(at)
          : verdict === 'invalid'
            ? messages.exerciseNotNumber(at, text)
            : '';
    const mistake = grade?.mistake !== undefined ? t.session.exercises.of(t.index)?.mistakes[grade.mistake]?.message : undefined;
    this.announcement = [said, grade?.solved ? messages.exerciseSolved() : '', mistake ?? ''].filter(Boolean).join(' ');
    this.host.requestUpdate();
  }

  moreHints(): void {
    this.hints++;
    this.host.requestUpdate();
  }
}

/** "h1 answer[2,1]", a scalar's "E answer": the accessible name of an answer entry. */
export function entryName(name: string, row: number, col: number, [rows, cols]: [number, number]): string {
  return messages.exerciseEntry(name, rows === 1 && cols === 1 ? '' : entryPlace(row, col));
}

export interface ExerciseGridOptions {
  session: Session;
  name: string;
  index: number;
  view: ExerciseView;
  /** Renders the answer (the cell's value) when the student chose to see it. */
  answer: (value: Value) => unknown;
}

export function exerciseGrid({ session, name, index, view, answer }: ExerciseGridOptions) {
  const ex = session.exercises.of(index)!;
  const state = session.state(index)!;
  const grade: Grade | null = session.exercises.grade(index);
  const shown = session.exercises.answerShown(name);
  const instruction = ex.spec.instruction ? html`<p class="instruction">${inlineMarkdown(ex.spec.instruction)}</p>` : nothing;
  if (!grade) {
    return html`<div class="exercise" part="exercise">${instruction}<p class="exercise-note">${messages.exerciseNotComputed()}</p></div>`;
  }
  const { rows, cols } = grade;
  if (rows * cols > maxAnswerEntries) {
    return html`<div class="exercise" part="exercise">${instruction}<p class="exercise-note">${messages.exerciseTooLarge(rows * cols, maxAnswerEntries)}</p></div>`;
  }
  const shape: [number, number] = [rows, cols];
  const keys = view.keys;
  const entry = (i: number, j: number) => {
    const verdict = grade.entries[(i - 1) * cols + (j - 1)];
    const text = session.exercises.answerText(name, i, j);
    const label = entryName(name, i, j, shape);
    const bad = verdict === 'wrong' || verdict === 'invalid';
    return html`<span class=${`answer-entry ${verdict}`}><input
      class=${`entry answer ${verdict}`}
      part="answer"
      data-row=${i}
      data-col=${j}
      aria-label=${label}
      aria-invalid=${bad ? 'true' : 'false'}
      title=${label}
      tabindex=${(rows === 1 && cols === 1) || keys.isActive(i, j) ? 0 : -1}
      inputmode="decimal"
      autocomplete="off"
      spellcheck="false"
      size="8"
      .value=${live(text)}
      @input=${(e: Event) => {
        keys.onInput();
        view.type(i, j, (e.target as HTMLInputElement).value);
      }}
      @keydown=${(e: KeyboardEvent) => keys.onKeyDown(e, i, j)}
      @focus=${(e: FocusEvent) => keys.onFocus(e, i, j)}
      @blur=${() => keys.onBlur()}
      @mousedown=${(e: MouseEvent) => keys.onMouseDown(e)}
      @mouseup=${(e: MouseEvent) => keys.onMouseUp(e)}
      @paste=${(e: ClipboardEvent) => keys.onPaste(e, i, j)}
    /><span class="mark" aria-hidden="true">${verdict === 'right' ? '✓' : bad ? '✗' : ''}</span></span>`;
  };
  const grid =
    rows === 1 && cols === 1
      ? html`<div class="scalar">${entry(1, 1)}</div>`
      : html`<table class="matrix editable answers" role="grid" aria-label=${messages.exerciseEntry(name, '')} aria-rowcount=${rows} aria-colcount=${cols}>
        ${range(rows).map((i) => html`<tr role="row">${range(cols).map((j) => html`<td role="gridcell">${entry(i, j)}</td>`)}</tr>`)}
      </table>`;
  const wrong = grade.entries.includes('wrong') || grade.entries.includes('invalid');
  const hints = ex.spec.hints;
  const open = wrong ? Math.max(1, view.hints) : view.hints;
  const mistake = grade.mistake !== undefined ? ex.mistakes[grade.mistake] : undefined;
  return html`<div class=${`exercise${grade.solved ? ' solved' : ''}`} part="exercise">
    ${instruction}
    ${grid}
    <p class="exercise-progress">${grade.solved ? html`<strong class="solved-mark">✓ ${messages.exerciseSolved()}</strong>` : messages.exerciseCounts(grade.right, rows * cols)}</p>
    <p class="exercise-status" role="status">${view.announcement || nothing}</p>
    <p class="grid-message" role="status">${keys.message || nothing}</p>
    ${mistake ? html`<p class="mistake" part="mistake" role="note">${mistake.message}</p>` : nothing}
    ${
      hints.length && open > 0 && !grade.solved
        ? html`<div class="hints" part="hint" role="note">${hints.slice(0, open).map((h, k) => html`<p class="hint"><span class="hint-n">${messages.exerciseHint(k + 1, hints.length)}</span> ${inlineMarkdown(h.text)}</p>`)}
          ${open < hints.length ? html`<button type="button" class="next-hint" @click=${() => view.moreHints()}>${messages.exerciseNextHint()}</button>` : nothing}</div>`
        : nothing
    }
    <div class="exercise-tools">
      <button type="button" class="show-answer" aria-pressed=${shown ? 'true' : 'false'} @click=${() => session.exercises.showAnswer(name, !shown)}>${shown ? messages.exerciseHideAnswer(name) : messages.exerciseShowAnswer(name)}</button>
    </div>
    ${shown && state.value !== undefined ? html`<div class="answer-shown" part="answer-shown"><span class="answer-is">${messages.exerciseAnswerIs()}</span> ${answer(state.value)}</div>` : nothing}
  </div>`;
}

/** How an exercise looks. Printed, its entries are blank (a handout), unless the instructor view is on (the cell then shows its value). */
export const exerciseStyles = css`
  .exercise { display: flex; flex-direction: column; gap: 0.3rem; min-width: 11rem; }
  .exercise .instruction { margin: 0; }
  .answer-entry { display: inline-flex; align-items: center; gap: 2px; }
  .answer-entry .mark { display: inline-block; width: 1em; font-weight: 700; }
  .answer-entry.right .mark { color: var(--_ok); }
  .answer-entry.wrong .mark, .answer-entry.invalid .mark { color: var(--_error); }
  input.answer.right { border-color: var(--_ok); box-shadow: inset 0 0 0 1px var(--_ok); }
  input.answer.wrong, input.answer.invalid { border-color: var(--_error); background: var(--_error-bg); }
  .exercise-progress, .exercise-status, .exercise-note { margin: 0; font-size: 0.85rem; }
  /* The live region is for screen readers: the marks and the mistake below say the same on screen. */
  .exercise-status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .solved-mark { color: var(--_ok); }
  .mistake { margin: 0; padding: 0.3rem 0.5rem; border-left: 3px solid var(--_differ); background: var(--_differ-bg); color: var(--_fg); font-size: 0.9rem; }
  .hints { padding: 0.3rem 0.5rem; border-left: 3px solid var(--_accent); font-size: 0.9rem; }
  .hint { margin: 0.1rem 0; }
  .hint-n { font-weight: 600; }
  .exercise-tools { display: flex; gap: 0.4rem; }
  .answer-shown { font-size: 0.9rem; }
  .hidden-until { margin: 0; font-style: italic; color: var(--_muted); }
  @media print {
    .exercise input.entry.answer { color: transparent; -webkit-text-fill-color: transparent; background: none; border: 1px solid #000; box-shadow: none; }
    .answer-entry .mark, .exercise-progress, .exercise-status, .mistake, .hints, .exercise-tools, .answer-shown { display: none; }
  }
`;
