// Figure 2: cold start, from a fresh browser profile (nothing cached) to the worked example
// being interactive: its Θ1[1,1] entry is on the page and its cell has computed (a key typed now
// is an edit). Timed from the navigation's start (performance.now() in the page) to the first
// animation frame in which that holds.
// - `npm start`: the dev server (web-dev-server.config.mjs) started on a free port; the clock
//   starts once it answers, at the gallery's page for the workbook (/?w=07-backpropagation.md).
// - the embed: `npm run build` served by the plain static server (scripts/serve-static.mjs),
//   the course page (examples/course-page), which embeds cells of two workbooks.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { buildBundle } from '../scripts/build.mjs';
import { defaultMounts, serveStatic } from '../scripts/serve-static.mjs';
import { launch } from './browser.ts';
import { type Options, type Row, fmt, median } from './table.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitUp(url: string, child: ChildProcess): Promise<void> {
  for (let k = 0; k < 600; k++) {
    if (child.exitCode !== null) throw new Error(`the dev server exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the dev server did not answer within 30 s');
}

/**
 * Opens `url` in a fresh context; resolves with the time (ms since navigation start) of the first
 * frame in which the Θ1[1,1] entry of the worked example is there and its cell has a value, and
 * with the scripts the page requested.
 */
async function interactive(browser: Browser, url: string): Promise<{ ms: number; scripts: string[] }> {
  const context = await browser.createBrowserContext();
  try {
    const page: Page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    // Checked in every frame from the very start of the page, so the first frame that qualifies is the one timed.
    // (A string, not a function: tsx would wrap a named function in a helper the page lacks.)
    await page.evaluateOnNewDocument(`(() => {
      const ready = () => [...document.querySelectorAll('gs-cell[name="Theta1"]')].some((el) =>
        el.status === 'ok' && el.shadowRoot && el.shadowRoot.querySelector('input[aria-label="Theta1[1,1]"]'));
      const tick = () => {
        if (ready()) window.interactiveAt = performance.now();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const ms = await page.waitForFunction(() => (window as unknown as { interactiveAt?: number }).interactiveAt ?? false, { timeout: 30_000 });
    return { ms: (await ms.jsonValue()) as number, scripts };
  } finally {
    await context.close();
  }
}

export async function measure(opts: Options): Promise<Row[]> {
  const rows: Row[] = [];
  const runs = opts.smoke ? 1 : 7;
  const browser = await launch();
  try {
    // The dev server, started afresh for every run.
    const dev: number[] = [];
    for (let k = 0; k < runs; k++) {
      const port = await freePort();
      const child = spawn(process.execPath, [path.join(root, 'node_modules/@web/dev-server/dist/bin.js'), '--config', 'web-dev-server.config.mjs'], {
        cwd: root,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: 'ignore',
      });
      try {
        await waitUp(`http://127.0.0.1:${port}/`, child);
        dev.push((await interactive(browser, `http://127.0.0.1:${port}/?w=07-backpropagation.md`)).ms);
      } finally {
        child.kill();
      }
    }
    rows.push({
      figure: 'cold start',
      case: `npm start, server up → worked example interactive (${runs} runs)`,
      value: `median ${fmt(median(dev))} ms, max ${fmt(Math.max(...dev))} ms`,
      target: '< 1 s',
      met: median(dev) < 1000,
    });

    // The course page on a plain static server.
    const outdir = await mkdtemp(path.join(tmpdir(), 'gradsheet-bench-embed-'));
    try {
      await buildBundle({ outdir });
      const server = await serveStatic({ mounts: { ...defaultMounts, '/dist/': outdir } });
      try {
        const embed: number[] = [];
        let scripts: string[] = [];
        for (let k = 0; k < runs; k++) {
          const r = await interactive(browser, `${server.url}/examples/course-page/index.html`);
          embed.push(r.ms);
          scripts = r.scripts;
        }
        rows.push({
          figure: 'cold start',
          case: `embed: course page from a static server → interactive (${runs} runs)`,
          value: `median ${fmt(median(embed))} ms, max ${fmt(Math.max(...embed))} ms`,
          target: '< 1 s',
          met: median(embed) < 1000,
        });
        const vega = scripts.some((s) => s.includes('/embed-'));
        rows.push({
          figure: 'cold start',
          case: 'embed: scripts the course page loaded (no plot on it)',
          value: `${scripts.length}: ${scripts.map((s) => path.basename(s).replace(/-[A-Z0-9]{8}\.js$/, '')).join(', ')}`,
          target: 'no vega',
          met: !vega,
        });
      } finally {
        await server.close();
      }
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
  return rows;
}
