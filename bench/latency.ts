// Figures 1 and 5 (the per-edit part): edit → paint latency in headless Chromium. Each edit is
// a key typed into an entry (puppeteer's keyboard: a trusted input event); the time runs from
// that event's timestamp to the end of the first frame in which every cell on the page has
// recomputed and re-rendered (bench/page/main.ts). Baseline: the same graph and the same edit on
// a bare @observablehq/runtime (the plan's own cell functions, no rendering), in the same page.

import type { Page } from 'puppeteer-core';
import { type BenchSite, benchSite, deepWorkbook, launch } from './browser.ts';
import type { EditTime } from './page/main.ts';
import { type Options, type Row, fmt, median, percentile, seeded } from './table.ts';

interface Case {
  name: string;
  url: (site: Awaited<ReturnType<typeof benchSite>>) => Promise<string>;
  /** The entry typed into: its cell, its accessible name, and the matrix it belongs to (for the baseline). */
  cell: string;
  label: string;
  value: (digit: number) => number[][];
  /** Frames allowed at the 95th percentile. */
  frames: number;
  figure: string;
}

const cases: Case[] = [
  {
    name: 'worked example (07-backpropagation.md), Θ1[1,1]',
    figure: 'edit→paint',
    url: async (s) => `${s.url}/workbooks/07-backpropagation.md`,
    cell: 'Theta1',
    label: 'Theta1[1,1]',
    value: (d) => [
      [d, 2.1, -1.5],
      [-0.3, -0.7, 0.3],
    ],
    frames: 1,
  },
  {
    name: 'generated deep network, 1,000 cells, x[1,1]',
    figure: 'edit→paint',
    url: (s) => s.addWorkbook('deep-1000.md', deepWorkbook(166)),
    cell: 'x',
    label: 'x[1,1]',
    value: (d) => [[d], [-0.3]],
    frames: 2,
  },
  {
    name: '20-layer vanishing gradient (10-vanishing-gradient.md), x[1,1]',
    figure: 'scale',
    url: async (s) => `${s.url}/workbooks/10-vanishing-gradient.md`,
    cell: 'x',
    label: 'x[1,1]',
    value: (d) => [[d], [0.5], [-0.5], [-1]],
    frames: 2,
  },
];

/** Where in a frame each key lands, ms after a frame's start: the same seeded sequence for every run. */
function phases(n: number): number[] {
  const next = seeded(42);
  return Array.from({ length: n }, () => next() * (1000 / 60));
}

async function edits(page: Page, c: Case, n: number): Promise<EditTime[]> {
  const out: EditTime[] = [];
  const when = phases(n);
  for (let k = 0; k < n; k++) {
    const digit = 1 + (k % 9);
    await page.evaluate((phase) => window.bench.quiet(phase), when[k]);
    await page.evaluate((cell, label) => window.bench.arm(cell, label), c.cell, c.label);
    await page.keyboard.press(String(digit) as never);
    out.push(await page.evaluate(() => window.bench.edited()));
  }
  return out;
}

async function bareEdits(page: Page, c: Case, n: number): Promise<EditTime[]> {
  const out: EditTime[] = [];
  const when = phases(n);
  for (let k = 0; k < n; k++) {
    await page.evaluate((phase) => window.bench.quiet(phase), when[k]);
    await page.evaluate((name, rows) => window.bench.armBare(name, rows), c.cell, c.value(1 + (k % 9)));
    await page.keyboard.press(String(1 + (k % 9)) as never);
    out.push(await page.evaluate(() => window.bench.edited()));
  }
  return out;
}

/** One case's rows: gradsheet's edits, then the bare runtime's, on the same graph. `cond` names the conditions (throttling). */
async function measureCase(page: Page, site: BenchSite, c: Case, n: number, warm: number, cond = ''): Promise<Row[]> {
  const rows: Row[] = [];
  const url = await c.url(site);
  const load = await page.evaluate((u) => window.bench.open(u), url);
  const cells = await page.evaluate(() => window.bench.cells());
  await edits(page, c, warm);
  const timed = await edits(page, c, n);
  await page.evaluate(() => window.bench.close());
  await page.evaluate((u) => window.bench.bare(u), url);
  await bareEdits(page, c, warm);
  const bareTimed = await bareEdits(page, c, n);
  await page.evaluate(() => window.bench.disposeBare());
  const ms = timed.map((t) => t.latency),
    bare = bareTimed.map((t) => t.latency);
  const work = timed.map((t) => t.inFrame),
    bareWork = bareTimed.map((t) => t.inFrame);
  const [p50, p95, b50, b95] = [median(ms), percentile(ms, 95), median(bare), percentile(bare, 95)];
  const limit = c.frames * (1000 / 60);
  rows.push({ figure: c.figure, case: `${c.name}${cond}: first render of ${cells} cells`, value: `${fmt(load)} ms` });
  rows.push({
    figure: c.figure,
    case: `${c.name}${cond}: gradsheet, ${n} edits, cells in view`,
    value: `median ${fmt(p50)} ms, p95 ${fmt(p95)} ms`,
    target: `p95 ≤ ${fmt(limit)} ms (${c.frames} frame${c.frames > 1 ? 's' : ''})`,
    met: p95 <= limit,
  });
  rows.push({ figure: c.figure, case: `${c.name}${cond}: bare runtime, same graph`, value: `median ${fmt(b50)} ms, p95 ${fmt(b95)} ms` });
  rows.push({
    figure: c.figure,
    case: `${c.name}${cond}: ratio to the bare runtime`,
    value: `median ${(p50 / b50).toFixed(2)}×, p95 ${(p95 / b95).toFixed(2)}×`,
  });
  const every = timed.map((t) => t.all);
  rows.push({
    figure: c.figure,
    case: `${c.name}${cond}: until every cell, in view or not, has re-rendered`,
    value: `median ${fmt(median(every))} ms, p95 ${fmt(percentile(every, 95))} ms`,
  });
  rows.push({
    figure: c.figure,
    case: `${c.name}${cond}: of which in the frame that shows it, gradsheet / bare`,
    value: `median ${fmt(median(work))} / ${fmt(median(bareWork))} ms, p95 ${fmt(percentile(work, 95))} / ${fmt(percentile(bareWork, 95))} ms`,
  });
  return rows;
}

export async function measure(opts: Options): Promise<Row[]> {
  const rows: Row[] = [];
  const n = opts.smoke ? 3 : 60,
    warm = opts.smoke ? 1 : 5;
  const site = await benchSite();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${site.url}/bench/index.html`);
    const frame = await page.evaluate(() => window.bench.frameInterval());
    rows.push({ figure: 'edit→paint', case: 'frame interval of headless Chromium', value: `${fmt(frame)} ms` });
    for (const c of cases) rows.push(...(await measureCase(page, site, c, n, warm)));
    // A slower machine: Chromium's CPU throttled 4× (how Lighthouse stands in for a mid-range
    // laptop or a school Chromebook), the worked example, gradsheet and the bare runtime alike.
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    try {
      rows.push(...(await measureCase(page, site, { ...cases[0], frames: 2 }, n, warm, ', CPU 4× throttled')));
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await cdp.detach();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return rows;
}
