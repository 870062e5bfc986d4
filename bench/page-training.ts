// Figure 4c: training on the page. 06-universal-approximation.md (four charts redrawn from the
// trained weights, and the loss curve) in a window tall enough that every chart is in view,
// Run for a fixed number of steps: steps per second from the click to the end of the run,
// against the batch driver training the same block from the same start in the same page
// (src/train/batch.ts runBatch, nothing drawn). Alternating, several rounds; medians.

import { benchSite, launch } from './browser.ts';
import { type Options, type Row, fmt, median } from './table.ts';

export async function measure(opts: Options): Promise<Row[]> {
  const rows: Row[] = [];
  const site = await benchSite();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${site.url}/bench/index.html`);
    await page.evaluate((u) => window.bench.open(u), `${site.url}/workbooks/06-universal-approximation.md`);
    // Every chart in view: a window as tall as the page.
    const height = await page.evaluate(() => window.bench.height());
    await page.setViewport({ width: 1280, height: Math.min(height + 50, 16000) });
    const steps = opts.smoke ? 60 : 3000,
      rounds = opts.smoke ? 1 : 5; // 3,000: the block's own Run
    const onPage: number[] = [],
      batch: number[] = [];
    let charts = 0,
      inView = 0;
    for (let r = 0; r < rounds; r++) {
      const run = await page.evaluate((n) => window.bench.trainOnPage(n), steps);
      onPage.push(run.rate);
      ({ charts, inView } = run);
      batch.push(await page.evaluate((n) => window.bench.trainBatch(n), steps));
    }
    const p = median(onPage),
      b = median(batch);
    rows.push({
      figure: 'page training',
      case: `06-universal-approximation.md, Run ${steps} steps, ${inView} of ${charts} charts in view`,
      value: `${fmt(p)} steps/s`,
    });
    rows.push({ figure: 'page training', case: '… the batch driver, same block and start, same page', value: `${fmt(b)} steps/s` });
    rows.push({
      figure: 'page training',
      case: "… the page's throughput to the batch driver's",
      value: `${(p / b).toFixed(2)}×`,
      target: '≥ 0.5×',
      met: p / b >= 0.5 && inView === charts,
    });
  } finally {
    await browser.close();
    await site.close();
  }
  return rows;
}
