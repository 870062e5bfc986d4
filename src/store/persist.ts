// Every edit a student makes is saved in the browser (localStorage), one record per workbook
// URL, and restored when the page is opened again. The record carries a hash of the workbook's
// content: when the file changed since, the edits to cells that still exist (with the same
// shape and kind) are restored and the others are named, never dropped silently.
//
// Storage can fail in three ways, and none of them may break the page: it is blocked (reading
// `localStorage` throws), full (writing throws QuotaExceededError), or the record is corrupt
// (not ours, or damaged). The sheet then works in memory and says that edits are not being
// saved. A corrupt record is left as it is until the student chooses to discard it.
//
// Record: key "gradsheet:edits:<workbook URL without #fragment>", value
// {"v": 1, "hash": "<content hash>", "edits": {"entries": {name: [[text]]}, "formulas": {name: text}}}
// and, when the page was left during a training Run, "run": true (its weights are in the edits).
//
// Two more slots per workbook, each a record of the same shape:
//   "gradsheet:applying:<URL>"  written before saved edits or a share link are applied and
//       removed once the sheet has computed them ("source": "saved" | "shared"). Found when the
//       page opens, it means the last apply never finished (the tab froze or crashed): nothing
//       is applied, and the edits it names are offered to restore or discard.
//   "gradsheet:backup:<URL>"    the student's own edits, kept when a share link replaced them.

import type { WorkbookSpec } from '../format/spec.ts';
import type { EditState } from '../reactive/session.ts';
import { isValidName } from '../graph/names.ts';
import { messages } from '../messages.ts';

/** The part of the Web Storage API used here (tests pass their own). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Returns the storage, or throws when the browser blocks it (as `window.localStorage` does). */
export type StorageProvider = () => StorageLike | undefined;

export const browserStorage: StorageProvider = () => (globalThis as { localStorage?: StorageLike }).localStorage;

export type NotSaving = 'blocked' | 'full' | 'corrupt' | 'failed' | 'unavailable';

export type SaveState = { saving: true } | { saving: false; reason: NotSaving; message: string };

export interface SavedRecord {
  v: 1;
  hash: string;
  edits: EditState;
  run?: true;
}

export const recordVersion = 1;

export function storageKey(url: string, slot: Slot = 'edits'): string {
  return `gradsheet:${slot}:${url.split('#')[0]}`;
}

/** The records kept per workbook: its edits, the apply in progress, the own edits a link replaced. */
export type Slot = 'edits' | 'applying' | 'backup';

/** A record of the "applying" or "backup" slot. */
export interface SlotRecord {
  hash: string;
  /** Absent in an "applying" marker of saved edits: they are the workbook's record. */
  edits?: EditState;
  source?: 'saved' | 'shared';
}

/**
 * A hash of everything the workbook file says (its spec, which is plain JSON), so a changed
 * file is detected. Not cryptographic: it tells versions of one file apart (53 bits, cyrb53).
 */
export function contentHash(spec: WorkbookSpec): string {
  return cyrb53(JSON.stringify({ ...spec, source: '' }));
}

/**
 * A hash of the workbook file's text as the reader sees it (a byte-order mark and CRLF line
 * ends do not count). Unlike contentHash, it does not change when gradsheet itself changes how
 * it reads a file (a reworded problem message, a new field of the spec): a record is then not
 * reported as "workbook changed" when the file did not change.
 */
