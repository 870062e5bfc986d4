// The page the browser figures run in (bench/browser.ts builds it like the embed bundle: one
// minified ES module, production Lit). It registers gradsheet's elements and gives the
// benchmark a few functions on window.bench: open a workbook, time edits, the same graph on a
// bare @observablehq/runtime, the heap.

import '../../components/index.ts';
import { Runtime, RuntimeError, type Variable } from '@observablehq/runtime';
import { readWorkbook } from '../../src/format/read.ts';
import { planWorkbook } from '../../src/workbook.ts';
import { matFromRows, type Value } from '../../src/formula/value.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import type { GsTrain } from '../../components/gs-train.ts';
import type { GsFigure } from '../../components/gs-figure.ts';
import type { Plan } from '../../src/graph/compile.ts';
import { runBatch } from '../../src/train/batch.ts';

/** Chromium's prioritized task scheduler (not in TypeScript's DOM types yet). */
const scheduler = (globalThis as { scheduler?: { postTask(f: () => void, o: { priority: string }): Promise<void> } }).scheduler;

/** Time of the paint of the first frame in which `done()` holds, and when that frame began. */
interface Painted {
  at: number;
  frame: number;
}

/** Checks `done()` in each frame's animation callbacks; resolves after the first frame in which it holds is painted. */
function paintedWhen(done: () => boolean): Promise<Painted> {
  return new Promise((resolve) => {
    let frame = 0;
    // A task posted from a frame's animation callbacks runs after that frame's rendering; posted
    // as user-blocking, it runs before any other task the frame queued (a chart's redraw).
    const painted = () => resolve({ at: performance.now(), frame });
    const poll = (t: number) => {
      frame = t;
      if (!done()) requestAnimationFrame(poll);
      else if (scheduler) void scheduler.postTask(painted, { priority: 'user-blocking' });
      else setTimeout(painted, 0);
    };
    requestAnimationFrame(poll);
  });
}

/** An edit's latency (input event to paint) and the part of it spent in the frame that shows it. */
export interface EditTime {
  latency: number;
  inFrame: number;
  /** From the event to the end of its handlers (the edit itself, before any recompute). */
  handler: number;
  /** From the event until every cell on the page, in view or not, has re-rendered (not frame-aligned). */
  all: number;
}

const editTime =
  (t0: number, handled = performance.now()) =>
  (p: Painted): Omit<EditTime, 'all'> => ({ latency: p.at - t0, inFrame: p.at - p.frame, handler: handled - t0 });

/** The cells in view: an edit is shown when these show it (the others re-render when the page is idle). */
function inView(cells: GsCell[]): GsCell[] {
  return cells.filter((c) => {
    const r = c.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  });
}

let workbook: GsWorkbook | undefined;

/** One measured edit: from the input event to the frame that shows every dependent cell. */
let armed: ((t: EditTime) => void) | undefined;
let armedCells: { all: GsCell[]; visible: GsCell[] } | undefined;
let inputAt = 0;
/** When the open workbook's session last reported a change (performance.now()). */
let lastReport = -Infinity;
let stopReports: (() => void) | undefined;
window.addEventListener('input', (e) => (inputAt = e.timeStamp), true);
window.addEventListener('input', (e) => {
  if (bareEdit && e.target === bareInput) return bareEdit(e.timeStamp);
  const resolve = armed;
  if (!resolve || !workbook) return;
  armed = undefined;
  const wb = workbook,
    session = wb.session!;
  // Recomputed: the runtime has reported since the edit, and no cell is waiting for a value.
  // (Cheap to check each frame: awaiting session.settled() would cost the page more than the edit.)
  // The session may report before this listener runs (it computes right after the edit's own
  // handler), so the time of its last report is kept for the whole page, not from here on.
  const { all, visible } = armedCells!;
  const t0 = inputAt;
  const done = () => lastReport >= t0 && session.cells.every((c) => c.status !== 'pending') && !wb.isUpdatePending && visible.every((c) => !c.isUpdatePending);
  void paintedWhen(done)
    .then(editTime(t0))
    .then(async (t) => {
      // Then every other cell: each has an update scheduled by now, or has none to make.
      await Promise.all(all.map((c) => c.updateComplete));
      resolve({ ...t, all: performance.now() - t0 });
    });
});

