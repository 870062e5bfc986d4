// Vanishing gradient on the page: the three lines drawn on a log scale, and the depth slider
// redrawing them with one point per layer.
import { expect } from 'chai';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount } from '../helpers/mount.ts';
import { cell, control } from '../helpers/find.ts';
import { enter, pressOn } from '../helpers/keys.ts';
import { drawn, lines, rows } from '../helpers/charts.ts';

describe('workbook 10 on the page', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount('workbooks/10-vanishing-gradient.md')));
  afterEach(() => wb.remove());

  it('draws the sigmoid, ReLU and σ′ lines at 20 layers on a log scale', async () => {
    const plot = await drawn(wb, 0);
    expect([0, 1, 2].map((k) => rows(plot, k).length)).to.deep.equal([20, 20, 20]);
    expect(lines(plot)).to.equal(3);
    expect((plot.view as unknown as { scale(name: string): { type: string } }).scale('y').type).to.equal('log');
    const sig = rows(plot, 0).map((r) => r.y);
    expect(sig[19] / sig[0]).to.be.above(1e10);
  });

  it("redraws one point per layer when the depth slider moves, and the first layer's gradient grows", async () => {
    const plot = await drawn(wb, 0);
    const first = rows(plot, 0)[0].y;
    await pressOn(wb, control(wb, 'depth', 'depth slider'), ...Array(8).fill('ArrowLeft'));
    expect(cell(wb, 'depth').value).to.equal(12);
    await drawn(wb, 0);
    expect([0, 1, 2].map((k) => rows(plot, k).length)).to.deep.equal([12, 12, 12]);
    expect(rows(plot, 0)[0].y).to.be.above(100 * first);
    expect(cell(wb, 'quarter').value).to.equal(0.25 ** 11);
  });

  it("recomputes every layer when the weights' scale is typed", async () => {
    const g = cell(wb, 'G').value as number[][];
    await enter(wb, control(wb, 'scale', 'scale'), '1.5');
    const h = cell(wb, 'G').value as number[][];
    expect(h[0][0]).to.not.equal(g[0][0]);
    // ReLU without biases is positively homogeneous: scaling the weights changes the size of
    // each gradient, not which units are on.
    expect(h.every((row) => row[1] > 0)).to.equal(true);
  });
});
