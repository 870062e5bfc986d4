// Gradient descent on the page: the learning rate moved with its slider redraws the factors and
// the path at once; Run at the default γ fits the line; Run at γ = 1 stops and says where.
import { expect } from 'chai';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount } from '../helpers/mount.ts';
import { cell, control } from '../helpers/find.ts';
import { enter, pressOn } from '../helpers/keys.ts';
import { drawn, lines, points, rows } from '../helpers/charts.ts';
import { run, trainer } from '../helpers/train-block.ts';

describe('workbook 09 on the page', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount('workbooks/09-gradient-descent.md')));
  afterEach(() => wb.remove());

  it('draws the data and the line, the two factors, and the loss surface with the next 30 steps', async () => {
    const fit = await drawn(wb, 0);
    expect(points(fit)).to.equal(8);
    expect(lines(fit)).to.equal(1);
    const left = await drawn(wb, 1);
    expect([rows(left, 0).length, rows(left, 1).length]).to.deep.equal([31, 31]);
    expect(lines(left)).to.equal(2);
    const surface = await drawn(wb, 2);
    expect([rows(surface, 0).length, rows(surface, 1).length]).to.deep.equal([1600, 31]);
    expect(points(surface)).to.equal(31);
    expect(surface.shadowRoot!.querySelectorAll('svg .mark-rect.role-mark path').length).to.equal(1600);
  });

  it("redraws the factors from the γ slider: past 2/λ_max the slope's factor is below −1", async () => {
    const slider = control(wb, 'gamma', 'gamma slider');
    await pressOn(wb, slider, 'End');
    expect(cell(wb, 'gamma').value).to.equal(1.2);
    expect((cell(wb, 'rates').value as number[][])[0][0]).to.be.closeTo(1 - 1.2 * 5.25, 1e-12);
    const left = await drawn(wb, 1);
    const w = rows(left, 0);
    expect(w[1].y).to.be.closeTo(-5.3, 1e-12);
    expect(Math.abs(w[30].y)).to.be.above(1e20);
  });

  it('fits the line with Run at γ = 0.1, and the line in the plot moves with it', async () => {
    const fit = await drawn(wb, 0);
    const before = rows(fit, 1).map((r) => r.y);
    const state = await run(wb);
    expect(state.status).to.equal('done');
    expect(state.step).to.equal(300);
    expectClose(cell(wb, 'Theta').value as number[][], cell(wb, 'Theta_star').value as number[][]);
    await drawn(wb, 0);
    expect(rows(fit, 1).map((r) => r.y)).to.not.deep.equal(before);
  });

  it('stops a run at γ = 1 when the numbers overflow, and says at which step and in which cell', async () => {
    await enter(wb, control(wb, 'gamma', 'gamma'), '1');
    const state = await run(wb);
    expect(state.status).to.equal('failed');
    expect(state.failure!.step).to.equal(246);
    const status = trainer(wb).shadowRoot!.querySelector('[role=status]')!.textContent!;
    expect(status).to.contain('step 246').and.to.contain('ell');
  });
});

function expectClose(a: number[][], b: number[][]): void {
  a.forEach((row, i) => row.forEach((v, j) => expect(v, `[${i + 1},${j + 1}]`).to.be.closeTo(b[i][j], 1e-9)));
}
