// Workbook 11 through the engine (Node and browser): its data set read from the CSV beside it,
// the softmax and the cross entropy against one-hot labels recomputed here independently, one
// step of gradient descent against the gradient written out by hand, 200 steps reaching the
// accuracy its prose states, and the decision-boundary plot. A bad row in its file is an error
// in the data cell that every dependent names, while the rest of the sheet keeps working.
import { expect } from 'chai';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { isCellError } from '../../src/errors.ts';
import { readText } from '../helpers/files.ts';
import { flat, loadWorkbook, type LoadedWorkbook, type Values } from '../helpers/workbook.ts';

const path = 'workbooks/11-softmax-classifier.md';
const csvPath = 'workbooks/11-softmax-classifier.csv';

/** Row-wise softmax and the mean cross entropy, written out here. */
function softmaxRows(Z: number[][]): number[][] {
  return Z.map((z) => {
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  });
}
function scores(v: Values, W = v.rows('W'), b = v.rows('b')[0]): number[][] {
  return v.rows('X').map(([x1, x2]) => [0, 1].map((k) => x1 * W[0][k] + x2 * W[1][k] + b[k]));
}
const labelsOf = (v: Values) => flat(v.get('labels'));

describe('workbook 11: a softmax classifier on a data set read from a CSV file', () => {
  let wb: LoadedWorkbook;
  let csv: string;
  before(async () => {
    wb = await loadWorkbook(path);
    csv = await readText(csvPath);
  });

  it('reads its sixty points from the CSV beside it, thirty of each class, the header line skipped', () => {
    const v = wb.values();
    const lines = csv.trim().split('\n');
    expect(lines[0]).to.equal('x1,x2,class');
    expect(v.rows('D')).to.deep.equal(lines.slice(1).map((l) => l.split(',').map(Number)));
    expect(v.rows('D').length).to.equal(60);
    expect(v.number('n')).to.equal(60);
    expect(labelsOf(v).filter((c) => c === 1).length).to.equal(30);
    expect(labelsOf(v).filter((c) => c === 2).length).to.equal(30);
    expect(v.rows('Y')).to.deep.equal(labelsOf(v).map((c) => (c === 1 ? [1, 0] : [0, 1])));
  });

  it('starts from small seeded weights and computes the softmax and the cross entropy as written out here', () => {
    const v = wb.values();
    const W = v.rows('W');
    expect(W.flat().every((w) => Math.abs(w) < 0.5)).to.equal(true);
    expect(wb.plan.byName.get('W')!.kind).to.equal('input');
    expect(v.rows('b')).to.deep.equal([[0, 0]]);
    const P = softmaxRows(scores(v));
    v.rows('P').forEach((row, i) => row.forEach((p, k) => expect(p).to.be.closeTo(P[i][k], 1e-14)));
    const L = -labelsOf(v).reduce((a, c, i) => a + Math.log(P[i][c - 1]), 0) / 60;
    expect(v.number('L')).to.be.closeTo(L, 1e-14);
    expect(v.number('L')).to.be.closeTo(0.66944, 1e-5);
    const right = labelsOf(v).filter((c, i) => (P[i][1] > P[i][0] ? 2 : 1) === c).length;
    expect(right).to.equal(46);
    expect(v.number('acc')).to.equal(46 / 60);
    expect(flat(v.get('predicted'))).to.deep.equal(P.map((p) => (p[1] > p[0] ? 2 : 1)));
  });

  it('takes one step against the gradient Xᵀ(P − Y)/n and 1ᵀ(P − Y)/n', () => {
    const v = wb.values();
    const [train] = wb.trains;
    const step = wb.train(train, 1);
    const P = v.rows('P'),
      Y = v.rows('Y'),
      X = v.rows('X'),
      W = v.rows('W'),
      gamma = v.number('gamma');
    const dW = [0, 1].map((i) => [0, 1].map((k) => X.reduce((a, x, r) => a + x[i] * (P[r][k] - Y[r][k]), 0) / 60));
    const db = [0, 1].map((k) => P.reduce((a, p, r) => a + (p[k] - Y[r][k]), 0) / 60);
    step.after.rows('W').forEach((row, i) => row.forEach((w, k) => expect(w).to.be.closeTo(W[i][k] - gamma * dW[i][k], 1e-14)));
    step.after.rows('b')[0].forEach((b, k) => expect(b).to.be.closeTo(-gamma * db[k], 1e-14));
  });

  it('trains in the 200 steps of one Run to the accuracy its prose states, 0.967 (58 of 60 points)', async () => {
    const [train] = wb.trains;
    expect(train.block.steps).to.equal(200);
    const run = wb.train(train, 200);
    expect(run.reason).to.equal('steps');
    const acc = run.after.number('acc');
    expect(acc).to.equal(58 / 60);
    expect(acc).to.be.at.least(0.95);
    expect(run.after.number('L')).to.be.closeTo(0.087428, 1e-6);
    const prose = wb.plan.checked.spec.blocks.flatMap((b) => (b.kind === 'prose' ? [b.text] : [])).join('\n');
    expect(prose).to.contain(`**the accuracy is ${acc.toFixed(3)}**`);
    expect(prose).to.contain(`the loss is ${run.after.number('L').toFixed(3)}`);
    expect(prose).to.contain('46 of the 60 points are classified right (accuracy 0.767, loss 0.669)');
    // The loss falls at every step.
    const losses = run.history.map(([, l]) => l);
    losses.slice(1).forEach((l, k) => expect(l).to.be.below(losses[k]));
  });

  it('draws the probability of class 2 over a 41×41 grid, white on the decision boundary, and the points by class', () => {
    const [train] = wb.trains;
    const trained = wb.train(train, 200).after;
    const [plot] = wb.plots;
    const [map, points] = wb.rows(plot, trained);
    expect(map.rows.length).to.equal(41 * 41);
    expect([(map.rows[0].x + map.rows[0].x2!) / 2, (map.rows[1680].y + map.rows[1680].y2!) / 2]).to.deep.equal([-3, 3]);
    const W = trained.rows('W'),
      b = trained.rows('b')[0];
    for (const r of [map.rows[0], map.rows[840], map.rows[1680]]) {
      // A heat-map cell is drawn from edge to edge around its grid point.
      const [x, y] = [(r.x + r.x2!) / 2, (r.y + r.y2!) / 2];
      const z = [0, 1].map((k) => x * W[0][k] + y * W[1][k] + b[k]);
      expect(r.color).to.be.closeTo(softmaxRows([z])[0][1], 1e-14);
    }
    // Opposite corners are on opposite sides of the boundary.
    expect(map.rows[0].color).to.be.below(0.05);
    expect(map.rows[1680].color).to.be.above(0.95);
    expect(points.rows.map((r) => r.color)).to.deep.equal(labelsOf(trained).map((c) => c - 1));
  });

  it('shows a bad row of its CSV in the data cell, and every cell that reads it names that cell; the rest computes', async () => {
    const text = await readText(path);
    const lines = csv.split('\n');
    lines[16] = '0.5,abc,1';
    const { plan, results } = evaluateWorkbook(text, path, new Map([['11-softmax-classifier.csv', lines.join('\n')]]));
    const at = (name: string) => results[plan.byName.get(name)!.index];
    const d = at('D');
    expect(isCellError(d) && [d.code, d.message.split('. ')[0], d.root]).to.deep.equal([
      'E_DATA',
      '11-softmax-classifier.csv line 17, column 2: "abc" is not a number',
      'D',
    ]);
    for (const name of ['X', 'Y', 'P', 'L', 'acc']) {
      const r = at(name);
      expect(isCellError(r) && [r.code, r.root], name).to.deep.equal(['E_DATA', 'D']);
    }
    expect(at('gamma')).to.equal(0.5);
    expect(isCellError(at('W'))).to.equal(false);
  });
});
