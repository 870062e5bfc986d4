// Loss functions on the page: the target and the prediction moved through their real slider and
// entry, and the losses and the plots following.
import { expect } from 'chai';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount } from '../helpers/mount.ts';
import { cell, control } from '../helpers/find.ts';
import { enter, pressOn } from '../helpers/keys.ts';
import { drawn, lines, points, rows } from '../helpers/charts.ts';

describe('workbook 08 on the page', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount('workbooks/08-loss-functions.md')));
  afterEach(() => wb.remove());

  it('draws three loss curves of 199 points and the three losses at h', async () => {
    const plot = await drawn(wb, 0);
    expect([0, 1, 2, 3].map((k) => rows(plot, k).length)).to.deep.equal([199, 199, 199, 3]);
    expect(lines(plot)).to.equal(3);
    expect(points(plot)).to.equal(3);
    const gradients = await drawn(wb, 1);
    expect([0, 1, 2].map((k) => rows(gradients, k).length)).to.deep.equal([161, 161, 2]);
  });

  it('sets the target to 0 with its slider: cross entropy drops to 0 everywhere, the others change', async () => {
    const plot = await drawn(wb, 0);
    const bceBefore = rows(plot, 2).map((r) => r.y);
    const slider = control(wb, 'y', 'y slider');
    await pressOn(wb, slider, 'Home');
    expect(cell(wb, 'y').value).to.equal(0);
    expect(control(wb, 'y', 'y').value).to.equal('0');
    expect(cell(wb, 'L_ce').value).to.equal(0);
    expect(cell(wb, 'L_mse').value).to.be.closeTo(0.245, 1e-15);
    expect(cell(wb, 'L_bce').value).to.be.closeTo(-Math.log(0.3), 1e-15);
    await drawn(wb, 0);
    expect(rows(plot, 1).every((r) => r.y === 0)).to.equal(true);
    expect(rows(plot, 2).map((r) => r.y)).to.not.deep.equal(bceBefore);
    expect(rows(plot, 3).map((r) => r.y)).to.deep.equal(['L_mse', 'L_ce', 'L_bce'].map((n) => cell(wb, n).value));
  });

  it('moves the marked prediction when h is typed into its entry', async () => {
    await enter(wb, control(wb, 'h', 'h'), '0.2');
    expect(cell(wb, 'L_mse').value).to.be.closeTo(0.32, 1e-15);
    expect(control(wb, 'h', 'h slider').value).to.equal('0.2');
    const plot = await drawn(wb, 0);
    expect(rows(plot, 3).map((r) => r.x)).to.deep.equal([0.2, 0.2, 0.2]);
    expect(rows(plot, 3)[2].y).to.be.closeTo(-Math.log(0.2), 1e-15);
  });
});
