// Work for the next animation frame, run from one callback. A recompute of a 1,000-cell sheet
// reports "pending" for every cell, and each cell looks again in the next frame: as 1,000
// callbacks of their own, with a microtask checkpoint after each, that frame took several
// milliseconds before it could paint (edit → paint, bench/).

let queued: (() => void)[] | undefined;

/** Runs `fn` in the next animation frame, beside everything else queued for it, in the order queued. */
export function inNextFrame(fn: () => void): void {
  if (!queued) {
    const now: (() => void)[] = (queued = []);
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
  queued.push(fn);
}
