// One Session per workbook URL per page: every <gs-cell workbook="…"> and <gs-workbook src="…">
// naming the same file shares its runtime, so an edit in one shows in all. Different
// workbooks never share anything. A session can be replaced (the file changed on disk);
// everyone watching the URL is then handed the new one, with what became of the edits.

import { readWorkbook } from '../format/read.ts';
import { dataFiles, dataURL, loadData } from '../format/data.ts';
import { Session } from './session.ts';
import { messages } from '../messages.ts';
import { limits } from '../limits.ts';

export class LoadError extends Error {
  /** What went wrong, without the address ("HTTP 404 Not Found"). */
  readonly detail: string;
  constructor(url: string, detail: string) {
    super(messages.loadFailed(url, detail));
    this.name = 'LoadError';
    this.detail = detail;
  }
}

/**
 * Bytes read from the network at most: a workbook over limits.maxFileBytes is reported by the
 * reader as a located problem, so a little more than that is read; a 1 GB file is never read
 * into the tab.
 */
const maxDownload = 4 * limits.maxFileBytes;

/** What a live reload did: edits that could not be carried over, or why the file could not be read. */
export interface Reload {
  url: string;
  /** Cells whose edits were not kept: they are gone from the file, or changed shape or kind. */
  dropped: string[];
  /** Set when the changed file could not be fetched; the old session stays. */
  error?: string;
}

type Watcher = (session: Session, reload?: Reload) => void;

interface Entry {
  promise: Promise<Session>;
  current?: Session;
  /** The text the current session was read from. */
  text?: string;
  /** Counts reloads, so that only the latest one is put in place. */
  generation: number;
  watchers: Set<Watcher>;
}

const entries = new Map<string, Entry>();

/**
 * How long a workbook may take to arrive, all of it (headers and body): a server that never
 * finishes its response would otherwise leave every cell "pending" forever. Tests shorten it.
 */
export const loading = { timeoutMs: 15_000 };

/** The text each session was read from (its saved edits are tied to a hash of it). */
const texts = new WeakMap<Session, string>();

/**
 * A session of a workbook's text with the data files its cells read (csv("points.csv")),
 * fetched from beside it; a file that cannot be fetched is an error in its cells (format/data.ts).
 */
export async function openSessionWithData(text: string, url: string): Promise<Session> {
  const spec = readWorkbook(text, url); // read once: a workbook without data files opens as it is
  const session = new Session(dataFiles(spec).length ? await loadData(spec, fetchDataText(url)) : spec);
  texts.set(session, text);
  return session;
}

/** Fetches a data file beside the workbook at `url`, with the same deadline and a cap of its own. */
function fetchDataText(url: string): (file: string) => Promise<string> {
  return async (file) => {
    const at = dataURL(file, url);
    try {
      return await fetchWorkbookText(at, { cap: limits.maxDataBytes, isHtml: messages.dataIsHtml() });
    } catch (e) {
      throw e instanceof LoadError ? new Error(e.detail) : e;
    }
  };
}

/** A session of a workbook's text, remembering the text. */
export function openSession(text: string, url: string): Session {
  const session = new Session(readWorkbook(text, url));
  texts.set(session, text);
  return session;
}

/** The text a session was read from, when it was opened from one (openSession). */
export function sourceText(session: Session): string | undefined {
  return texts.get(session);
}

/** Workbooks whose text the page holds (inline in it), by the URL they are known by: never fetched. */
const held = new Map<string, string>();

/**
 * The page holds the text of the workbook known by `url` (inline): it is read from this text,
 * not fetched. A different text for a workbook already loaded replaces it as a live reload
 * does, keeping the student's edits.
 */
export function holdWorkbookText(url: string, text: string): void {
  const before = held.get(url);
  held.set(url, text);
  if (before !== undefined && before !== text) void reloadWorkbook(url, text);
}

function readText(url: string): Promise<string> {
  const text = held.get(url);
  return text === undefined ? fetchWorkbookText(url) : Promise.resolve(text);
}

/** How much to read at most, and what to say of a web page sent instead: the workbook's by default. */
interface Fetching {
  cap: number;
  isHtml: string;
}

export async function fetchWorkbookText(url: string, how: Fetching = { cap: maxDownload, isHtml: messages.loadIsHtml() }): Promise<string> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Every wait races the deadline: a stalled body stops the load too, not only a stalled connection.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new LoadError(url, messages.loadTimeout(loading.timeoutMs / 1000)));
      controller.abort();
    }, loading.timeoutMs);
  });
  deadline.catch(() => undefined);
  try {
    return await readResponse(url, controller.signal, deadline, how);
  } finally {
    clearTimeout(timer);
  }
}

