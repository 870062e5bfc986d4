// Figure 3: what the embed bundle weighs. `npm run build` (scripts/build.mjs) into a directory of
// its own; every file with its size, gzipped (level 9), and whether a page loads it up front (the
// entry and every chunk it reaches by static imports) or on demand. The target is on what a page
// downloads before its first cell can show, without plots.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBundle } from '../scripts/build.mjs';
import type { Options, Row } from './table.ts';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function measure(_opts: Options): Promise<Row[]> {
  const outdir = await mkdtemp(path.join(tmpdir(), 'gradsheet-bench-size-'));
  try {
    const { files } = await buildBundle({ outdir });
    const rows: Row[] = files.map((f) => ({
      figure: 'size',
      case: `${f.file} (${f.eager ? 'up front' : 'on demand'}${what(f.file)})`,
      value: `${kb(f.gzip)} gz (${kb(f.bytes)})`,
    }));
    const eager = files.filter((f) => f.eager).reduce((n, f) => n + f.gzip, 0);
    const markdown = files.find((f) => f.file.includes('markdown-'));
    rows.push({ figure: 'size', case: 'up front, without plots', value: `${kb(eager)} gz`, target: '≤ 200 KB gz', met: eager <= 200 * 1024 });
    if (markdown) {
      rows.push({ figure: 'size', case: 'up front + Markdown (a page with prose or captions)', value: `${kb(eager + markdown.gzip)} gz` });
    }
    return rows;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/** What is in a chunk, by its name (esbuild names a dynamic import's chunk after its module). */
function what(file: string): string {
  if (file === 'gradsheet.js') return ', the entry';
  if (file.includes('embed-')) return ': vega, when a plot is shown';
  if (file.includes('markdown-')) return ': markdown-it, when prose or a caption is shown';
  if (file.includes('gs-graph-')) return ': the dependency graph view';
  if (file.includes('vega-interpreter-')) return ": vega's expression interpreter";
  return '';
}
