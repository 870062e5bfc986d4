// Workbook 2 on the page: five plots side by side, a student moving x and the range.
import { expect } from 'chai';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell, control } from '../helpers/find.ts';
import { slide, typeInto } from '../helpers/keys.ts';
import { drawn, figures, marks, rows } from '../helpers/charts.ts';
import { expectSignificant } from '../helpers/numbers.ts';

describe('workbook 2 on the page: activation functions', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount('workbooks/02-activation-functions.md')));
  afterEach(() => wb.remove());

  it('draws five plots of 241 points per curve, with two dots at x', async () => {
    expect(wb.querySelector('.gs-problems')).to.equal(null);
    expect(figures(wb)).to.have.length(5);
    for (let k = 0; k < 5; k++) {
      const plot = await drawn(wb, k);
      expect(rows(plot, 0), `plot ${k + 1}`).to.have.length(241);
      expect(rows(plot, 1)).to.have.length(241);
      expect(rows(plot, 2)).to.have.length(2);
      expect(marks(plot, 'line'), `plot ${k + 1} lines`).to.equal(2);
      expect(marks(plot, 'symbol'), `plot ${k + 1} dots`).to.equal(2);
    }
  });

  it('shows a label that says what its formula says once: σ(x), not σ(x) = σ(x)', () => {
    const header = (name: string) => cell(wb, name).shadowRoot!.querySelector('header')!;
    expect(header('sigma_x').querySelector('.eq'), 'no "=" and no second σ(x)').to.equal(null);
    expect(header('tanh_from_sigma').querySelector('.eq'), 'a label that differs keeps its formula').to.not.equal(null);
  });

  it('moves the dots and the values when x is typed', async () => {
    await typeInto(control(wb, 'x', 'x'), '-2');
    await settle(wb);
    expectSignificant(cell(wb, 'sigma_x').value as number, 0.119203, 6, 'σ(−2)');
    expect(cell(wb, 'relu_x').value).to.equal(0);
    expect(control(wb, 'x', 'x slider').value).to.equal('-2');
    const plot = await drawn(wb, 0);
    expect(rows(plot, 2).map((r) => r.x)).to.deep.equal([-2, -2]);
    expectSignificant(rows(plot, 2)[0].y, 0.119203, 6, 'the dot on σ');
  });

  it("redraws every plot from the new left end when lo's slider moves", async () => {
    await slide(control(wb, 'lo', 'lo slider'), 'ArrowRight', 2);
    await settle(wb);
    expect(cell(wb, 'lo').value).to.equal(-5);
    for (let k = 0; k < 5; k++) expect(rows(await drawn(wb, k), 0)[0].x, `plot ${k + 1}`).to.equal(-5);
  });
});
