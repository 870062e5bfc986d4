// Figure 6: memory. The JavaScript heap of the bench page (CDP Runtime.getHeapUsage after a full
// garbage collection, HeapProfiler.collectGarbage): empty; with every lecture workbook on the page
// at once; after 10,000 training steps of the MLP-for-XOR workbook; and after each of 10 Run/Reset
// cycles of 1,000 steps, which must not grow (each cycle ends where it started: the workbook's
// own weights).

import type { CDPSession, Page } from 'puppeteer-core';
import { benchSite, launch } from './browser.ts';
import { type Options, type Row } from './table.ts';

const lecture = [
  '01-perceptron',
  '02-activation-functions',
  '03-logic-gates',
  '04-mlp-xor',
  '05-multiplication-gate',
  '06-universal-approximation',
  '07-backpropagation',
  '08-loss-functions',
  '09-gradient-descent',
  '10-vanishing-gradient',
];

async function heap(cdp: CDPSession): Promise<number> {
  for (let k = 0; k < 3; k++) await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;

export async function measure(opts: Options): Promise<Row[]> {
  const rows: Row[] = [];
  const site = await benchSite();
  const browser = await launch();
  try {
    const page: Page = await browser.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('HeapProfiler.enable');
    await page.goto(`${site.url}/bench/index.html`);
    const empty = await heap(cdp);
    rows.push({ figure: 'memory', case: 'the page, no workbook', value: mb(empty) });

    const urls = lecture.map((n) => `${site.url}/workbooks/${n}.md`);
    await page.evaluate((u) => window.bench.openAll(u), urls);
    const loaded = await heap(cdp);
    rows.push({ figure: 'memory', case: `all ${urls.length} lecture workbooks on one page`, value: `${mb(loaded)} (+${mb(loaded - empty)})` });

    const xor = urls[3];
    const steps = opts.smoke ? 100 : 10_000;
    const taken = await page.evaluate((u, n) => window.bench.train(u, n), xor, steps);
    const trained = await heap(cdp);
    rows.push({
      figure: 'memory',
      case: `after ${taken.toLocaleString('en-US')} training steps (04-mlp-xor.md)`,
      value: `${mb(trained)} (+${mb(trained - loaded)})`,
    });

    const cycles = opts.smoke ? 2 : 10,
      cycleSteps = opts.smoke ? 50 : 1000;
    const after: number[] = [];
    await page.evaluate((u) => window.bench.reset(u), xor);
    for (let k = 0; k < cycles; k++) {
      await page.evaluate((u, n) => window.bench.train(u, n), xor, cycleSteps);
      await page.evaluate((u) => window.bench.reset(u), xor);
      after.push(await heap(cdp));
    }
    // The first cycle may fill caches that stay; growth is judged from the second one on, as the
    // slope of a least-squares line through the heap after each cycle (the heap wobbles by ~1 MB).
    const ys = after.slice(1),
      n = ys.length,
      mx = (n - 1) / 2,
      my = ys.reduce((a, b) => a + b, 0) / Math.max(1, n);
    const slope = n < 2 ? 0 : ys.reduce((a, y, x) => a + (x - mx) * (y - my), 0) / ys.reduce((a, _y, x) => a + (x - mx) ** 2, 0);
    const growth = slope * Math.max(0, n - 1);
    rows.push({
      figure: 'memory',
      case: `${cycles} Run (${cycleSteps} steps) / Reset cycles: heap after each`,
      value: after.map((b) => (b / 2 ** 20).toFixed(1)).join(', ') + ' MB',
    });
    rows.push({
      figure: 'memory',
      case: `growth from cycle 2 to cycle ${cycles} (fitted line)`,
      value: `${growth >= 0 ? '+' : ''}${(growth / 1024).toFixed(0)} KB (${(slope / 1024).toFixed(0)} KB a cycle)`,
      target: '< 1 MB (no growth)',
      met: growth < 2 ** 20,
    });
  } finally {
    await browser.close();
    await site.close();
  }
  return rows;
}
