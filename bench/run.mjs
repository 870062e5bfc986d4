// `npm run bench`: every figure of issue 8 measured in one run, printed as one table with its
// target beside it. Each figure is one file of bench/ with `measure({ smoke })`.
//
//   npm run bench                      all figures (a few minutes)
//   npm run bench -- training size     only those figures
//   npm run bench -- --smoke           tiny counts: shows the harness works (CI), judges nothing
//   npm run bench -- peers             training beside ConvNetJS, TensorFlow.js and jax-js
//                                      (installs bench/peers from its lockfile when missing)
//
// Timings are whole-run medians on whatever machine runs it; the machine is printed first.
// Nothing here is a test: no figure fails the run (only a harness error does).

import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { render } from './table.ts';

const figures = {
  training: () => import('./training.ts'),
  peers: () => import('./peers.ts'),
  'page-training': () => import('./page-training.ts'),
  size: () => import('./size.ts'),
  latency: () => import('./latency.ts'),
  'cold-start': () => import('./cold-start.ts'),
  memory: () => import('./memory.ts'),
  scale: () => import('./scale.ts'),
};

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const only = args.filter((a) => !a.startsWith('--'));
const unknown = only.filter((a) => !Object.hasOwn(figures, a));
if (unknown.length) {
  console.error(`bench: no figure named ${unknown.join(', ')} (figures: ${Object.keys(figures).join(', ')})`);
  process.exit(2);
}

function chromiumVersion() {
  try {
    return execFileSync(process.env.CHROME_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'Chromium: not found';
  }
}

const gib = (n) => `${(n / 2 ** 30).toFixed(1)} GiB`;
console.log(`gradsheet bench${smoke ? ' (smoke: tiny counts, targets not judged)' : ''}`);
console.log(
  `machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? '?'}), ${gib(os.totalmem())} memory, ${gib(os.freemem())} free; ` +
    `node ${process.version}; ${chromiumVersion()}`,
);

const rows = [];
for (const [name, load] of Object.entries(figures)) {
  if (only.length && !only.includes(name)) continue;
  const started = performance.now();
  process.stderr.write(`bench: ${name}…`);
  const { measure } = await load();
  rows.push(...(await measure({ smoke })));
  process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
console.log('');
console.log(render(rows, smoke));
const missed = rows.filter((r) => r.target !== undefined && !r.met);
if (!smoke)
  console.log(
    `\n${rows.filter((r) => r.target !== undefined).length - missed.length} targets met, ${missed.length} missed${missed.length ? `: ${missed.map((r) => r.case).join('; ')}` : ''}`,
  );
