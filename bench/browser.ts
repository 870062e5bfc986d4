// Headless Chromium for the browser figures: the bench page (bench/page/main.ts) built like the
// embed bundle (one minified ES module, production Lit) into a directory of its own, served with
// the lecture's workbooks and the generated ones by the plain static server, and Debian's
// Chromium driven by puppeteer-core. Nothing is downloaded.

import { build } from 'esbuild';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { chromiumArgs, executablePath } from '../scripts/chromium.mjs';
import { serveStatic } from '../scripts/serve-static.mjs';
import { bundleOptions } from '../scripts/build.mjs';
import { seeded } from './table.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export { chromiumArgs };

export function launch(extra: string[] = []): Promise<Browser> {
  return puppeteer.launch({ executablePath, headless: true, args: [...chromiumArgs, ...extra] });
}

export interface BenchSite {
  url: string;
  /** Writes a workbook the page can open at `${url}/gen/${name}`. */
  addWorkbook(name: string, text: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the bench page and serves it; `url` + '/bench/index.html' is the page. */
export async function benchSite(): Promise<BenchSite> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gradsheet-bench-'));
  await build(bundleOptions({ entryPoints: { main: 'bench/page/main.ts' }, outdir: dir, minify: process.env.BENCH_MINIFY !== '0' }));
  await writeFile(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>gradsheet bench</title>' +
      '<script type="module" src="./main.js"></script></head><body></body></html>',
  );
  await mkdir(path.join(dir, 'gen'));
  const server = await serveStatic({
    mounts: { '/bench/': dir, '/workbooks/': path.join(root, 'workbooks'), '/gen/': path.join(dir, 'gen') },
  });
  return {
    url: server.url,
    async addWorkbook(name, text) {
      await writeFile(path.join(dir, 'gen', name), text);
      return `${server.url}/gen/${name}`;
    },
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A network with `depth` layers of 2 sigmoid units and every backprop partial as a cell: 6·depth + 4 cells. */
export function deepWorkbook(depth: number): string {
  const uniform = seeded(7),
    next = () => uniform() * 2 - 1;
  const w = () => `[${next().toFixed(3)}, ${next().toFixed(3)}; ${next().toFixed(3)}, ${next().toFixed(3)}]`;
  const h = (l: number) => (l === 0 ? 'x' : `h${l}`);
  const cells: string[] = ['x = [0.5; -0.3]', 'y = 1'];
  for (let l = 1; l <= depth; l++) cells.push(`Theta${l} = ${w()}`);
  for (let l = 1; l <= depth; l++) cells.push(`s${l} = Theta${l}' * ${h(l - 1)}`, `h${l} = sigmoid(s${l})`);
  cells.push(`y_hat = sum(h${depth})`, 'E = 0.5 * (y - y_hat)^2', `dE_dh${depth} = (y_hat - y) * ones(2, 1)`);
  for (let l = depth; l >= 1; l--) {
    cells.push(`dE_ds${l} = dE_dh${l} .* h${l} .* (1 - h${l})`, `dE_dTheta${l} = ${h(l - 1)} * dE_ds${l}'`);
    if (l > 1) cells.push(`dE_dh${l - 1} = Theta${l} * dE_ds${l}`);
  }
  const blocks: string[] = [];
  for (let k = 0; k < cells.length; k += 10) blocks.push('```cells\n' + cells.slice(k, k + 10).join('\n') + '\n```');
  return `# A deep network, every partial a cell\n\n${depth} layers of 2 sigmoid units; ${cells.length} cells.\n\n${blocks.join('\n\n')}\n`;
}
