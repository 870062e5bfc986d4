// One store per workbook URL per page: its undo history and its saved edits, following the
// workbook's session — including when live reload replaces it (the file changed on disk
// under `npm start`), so undo and saving carry on in the new session.
//
//   page opens ─▶ session ─▶ restore saved edits (the baseline, not undoable)
//                          ─▶ every edit: recorded in the history, saved
//   file saved ─▶ new session (registry carries edits over) ─▶ history keeps the steps of
//                 cells whose definition did not change; the record is saved with the new hash
//
// A record is written after every edit while it is small. A large one (a 256×256 matrix edited:
// ~400,000 characters, some milliseconds to build and write) is written once typing pauses, when
// the page is idle, and at once when the page is hidden or left, so a keystroke never waits for
// it and nothing typed is lost when the page closes.
//
// Nothing is ever lost or locks the student out (document recovery, as Excel does it):
//
//   applying saved edits or a share link ─▶ marker "applying" written ─▶ edits applied
//        ─▶ the sheet has computed them ─▶ marker removed
//   page opens and finds the marker ─▶ the last apply never finished (the tab froze or
//        crashed): nothing is applied, the workbook's own values are shown, and the edits the
//        marker names are offered: Restore (applied again, under a marker again) or Discard.
//   a share link opened over the student's own edits ─▶ those are kept in the "backup" slot
//        and offered ("Restore your own edits") until restored or discarded, reloads included.
//   another tab saves the same workbook (the `storage` event, passed in by the component) ─▶
//        merged by cell: a cell this tab did not change since it last saved or merged takes
//        the other tab's edit (one undoable step, "Another tab"); a cell both tabs changed
//        keeps this tab's, and the other's text is shown; the merged state is saved.
//   the page is left during a training Run ─▶ the run ends as one step and is saved, marked
//        "run", so the next open says the trained weights were restored.
//
// No DOM: storage comes from a provider (localStorage in a browser), so this runs under Node.

import type { Edit, EditState, Session } from '../reactive/session.ts';
import { sameTexts } from '../reactive/session.ts';
import { sourceText, watchSession, type Reload } from '../reactive/registry.ts';
import { History } from './history.ts';
import { Persistence, browserStorage, contentHash, isEmpty, storageKey, textHash, type SaveState, type StorageProvider } from './persist.ts';
import { workbookPath, type SharedState } from './share.ts';
import { messages } from '../messages.ts';

/** What became of the saved edits when the page opened. */
export interface Restored {
  /** The workbook file changed since they were saved. */
  changed: boolean;
  /** Cells whose saved edits could not be restored (removed, or changed shape or kind). */
  dropped: string[];
  /** Those edits, as they were saved, so the student can still see what they typed. */
  lost: EditState;
  /** The page was left during a training Run: the weights it had reached were restored. */
  run?: boolean;
}

/** Edits that were not applied, offered to restore or discard, with the cells they change. */
export interface Offer {
  edits: EditState;
  names: string[];
}

/** The last apply of saved edits or of a share link did not finish: it was not done again. */
export interface Recovery extends Offer {
  source: 'saved' | 'shared';
}

/** What another tab's save did here. */
export interface FromOtherTab {
  /** Cells that took the other tab's edit. */
  taken: string[];
  /** Cells both tabs changed: this tab kept its own; these are the other tab's edits. */
  kept: EditState;
}

/** A record at least this long (characters) is written when typing pauses, not after every edit. */
export const deferAbove = 50_000;
/** How long typing must pause before a large record is written (ms). */
export const deferFor = 500;

export class WorkbookStore {
  readonly url: string;
  readonly history = new History();
  readonly persistence: Persistence;
  session: Session | undefined;
  /** The content hash of the session's workbook. */
  hash = '';
  restored: Restored | undefined;
  /** The last apply did not finish; its edits wait for Restore or Discard. */
  recovery: Recovery | undefined;
  /** The student's own edits, kept when a share link replaced them. */
  backup: Offer | undefined;
  /** The hash of the workbook each offer's edits were made in. */
  private readonly offeredFrom = { recovery: '', backup: '' };
  /** Another tab saved this workbook. */
  otherTab: FromOtherTab | undefined;
  /** The edits as this tab last saved them or took them from another tab (merging by cell). */
  private synced: EditState = { entries: {}, formulas: {} };
  /** The hash saved records and links of this workbook may carry from before textHash. */
  private legacyHash = '';
  /** Counts applies, so that only the latest one's marker is removed. */
  private applies = 0;
  private unlisten: (() => void) | undefined;
  private readonly listeners = new Set<() => void>();
  /** Cancels the write of a large record that is waiting for typing to pause. */
  private pending: (() => void) | undefined;

