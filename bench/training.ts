// Figure 4: training throughput in the batch driver (src/train/batch.ts runBatch), steps per
// second, against the hand-written Float64Array floor (bench/networks.ts) in the same process.
// Before timing, both train from the same start for the same number of steps and must end at
// the same loss: the comparison is of the same computation.

import { readFile } from 'node:fs/promises';
import { evaluateWorkbook } from '../src/workbook.ts';
import { runBatch } from '../src/train/batch.ts';
import { matFromRows } from '../src/formula/value.ts';
import type { CellResult } from '../src/graph/compile.ts';
import type { TrainBlock } from '../src/format/spec.ts';
import { Floor, deep2d, fit1d, xor, type Network } from './networks.ts';
import { type Options, type Row, fmt, median } from './table.ts';

export function prepare(net: Network) {
  const { spec, plan } = evaluateWorkbook(net.text);
  const block = spec.blocks.find((b): b is TrainBlock => b.kind === 'train')!;
  const tp = plan.trains.get(block)!;
  if (tp.problems.length) throw new Error(`${net.name}: ${tp.problems[0].message}`);
  const start = new Map<string, CellResult>();
  for (const cell of plan.cells) if (cell.kind === 'input' && !cell.error) start.set(cell.name, cell.checked.literal!.value);
  for (const [name, rows] of net.start) start.set(name, matFromRows(rows));
  return { plan, tp, start };
}

/** Steps per second of `run(steps)`, the median of `rounds` timed runs of at least `ms` each. */
export function rate(run: (steps: number) => void, ms: number, rounds: number): number[] {
  // Calibrate: double the steps until one run takes a tenth of the wanted time.
  let steps = 1;
  for (;;) {
    const t = performance.now();
    run(steps);
    if (performance.now() - t > ms / 10 || steps > 1e7) break;
    steps *= 2;
  }
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let done = 0;
    const t = performance.now();
    while (performance.now() - t < ms / rounds) {
      run(steps);
      done += steps;
    }
    rates.push(done / ((performance.now() - t) / 1000));
  }
  return rates;
}

/** The batch driver and the floor trained side by side: each `round` times each for `ms`, and keeps its rate. */
export function engineAndFloor({ plan, tp, start }: ReturnType<typeof prepare>, net: Network) {
  const engine: number[] = [],
    floor: number[] = [];
  let inputs = start;
  const f = new Floor(net.floor);
  const floorSteps = (n: number) => {
    for (let k = 0; k < n; k++) f.step();
  };
  return {
    engine,
    floor,
    round(ms: number): void {
      engine.push(...rate((n) => (inputs = runBatch(plan, tp, inputs, n).inputs), ms, 1));
      floor.push(...rate(floorSteps, ms, 1));
    },
  };
}

export async function measure(opts: Options): Promise<Row[]> {
  const rows: Row[] = [];
  const xorText = await readFile(new URL('../test/input/xor.md', import.meta.url), 'utf8');
  const nets = [xor(xorText), fit1d(), deep2d()];
  const ms = opts.smoke ? 60 : 2000,
    rounds = opts.smoke ? 1 : 5;
  for (const net of nets) {
    // A run's first 100 steps, from a plan just made (as a page makes it when the workbook
    // opens): what a student waits for after pressing Run, before anything has warmed up.
    const firstSteps = opts.smoke ? 5 : 100;
    const firstStart = performance.now();
    const fresh = prepare(net);
    const plannedAt = performance.now();
    runBatch(fresh.plan, fresh.tp, fresh.start, firstSteps);
    const firstMs = performance.now() - plannedAt,
      planMs = plannedAt - firstStart;
    const prepared = prepare(net),
      { plan, tp, start } = prepared;
    // The same computation: both from the same start, the same number of steps, the same loss.
    const check = opts.smoke ? 3 : 50;
    const engine = runBatch(plan, tp, start, check);
    const floor = new Floor(net.floor);
    let floorLoss = NaN;
    for (let k = 0; k <= check; k++) floorLoss = floor.step();
    const engineLoss = engine.history[engine.history.length - 1][1];
    const agree = Math.abs(engineLoss - floorLoss) / Math.abs(floorLoss);
    if (!(agree < 1e-9)) throw new Error(`${net.name}: the engine and the floor disagree after ${check} steps (${engineLoss} vs ${floorLoss})`);

    // Alternate the two, round by round, so a noisy machine affects both alike.
    const race = engineAndFloor(prepared, net);
    for (let r = 0; r < rounds; r++) race.round(ms / 2);
    const e = median(race.engine),
      fl = median(race.floor);
    const wide = net.floor.sizes.some((s) => s >= 64);
    rows.push({ figure: 'training', case: `${net.name}: batch driver`, value: `${fmt(e)} steps/s (${fmt(1e6 / e)} µs/step)` });
    rows.push({ figure: 'training', case: `${net.name}: Float64Array floor`, value: `${fmt(fl)} steps/s (${fmt(1e6 / fl)} µs/step)` });
    const firstPerStep = firstMs / (firstSteps + 1),
      warmPerStep = 1000 / e;
    rows.push({
      figure: 'training',
      case: `${net.name}: a run's first ${firstSteps} steps, fresh plan, vs a warm step`,
      value: `${fmt(firstPerStep * 1000)} µs/step, ${(firstPerStep / warmPerStep).toFixed(2)}× (planning the workbook before: ${fmt(planMs)} ms)`,
      target: '≤ 2×',
      met: firstPerStep / warmPerStep <= 2,
    });
    rows.push({
      figure: 'training',
      case: `${net.name}: ratio to the floor`,
      value: `${(e / fl).toFixed(2)}× (losses agree to ${agree.toExponential(0)})`,
      ...(wide ? { target: '≥ 0.5×', met: e / fl >= 0.5 } : {}),
    });
    if (net.name.startsWith('XOR')) {
      // XOR to loss < 0.01 from the seeded start, timed as a whole run.
      const times: number[] = [];
      let steps = 0;
      for (let r = 0; r < (opts.smoke ? 1 : 7); r++) {
        const t = performance.now();
        const run = runBatch(plan, tp, start, 20000, 0.01);
        times.push(performance.now() - t);
        steps = run.steps;
        if (run.reason !== 'target') throw new Error('XOR did not reach loss 0.01');
      }
      const ms01 = median(times);
      rows.push({ figure: 'training', case: 'XOR to loss < 0.01 (batch driver)', value: `${fmt(ms01)} ms, ${steps} steps`, target: '≪ 1 s', met: ms01 < 250 });
    }
  }
  return rows;
}
