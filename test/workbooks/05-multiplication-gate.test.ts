// Workbook 5, the multiplication gate, through the engine (Node and browser): NOTES.md's values
// for softplus, the logistic sigmoid's exact 0, the biased sigmoid's convergence, the slide's
// Taylor step, and the two plots.
import { expect } from 'chai';
import { openWorkbook, ys, type Sheet } from '../helpers/workbook-engine.ts';
import { expectSignificant } from '../helpers/numbers.ts';

const path = 'workbooks/05-multiplication-gate.md';
const LOGISTIC = 1,
  SOFTPLUS = 2,
  BIASED = 3;

describe('workbook 5: the multiplication gate', () => {
  let sheet: Sheet;
  before(async () => (sheet = await openWorkbook(path)));

  it('reads with zero problems', () => {
    expect(sheet.spec.problems).to.deep.equal([]);
    expect(sheet.plan.problems).to.deep.equal([]);
  });

  it("gives NOTES.md's values with softplus, u = 0.7, v = −0.4: m → uv = −0.28 as λ → 0", () => {
    expect([sheet.value('u'), sheet.value('v'), sheet.value('activation')]).to.deep.equal([0.7, -0.4, SOFTPLUS]);
    expect(sheet.value('sigma2')).to.equal(0.25);
    expect(sheet.value('mu')).to.equal(1);
    expectSignificant(sheet.value('m') as number, -0.26596, 6, 'λ = 1');
    expectSignificant(sheet.with({ lambda: 0.1 }).value('m') as number, -0.279848, 6, 'λ = 0.1');
    expectSignificant(sheet.with({ lambda: 0.01 }).value('m') as number, -0.2799985, 7, 'λ = 0.01');
    expect(sheet.value('uv')).to.be.closeTo(-0.28, 1e-15);
    expectSignificant(sheet.value('err') as number, 0.01403984, 6, '|m − uv| at λ = 1');
  });

  it('gives exactly 0 with the logistic sigmoid: σ″(0) = 0, σ(a) + σ(−a) = 1, no μ', () => {
    for (const lambda of [1, 0.1, 0.01]) {
      const s = sheet.with({ activation: LOGISTIC, lambda });
      expect(s.value('sigma2')).to.equal(0);
      expect(s.value('mu')).to.equal(0);
      expect(s.value('m')).to.equal(0);
      for (const p of s.list('pair_sums')) expect(p).to.be.closeTo(1, 1e-15);
      expect(s.value('err')).to.be.closeTo(0.28, 1e-15);
    }
    const [[mUs], [err]] = sheet.with({ activation: LOGISTIC }).plots();
    expect(new Set(ys(mUs))).to.deep.equal(new Set([0]));
    for (const e of ys(err)) expect(e).to.be.closeTo(0.28, 1e-15);
  });

  it('approaches uv with the logistic sigmoid biased to b ≠ 0, as λ → 0', () => {
    const at = (lambda: number, b = 1) => sheet.with({ activation: BIASED, lambda, b });
    const d2 = (x: number) => {
      const s = 1 / (1 + Math.exp(-x));
      return s * (1 - s) * (1 - 2 * s);
    };
    expect(at(1).value('sigma2')).to.be.closeTo(d2(1), 1e-15);
    const errs = [1, 0.1, 0.01].map((l) => at(l).value('err') as number);
    expect(errs[1]).to.be.below(errs[0] / 50);
    expect(errs[2]).to.be.below(errs[1] / 50);
    expect(errs[2]).to.be.below(1e-4);
    expect(at(0.01, -2).value('err') as number).to.be.below(1e-4);
    expect(at(1, 0).value('m'), 'b = 0 is the plain logistic').to.equal(0);
  });

  it("shows the slide's Taylor step: the bracket is 8uv; without the ½ the middle line gives 2uv, with it uv", () => {
    expect(sheet.value('bracket')).to.be.closeTo(8 * -0.28, 1e-14);
    expect(sheet.value('m_middle')).to.be.closeTo(2 * -0.28, 1e-14);
    expect(sheet.value('m_taylor')).to.be.closeTo(-0.28, 1e-14);
  });

  it('plots m against u beside the line uv, and the error against λ with slope 2 on log–log axes', () => {
    const [[mUs, uvLine, atU], [err, atLambda]] = sheet.plots();
    expect([mUs.rows.length, uvLine.rows.length, atU.rows.length]).to.deep.equal([81, 81, 1]);
    expect(atU.rows[0]).to.deep.include({ x: 0.7 });
    expectSignificant(atU.rows[0].y, -0.26596, 6, 'the dot at u');
    uvLine.rows.forEach((r) => expect(r.y).to.be.closeTo(r.x * -0.4, 1e-15));
    const mid = mUs.rows.find((r) => Math.abs(r.x - 0.7) < 1e-9)!;
    expectSignificant(mid.y, -0.26596, 6, 'm at u = 0.7 on the curve');
    expect(err.rows).to.have.length(36);
    expect(err.rows[0].x).to.be.closeTo(1e-3, 1e-15);
    const slope = (Math.log(err.rows[20].y) - Math.log(err.rows[0].y)) / (Math.log(err.rows[20].x) - Math.log(err.rows[0].x));
    expect(slope).to.be.closeTo(2, 0.02);
    expect(atLambda.rows.map((r) => r.x)).to.deep.equal([1]);
  });

  it('still draws the error plot when u·v = 0, where only rounding is left (μ magnifies it as λ → 0)', () => {
    const [, [err]] = sheet.with({ v: 0 }).plots();
    for (const e of ys(err)) expect(e).to.be.above(0).and.below(1e-9);
  });
});