  constructor(url: string, storage: StorageProvider = browserStorage) {
    this.url = url;
    this.persistence = new Persistence(url, storage);
    this.history.onChange(() => this.notify());
    unsaved.add(this);
  }

  get saveState(): SaveState {
    return this.persistence.state;
  }

  /** Called with each session of the workbook: the first restores saved edits, later ones follow a reload. */
  attach(session: Session, reload?: Reload): void {
    if (session === this.session) return;
    const previous = this.session;
    this.session = session;
    const text = sourceText(session);
    this.legacyHash = contentHash(session.spec);
    this.hash = text === undefined ? this.legacyHash : textHash(text);
    this.unlisten?.();
    if (!previous) {
      const loaded = this.persistence.load(this.hash);
      const changed = loaded.changed && !this.sameFile(loaded.hash);
      const marker = this.persistence.readSlot('applying');
      if (marker) {
        // The last apply never finished: apply nothing, offer what it was applying.
        const edits = marker.edits ?? loaded.edits;
        if (edits && !isEmpty(edits)) {
          this.recovery = { source: marker.source ?? 'saved', edits, names: namesOf(edits) };
          this.offeredFrom.recovery = marker.hash;
          // Kept in the marker, so typing (which rewrites the record) does not lose them.
          if (!marker.edits) this.persistence.writeSlot('applying', { ...marker, edits });
        } else this.persistence.writeSlot('applying', undefined);
      } else if (loaded.edits) {
        this.applying('saved');
        const { dropped } = session.restoreEdits(loaded.edits);
        this.applied(session);
        if (changed || dropped.length || loaded.run)
          this.restored = { changed, dropped, lost: pick(loaded.edits, dropped), ...(loaded.run ? { run: true } : {}) };
      }
      this.backup = this.readBackup();
      this.synced = session.edits();
      this.history.attach(session);
    } else {
      const dropped = new Set(reload?.dropped ?? []);
      this.history.follow(session, (name) => !dropped.has(name) && sameDefinition(previous, session, name));
      this.save();
      // The edits carried over are computed anew: under the marker, like any apply.
      this.applying('saved');
      this.applied(session);
    }
    this.unlisten = session.onEdit((edit) => {
      // (applyShared sets fromLink after its own edit has been reported here.)
      this.fromLink = false;
      this.save();
      // A formula or an entry typed (or pasted) is saved before it is computed (in the next
      // animation frame): if the recompute it starts freezes the tab, the next open must offer it
      // rather than apply it again.
      if (typedEdit(edit) && !this.applyingNow) queueMicrotask(() => this.markTyped(session));
    });
    this.notify();
  }

  /** Back to the workbook's own values and formulas: one step, undoable. */
  resetAll(): void {
    this.history.seal();
    this.session?.resetAll();
  }

  undo(): Edit | null {
    return this.history.undo();
  }

  redo(): Edit | null {
    return this.history.redo();
  }

  /** The state a "Share" link carries. */
  shareState(): SharedState {
    return { workbook: workbookPath(this.url), hash: this.hash, edits: this.session?.edits() ?? { entries: {}, formulas: {} } };
  }

  /**
   * Opens a shared state: the workbook's own values, then the link's edits, as one undoable
   * step. Returns the cells whose edits could not be applied, and whether the link was made
   * from another version of the workbook.
   */
  applyShared(shared: SharedState): { dropped: string[]; changed: boolean } {
    const session = this.session;
    if (!session) return { dropped: Object.keys({ ...shared.edits.entries, ...shared.edits.formulas }), changed: true };
    // The student's own edits are kept (not the untouched state of an earlier link).
    const own = session.edits();
    if (!isEmpty(own) && !this.fromLink) {
      this.persistence.writeSlot('backup', { hash: this.hash, edits: own });
      this.backup = { edits: own, names: namesOf(own) };
      this.offeredFrom.backup = this.hash;
    }
    let dropped: string[] = [];
    this.history.seal();
    this.applying('shared', shared.edits);
    session.group(messages.editSharedLink(), () => {
      session.resetAll();
      dropped = session.restoreEdits(shared.edits).dropped;
    });
    this.applied(session);
    this.fromLink = true;
    this.notify();
    return { dropped, changed: !this.sameFile(shared.hash) };
  }

