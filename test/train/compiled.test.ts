// The compiled training step (src/train/compiled.ts) against the plain path, where every update
// rule evaluates its own grad(…): whole runs, every weight and every loss the same to the last
// bit, on the lecture's trained workbooks and on random networks from a fixed seed.
import { expect } from 'chai';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { isCompiled, plainTrainStep, runBatch, trainStep } from '../../src/train/batch.ts';
import { isCellError } from '../../src/errors.ts';
import { matFromRows, valuesEqual, type Value } from '../../src/formula/value.ts';
import { Tape } from '../../src/grad/tape.ts';
import type { CellResult } from '../../src/graph/compile.ts';
import type { TrainBlock } from '../../src/format/spec.ts';
import { readText } from '../helpers/files.ts';

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function trainOf(text: string) {
  const { spec, plan } = evaluateWorkbook(text);
  const block = spec.blocks.find((b): b is TrainBlock => b.kind === 'train')!;
  return { plan, tp: plan.trains.get(block)! };
}

/** `steps` steps on the plain path from the workbook's own start: the loss before each, and the weights after. */
function plainRun(text: string, steps: number) {
  const { plan, tp } = trainOf(text);
  const inputs = new Map<string, CellResult>();
  const losses: number[] = [];
  for (let k = 0; k < steps; k++) {
    const r = plainTrainStep(plan, tp, inputs);
    if (isCellError(r)) throw new Error(r.message);
    losses.push(r.loss);
    for (const [name, v] of r.next) inputs.set(name, v);
  }
  return { inputs, losses };
}

/** The same steps in the batch driver (compiled from its first step), and whether it ran compiled. */
function batchRun(text: string, steps: number) {
  const { plan, tp } = trainOf(text);
  const run = runBatch(plan, tp, new Map(), steps);
  return { inputs: run.inputs, losses: run.history.slice(0, steps).map(([, l]) => l), compiled: isCompiled(tp), tp };
}

function expectSame(text: string, steps: number, label: string): boolean {
  const plain = plainRun(text, steps),
    batch = batchRun(text, steps);
  expect(batch.losses, `${label}: losses`).to.deep.equal(plain.losses);
  for (const u of batch.tp.updates) {
    expect(valuesEqual(batch.inputs.get(u.target) as Value, plain.inputs.get(u.target) as Value), `${label}: ${u.target} after ${steps} steps`).to.equal(true);
  }
  return batch.compiled;
}

const literal = (rows: number, cols: number, next: () => number, scale: number) =>
  '[' + Array.from({ length: rows }, () => Array.from({ length: cols }, () => ((next() * 2 - 1) * scale).toFixed(3)).join(', ')).join('; ') + ']';

/** A random full-batch network: sizes, activations, a row or a number as each bias, from the seed. */
function randomNetwork(next: () => number): string {
  const layers = 1 + Math.floor(next() * 3);
  const sizes = [1 + Math.floor(next() * 3), ...Array.from({ length: layers }, () => 1 + Math.floor(next() * 6)), 1];
  const n = 2 + Math.floor(next() * 7);
  const lines = [`X = ${literal(n, sizes[0], next, 1)}`, `Y = ${literal(n, 1, next, 1)}`, 'gamma = 0.5'];
  const params: string[] = [];
  let h = 'X';
  for (let l = 1; l < sizes.length; l++) {
    const scalarBias = sizes[l] === 1 || next() < 0.3;
    lines.push(`W${l} = ${literal(sizes[l - 1], sizes[l], next, 1)}`, `b${l} = ${scalarBias ? (next() - 0.5).toFixed(3) : literal(1, sizes[l], next, 0.5)}`);
    params.push(`W${l}`, `b${l}`);
    const act = l === sizes.length - 1 ? (next() < 0.5 ? 'sigmoid' : '') : next() < 0.5 ? 'tanh' : 'sigmoid';
    lines.push(`H${l} = ${act}(${h} * W${l} + b${l})`.replace(' = (', ' = ('));
    h = `H${l}`;
  }
  lines.push(`L = mse(${h}, Y) / ${n}`);
  return ['```cells', ...lines, '```', '', '```train', 'loss: L', ...params.map((p) => `${p} <- ${p} - gamma * grad(L, ${p})`), 'steps: 10', '```', ''].join(
    '\n',
  );
}