export function textHash(text: string): string {
  return 't' + cyrb53(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
}

function cyrb53(text: string): string {
  let h1 = 0xdeadbeef,
    h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** An EditState read from untrusted JSON (storage, a shared link), or null when it is not one. */
export function readEditState(value: unknown): EditState | null {
  if (!isObject(value)) return null;
  const { entries, formulas } = value as { entries?: unknown; formulas?: unknown };
  if (!isObject(entries) || !isObject(formulas)) return null;
  const out: EditState = { entries: {}, formulas: {} };
  // Only cell names are keys: never "__proto__", which would change what the object is.
  if (![...Object.keys(entries), ...Object.keys(formulas)].every(isValidName)) return null;
  for (const [name, grid] of Object.entries(entries)) {
    if (!Array.isArray(grid) || !grid.every((row) => Array.isArray(row) && row.every((t) => typeof t === 'string'))) return null;
    out.entries[name] = grid as string[][];
  }
  for (const [name, text] of Object.entries(formulas)) {
    if (typeof text !== 'string') return null;
    out.formulas[name] = text;
  }
  // Exercise answers (src/exercise): optional, so records and links made before them still read.
  const { answers, shown } = value as { answers?: unknown; shown?: unknown };
  if (answers !== undefined) {
    if (!isObject(answers) || !Object.keys(answers).every(isValidName)) return null;
    const grids: Record<string, string[][]> = {};
    for (const [name, grid] of Object.entries(answers)) {
      if (!Array.isArray(grid) || !grid.every((row) => Array.isArray(row) && row.every((t) => typeof t === 'string'))) return null;
      grids[name] = grid as string[][];
    }
    out.answers = grids;
  }
  if (shown !== undefined) {
    if (!Array.isArray(shown) || !shown.every((n) => typeof n === 'string' && isValidName(n))) return null;
    out.shown = shown as string[];
  }
  return out;
}

export function isEmpty(edits: EditState): boolean {
  return !Object.keys(edits.entries).length && !Object.keys(edits.formulas).length && !Object.keys(edits.answers ?? {}).length && !(edits.shown ?? []).length;
}

export interface Loaded {
  /** The saved edits, if there are any that could be read. */
  edits?: EditState;
  /** The edits were saved from another version of the workbook file. */
  changed: boolean;
  /** The page was left during a training Run; the edits hold its weights at that moment. */
  run?: boolean;
  /** The content hash the record was saved with. */
  hash?: string;
}

export class Persistence {
  state: SaveState = { saving: true };
  readonly key: string;
  /** Characters in the record last written (0 when there is none). */
  size = 0;

  constructor(
    private readonly url: string,
    private readonly storage: StorageProvider = browserStorage,
  ) {
    this.key = storageKey(url);
  }

  /** Reads the saved edits. Never throws: a problem is reported in `state`. */
  load(hash: string): Loaded {
    const store = this.open();
    if (!store) return { changed: false };
    let text: string | null;
    try {
      text = store.getItem(this.key);
    } catch (e) {
      this.state = notSaving('blocked', detail(e));
      return { changed: false };
    }
    if (text === null) return { changed: false };
    this.size = text.length;
    const record = parseRecord(text);
    if (!record) {
      this.state = notSaving('corrupt');
      return { changed: false };
    }
    return { edits: record.edits, changed: record.hash !== hash, hash: record.hash, ...(record.run ? { run: true } : {}) };
  }

  /** The record another tab wrote (a `storage` event's new value), or null when it is none of ours. */
  static parse(text: string | null): SavedRecord | null {
    return text === null ? { v: recordVersion, hash: '', edits: { entries: {}, formulas: {} } } : parseRecord(text);
  }

  /** The record's text as it is now (undefined when storage cannot be read). Never throws. */
  current(): string | null | undefined {
    try {
      return this.storage()?.getItem(this.key);
    } catch {
      return undefined;
    }
  }

  /** Reads the "applying" or "backup" slot; undefined when it is empty, unreadable or storage fails. */
  readSlot(slot: Exclude<Slot, 'edits'>): SlotRecord | undefined {
    try {
      const text = this.storage()?.getItem(storageKey(this.url, slot));
      if (!text) return undefined;
      const value: unknown = JSON.parse(text);
      if (!isObject(value) || value.v !== recordVersion || typeof value.hash !== 'string') return undefined;
      const edits = value.edits === undefined ? undefined : readEditState(value.edits);
      if (edits === null) return undefined;
      const source = value.source === 'saved' || value.source === 'shared' ? value.source : undefined;
      return { hash: value.hash, ...(edits ? { edits } : {}), ...(source ? { source } : {}) };
    } catch {
      return undefined;
    }
  }

  /** Writes (or, with undefined, empties) a slot. Returns false when storage refused it. Never throws. */
  writeSlot(slot: Exclude<Slot, 'edits'>, record: SlotRecord | undefined): boolean {
    try {
      const store = this.storage();
      if (!store) return false;
      const key = storageKey(this.url, slot);
      if (record) store.setItem(key, JSON.stringify({ v: recordVersion, ...record }));
      else store.removeItem(key);
      return true;
    } catch {
      return false;
    }
  }

  /** Saves the edits (removes the record when there are none). Never throws. */
  save(hash: string, edits: EditState, run = false): SaveState {
    if (!this.state.saving && this.state.reason === 'corrupt') return this.state;
    const store = this.open();
    if (!store) return this.state;
    try {
      if (isEmpty(edits)) {
        store.removeItem(this.key);
        this.size = 0;
      } else {
        const text = JSON.stringify({ v: recordVersion, hash, edits, ...(run ? { run: true } : {}) } satisfies SavedRecord);
        store.setItem(this.key, text);
        this.size = text.length;
      }
      this.state = { saving: true };
    } catch (e) {
      this.state = isQuota(e) ? notSaving('full') : notSaving('failed', detail(e));
    }
    return this.state;
  }

  /** Removes an unreadable record, so that edits are saved again. */
  discard(): SaveState {
    const store = this.open();
    if (!store) return this.state;
    try {
      store.removeItem(this.key);
      this.state = { saving: true };
    } catch (e) {
      this.state = notSaving('failed', detail(e));
    }
    return this.state;
  }

  private open(): StorageLike | undefined {
    try {
      const store = this.storage();
      if (!store) this.state = notSaving('unavailable');
      return store;
    } catch (e) {
      this.state = notSaving('blocked', detail(e));
      return undefined;
    }
  }
}

function parseRecord(text: string): SavedRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value) || value.v !== recordVersion || typeof value.hash !== 'string') return null;
  const edits = readEditState(value.edits);
  return edits ? { v: recordVersion, hash: value.hash, edits, ...(value.run === true ? { run: true as const } : {}) } : null;
}

function notSaving(reason: NotSaving, why = ''): SaveState {
  const message = {
    blocked: () => messages.notSavingBlocked(why),
    full: () => messages.notSavingFull(),
    corrupt: () => messages.notSavingCorrupt(),
    failed: () => messages.notSavingFailed(why),
    unavailable: () => messages.notSavingUnavailable(),
  }[reason]();
  return { saving: false, reason, message };
}

function isQuota(e: unknown): boolean {
  const name = (e as { name?: unknown })?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || (e as { code?: unknown })?.code === 22;
}

function detail(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
