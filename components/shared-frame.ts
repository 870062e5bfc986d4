// Work for the next animation frame, run from one callback. A recompute of a 1,000-cell sheet
// reports "pending" for every cell, and each cell looks again in the next frame: as 1,000
// callbacks of their own, with a microtask checkpoint after each, that frame took several
// milliseconds before it could paint (edit → paint, bench/).

let queued: Set<() => void> | undefined;

/**
 * Runs `fn` in the next animation frame, beside everything else queued for it, in the order
 * queued; the same function queued again before that frame runs once (in a hidden tab, where
 * frames stop, a cell recomputed many times waits there once, not once per recompute).
 */
export function inNextFrame(fn: () => void): void {
  if (!queued) {
    const now = (queued = new Set());
    requestAnimationFrame(() => {
      queued = undefined;
      for (const f of now) {
        try {
          f();
        } catch (e) {
          reportError(e); // as a callback of its own would: the others still run
        }
      }
    });
  }
  queued.add(fn);
}