  /** The state is a share link's, untouched since: it is not the student's own work to back up. */
  private fromLink = false;

  /** Applies the edits the last, unfinished, apply was making (one undoable step). */
  restoreRecovery(): void {
    const r = this.recovery,
      session = this.session;
    if (!r || !session) return;
    this.recovery = undefined;
    this.history.seal();
    this.applying(r.source, r.edits);
    let dropped: string[] = [];
    session.group(messages.editRestored(), () => (dropped = session.restoreEdits(r.edits).dropped));
    this.applied(session);
    this.tellDropped(r, this.offeredFrom.recovery, dropped);
  }

  /** Throws away the edits of the unfinished apply. */
  discardRecovery(): void {
    this.recovery = undefined;
    this.persistence.writeSlot('applying', undefined);
    this.saveNow();
    this.notify();
  }

  /** Back to the student's own edits, which a share link replaced (one undoable step). */
  restoreBackup(): void {
    const b = this.backup,
      session = this.session;
    if (!b || !session) return;
    this.history.seal();
    this.applying('saved', b.edits);
    let dropped: string[] = [];
    session.group(messages.editOwn(), () => {
      session.resetAll();
      dropped = session.restoreEdits(b.edits).dropped;
    });
    this.applied(session);
    this.backup = undefined;
    this.persistence.writeSlot('backup', undefined);
    this.tellDropped(b, this.offeredFrom.backup, dropped);
  }

  /** Offered edits were restored: the cells that could not take theirs are shown, as on opening. */
  private tellDropped(offer: Offer, hash: string, dropped: string[]): void {
    if (dropped.length) this.restored = { changed: !this.sameFile(hash), dropped, lost: pick(offer.edits, dropped) };
    this.notify();
  }

  /** The student's own edits a share link replaced, if they are kept. */
  private readBackup(): Offer | undefined {
    const backup = this.persistence.readSlot('backup');
    if (!backup?.edits || isEmpty(backup.edits)) return undefined;
    this.offeredFrom.backup = backup.hash;
    return { edits: backup.edits, names: namesOf(backup.edits) };
  }

  discardBackup(): void {
    this.backup = undefined;
    this.persistence.writeSlot('backup', undefined);
    this.notify();
  }

  dismissOtherTab(): void {
    this.otherTab = undefined;
    this.notify();
  }

  /**
   * A `storage` event (another tab of this browser wrote `key`). Another tab's save of this
   * workbook is merged by cell (see the top of this file); its backup slot is followed.
   */
  storageChanged(key: string | null, _newValue: string | null): void {
    const session = this.session;
    if (!session || key === null) return;
    if (key === storageKey(this.url, 'backup')) {
      this.backup = this.readBackup();
      return this.notify();
    }
    if (key !== this.persistence.key) return;
    // What is stored now: an event may be older than this tab's own later write.
    // (Storage that cannot be read tells nothing: it is not an empty record to merge.)
    const now = this.persistence.current();
    if (now === undefined) return;
    const record = Persistence.parse(now);
    if (!record) return;
    const other = record.edits,
      mine = session.edits(),
      base = this.synced;
    const take: EditState = { entries: {}, formulas: {} },
      reset: ['entries' | 'formulas', string][] = [],
      kept: EditState = { entries: {}, formulas: {} };
    for (const part of ['entries', 'formulas'] as const) {
      const names = new Set([...Object.keys(other[part]), ...Object.keys(mine[part]), ...Object.keys(base[part])]);
      for (const name of names) {
        const o = other[part][name],
          m = mine[part][name],
          b = base[part][name];
        if (same(o, m)) continue;
        if (same(m, b)) {
          if (o === undefined) reset.push([part, name]);
          else (take[part] as Record<string, unknown>)[name] = o;
        } else if (!same(o, b) && o !== undefined) (kept[part] as Record<string, unknown>)[name] = o;
      }
    }
    // Exercise answers as a whole: the other tab's, if this tab's did not change since the last sync.
    const answersOf = (e: EditState) => JSON.stringify([e.answers ?? {}, e.shown ?? []]);
    const takeAnswers = answersOf(other) !== answersOf(mine) && answersOf(mine) === answersOf(base);
    const answerNames = takeAnswers
      ? namesOf({ entries: {}, formulas: {}, answers: { ...mine.answers, ...other.answers }, shown: [...(mine.shown ?? []), ...(other.shown ?? [])] })
      : [];
    let taken = [...new Set([...namesOf(take), ...reset.map(([, name]) => name), ...answerNames])];
    if (taken.length) {
      let dropped: string[] = [];
      this.history.seal();
      session.group(messages.editOtherTab(), () => {
        for (const [part, name] of reset) {
          if (part === 'entries') session.resetInput(name);
          else session.restoreFormula(name);
        }
        dropped = session.restoreEdits(take).dropped;
        if (takeAnswers) session.exercises.setAnswers(other.answers ?? {}, other.shown ?? []);
      });
      // Edits this version of the workbook cannot take (the other tab has another) are shown, not taken.
      taken = taken.filter((n) => !dropped.includes(n));
      const notTaken = pick(take, dropped);
      Object.assign(kept.entries, notTaken.entries);
      Object.assign(kept.formulas, notTaken.formulas);
    }
    if (taken.length || !isEmpty(kept)) this.otherTab = { taken, kept };
    this.fromLink = false;
    // What this tab has that the other's record lacks is written back, so neither is lost.
    if (!sameState(session.edits(), other)) this.saveNow();
    else this.synced = session.edits();
    this.notify();
  }

