// Figure 5 (the matrix part): a 256×256 editable matrix. Its input cell is ~400,000 characters,
// which a workbook may hold (an input's literal is data, not a formula: src/formula/parse.ts).
// Measured: the time to the first render and how many <input>s it makes, the frame interval
// while the matrix's viewport scrolls down and across, and typed edits from the input event to
// the frame that shows b = A * v and s = sum(b). The 20-layer workbook's edits are measured with
// the other edits (bench/latency.ts).

import { readWorkbook } from '../src/format/read.ts';
import { planWorkbook } from '../src/workbook.ts';
import { benchSite, launch } from './browser.ts';
import { type Options, type Row, fmt, median, percentile, seeded } from './table.ts';

function bigWorkbook(n: number): string {
  const next = seeded(5),
    r = () => next().toFixed(2);
  const rows = Array.from({ length: n }, () => Array.from({ length: n }, r).join(', ')).join('; ');
  return ['# A 256×256 matrix', '', '```cells', `A = [${rows}]`, `v = ones(${n}, 1)`, 'b = A * v', 's = sum(b)', '```', ''].join('\n');
}

export async function measure(opts: Options): Promise<Row[]> {
  const rows: Row[] = [];
  const n = opts.smoke ? 16 : 256;
  const text = bigWorkbook(n);
  const plan = planWorkbook(readWorkbook(text));
  const a = plan.byName.get('A')!;
  rows.push({
    figure: 'scale',
    case: `a ${n}×${n} input cell in a workbook file (${text.length.toLocaleString('en-US')} characters)`,
    value: a.error ? `refused: ${a.error.code}` : 'accepted',
    target: 'can be written',
    met: !a.error,
  });
  const site = await benchSite();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${site.url}/bench/index.html`);
    const url = await site.addWorkbook('big.md', text);
    const load = await page.evaluate((u) => window.bench.open(u), url);
    const inputs = await page.evaluate(() => document.querySelector('gs-cell[name="A"]')!.shadowRoot!.querySelectorAll('input').length);
    rows.push({
      figure: 'scale',
      case: `${n}×${n} matrix: first render`,
      value: `${fmt(load)} ms, ${inputs.toLocaleString('en-US')} <input>s on the page`,
      target: 'render only what is visible',
      met: inputs < 5000,
    });
    // The matrix scrolls in its own viewport: down 40 px a frame, then across 40 px a frame.
    for (const [dx, way] of [
      [0, 'down'],
      [40, 'across'],
    ] as const) {
      const [f50, f95] = await page.evaluate((frames, across) => window.bench.scroll(40, frames, 'A', across), opts.smoke ? 10 : 120, dx > 0);
      rows.push({
        figure: 'scale',
        case: `${n}×${n} matrix: scrolling ${way} 40 px a frame, frame interval`,
        value: `median ${fmt(f50)} ms, p95 ${fmt(f95)} ms`,
        target: 'p95 ≤ 16.7 ms (+1 ms jitter)',
        met: f95 <= 1000 / 60 + 1,
      });
    }
    await page.evaluate(() => {
      const v = document.querySelector('gs-cell[name="A"]')!.shadowRoot!.querySelector('.viewport')!;
      v.scrollTop = 0;
      v.scrollLeft = 0;
    });
    const times: number[] = [];
    for (let k = 0; k < (opts.smoke ? 2 : 50); k++) {
      await page.evaluate((phase) => window.bench.quiet(phase), (k * 7) % 16);
      await page.evaluate(() => window.bench.arm('A', 'A[1,1]'));
      await page.keyboard.press(String(1 + (k % 9)) as never);
      times.push((await page.evaluate(() => window.bench.edited())).latency);
    }
    rows.push({
      figure: 'scale',
      case: `${n}×${n} matrix: edit A[1,1] → b = A * v and s = sum(b) shown`,
      value: `median ${fmt(median(times))} ms, p95 ${fmt(percentile(times, 95))} ms`,
      target: 'p95 ≤ 33.3 ms (2 frames)',
      met: percentile(times, 95) <= 2000 / 60,
    });
  } finally {
    await browser.close();
    await site.close();
  }
  return rows;
}