async function readResponse(url: string, signal: AbortSignal, deadline: Promise<never>, { cap, isHtml }: Fetching): Promise<string> {
  let response: Response;
  try {
    response = await Promise.race([fetch(url, { credentials: 'same-origin', cache: 'no-cache', signal }), deadline]);
  } catch (e) {
    if (e instanceof LoadError) throw e;
    if (signal.aborted) throw await deadline.catch((timedOut: unknown) => timedOut);
    throw new LoadError(url, e instanceof Error ? e.message : messages.loadNetwork());
  }
  if (!response.ok) throw new LoadError(url, `HTTP ${response.status} ${response.statusText}`.trim());
  // A redirect to a login or home page: say so, rather than "no cell named x" later.
  if (/^\s*(text\/html|application\/xhtml\+xml)\b/i.test(response.headers.get('content-type') ?? '')) {
    void response.body?.cancel().catch(() => undefined);
    throw new LoadError(url, isHtml);
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > cap) throw new LoadError(url, messages.loadTooLarge(declared, cap));
  if (!response.body) return await Promise.race([response.text(), deadline]);
  // Read with a cap, in case the length was not declared.
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await Promise.race([reader.read(), deadline]);
    } catch (e) {
      void reader.cancel().catch(() => undefined);
      if (signal.aborted && !(e instanceof LoadError)) throw await deadline.catch((timedOut: unknown) => timedOut);
      throw e instanceof LoadError ? e : new LoadError(url, e instanceof Error ? e.message : messages.loadNetwork());
    }
    const { done, value } = chunk;
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel();
      throw new LoadError(url, messages.loadTooLarge(total, cap));
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  // Not fatal on bad UTF-8: the reader reports the replacement characters as a located problem.
  // HTML sent as text/plain (or no type) is read, and reported by the reader as not a workbook.
  return new TextDecoder('utf-8').decode(bytes);
}

function entryFor(url: string): Entry {
  let entry = entries.get(url);
  if (!entry) {
    const e: Entry = {
      promise: readText(url).then((text) => {
        e.text = text;
        return openSessionWithData(text, url);
      }),
      generation: 0,
      watchers: new Set(),
    };
    e.promise.then(
      (s) => (e.current = s),
      () => entries.delete(url),
    ); // a failed load is not cached
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
export function watchSession(url: string, onSession: Watcher, onError: (error: Error) => void): () => void {
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
export function replaceSession(url: string, session: Session, reload?: Reload): void {
  const entry = entries.get(url);
  if (!entry) return;
  const old = entry.current;
  entry.current = session;
  entry.promise = Promise.resolve(session);
  entry.watchers.forEach((w) => w(session, reload));
  if (old && old !== session) old.dispose();
}

/**
 * The workbook file changed (live reload while authoring): reads it again (or takes `text`),
 * builds a new session, carries the student's edits over, and hands it to every watcher with
 * the names of the cells whose edits could not be kept. Returns null when nothing was done:
 * the workbook is not loaded, its text did not change, or a later reload overtook this one.
 */
export async function reloadWorkbook(url: string, text?: string): Promise<Reload | null> {
  const entry = entries.get(url);
  if (!entry?.current) return null;
  const generation = ++entry.generation;
  let next: string;
  try {
    next = text ?? (await readText(url));
  } catch (e) {
    if (generation !== entry.generation) return null;
    const reload: Reload = { url, dropped: [], error: e instanceof Error ? e.message : String(e) };
    entry.watchers.forEach((w) => w(entry.current!, reload));
    return reload;
  }
  if (generation !== entry.generation || next === entry.text) return null;
  const opened = await openSessionWithData(next, url);
  if (generation !== entry.generation) {
    opened.dispose();
    return null;
  }
  const old = entry.current;
  const session = opened;
  // The edits are taken now, not when the fetch began: nothing typed meanwhile is lost.
  const { dropped } = session.restoreEdits(old.edits());
  entry.text = next;
  const reload: Reload = { url, dropped };
  replaceSession(url, session, reload);
  return reload;
}

/** The URLs of every workbook loaded on this page. */
export function loadedWorkbooks(): string[] {
  return [...entries.keys()];
}
