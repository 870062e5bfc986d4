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
// No DOM: storage comes from a provider (localStorage in a browser), so this runs under Node.

import type { Edit, EditState, Session } from '../reactive/session.ts';
import { watchSession, type Reload } from '../reactive/registry.ts';
import { History } from './history.ts';
import { Persistence, browserStorage, contentHash, type SaveState, type StorageProvider } from './persist.ts';
import { workbookPath, type SharedState } from './share.ts';

/** What became of the saved edits when the page opened. */
export interface Restored {
  /** The workbook file changed since they were saved. */
  changed: boolean;
  /** Cells whose saved edits could not be restored (removed, or changed shape or kind). */
  dropped: string[];
  /** Those edits, as they were saved, so the student can still see what they typed. */
  lost: EditState;
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
    this.hash = contentHash(session.spec);
    this.unlisten?.();
    if (!previous) {
      const loaded = this.persistence.load(this.hash);
      if (loaded.edits) {
        const { dropped } = session.restoreEdits(loaded.edits);
        if (loaded.changed || dropped.length) this.restored = { changed: loaded.changed, dropped, lost: pick(loaded.edits, dropped) };
      }
      this.history.attach(session);
    } else {
      const dropped = new Set(reload?.dropped ?? []);
      this.history.follow(session, (name) => !dropped.has(name) && sameDefinition(previous, session, name));
      this.save();
    }
    this.unlisten = session.onEdit(() => this.save());
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
    let dropped: string[] = [];
    this.history.seal();
    session.group('Shared link', () => {
      session.resetAll();
      dropped = session.restoreEdits(shared.edits).dropped;
    });
    return { dropped, changed: shared.hash !== this.hash };
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

  private saveNow(): void {
    this.pending?.();
    this.pending = undefined;
    if (!this.session) return;
    const before = this.persistence.state;
    const after = this.persistence.save(this.hash, this.session.edits());
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

/** Every store; a page that is hidden or left writes what is waiting (in a browser). */
const unsaved = new Set<WorkbookStore>();
const flushAll = () => unsaved.forEach((s) => s.flush());
const page = globalThis as { addEventListener?: (type: string, f: () => void) => void; document?: { visibilityState?: string } };
page.addEventListener?.('pagehide', flushAll);
page.addEventListener?.('visibilitychange', () => {
  if (page.document?.visibilityState === 'hidden') flushAll();
});

function pick(edits: EditState, names: readonly string[]): EditState {
  const out: EditState = { entries: {}, formulas: {} };
  for (const name of names) {
    if (Object.hasOwn(edits.entries, name)) out.entries[name] = edits.entries[name];
    if (Object.hasOwn(edits.formulas, name)) out.formulas[name] = edits.formulas[name];
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
    watchSession(url, (session, reload) => s.attach(session, reload), () => stores.delete(url));
  }
  return store;
}
