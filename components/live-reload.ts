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
  close(): void;
}

/** Follows the dev server's notices; `onReload` is called after each workbook is reloaded. */
export function followWorkbookChanges(onReload?: (reload: Reload) => void, url = WORKBOOK_CHANGES): LiveReload {
  const source = new EventSource(url);
  const ready = new Promise<void>((resolve) => source.addEventListener('open', () => resolve(), { once: true }));
  source.addEventListener('workbook', (event) => {
    const { path } = JSON.parse((event as MessageEvent<string>).data) as { path: string };
    for (const loaded of loadedWorkbooks()) {
      if (new URL(loaded).pathname !== path) continue;
      void reloadWorkbook(loaded).then((reload) => reload && onReload?.(reload));
    }
  });
  return { ready, close: () => source.close() };
}
