// One Session per workbook URL per page: every <gs-cell workbook="…"> and <gs-workbook src="…">
// naming the same file shares its runtime, so an edit in one shows in all. Different
// workbooks never share anything.

import { readWorkbook } from '../format/read.ts';
import { Session } from './session.ts';

const sessions = new Map<string, Promise<Session>>();

export class LoadError extends Error {
  constructor(url: string, detail: string) {
    super(`Could not load the workbook ${url}: ${detail}.`);
    this.name = 'LoadError';
  }
}

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

/** The shared session for a workbook URL (absolute), loading it on first use. */
export function sessionFor(url: string): Promise<Session> {
  let session = sessions.get(url);
  if (!session) {
    session = fetchWorkbookText(url).then((text) => new Session(readWorkbook(text, url)));
    sessions.set(url, session);
    // A failed load is not cached: the next element may try again.
    session.catch(() => sessions.delete(url));
  }
  return session;
}
