// Loss functions through the engine (Node and browser): MSE, cross entropy and binary cross
// entropy at the workbook's prediction and target and over a grid of them, their hand-written
// gradients checked against autodiff, and the rows of both plots.
import { expect } from 'chai';
import { checkWorkbookText } from '../../src/cli/check.ts';
import { readText } from '../helpers/files.ts';
import { expectSignificant } from '../helpers/numbers.ts';
import { flat, loadWorkbook, type Changes, type LoadedWorkbook } from '../helpers/workbook.ts';

const path = 'workbooks/08-loss-functions.md';
const mse = (h: number, y: number) => 0.5 * (y - h) ** 2;
const ce = (h: number, y: number) => -y * Math.log(h);
const bce = (h: number, y: number) => -(y * Math.log(h) + (1 - y) * Math.log(1 - h));
const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));

describe('workbook 08: loss functions', () => {
  let wb: LoadedWorkbook;
  before(async () => (wb = await loadWorkbook(path)));

  it('reads with no problem, and gradsheet check passes it', async () => {
    expect(wb.plan.problems).to.deep.equal([]);
    expect(checkWorkbookText(await readText(path), path).findings).to.deep.equal([]);
  });

  it('computes the three losses and their gradients at h = 0.7, y = 1', () => {
    const v = wb.values();
    const expected: Record<string, number> = {
      L_mse: 0.045,
      L_ce: 0.356675,
      L_bce: 0.356675,
      L_ce3: 0.356675,
      dL_mse_dh: -0.3,
      dL_ce_dh: -1.42857,
      dL_bce_dh: -1.42857,
      y_hat: 0.0179862,
      E_mse: 0.482176,
      E_bce: 4.01815,
      dE_mse_ds: -0.017345,
      dE_bce_ds: -0.982014,
    };
    for (const [name, value] of Object.entries(expected)) expectSignificant(v.number(name), value, 6, name);
  });

  it("agrees with the lecture's formulas over a grid of predictions and targets", () => {
    for (const y of [0, 0.25, 1]) {
      for (let h = 0.05; h < 1; h += 0.15) {
        const v = wb.values({ h, y });
        expect(v.number('L_mse'), `MSE at ${h}, ${y}`).to.be.closeTo(mse(h, y), 1e-15);
        expect(v.number('L_ce'), `CE at ${h}, ${y}`).to.be.closeTo(ce(h, y), 1e-14);
        expect(v.number('L_bce'), `BCE at ${h}, ${y}`).to.be.closeTo(bce(h, y), 1e-14);
      }
    }
  });

  it('passes every gradient check, also away from the defaults', () => {
    for (const changes of [{}, { h: 0.2, y: 0 }, { s: 3.5, y: 0.25 }] as Changes[]) {
      const checks = wb.checks(wb.values(changes));
      expect([...checks.keys()].sort()).to.deep.equal(['dE_bce_ds', 'dE_mse_ds', 'dL_bce_dh', 'dL_ce_dh', 'dL_mse_dh']);
      expect([...checks.values()].every(Boolean), JSON.stringify(changes)).to.equal(true);
    }
  });

  it('plots each loss at 199 predictions for the current target, with the current h marked', () => {
    for (const y of [1, 0.25, 0]) {
      const v = wb.values({ y });
      const [m, c, b, at] = wb.rows(wb.plots[0], v);
      expect([m, c, b, at].map((l) => l.rows.length)).to.deep.equal([199, 199, 199, 3]);
      m.rows.forEach((r) => expect(r.y).to.be.closeTo(mse(r.x, y), 1e-15));
      c.rows.forEach((r) => expect(r.y).to.be.closeTo(ce(r.x, y), 1e-14));
      b.rows.forEach((r) => expect(r.y).to.be.closeTo(bce(r.x, y), 1e-14));
      expect(at.rows).to.deep.equal(['L_mse', 'L_ce', 'L_bce'].map((n) => ({ x: 0.7, y: v.number(n) })));
    }
    // With y = 0 the cross entropy is 0 at every prediction.
    expect(wb.rows(wb.plots[0], wb.values({ y: 0 }))[1].rows.every((r) => r.y === 0)).to.equal(true);
  });

  it("plots the gradient reaching s: MSE's vanishes where the sigmoid saturates, BCE's does not", () => {
    const [m, b, at] = wb.rows(wb.plots[1]);
    expect([m.rows.length, b.rows.length, at.rows.length]).to.deep.equal([161, 161, 2]);
    const z = flat(wb.values().get('z'));
    m.rows.forEach((r, k) => expect(r.y).to.be.closeTo((sigmoid(z[k]) - 1) * sigmoid(z[k]) * (1 - sigmoid(z[k])), 1e-15));
    b.rows.forEach((r, k) => expect(r.y).to.be.closeTo(sigmoid(z[k]) - 1, 1e-15));
    // At s = −8 (confidently wrong, y = 1): MSE pushes with less than 0.001, BCE with almost 1.
    expect(Math.abs(m.rows[0].y)).to.be.below(1e-3);
    expect(b.rows[0].y).to.be.below(-0.999);
  });
});
