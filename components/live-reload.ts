// Live reload while authoring (npm start): the dev server announces every saved workbook file
// on a Server-Sent Events stream (scripts/dev-plugins.mjs, liveReloadPlugin); each workbook
// loaded on this page from that path is read again, keeping the student's edits
// (src/reactive/registry.ts, reloadWorkbook). Not part of the bundle for course sites.

import { loadedWorkbooks, reloadWorkbook, type Reload } from '../src/reactive/registry.ts';

/** Where the dev server streams its notices; the same constant is in scripts/dev-plugins.mjs. */
export const WORKBOOK_CHANGES = '/__gradsheet__/workbook-changes';

export interface LiveReload {
  /** Resolves once the stream is open: a file saved after that is seen. */
  ready: Promise<void>;
  /** The page holds its stream (not while hidden). */
  readonly connected: boolean;
  close(): void;
}

/**
 * Follows the dev server's notices; `onReload` is called after each workbook is reloaded.
 *
 * A browser keeps at most six connections to one server, and each stream holds one: with six
 * tabs of workbooks open (or pages kept for the Back button) a seventh page would wait for
 * minutes. So a hidden page lets go of its stream, and when it is shown again it reads its
 * workbooks again, which catches a file saved meanwhile (an unchanged file is not reloaded).
 */
export function followWorkbookChanges(onReload?: (reload: Reload) => void, url = WORKBOOK_CHANGES): LiveReload {
  let source: EventSource | undefined;
  let opened!: () => void;
  const ready = new Promise<void>((resolve) => (opened = resolve));
  const reload = (path?: string) => {
    for (const loaded of loadedWorkbooks()) {
      if (path !== undefined && new URL(loaded).pathname !== path) continue;
      void reloadWorkbook(loaded).then((r) => r && onReload?.(r));
    }
  };
  const connect = () => {
    if (source) return;
    source = new EventSource(url);
    source.addEventListener('open', () => opened(), { once: true });
    source.addEventListener('workbook', (event) => reload((JSON.parse((event as MessageEvent<string>).data) as { path: string }).path));
  };
  const release = () => {
    source?.close();
    source = undefined;
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') return release();
    if (!source) {
      connect();
      reload();
    }
  };
  const onPageShow = (e: PageTransitionEvent) => {
    if (e.persisted) onVisibility();
  };
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', release);
  window.addEventListener('pageshow', onPageShow);
  connect();
  return {
    ready,
    get connected() {
      return source !== undefined;
    },
    close: () => {
      release();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', release);
      window.removeEventListener('pageshow', onPageShow);
    },
  };
}
