// Workbook 2, activation functions, through the engine (Node and browser): each function and its
// derivative at the point x, the bound σ' ≤ 1/4, and the five plots over the chosen range.
import { expect } from 'chai';
import { openWorkbook, ys, type Sheet } from '../helpers/workbook-engine.ts';
import { expectSignificant } from '../helpers/numbers.ts';

const path = 'workbooks/02-activation-functions.md';
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('workbook 2: activation functions', () => {
  let sheet: Sheet;
  before(async () => (sheet = await openWorkbook(path)));

  it('reads with zero problems', () => {
    expect(sheet.spec.problems).to.deep.equal([]);
    expect(sheet.plan.problems).to.deep.equal([]);
  });

  it('evaluates every function and derivative at x = 1', () => {
    expect(sheet.value('x')).to.equal(1);
    const expected: Record<string, number> = {
      sigma_x: 0.731059,
      dsigma_x: 0.196612,
      step_x: 1,
      dstep_x: 0,
      relu_x: 1,
      drelu_x: 1,
      tanh_x: 0.761594,
      dtanh_x: 0.419974,
      tanh_from_sigma: 0.761594,
      softplus_x: 1.31326,
      dsoftplus_x: 0.731059,
    };
    for (const [name, v] of Object.entries(expected)) expectSignificant(sheet.value(name) as number, v, 6, name);
    expect(sheet.list('f_x')).to.deep.equal(['sigma_x', 'step_x', 'relu_x', 'tanh_x', 'softplus_x'].map((n) => sheet.value(n)));
    expect(sheet.list('df_x')).to.deep.equal(['dsigma_x', 'dstep_x', 'drelu_x', 'dtanh_x', 'dsoftplus_x'].map((n) => sheet.value(n)));
  });

  it("shows σ' ≤ 1/4, reached at 0, and the curvature at 0 of softplus (1/4) and the sigmoid (0)", () => {
    expect(sheet.value('max_dsigma')).to.be.closeTo(0.25, 1e-15);
    expect(sheet.value('d2softplus_0')).to.equal(0.25);
    expect(sheet.value('d2sigma_0')).to.equal(0);
    const right = sheet.with({ lo: 1, hi: 5 });
    expectSignificant(right.value('max_dsigma') as number, 0.196612, 6, "max σ' on [1, 5]");
  });

  it('evaluates the functions where x is moved: ReLU and its derivative switch off below 0', () => {
    const left = sheet.with({ x: -2 });
    expectSignificant(left.value('sigma_x') as number, 0.119203, 6, 'σ(−2)');
    expect([left.value('step_x'), left.value('relu_x'), left.value('drelu_x')]).to.deep.equal([0, 0, 0]);
    expectSignificant(left.value('tanh_x') as number, -0.964028, 6, 'tanh(−2)');
  });

  it('draws five plots, each a function and its derivative over 241 points and the two values at x', () => {
    const plots = sheet.plots();
    expect(plots).to.have.length(5);
    const z = sheet.list('z');
    expect([z[0], z[240], z.length]).to.deep.equal([-6, 6, 241]);
    const f = [sigmoid, (t: number) => (t >= 0 ? 1 : 0), (t: number) => Math.max(0, t), Math.tanh, (t: number) => Math.log1p(Math.exp(t))];
    plots.forEach(([fn, dfn, at], k) => {
      expect(
        fn.rows.map((r) => r.x),
        `plot ${k + 1} x`,
      ).to.deep.equal(z);
      expect(dfn.rows).to.have.length(241);
      ys(fn).forEach((y, i) => expect(y, `plot ${k + 1} at ${z[i]}`).to.be.closeTo(f[k](z[i]), 1e-12));
      expect(at.rows.map((r) => r.x)).to.deep.equal([1, 1]);
      expect(ys(at)).to.deep.equal([sheet.list('f_x')[k], sheet.list('df_x')[k]]);
    });
    ys(plots[0][1]).forEach((y, i) => expect(y).to.be.closeTo(sigmoid(z[i]) * (1 - sigmoid(z[i])), 1e-15));
  });

  it('redraws every plot over the range set by lo and hi', () => {
    const narrow = sheet.with({ lo: -2, hi: 3 });
    for (const [fn] of narrow.plots()) {
      expect(fn.rows[0].x).to.equal(-2);
      expect(fn.rows[240].x).to.equal(3);
    }
  });
});
