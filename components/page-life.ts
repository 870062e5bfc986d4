// The page's life as the engine needs to hear of it, in one place: animation frames for a
// training Run (none while the tab is hidden, so a background tab still makes progress), and
// the moments saved work must be written (the tab hidden, the page left). The engine under
// src/ never names the page; it is handed these.
import type { Schedule } from '../src/reactive/trainer.ts';
import { flushAll, leaveAll } from '../src/store/workbook-store.ts';

/** The next animation frame, or the next task while the tab is hidden (frames stop there). */
export const nextFrame: Schedule = (fn) => {
  if (document.hidden) setTimeout(fn, 0);
  else requestAnimationFrame(() => fn());
};

let listening = false;

/** Writes what is waiting when the tab is hidden, and saves a Run going on when the page is left (a reload too). Once per page. */
export function listenForPageLeave(): void {
  if (listening) return;
  listening = true;
  addEventListener('pagehide', leaveAll);
  addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushAll();
  });
}
