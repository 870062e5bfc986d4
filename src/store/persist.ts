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
// {"v": 1, "hash": "<content hash>", "edits": {"entries": {name: [[text]]}, "formulas": {name: text}}}.

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
}

export const recordVersion = 1;

export function storageKey(url: string): string {
  return `gradsheet:edits:${url.split('#')[0]}`;
}

/**
 * A hash of everything the workbook file says (its spec, which is plain JSON), so a changed
 * file is detected. Not cryptographic: it tells versions of one file apart (53 bits, cyrb53).
 */
export function contentHash(spec: WorkbookSpec): string {
  const text = JSON.stringify({ ...spec, source: '' });
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
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
  return out;
}

export function isEmpty(edits: EditState): boolean {
  return !Object.keys(edits.entries).length && !Object.keys(edits.formulas).length;
}

export interface Loaded {
  /** The saved edits, if there are any that could be read. */
  edits?: EditState;
  /** The edits were saved from another version of the workbook file. */
  changed: boolean;
}

export class Persistence {
  state: SaveState = { saving: true };
  readonly key: string;
  /** Characters in the record last written (0 when there is none). */
  size = 0;

  constructor(url: string, private readonly storage: StorageProvider = browserStorage) {
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
    return { edits: record.edits, changed: record.hash !== hash };
  }

  /** Saves the edits (removes the record when there are none). Never throws. */
  save(hash: string, edits: EditState): SaveState {
    if (!this.state.saving && this.state.reason === 'corrupt') return this.state;
    const store = this.open();
    if (!store) return this.state;
    try {
      if (isEmpty(edits)) {
        store.removeItem(this.key);
        this.size = 0;
      } else {
        const text = JSON.stringify({ v: recordVersion, hash, edits } satisfies SavedRecord);
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
  return edits ? { v: recordVersion, hash: value.hash, edits } : null;
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
