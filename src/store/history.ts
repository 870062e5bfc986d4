// Undo and redo for a whole workbook, built on the session's edit events: every edit a
// session reports (an entry, a paste, a formula, a training Step, Run or Reset, Reset all)
// is one step; undo applies its reverse, redo applies it again. Edits the history replays
// itself are reported by the session like any other, and ignored here.
//
// Entries recompute as the student types, so every keystroke is an edit. Keystrokes into one
// entry are merged into one step until the history is sealed (the workbook seals it when
// focus leaves an entry, and on undo and redo): typing "1.5" and pressing Escape (which puts
// the old text back) leaves no step at all. No DOM here.

import { sameTexts, type Edit, type Session } from '../reactive/session.ts';
import { entryName, entryPlace } from '../problems.ts';
import { messages } from '../messages.ts';

/** How many steps are kept; the oldest are forgotten first. */
export const historyLimit = 1000;

export class History {
  private session: Session | undefined;
  private unlisten: (() => void) | undefined;
  private done: Edit[] = [];
  private undone: Edit[] = [];
  /** The last step is typing into one entry, and the next keystroke in that entry joins it. */
  private open = false;
  private readonly listeners = new Set<() => void>();

  constructor(readonly limit = historyLimit) {}

  /** Records the edits of `session` from now on (and stops recording the previous one's). */
  attach(session: Session): void {
    this.unlisten?.();
    this.session = session;
    // What the history replays itself is reported as its own (origin), and not recorded again.
    this.unlisten = session.onEdit((edit, origin) => origin !== this && this.record(edit));
  }

  /**
   * The session was replaced (the workbook file changed). Steps are kept only for cells whose
   * definition in the file did not change (`keep(name)`), so every kept step still undoes to
   * what the student saw; the others are forgotten.
   */
  follow(session: Session, keep: (name: string) => boolean): void {
    const filter = (edits: Edit[]) => edits.map((e) => only(e, keep)).filter((e): e is Edit => e !== null);
    this.done = filter(this.done);
    this.undone = filter(this.undone);
    this.open = false;
    this.attach(session);
    this.notify();
  }

  detach(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    this.session = undefined;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** What Undo would undo ("Theta1[1,3]", "Step"), or undefined. */
  get undoLabel(): string | undefined {
    return this.done.length ? describeEdit(this.done[this.done.length - 1]) : undefined;
  }

  get redoLabel(): string | undefined {
    return this.undone.length ? describeEdit(this.undone[this.undone.length - 1]) : undefined;
  }

  /** Called whenever what can be undone or redone changes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next edit starts a new step, even if it is typed into the same entry. */
  seal(): void {
    this.open = false;
  }

  /** Undoes the last step; returns it, or null when there is nothing to undo. */
  undo(): Edit | null {
    // A training run going on ends first and becomes the newest step: undo takes it back.
    this.session?.flush();
    return this.move(this.done, this.undone, true);
  }

  redo(): Edit | null {
    this.session?.flush();
    return this.move(this.undone, this.done, false);
  }

  clear(): void {
    this.done = [];
    this.undone = [];
    this.open = false;
    this.notify();
  }

  private move(from: Edit[], to: Edit[], reverse: boolean): Edit | null {
    const edit = from.pop();
    this.open = false;
    if (!edit || !this.session) return null;
    try {
      this.session.apply(edit, reverse, this);
      to.push(edit);
      return edit;
    } catch {
      // A step that no longer applies (its cell is gone) is dropped rather than kept forever.
      return null;
    } finally {
      this.notify();
    }
  }

  private record(edit: Edit): void {
    if (unchanged(edit)) return;
    const last = this.done[this.done.length - 1];
    const typing = typedEntry(edit);
    if (this.open && last && typing !== null && typedEntry(last) === typing) {
      // One more keystroke in the same entry: the step now goes from before the first to after this one.
      const merged = mergeTyping(last, edit);
      if (unchanged(merged)) this.done.pop();
      else this.done[this.done.length - 1] = merged;
      this.open = !unchanged(merged);
    } else {
      this.done.push(edit);
      if (this.done.length > this.limit) this.done.splice(0, this.done.length - this.limit);
      this.open = typing !== null;
    }
    this.undone = [];
    this.notify();
  }

  private notify(): void {
    this.listeners.forEach((l) => l());
  }
}

/** "Theta1[1,3]" for an edit that changed one entry; the cell's name or the group's label otherwise. */
export function describeEdit(edit: Edit): string {
  if (edit.kind === 'group') return edit.label;
  if (edit.kind === 'formula') return `${edit.name} formula`;
  if (edit.kind === 'answer') return messages.answerEdit(edit.name, edit.scalar ? '' : entryPlace(edit.row, edit.col));
  if (edit.kind === 'shown') return messages.answerShownEdit(edit.name);
  if (edit.kind === 'entry') return entryName(edit.name, edit.row, edit.col, edit.scalar);
  const at = changedEntries(edit);
  const scalar = edit.after.length === 1 && edit.after[0].length === 1;
  return at.length === 1 ? entryName(edit.name, at[0][0] + 1, at[0][1] + 1, scalar) : edit.name;
}

/** Positions (0-based) where an entries edit changed the text. */
function changedEntries(edit: Extract<Edit, { kind: 'entries' }>): [number, number][] {
  const at: [number, number][] = [];
  edit.after.forEach((row, i) =>
    row.forEach((t, j) => {
      if (edit.before[i]?.[j] !== t) at.push([i, j]);
    }),
  );
  return at;
}

/** "name i j" (0-based) when an edit changed exactly one entry (a keystroke), else null. */
function typedEntry(edit: Edit): string | null {
  if (edit.kind === 'entry') return `${edit.name} ${edit.row - 1} ${edit.col - 1}`;
  if (edit.kind === 'answer') return `answer ${edit.name} ${edit.row} ${edit.col}`;
  if (edit.kind !== 'entries') return null;
  const at = changedEntries(edit);
  return at.length === 1 ? `${edit.name} ${at[0][0]} ${at[0][1]}` : null;
}

/** Two edits of the same one entry as one: from before the first to after the second. */
function mergeTyping(first: Edit, next: Edit): Edit {
  if (next.kind === 'answer' && first.kind === 'answer') return { ...next, before: first.before };
  if (next.kind === 'entry') {
    // The first may be an entries edit that changed only this entry (an older kind of record).
    const before = first.kind === 'entry' ? first.before : first.kind === 'entries' ? first.before[next.row - 1][next.col - 1] : next.before;
    return { ...next, before };
  }
  if (next.kind === 'entries' && first.kind === 'entries') return { ...next, before: first.before };
  if (next.kind === 'entries' && first.kind === 'entry') {
    const before = next.before.map((r) => [...r]);
    before[first.row - 1][first.col - 1] = first.before;
    return { ...next, before };
  }
  return next;
}

function unchanged(edit: Edit): boolean {
  if (edit.kind === 'group') return edit.edits.every(unchanged);
  if (edit.kind === 'formula' || edit.kind === 'entry' || edit.kind === 'answer' || edit.kind === 'shown') return edit.before === edit.after;
  return sameTexts(edit.before, edit.after);
}

/** The part of an edit that touches only cells `keep` accepts, or null when nothing is left. */
function only(edit: Edit, keep: (name: string) => boolean): Edit | null {
  if (edit.kind !== 'group') return keep(edit.name) ? edit : null;
  const edits = edit.edits.map((e) => only(e, keep)).filter((e): e is Edit => e !== null);
  return edits.length ? { ...edit, edits } : null;
}
