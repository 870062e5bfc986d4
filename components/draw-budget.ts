// The charts of a page share one drawing budget. vega redraws a chart in a task of its own,
// after the frame that shows the cells' new values; while a trainer runs, every chart gets new
// data every frame, and four of them redrawn each frame left the trainer a tenth of the time it
// has alone (bench/page-training.ts). So redraws take turns, one chart at a time, each after a
// pause as long as the last redraw took: drawing takes at most about half of the page's time,
// a chart shows its latest data at its next turn, and a single edit, with the page idle, is
// drawn at once. A chart out of view waits until it comes into view, or a quarter of a second:
// it is still redrawn while a run goes on (a few times a second, not every frame), and a page
// printed or scrolled later has it drawn.

const now = () => performance.now();

/** No redraw starts before this time (performance.now()). */
let restUntil = 0;
/** The redraws waiting or going on, one after the other. */
let turns: Promise<void> = Promise.resolve();

/** Resolves in a task after the current one (and so after the frame being rendered, if any), not before `at`. */
const taskAt = (at: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, at - now())));

/** Runs `draw` at the next turn of the page's charts; the pause after it is as long as it took. */
export function drawInTurn(draw: () => Promise<void>): Promise<void> {
  const turn = turns
    .then(() => taskAt(restUntil))
    .then(async () => {
      const started = now();
      try {
        await draw();
      } finally {
        const end = now();
        restUntil = end + (end - started);
      }
    });
  turns = turn.catch(() => undefined);
  return turn;
}

/** How long a chart out of view waits before it is drawn all the same. */
export const offscreenWaitMs = 250;

/**
 * Whether an element is in view, watched with an IntersectionObserver; `whenInView()` resolves
 * once it is, or after `offscreenWaitMs` while it is not.
 */
export class ViewWatch {
  private visible = true;
  private observer: IntersectionObserver | undefined;
  private waiting: { resolve: () => void; timer: ReturnType<typeof setTimeout> } | undefined;

  observe(el: Element): void {
    if (typeof IntersectionObserver !== 'function') return;
    this.observer ??= new IntersectionObserver((entries) => {
      this.visible = entries[entries.length - 1].isIntersecting;
      if (this.visible) this.release();
    });
    this.observer.observe(el);
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.visible = true;
    this.release();
  }

  whenInView(): Promise<void> {
    if (this.visible) return Promise.resolve();
    return new Promise((resolve) => {
      this.release();
      this.waiting = { resolve, timer: setTimeout(() => this.release(), offscreenWaitMs) };
    });
  }

  private release(): void {
    const w = this.waiting;
    if (!w) return;
    this.waiting = undefined;
    clearTimeout(w.timer);
    w.resolve();
  }
}
