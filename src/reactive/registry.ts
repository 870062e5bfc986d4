// One Session per workbook URL per page: every <gs-cell workbook="…"> and <gs-workbook src="…">
// naming the same file shares its runtime, so an edit in one shows in all. Different
// workbooks never share anything. A session can be replaced (the file changed on disk);
// everyone watching the URL is then handed the new one.

import { readWorkbook } from '../format/read.ts';
import { Session } from './session.ts';

export class LoadError extends Error {
  constructor(url: string, detail: string) {
    super(`Could not load the workbook ${url}: ${detail}.`);
    this.name = 'LoadError';
  }
}

interface Entry {
  promise: Promise<Session>;
  current?: Session;
  watchers: Set<(session: Session) => void>;
}

const entries = new Map<string, Entry>();

export async function fetchWorkbookText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-cache' });
  } catch (e) {
    throw new LoadError(url, e instanceof Error ? e.message : 'the network request failed');
  }
  if (!response.ok) throw new LoadError(url, `HTTP ${response.status} ${response.statusText}`.trim());
  return response.text();
}

function entryFor(url: string): Entry {
  let entry = entries.get(url);
  if (!entry) {
    const e: Entry = { promise: fetchWorkbookText(url).then((text) => new Session(readWorkbook(text, url))), watchers: new Set() };
    e.promise.then((s) => (e.current = s), () => entries.delete(url)); // a failed load is not cached
    entries.set(url, (entry = e));
  }
  return entry;
}

/** The shared session for a workbook URL (absolute), loading it on first use. */
export function sessionFor(url: string): Promise<Session> {
  const entry = entryFor(url);
  return entry.current ? Promise.resolve(entry.current) : entry.promise;
}

/**
 * Calls `onSession` with the workbook's session once it is loaded, and again whenever it is
 * replaced; `onError` if it cannot be loaded. Returns a function that stops watching.
 */
export function watchSession(url: string, onSession: (session: Session) => void, onError: (error: Error) => void): () => void {
  const entry = entryFor(url);
  let active = true;
  entry.watchers.add(onSession);
  sessionFor(url).then(
    (s) => active && onSession(s),
    (e) => active && onError(e instanceof Error ? e : new Error(String(e))),
  );
  return () => {
    active = false;
    entry.watchers.delete(onSession);
  };
}

/** Puts a new session in place of the old one (which is disposed) and tells every watcher. */
export function replaceSession(url: string, session: Session): void {
  const entry = entries.get(url);
  if (!entry) return;
  const old = entry.current;
  entry.current = session;
  entry.promise = Promise.resolve(session);
  entry.watchers.forEach((w) => w(session));
  if (old && old !== session) old.dispose();
}

/** The URLs of every workbook loaded on this page. */
export function loadedWorkbooks(): string[] {
  return [...entries.keys()];
}
