// The edits a student makes to a session, reported once each, in order. History (undo), the
// Trainer and the store all subscribe here. An edit is reported with the origin that made it
// (the history replaying it, a trainer publishing a step), so a subscriber can tell its own
// edits from everyone else's without a flag of its own.

import { Emitter } from './emitter.ts';

/** One change a student made; history (undo/redo) and persistence are built on these. */
export type Edit =
  | { kind: 'entries'; name: string; before: string[][]; after: string[][] }
  /** One entry typed (1-based row and column): its cost does not grow with the matrix. `scalar`: the cell is 1×1. */
  | { kind: 'entry'; name: string; row: number; col: number; before: string; after: string; scalar: boolean }
  | { kind: 'formula'; name: string; before: string; after: string }
  /** One entry of an exercise's answer grid typed (src/exercise/answers.ts). */
  | { kind: 'answer'; name: string; row: number; col: number; before: string; after: string; scalar: boolean }
  /** An exercise's answer shown ("Show answer") or hidden again. */
  | { kind: 'shown'; name: string; before: boolean; after: boolean }
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
  /** What was typed into each exercise's answer grid ('' where nothing was); absent when nothing was (older records have none). */
  answers?: Record<string, string[][]>;
  /** The exercises whose answer the student chose to see. */
  shown?: string[];
}

/** Who made an edit: undefined for the student (a keystroke, a paste); the history or a trainer otherwise. */
export type Origin = object | undefined;

/** What an edit is made on. */
export interface EditTarget {
  setEntries(name: string, texts: string[][]): void;
  setEntry(name: string, row: number, col: number, text: string): unknown;
  setFormula(name: string, text: string): unknown;
  readonly exercises: {
    setAnswer(name: string, row: number, col: number, text: string): unknown;
    showAnswer(name: string, shown: boolean): unknown;
  };
}

export class EditLog {
  private readonly edits = new Emitter<[Edit, Origin]>();
  private readonly flushers = new Emitter<[]>();
  private flushing = false;
  /** Edits made inside group(): reported together when it ends. */
  private collecting: Edit[] | null = null;
  /** Who makes the edits now being made (see `as`). */
  private origin: Origin;

  /** Called after every edit, with what changed and who changed it. */
  onEdit(listener: (edit: Edit, origin: Origin) => void): () => void {
    return this.edits.on(listener);
  }

  /**
   * Work in progress that becomes an edit when asked (a training run, which records itself as
   * one edit when it ends): undo and redo ask first, so they act on it.
   */
  onFlush(fn: () => void): () => void {
    return this.flushers.on(fn);
  }

  /** Ends work in progress (see onFlush), so that every edit made so far has been reported. */
  flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    try {
      this.flushers.emit();
    } finally {
      this.flushing = false;
    }
  }

  /** Before an edit is made: work in progress ends first, so it is recorded before the edit. */
  begin(): void {
    if (!this.collecting) this.flush();
  }

  /** Reports an edit (inside a group, when the group ends). */
  report(edit: Edit): void {
    if (this.collecting) this.collecting.push(edit);
    else this.edits.emit(edit, this.origin);
  }

  /** Runs fn and reports every edit it makes as one group edit (one undo step). */
  group(label: string, fn: () => void, training?: TrainingMark): void {
    this.begin();
    const outer = this.collecting;
    const edits: Edit[] = [];
    this.collecting = edits;
    try {
      fn();
    } finally {
      this.collecting = outer;
    }
    if (edits.length) this.report(training ? { kind: 'group', label, edits, training } : { kind: 'group', label, edits });
  }

  /** Makes an edit again on `sheet` (or its reverse, for undo): a group as one group again. */
  replay(edit: Edit, reverse: boolean, sheet: EditTarget): void {
    if (edit.kind === 'group') {
      const edits = reverse ? [...edit.edits].reverse() : edit.edits,
        t = edit.training;
      this.group(edit.label, () => edits.forEach((e) => this.replay(e, reverse, sheet)), t && (reverse ? { ...t, before: t.after, after: t.before } : t));
    } else if (edit.kind === 'entries') sheet.setEntries(edit.name, reverse ? edit.before : edit.after);
    else if (edit.kind === 'entry') sheet.setEntry(edit.name, edit.row, edit.col, reverse ? edit.before : edit.after);
    else if (edit.kind === 'answer') sheet.exercises.setAnswer(edit.name, edit.row, edit.col, reverse ? edit.before : edit.after);
    else if (edit.kind === 'shown') sheet.exercises.showAnswer(edit.name, reverse ? edit.before : edit.after);
    else sheet.setFormula(edit.name, reverse ? edit.before : edit.after);
  }

  /** Runs fn with its edits reported as made by `origin` (the outermost origin wins). */
  as(origin: Origin, fn: () => void): void {
    const outer = this.origin;
    this.origin = outer ?? origin;
    try {
      fn();
    } finally {
      this.origin = outer;
    }
  }

  clear(): void {
    this.edits.clear();
    this.flushers.clear();
  }
}
