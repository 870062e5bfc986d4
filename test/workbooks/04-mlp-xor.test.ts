// Workbook 4, an MLP solves XOR, through the engine (Node and browser): the hand-built network's
// truth table exactly, and the sigmoid network trained by the batch driver from its seeded start.
import { expect } from 'chai';
import { openWorkbook, colors, type Sheet } from '../helpers/workbook-engine.ts';
import { runBatch } from '../../src/train/batch.ts';
import { isCellError } from '../../src/errors.ts';
import { toJSON, type Value } from '../../src/formula/value.ts';
import type { TrainBlock } from '../../src/format/spec.ts';

const path = 'workbooks/04-mlp-xor.md';
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The 2-2-1 sigmoid network written out by hand, for an independent check of the sheet. */
function net(W1: number[][], b1: number[], W2: number[], b2: number, [p, q]: number[]): number {
  const h = [0, 1].map((j) => sigmoid(p * W1[0][j] + q * W1[1][j] + b1[j]));
  return sigmoid(h[0] * W2[0] + h[1] * W2[1] + b2);
}

describe('workbook 4: a multilayer perceptron solves XOR', () => {
  let sheet: Sheet;
  before(async () => (sheet = await openWorkbook(path)));

  it('reads with zero problems', () => {
    expect(sheet.spec.problems).to.deep.equal([]);
    expect(sheet.plan.problems).to.deep.equal([]);
  });

  it('computes XOR exactly from OR and NAND in the hidden layer and AND at the output', () => {
    expect(sheet.value('H')).to.deep.equal([
      [0, 1],
      [1, 1],
      [1, 1],
      [1, 0],
    ]);
    expect(sheet.value('y')).to.deep.equal([[0], [1], [1], [0]]);
    expect(sheet.value('XOR_table')).to.deep.equal([
      [0, 0, 0, 1, 0],
      [1, 0, 1, 1, 1],
      [0, 1, 1, 1, 1],
      [1, 1, 1, 0, 0],
    ]);
    expect(sheet.slides()).to.deep.equal({ agrees: ['y'], differs: [], knownWrong: [] });
  });

  it('fires everywhere once the output unit becomes OR (b_out ≥ −0.5), and nowhere below b_out = −1', () => {
    const or = sheet.with({ b_out: -0.5 });
    expect(or.value('y')).to.deep.equal([[1], [1], [1], [1]]);
    expect(new Set(colors(or.plots()[0][0]))).to.deep.equal(new Set([1]));
    expect(sheet.with({ b_out: -1.05 }).value('y')).to.deep.equal([[0], [0], [0], [0]]);
  });

  it("draws the hand-built network's regions, its two hidden lines and the four inputs", () => {
    const [[heat, orLine, nandLine, points]] = sheet.plots();
    expect(heat.rows).to.have.length(41 * 41);
    const step = (v: number) => (v >= 0 ? 1 : 0);
    const grid = sheet.value('G') as number[][];
    expect(colors(heat)).to.deep.equal(grid.map(([p, q]) => step(0.5 * step(p * 0.5 + q * 0.5 - 0.2) + 0.5 * step(p * -0.5 + q * -0.5 + 0.7) - 0.7)));
    for (const r of orLine.rows) expect(Math.abs(0.5 * r.x + 0.5 * r.y - 0.2)).to.be.below(1e-12);
    for (const r of nandLine.rows) expect(Math.abs(-0.5 * r.x - 0.5 * r.y + 0.7)).to.be.below(1e-12);
    expect(points.rows.map((r) => r.color)).to.deep.equal([0, 1, 1, 0]);
  });

  it('starts the sigmoid network from the seeded weights, not yet computing XOR', () => {
    const W1 = sheet.value('W1') as number[][],
      b1 = sheet.list('b1'),
      W2 = sheet.list('W2'),
      b2 = sheet.value('b2') as number;
    expect(W1).to.deep.equal([
      [1.4043, 1.2158],
      [-0.5104, -0.2518],
    ]);
    const X = sheet.value('X') as number[][];
    const yhat = X.map((x) => net(W1, b1, W2, b2, x));
    sheet.list('Yhat').forEach((v, k) => expect(v).to.be.closeTo(yhat[k], 1e-14));
    const loss = yhat.reduce((s, v, k) => s + 0.5 * (v - [0, 1, 1, 0][k]) ** 2, 0) / 4;
    expect(sheet.value('L') as number).to.be.closeTo(loss, 1e-15);
    expect(sheet.value('correct')).to.be.below(4);
  });

  it('learns XOR by gradient descent in the batch driver: loss 0.001 within 1000 to 3000 steps', () => {
    const block = sheet.spec.blocks.find((b): b is TrainBlock => b.kind === 'train')!;
    const result = runBatch(sheet.plan, sheet.plan.trains.get(block)!, new Map(), 5000, 0.001);
    expect(result.reason).to.equal('target');
    expect(result.steps).to.be.within(1000, 3000);
    const losses = result.history.map(([, l]) => l);
    expect(losses[losses.length - 1]).to.be.at.most(0.001);
    for (let k = 1; k < losses.length; k++) expect(losses[k], `step ${k}`).to.be.below(losses[k - 1]);
    const trained = Object.fromEntries(['W1', 'b1', 'W2', 'b2'].map((n) => [n, toJSON(result.inputs.get(n) as Value)]));
    const after = sheet.with(trained as never);
    expect(after.list('Yhat').map(Math.round)).to.deep.equal([0, 1, 1, 0]);
    expect(after.value('correct')).to.equal(4);
    // The heat map is the trained network over the square: XOR's pattern at the corners.
    const [, [heat]] = after.plots();
    const at = (x: number, y: number) => heat.rows.find((r) => Math.abs(r.x + 0.025 - x) < 1e-9 && Math.abs(r.y + 0.025 - y) < 1e-9)!.color!;
    expect([at(0, 0), at(1, 0), at(0, 1), at(1, 1)].map(Math.round)).to.deep.equal([0, 1, 1, 0]);
    expect(isCellError(after.results[0])).to.equal(false);
  });

  it("draws the sigmoid network's output over 1681 cells, between 0 and 1, with the four inputs", () => {
    const [, [heat, points]] = sheet.plots();
    expect(heat.rows).to.have.length(41 * 41);
    for (const c of colors(heat)) expect(c).to.be.within(0, 1);
    expect(points.rows.map((r) => [r.x, r.y, r.color])).to.deep.equal([
      [0, 0, 0],
      [1, 0, 1],
      [0, 1, 1],
      [1, 1, 0],
    ]);
  });
});
