// Workbook 1 on the page: the slide's numbers, the plot drawn from the cells, and a student
// typing a bias and dragging a weight.
import { expect } from 'chai';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell, control, list } from '../helpers/find.ts';
import { slide, typeInto } from '../helpers/keys.ts';
import { drawn, figures, marks, rows } from '../helpers/charts.ts';

describe('workbook 1 on the page: the perceptron and its bias', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount('workbooks/01-perceptron.md')));
  afterEach(() => wb.remove());

  it("shows the slide's numbers with no problem listed", () => {
    expect(wb.querySelector('.gs-problems')).to.equal(null);
    expect(['wx1', 'wx2', 's', 'output'].map((n) => cell(wb, n).value)).to.deep.equal([6, -4, 2, 1]);
    for (const n of ['wx1', 'wx2', 's', 'output']) {
      expect(cell(wb, n).shadowRoot!.querySelector('[part=slide]')!.textContent, n).to.contain('agrees');
    }
  });

  it("draws 1681 heat-map cells, the decision line and the slide's input", async () => {
    expect(figures(wb)).to.have.length(1);
    const plot = await drawn(wb, 0);
    expect(rows(plot, 0)).to.have.length(1681);
    expect(rows(plot, 1)).to.have.length(2);
    expect(rows(plot, 2).map((r) => [r.x, r.y])).to.deep.equal([[12, 4]]);
    expect(marks(plot, 'rect')).to.equal(1681);
    expect(marks(plot, 'line')).to.equal(1);
    expect(marks(plot, 'symbol')).to.equal(1);
  });

  it('stops firing when the bias typed into its entry passes −2, and redraws the plot', async () => {
    const plot = await drawn(wb, 0);
    const before = rows(plot, 1).map((r) => r.y);
    const firing = list(wb, 'Y_G').filter((v) => v === 1).length;
    await typeInto(control(wb, 'b', 'b'), '-3');
    await settle(wb);
    expect(cell(wb, 'z').value).to.equal(-1);
    expect(cell(wb, 'y').value).to.equal(0);
    await drawn(wb, 0);
    expect(rows(plot, 1).map((r) => r.y)).to.not.deep.equal(before);
    const colours = rows(plot, 0).map((r) => r.color);
    expect(colours.filter((c) => c === 1).length)
      .to.equal(cell(wb, 'n_fire').value)
      .and.to.be.below(firing);
  });

  it("recomputes the weighted input when a weight's slider moves", async () => {
    const slider = control(wb, 'w1', 'w1 slider');
    await slide(slider, 'ArrowRight');
    await settle(wb);
    expect(cell(wb, 'w1').value).to.equal(0.6);
    expect(cell(wb, 'wx1').value).to.be.closeTo(7.2, 1e-12);
    expect(cell(wb, 's').value).to.be.closeTo(3.2, 1e-12);
    expect(control(wb, 'w1', 'w1').value).to.equal('0.6');
    const plot = await drawn(wb, 0);
    for (const r of rows(plot, 1)) expect(Math.abs(0.6 * r.x - r.y)).to.be.below(1e-9);
  });
});
