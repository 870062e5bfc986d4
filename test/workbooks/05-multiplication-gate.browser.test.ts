// Workbook 5 on the page: both plots drawn, a student choosing the logistic sigmoid with the
// slider (the gate gives 0) and typing a small λ (the gate gives uv).
import { expect } from 'chai';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell, control } from '../helpers/find.ts';
import { slide, typeInto } from '../helpers/keys.ts';
import { drawn, figures, marks, rows } from '../helpers/charts.ts';
import { expectSignificant } from '../helpers/numbers.ts';

describe('workbook 5 on the page: the multiplication gate', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount('workbooks/05-multiplication-gate.md')));
  afterEach(() => wb.remove());

  it('shows m(0.7, −0.4) = −0.26596 and draws both plots', async () => {
    expect(wb.querySelector('.gs-problems')).to.equal(null);
    expectSignificant(cell(wb, 'm').value as number, -0.26596, 6, 'm');
    expect(figures(wb)).to.have.length(2);
    const sweep = await drawn(wb, 0);
    expect([0, 1, 2].map((k) => rows(sweep, k).length)).to.deep.equal([81, 81, 1]);
    expect(marks(sweep, 'line')).to.equal(2);
    expect(marks(sweep, 'symbol')).to.equal(1);
    const error = await drawn(wb, 1);
    expect([0, 1].map((k) => rows(error, k).length)).to.deep.equal([36, 1]);
    expect(marks(error, 'line')).to.equal(1);
  });

  it('gives 0 when the slider chooses the logistic sigmoid, and the error plot goes flat at |uv|', async () => {
    await slide(control(wb, 'activation', 'activation slider'), 'ArrowLeft');
    await settle(wb);
    expect(cell(wb, 'activation').value).to.equal(1);
    expect(cell(wb, 'sigma2').value).to.equal(0);
    expect(cell(wb, 'm').value).to.equal(0);
    expect(cell(wb, 'm').status).to.equal('ok');
    const sweep = await drawn(wb, 0);
    expect(new Set(rows(sweep, 0).map((r) => r.y))).to.deep.equal(new Set([0]));
    const error = await drawn(wb, 1);
    for (const r of rows(error, 0)) expect(r.y).to.be.closeTo(0.28, 1e-15);
  });

  it('approaches u·v when a small λ is typed, and moves the dot on the error plot', async () => {
    await typeInto(control(wb, 'lambda', 'lambda'), '0.01');
    await settle(wb);
    expectSignificant(cell(wb, 'm').value as number, -0.2799985, 7, 'm at λ = 0.01');
    const error = await drawn(wb, 1);
    expect(rows(error, 1)[0].x).to.equal(0.01);
    expect(rows(error, 1)[0].y).to.be.below(2e-6);
    const sweep = await drawn(wb, 0);
    const at = rows(sweep, 0).find((r) => Math.abs(r.x - 0.7) < 1e-9)!;
    expect(at.y).to.be.closeTo(-0.28, 1e-5);
  });
});