/** The same graph on a bare runtime: one variable per cell, the plan's own functions, no rendering. */
function bareRuntime(plan: Plan) {
  const runtime = new Runtime(null, (name: string) => {
    throw new RuntimeError(`${name} is not defined`);
  });
  const module = runtime.module();
  const versions = new Map<string, number>();
  const variables = new Map<string, Variable>();
  for (const cell of plan.cells) {
    if (plan.byName.get(cell.name) !== cell) continue;
    const v = module.variable({ fulfilled: () => versions.set(cell.name, (versions.get(cell.name) ?? 0) + 1) });
    variables.set(cell.name, v);
    if (cell.kind === 'input') {
      const value = cell.run();
      v.define(cell.name, [], () => value);
    } else v.define(cell.name, cell.inputs, cell.run);
  }
  const dependents = (name: string) => {
    const out = new Set<string>();
    let grew = true;
    while (grew) {
      grew = false;
      for (const cell of plan.cells) {
        if (!out.has(cell.name) && cell.inputs.some((d) => d === name || out.has(d))) {
          out.add(cell.name);
          grew = true;
        }
      }
    }
    return [...out];
  };
  return {
    runtime,
    settled: () => Promise.all([...variables.keys()].map((n) => module.value(n).catch(() => undefined))),
    /** Redefines an input; resolves with the time from t0 to the frame in which every dependent has its new value. */
    edit(name: string, value: Value, t0: number): Promise<EditTime> {
      const deps = dependents(name);
      const before = new Map(deps.map((d) => [d, versions.get(d) ?? 0]));
      variables.get(name)!.define(name, [], () => value);
      return paintedWhen(() => deps.every((d) => (versions.get(d) ?? 0) > before.get(d)!))
        .then(editTime(t0))
        .then((t) => ({ ...t, all: t.latency }));
    },
  };
}

let bare: ReturnType<typeof bareRuntime> | undefined;
/** The bare runtime's edits are typed too, into an input of the page, so both start from the same kind of event. */
const bareInput = document.createElement('input');
bareInput.setAttribute('aria-label', 'bare runtime edit');
let bareEdit: ((t0: number) => void) | undefined;

