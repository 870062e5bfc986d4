// Figure 4b: training beside what a user would pick instead. The three networks of the training
// figure (bench/networks.ts: same start, data, loss and learning rate), each trained full batch
// by gradsheet's batch driver, the Float64Array floor, and each peer of bench/peers/ (its own
// package.json and lockfile; `npm ci` there when its node_modules is missing), all in this one
// process, alternating round by round. Every one is reported as µs a step and as a ratio to the
// floor's steps per second (higher is better), with its loss after the same steps beside the
// floor's: float64 peers must agree to 1e-6 (ConvNetJS's own tanh, jax-js's exp and tanh are
// not the libm ones), float32 peers are reported as they are. A peer that cannot install or run
// here says so in its row.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { runBatch } from '../src/train/batch.ts';
import { Floor, deep2d, fit1d, xor, type FloorSpec } from './networks.ts';
import { engineAndFloor, prepare, rate } from './training.ts';
import { type Options, type Row, fmt, median } from './table.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'peers');

interface Peer {
  name: string;
  precision: 'float64' | 'float32';
  /** `steps` full-batch steps; the loss at the weights the last one started from. */
  run(steps: number): number;
  dispose(): void;
}
type Make = (spec: FloorSpec, dir: string) => Peer | Promise<Peer>;

/** bench/peers/node_modules, installed from its lockfile when missing; an error message when it cannot be. */
function install(): string | undefined {
  if (existsSync(path.join(dir, 'node_modules'))) return undefined;
  process.stderr.write(' (npm ci in bench/peers)');
  try {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    return undefined;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    return `npm ci failed: ${(err.stderr || err.message).trim().split('\n').slice(-1)[0]}`;
  }
}

/** Each peer's maker, or why it cannot be loaded. */
async function load(tmp: string): Promise<{ label: string; make?: Make; error?: string }[]> {
  const out: { label: string; make?: Make; error?: string }[] = [];
  const tryImport = async (label: string, url: string) => {
    try {
      out.push({ label, make: ((await import(url)) as { peer: Make }).peer });
    } catch (e) {
      out.push({ label, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
    }
  };
  await tryImport('ConvNetJS', pathToFileURL(path.join(dir, 'convnetjs.mjs')).href);
  // TensorFlow.js's ES modules import directories (Node refuses them) and its CommonJS build
  // registers no gradients: bundled first, as a page using it would be.
  try {
    const outfile = path.join(tmp, 'tfjs-peer.cjs');
    await build({
      entryPoints: [path.join(dir, 'tfjs.mjs')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      mainFields: ['module', 'main'],
      outfile,
      logLevel: 'silent',
    });
    await tryImport('TensorFlow.js', pathToFileURL(outfile).href);
  } catch (e) {
    out.push({ label: 'TensorFlow.js', error: `bundling failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
  }
  await tryImport('jax-js', pathToFileURL(path.join(dir, 'jax.mjs')).href);
  return out;
}

export async function measure(opts: Options): Promise<Row[]> {
  const rows: Row[] = [];
  const installError = install();
  const tmp = await mkdtemp(path.join(tmpdir(), 'gradsheet-peers-'));
  try {
    const peers = installError ? [] : await load(tmp);
    if (installError) rows.push({ figure: 'peers', case: 'bench/peers', value: `could not run: ${installError}` });
    const xorText = await readFile(new URL('../test/input/xor.md', import.meta.url), 'utf8');
    const ms = opts.smoke ? 60 : 1500,
      rounds = opts.smoke ? 1 : 5,
      check = opts.smoke ? 3 : 50;
    for (const net of [xor(xorText), fit1d(), deep2d()]) {
      const prepared = prepare(net),
        { plan, tp, start } = prepared;
      const floor = new Floor(net.floor);
      let floorLoss = NaN;
      for (let k = 0; k <= check; k++) floorLoss = floor.step();
      const engineRun = runBatch(plan, tp, start, check);
      const engineLoss = engineRun.history[engineRun.history.length - 1][1];
      const rel = (x: number) => Math.abs(x - floorLoss) / Math.abs(floorLoss);

      // Each peer from the same start; checked against the floor after the same steps.
      const running: { peer: Peer; agree: number; rates: number[] }[] = [];
      const failed: { label: string; error: string }[] = [];
      for (const p of peers) {
        if (!p.make) {
          failed.push({ label: p.label, error: p.error! });
          continue;
        }
        try {
          const checked = await p.make(net.floor, dir);
          const loss = checked.run(check + 1);
          checked.dispose();
          const agree = rel(loss);
          if (checked.precision === 'float64' && !(agree < 1e-6)) throw new Error(`its loss after ${check} steps is ${loss}, the floor's ${floorLoss}`);
          running.push({ peer: await p.make(net.floor, dir), agree, rates: [] });
        } catch (e) {
          failed.push({ label: p.label, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
        }
      }

      // Alternate: gradsheet, the floor, each peer, round by round.
      const race = engineAndFloor(prepared, net);
      for (let r = 0; r < rounds; r++) {
        race.round(ms / 2);
        for (const p of running) p.rates.push(...rate((n) => p.peer.run(n), ms / 2, 1));
      }
      const fl = median(race.floor),
        e = median(race.engine);
      const line = (who: string, r: number, loss: string) =>
        rows.push({ figure: 'peers', case: `${net.name}: ${who}`, value: `${(r / fl).toFixed(2)}× the floor, ${fmt(1e6 / r)} µs/step; ${loss}` });
      rows.push({ figure: 'peers', case: `${net.name}: Float64Array floor`, value: `${fmt(1e6 / fl)} µs/step` });
      line('gradsheet batch driver (float64)', e, `loss vs floor ${rel(engineLoss).toExponential(0)}`);
      for (const p of running) {
        p.peer.dispose();
        line(
          `${p.peer.name} (${p.peer.precision})`,
          median(p.rates),
          `loss vs floor ${p.agree.toExponential(1)}${p.peer.precision === 'float32' ? ' (float32)' : ''}`,
        );
      }
      for (const p of failed) rows.push({ figure: 'peers', case: `${net.name}: ${p.label}`, value: `could not run: ${p.error}` });
      const best = Math.max(0, ...running.map((p) => median(p.rates) / fl));
      rows.push({
        figure: 'peers',
        case: `${net.name}: gradsheet against the best peer`,
        value: running.length ? `${(e / fl).toFixed(2)}× vs ${best.toFixed(2)}×` : 'no peer ran',
        target: 'ahead of every peer',
        met: running.length > 0 && e / fl > best,
      });
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return rows;
}