  /** The page is being left: a training Run going on ends (one step) and everything is saved. */
  leave(): void {
    const session = this.session;
    if (!session) return;
    let run = false;
    const off = session.onEdit((e) => {
      if (e.kind === 'group' && e.training && e.label === messages.editRun()) run = true;
    });
    try {
      session.flush();
    } finally {
      off();
    }
    this.saveNow(run);
    // The page is being left, so it did not freeze: an apply still computing (a background tab
    // gets no frames to finish in) is not an unfinished one to offer next time.
    if (!this.recovery) this.persistence.writeSlot('applying', undefined);
  }

  /** Set while this store applies edits itself (under a marker of its own). */
  private applyingNow = false;

  /** A formula or an entry typed: under the marker until computed, like saved edits applied. */
  private markTyped(session: Session): void {
    // While a recovery is offered its marker is set already, holding the offered edits (which
    // may be large: rewriting them at every keystroke is what a large record avoids).
    if (this.session !== session || this.recovery) return;
    this.applying('saved');
    this.applied(session);
  }

  /** The marker before an apply: if the page freezes or crashes before it is removed, the next open applies nothing. */
  private applying(source: 'saved' | 'shared', edits?: EditState): void {
    this.applies++;
    this.applyingNow = true;
    this.persistence.writeSlot('applying', this.recovery && !edits ? this.held(this.recovery) : { hash: this.hash, source, ...(edits ? { edits } : {}) });
  }

  /** The marker of a recovery still offered: it holds the offered edits until Restore or Discard. */
  private held(r: Recovery): { hash: string; source: Recovery['source']; edits: EditState } {
    return { hash: this.offeredFrom.recovery, source: r.source, edits: r.edits };
  }

  /** The edits are applied: the marker is removed once the sheet has computed them. */
  private applied(session: Session): void {
    this.applyingNow = false;
    const at = this.applies;
    void session.settled().then(() => {
      if (at === this.applies && this.session === session) this.persistence.writeSlot('applying', this.recovery ? this.held(this.recovery) : undefined);
    });
  }

  /** A hash saved with a record or a link names this very file (its text, or, from before, its spec). */
  private sameFile(hash: string | undefined): boolean {
    return hash === this.hash || hash === this.legacyHash;
  }

  /** Throws away an unreadable saved record so that edits are saved again. */
  discardUnreadable(): void {
    this.persistence.discard();
    this.save();
    this.notify();
  }

  /** The student has seen what could not be restored. */
  dismissRestored(): void {
    this.restored = undefined;
    this.notify();
  }

  /** Called when the history, the saving state or the restore notice changes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.flush();
    unsaved.delete(this);
    this.unlisten?.();
    this.history.detach();
    this.listeners.clear();
  }

  /** Writes a record that is waiting, now. */
  flush(): void {
    if (this.pending) this.saveNow();
  }

  private save(): void {
    if (!this.session) return;
    if (this.persistence.size < deferAbove) return this.saveNow();
    this.pending?.();
    this.pending = later(() => this.saveNow(), deferFor);
  }

