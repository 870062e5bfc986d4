// Gradient descent through the engine (Node and browser): ∇L as the mean of the per-sample
// gradients, the update, runs of the train block at learning rates that are too small, right,
// overshooting, diverging and overflowing, and the closed-form "next 30 steps" against real steps.
import { expect } from 'chai';
import { checkWorkbookText } from '../../src/cli/check.ts';
import { readText } from '../helpers/files.ts';
import { expectValue } from '../helpers/numbers.ts';
import { flat, loadWorkbook, type LoadedWorkbook } from '../helpers/workbook.ts';

const path = 'workbooks/09-gradient-descent.md';

describe('workbook 09: gradient descent', () => {
  let wb: LoadedWorkbook;
  before(async () => (wb = await loadWorkbook(path)));
  const run = (gamma: number, steps: number) => wb.train(wb.trains[0], steps, { gamma });

  it('reads with no problem, and gradsheet check passes it', async () => {
    expect(wb.plan.problems).to.deep.equal([]);
    expect(checkWorkbookText(await readText(path), path).findings).to.deep.equal([]);
  });

  it('computes the loss, ∇L, the step and the curvatures at Θ = (0, 0)', () => {
    const v = wb.values();
    const expected = {
      n: 8,
      L: 8.881875,
      grad_L: [[-3.25625], [-3.9625]],
      Theta_next: [[0.325625], [0.39625]],
      lam: [[5.25], [1]],
      rates: [[0.475], [0.9]],
      gamma_max: 0.380952,
      Theta_star: [[0.620238], [3.9625]],
    };
    for (const [name, value] of Object.entries(expected)) expectValue(v.get(name), value, 6, name);
    expect(wb.checks().get('grad_L')).to.equal(true);
  });

  it("takes ∇L as the mean over the samples of each sample's own gradient", () => {
    const theta = [0.3, -1.2];
    const v = wb.values({ Theta: [[theta[0]], [theta[1]]] });
    const x = flat(v.get('x')),
      y = flat(v.get('y'));
    const mu = x.reduce((a, b) => a + b) / x.length;
    const per = x.map((xi, i) => {
      const r = theta[0] * (xi - mu) + theta[1] - y[i];
      return [r * (xi - mu), r];
    });
    const mean = [0, 1].map((j) => per.reduce((a, g) => a + g[j], 0) / per.length);
    flat(v.get('grad_L')).forEach((g, j) => expect(g).to.be.closeTo(mean[j], 1e-14));
    expect(
      v
        .rows('G')[0]
        .map((g, i) => g - per[i][0])
        .every((d) => Math.abs(d) < 1e-14),
    ).to.equal(true);
  });

  it('converges at γ = 0.1 to Θ*, and is still far from it after the same 300 steps at γ = 0.01', () => {
    const v = wb.values();
    const best = wb.values({ Theta: v.get('Theta_star') }).number('L');
    const good = run(0.1, 300);
    expect(good.reason).to.equal('steps');
    flat(good.after.get('Theta')).forEach((t, j) => expect(t).to.be.closeTo(flat(v.get('Theta_star'))[j], 1e-9));
    expect(good.after.number('L')).to.be.closeTo(best, 1e-12);
    const slow = run(0.01, 300);
    expect(slow.after.number('L')).to.be.above(1.5 * best);
    expect(slow.history.every(([, l], k) => k === 0 || l < slow.history[k - 1][1])).to.equal(true);
  });

  it('draws the next 30 steps exactly as gradient descent takes them, overshooting at γ = 0.3', () => {
    const v = wb.values({ gamma: 0.3 });
    const path = v.rows('path');
    const star = flat(v.get('Theta_star'));
    for (let k = 1; k <= 6; k++) {
      const theta = flat(run(0.3, k).after.get('Theta'));
      theta.forEach((t, j) => expect(t, `step ${k}, entry ${j + 1}`).to.be.closeTo(path[j][k], 1e-12));
    }
    // 1 − γλ_w < 0: the slope lands on alternate sides of w* at every step, ever closer.
    const side = path[0].map((w) => Math.sign(w - star[0]));
    for (let t = 1; t < 10; t++) expect(side[t]).to.equal(-side[t - 1]);
    expect(Math.abs(path[0][30] - star[0])).to.be.below(1e-6);
  });

  it('diverges above γ_max = 2/λ_max: the loss grows at γ = 0.4', () => {
    const r = run(0.4, 100);
    const losses = r.history.map(([, l]) => l);
    expect(losses[losses.length - 1]).to.be.above(1e6 * losses[0]);
    expect(wb.values({ gamma: 0.4 }).number('gamma_max')).to.be.below(0.4);
  });

  it('stops a run at γ = 1 when the numbers overflow, naming the step and the cell', () => {
    const steps = wb.trains[0].block.steps;
    const r = run(1, steps);
    expect(r.reason).to.equal('failure');
    expect(r.failure!.step).to.equal(246);
    expect(r.failure!.cell).to.equal('ell');
    expect(r.failure!.message).to.contain('step 246').and.to.contain('ell');
    expect(r.failure!.step).to.be.below(steps);
  });

  it('plots the data and the line, the factors left after t steps, and the loss surface with the path', () => {
    const [fit, left, surface] = wb.plots.map((p) => wb.rows(p));
    expect(fit.map((l) => l.rows.length)).to.deep.equal([8, 2]);
    expect(fit[1].rows.map((r) => r.y)).to.deep.equal([0, 0]);
    expect(left.map((l) => l.rows.length)).to.deep.equal([31, 31]);
    left[0].rows.forEach((r) => expect(r.y).to.be.closeTo(0.475 ** r.x, 1e-15));
    left[1].rows.forEach((r) => expect(r.y).to.be.closeTo(0.9 ** r.x, 1e-15));
    expect(surface.map((l) => l.rows.length)).to.deep.equal([1600, 31]);
    // The loss surface's lowest point is the grid point nearest Θ*.
    const lowest = surface[0].rows.reduce((a, b) => ((a.color ?? 0) < (b.color ?? 0) ? a : b));
    expect(Math.abs((lowest.x + lowest.x2!) / 2 - 0.620238)).to.be.below(0.04);
  });
});
