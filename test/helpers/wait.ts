// Waiting for something that happens later without a promise to await (a run ends, an event
// from another frame arrives): polled, bounded, and a failed assertion naming what never came.
import { expect } from 'chai';

/**
 * Waits until `condition` holds, polling every 10 ms for at most `ms` of polls (a bound on the
 * loop, not a timed assertion). Given a frame, polls with that frame's timers: its events arrive
 * on its own page.
 */
export async function until(condition: () => boolean, what: string, ms?: number): Promise<void>;
export async function until(frame: HTMLIFrameElement, condition: () => boolean, what: string): Promise<void>;
export async function until(a: (() => boolean) | HTMLIFrameElement, b: string | (() => boolean), c?: string | number): Promise<void> {
  const [condition, what, ms, win] =
    typeof a === 'function' ? [a, b as string, (c as number | undefined) ?? 30_000, window] : [b as () => boolean, c as string, 10_000, a.contentWindow!];
  for (let t = 0; t < ms && !condition(); t += 10) await new Promise((r) => win.setTimeout(r, 10));
  expect(condition(), what).to.equal(true);
}