const bench = {
  /** Shows a workbook; resolves with the time it took to be computed and rendered. */
  async open(url: string): Promise<number> {
    const t0 = performance.now();
    workbook?.remove();
    workbook = document.createElement('gs-workbook');
    workbook.src = url;
    document.body.append(workbook);
    const session = await workbook.loaded;
    stopReports?.();
    stopReports = session.view.onAnyChange(() => (lastReport = performance.now()));
    await workbook.settled();
    await Promise.all([...workbook.querySelectorAll<GsCell>('gs-cell')].map((c) => c.updateComplete));
    return performance.now() - t0;
  },
  /** Focuses an entry and selects its text; the next input event is timed (await bench.edited()). */
  arm(cell: string, label: string): void {
    const el = workbook!.querySelector<GsCell>(`gs-cell[name="${cell}"]`)!;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!;
    input.focus();
    input.select();
    const all = [...workbook!.querySelectorAll<GsCell>('gs-cell')];
    armedCells = { all, visible: inView(all) };
    edited = new Promise((resolve) => (armed = resolve));
  },
  edited: (): Promise<EditTime> => edited,
  cells: (): number => workbook?.querySelectorAll('gs-cell').length ?? 0,
  /**
   * Waits as a student's typing does between keys: until the charts and every cell (in view or
   * not) show the last edit, two more frames, and then `phase` ms into the next one, so that keys
   * land anywhere in a frame.
   */
  async quiet(phase: number): Promise<void> {
    const plots = [...(workbook?.querySelectorAll<GsFigure>('gs-figure') ?? [])].map((f) => f.plot).filter((p) => p !== null);
    await Promise.all(plots.map((p) => p.drawn));
    await Promise.all([...(workbook?.querySelectorAll<GsCell>('gs-cell') ?? [])].map((c) => c.updateComplete));
    for (let k = 0; k < 2; k++) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => setTimeout(r, phase));
  },
  /**
   * Scrolls the page down by `step` px a frame, `frames` times (or, with `cell`, the viewport of
   * that cell's large grid by `step` px down, or across when `across`); the median and 95th
   * percentile frame intervals.
   */
  scroll(step: number, frames: number, cell?: string, across = false): Promise<[number, number]> {
    const target: { scrollBy(x: number, y: number): void } = cell
      ? workbook!.querySelector<GsCell>(`gs-cell[name="${cell}"]`)!.shadowRoot!.querySelector<HTMLElement>('.viewport')!
      : window;
    return new Promise((resolve) => {
      const times: number[] = [];
      const tick = (t: number) => {
        times.push(t);
        target.scrollBy(across ? step : 0, across ? 0 : step);
        if (times.length <= frames) requestAnimationFrame(tick);
        else {
          const gaps = times
            .slice(1)
            .map((x, k) => x - times[k])
            .sort((a, b) => a - b);
          resolve([gaps[Math.floor(gaps.length / 2)], gaps[Math.min(gaps.length - 1, Math.ceil(gaps.length * 0.95) - 1)]]);
        }
      };
      requestAnimationFrame(tick);
    });
  },
  /** Takes the workbook off the page (before the bare runtime runs alone). */
  async close(): Promise<void> {
    workbook?.remove();
    workbook = undefined;
    await new Promise((r) => setTimeout(r, 100));
  },
  async bare(url: string): Promise<void> {
    bare?.runtime.dispose();
    bare = bareRuntime(planWorkbook(readWorkbook(await (await fetch(url)).text(), url)));
    await bare.settled();
  },
  /** The next key typed goes to the bare runtime: `name` becomes `rows` (await bench.edited()). */
  armBare(name: string, rows: number[][]): void {
    if (!bareInput.isConnected) document.body.prepend(bareInput);
    bareInput.value = '';
    bareInput.focus();
    edited = new Promise((resolve) => {
      bareEdit = (t0) => {
        bareEdit = undefined;
        void bare!.edit(name, matFromRows(rows), t0).then(resolve);
      };
    });
  },
  disposeBare(): void {
    bare?.runtime.dispose();
    bare = undefined;
  },
  /** The median interval between animation frames, over `n` frames. */
  frameInterval(n = 60): Promise<number> {
    return new Promise((resolve) => {
      const times: number[] = [];
      const tick = (t: number) => {
        times.push(t);
        if (times.length <= n) requestAnimationFrame(tick);
        else {
          const gaps = times
            .slice(1)
            .map((x, k) => x - times[k])
            .sort((a, b) => a - b);
          resolve(gaps[Math.floor(gaps.length / 2)]);
        }
      };
      requestAnimationFrame(tick);
    });
  },
  /** Every workbook element on the page at once (the memory figure). */
  async openAll(urls: string[]): Promise<void> {
    const all = urls.map((url) => {
      const wb = document.createElement('gs-workbook');
      wb.src = url;
      document.body.append(wb);
      return wb;
    });
    await Promise.all(
      all.map(async (wb) => {
        await wb.loaded;
        await wb.settled();
      }),
    );
  },
  /** Runs `steps` training steps of the first ```train block of the workbook at `url` on the page. */
  async train(url: string, steps: number): Promise<number> {
    const wb = [...document.querySelectorAll('gs-workbook')].find((w) => w.src === url)!;
    const trainer = wb.querySelector<GsTrain>('gs-train')!.trainer!;
    const state = await trainer.run({ steps, target: null });
    return state.step;
  },
  /**
   * The open workbook's first training block, Run for `steps` steps with the page drawing it
   * (the sheet, the charts, the loss curve): steps per second from the click to the end of the
   * run, then Reset. And which of the charts were in view when it ended.
   */
  async trainOnPage(steps: number): Promise<{ rate: number; charts: number; inView: number }> {
    const trainer = workbook!.querySelector<GsTrain>('gs-train')!.trainer!;
    trainer.reset();
    await workbook!.settled();
    const t0 = performance.now();
    const state = await trainer.run({ steps, target: null });
    const rate = state.step / ((performance.now() - t0) / 1000);
    const charts = [...workbook!.querySelectorAll<HTMLElement>('gs-figure, gs-train')];
    const inView = charts.filter((c) => {
      const r = c.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    }).length;
    trainer.reset();
    await workbook!.settled();
    return { rate, charts: charts.length, inView };
  },
  /** The same block trained by the batch driver alone, in this page, from the same start: steps per second. */
  trainBatch(steps: number): number {
    const trainer = workbook!.querySelector<GsTrain>('gs-train')!.trainer!;
    const session = workbook!.session!;
    const t0 = performance.now();
    const run = runBatch(session.plan, trainer.train, session.inputValues(), steps);
    return run.steps / ((performance.now() - t0) / 1000);
  },
  /** The height of the page with the open workbook on it. */
  height: (): number => document.documentElement.scrollHeight,
  reset(url: string): void {
    const wb = [...document.querySelectorAll('gs-workbook')].find((w) => w.src === url)!;
    wb.querySelector<GsTrain>('gs-train')!.trainer!.reset();
  },
};

let edited: Promise<EditTime> = Promise.resolve({ latency: NaN, inFrame: NaN, handler: NaN, all: NaN });

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