describe("compiled training steps: the plain path's numbers", () => {
  it('XOR: 300 steps, the same losses and weights, bit for bit, and compiled', async () => {
    expect(expectSame(await readText('test/input/xor.md'), 300, 'XOR')).to.equal(true);
  });

  it("XOR: a run's first step is taken compiled (no tape built), with the plain path's loss and weights", async () => {
    const { plan, tp } = trainOf(await readText('test/input/xor.md'));
    // The inputs as the page passes them: every input cell's value.
    const inputs = new Map<string, CellResult>();
    for (const cell of plan.cells) if (cell.kind === 'input') inputs.set(cell.name, cell.run());
    expect(isCompiled(tp)).to.equal(false);
    let tapes = 0;
    const backward = Tape.prototype.backward;
    Tape.prototype.backward = function (this: Tape, ...args: Parameters<Tape['backward']>) {
      tapes++;
      return backward.apply(this, args);
    };
    let first: ReturnType<typeof trainStep>;
    try {
      first = trainStep(plan, tp, inputs);
    } finally {
      Tape.prototype.backward = backward;
    }
    expect(tapes, 'tapes run backward in the first step').to.equal(0);
    expect(isCompiled(tp)).to.equal(true);
    const plain = plainTrainStep(plan, tp, inputs);
    if (isCellError(first) || isCellError(plain)) throw new Error('the step failed');
    expect(first.loss).to.equal(plain.loss);
    for (const [name, v] of plain.next) expect(valuesEqual(first.next.get(name)!, v), name).to.equal(true);
  });

  it('a run from a trained weight of the wrong shape fails; put right, the next run is compiled', async () => {
    const { plan, tp } = trainOf(await readText('test/input/xor.md'));
    const target = tp.updates[0].target;
    const failed = runBatch(plan, tp, new Map([[target, matFromRows([[1, 2, 3]])]]), 3);
    expect(failed.reason).to.equal('failure');
    const again = runBatch(plan, tp, new Map(), 3);
    expect(again.reason).to.equal('steps');
    expect(isCompiled(tp), 'compiled').to.equal(true);
  });

  for (const name of ['04-mlp-xor', '06-universal-approximation', '07-backpropagation', '09-gradient-descent']) {
    it(`${name}: 40 steps, the same losses and weights`, async () => {
      expectSame(await readText(`workbooks/${name}.md`), 40, name);
    });
  }

  it("a gradient with respect to a fixed cell (grad(L, a), a not trained) is the plain path's, not zero", () => {
    const text = [
      '```cells',
      'a = 2',
      'w = 0.5',
      'H = a * 3',
      'L = mse(H * w, 1)',
      '```',
      '',
      '```train',
      'loss: L',
      'w <- w - 0.01 * grad(L, w) - 0.001 * grad(L, a)',
      'steps: 10',
      '```',
      '',
    ].join('\n');
    expectSame(text, 5, 'grad(L, a)');
  });

  it('40 random networks (seeded): 25 steps each, the same numbers, every one compiled', () => {
    const next = seeded(18);
    let compiled = 0;
    for (let t = 0; t < 40; t++) {
      const text = randomNetwork(next);
      if (expectSame(text, 25, `network ${t}:\n${text}`)) compiled++;
    }
    expect(compiled).to.equal(40);
  });

  it('a run that overflows fails at the same step, with the same message, as on the plain path', () => {
    // Each step multiplies w by about −14,000: it leaves float64 after some 75 steps.
    const text = [
      '```cells',
      'X = [1; 2; 3]',
      'Y = [0; 0; 0]',
      'w = 1',
      'L = mse(X * w, Y)',
      '```',
      '',
      '```train',
      'loss: L',
      'w <- w - 1000 * grad(L, w)',
      'steps: 200',
      '```',
      '',
    ].join('\n');
    const { plan, tp } = trainOf(text);
    const run = runBatch(plan, tp, new Map(), 200);
    expect(isCompiled(tp)).to.equal(true);
    expect(run.reason).to.equal('failure');
    const inputs = new Map<string, CellResult>();
    let k = 0,
      failed: string | undefined;
    for (; k < 200; k++) {
      const r = plainTrainStep(plan, tp, inputs);
      if (isCellError(r)) {
        failed = r.message;
        break;
      }
      for (const [name, v] of r.next) inputs.set(name, v);
    }
    expect(run.failure!.step).to.equal(k + 1);
    expect(run.failure!.error.message).to.equal(failed);
    expect(run.steps).to.be.above(10); // it ran compiled before it failed
  });
});
