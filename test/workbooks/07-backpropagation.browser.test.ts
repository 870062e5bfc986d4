// The worked example on the page: the gradient-as-slope plot drawn from the cells, the point and
// its tangent sliding along the same curve when Θ2[2] is typed, and the learning rate on a slider.
import { expect } from 'chai';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { notes, workbookPath } from '../helpers/lecture.ts';
import { mount } from '../helpers/mount.ts';
import { cell, control } from '../helpers/find.ts';
import { enter, pressOn } from '../helpers/keys.ts';
import { drawn, lines, points, rows } from '../helpers/charts.ts';

describe('workbook 07 on the page: the error along Θ2[2]', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount(workbookPath)));
  afterEach(() => wb.remove());

  it('draws the curve and the tangent at 101 points and the current weight as one point', async () => {
    const plot = await drawn(wb, 0);
    expect([0, 1, 2].map((k) => rows(plot, k).length)).to.deep.equal([101, 101, 1]);
    expect(lines(plot)).to.equal(2);
    expect(points(plot)).to.equal(1);
    expect(rows(plot, 2)[0].x).to.equal(0.5);
    expect(rows(plot, 2)[0].y).to.be.closeTo(notes.E, 1e-7);
  });

  it('moves the point and the tangent along the same curve when Θ2[2] is typed', async () => {
    const plot = await drawn(wb, 0);
    const curve = rows(plot, 0).map((r) => r.y);
    const tangent = rows(plot, 1).map((r) => r.y);
    await enter(wb, control(wb, 'Theta2', 'Theta2[2,1]'), '2');
    await drawn(wb, 0);
    const e = cell(wb, 'E').value as number;
    expect(e).to.be.below(notes.E);
    expect(rows(plot, 2)[0]).to.deep.include({ x: 2, y: e });
    rows(plot, 0).forEach((r, k) => expect(r.y).to.be.closeTo(curve[k], 1e-12));
    expect(rows(plot, 1).map((r) => r.y)).to.not.deep.equal(tangent);
  });

  it('sweeps the learning rate with its slider: the updated Θ2 follows', async () => {
    await pressOn(wb, control(wb, 'gamma', 'gamma slider'), 'ArrowLeft', 'ArrowLeft');
    expect(cell(wb, 'gamma').value).to.equal(0.8);
    expect(control(wb, 'gamma', 'gamma').value).to.equal('0.8');
    (cell(wb, 'Theta2_new').value as number[][]).forEach(([v], i) => expect(v).to.be.closeTo(notes.Theta2[i][0] - 0.8 * notes.dE_dTheta2[i][0], 1e-6));
  });
});