  private saveNow(run = false): void {
    this.pending?.();
    this.pending = undefined;
    if (!this.session) return;
    const before = this.persistence.state;
    const edits = this.session.edits();
    const after = this.persistence.save(this.hash, edits, run);
    // What another tab can have seen of this tab: only what was written.
    if (after.saving) this.synced = edits;
    if (before.saving !== after.saving || (!before.saving && !after.saving && before.reason !== after.reason)) this.notify();
  }

  private notify(): void {
    this.listeners.forEach((l) => l());
  }
}

/** The cell means the same in both sessions: the workbook defines it with the same formula. */
function sameDefinition(a: Session, b: Session, name: string): boolean {
  const before = a.plan.byName.get(name)?.checked.spec.formula;
  return before !== undefined && before === b.plan.byName.get(name)?.checked.spec.formula;
}

/** Runs fn once `ms` have passed and the page is idle; returns a function that cancels it. */
function later(fn: () => void, ms: number): () => void {
  const g = globalThis as { requestIdleCallback?: (f: () => void, o: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void };
  let idle: number | undefined;
  const timer = setTimeout(() => {
    if (g.requestIdleCallback) idle = g.requestIdleCallback(fn, { timeout: 2000 });
    else fn();
  }, ms);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) g.cancelIdleCallback?.(idle);
  };
}

/** Every store: the page tells them when it is hidden or left (components/page-life.ts). */
const unsaved = new Set<WorkbookStore>();
/** The tab is hidden: every store writes what is waiting. */
export const flushAll = (): void => unsaved.forEach((s) => s.flush());
/** The page is left (a reload too): every store writes, a training Run going on with the weights it reached. */
export const leaveAll = (): void => unsaved.forEach((s) => s.leave());

/**
 * An edit a student makes that changes what the sheet computes: a formula, an entry, a paste, or
 * a group of them (Reset all, an undo). Training steps are not: a Run makes one every frame, and
 * a Run left with the page is saved as one step (leave).
 */
function typedEdit(edit: Edit): boolean {
  if (edit.kind === 'group') return !edit.training && edit.edits.some(typedEdit);
  return edit.kind === 'formula' || edit.kind === 'entry' || edit.kind === 'entries';
}

function namesOf(edits: EditState): string[] {
  return [...new Set([...Object.keys(edits.entries), ...Object.keys(edits.formulas), ...Object.keys(edits.answers ?? {}), ...(edits.shown ?? [])])];
}

function same(a: string[][] | string | undefined, b: string[][] | string | undefined): boolean {
  if (a === undefined || b === undefined || typeof a === 'string' || typeof b === 'string') return a === b;
  return sameTexts(a, b);
}

function sameState(a: EditState, b: EditState): boolean {
  // Exercise answers are compared whole (another tab's answers are not merged entry by entry).
  if (JSON.stringify([a.answers ?? {}, a.shown ?? []]) !== JSON.stringify([b.answers ?? {}, b.shown ?? []])) return false;
  return (['entries', 'formulas'] as const).every((part) => {
    const names = new Set([...Object.keys(a[part]), ...Object.keys(b[part])]);
    return [...names].every((n) => same(a[part][n], b[part][n]));
  });
}

function pick(edits: EditState, names: readonly string[]): EditState {
  const out: EditState = { entries: {}, formulas: {} };
  for (const name of names) {
    if (Object.hasOwn(edits.entries, name)) out.entries[name] = edits.entries[name];
    if (Object.hasOwn(edits.formulas, name)) out.formulas[name] = edits.formulas[name];
    if (edits.answers && Object.hasOwn(edits.answers, name)) (out.answers ??= {})[name] = edits.answers[name];
    if (edits.shown?.includes(name)) (out.shown ??= []).push(name);
  }
  return out;
}

const stores = new Map<string, WorkbookStore>();

/**
 * The store of a workbook URL (absolute), created on first use and following the workbook's
 * session from then on. Ask for it before the session loads, so saved edits are restored
 * before anything is shown.
 */
export function storeFor(url: string, storage: StorageProvider = browserStorage): WorkbookStore {
  let store = stores.get(url);
  if (!store) {
    const s = (store = new WorkbookStore(url, storage));
    stores.set(url, s);
    // A workbook that cannot be loaded has nothing to store; the element that shows it says why.
    watchSession(
      url,
      (session, reload) => s.attach(session, reload),
      () => stores.delete(url),
    );
  }
  return store;
}
