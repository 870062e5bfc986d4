// Workbook 3 on the page: AND, OR and XOR plots drawn from the cells, a student typing a bias and
// dragging XOR's weights, the misclassified inputs always listed.
import { expect } from 'chai';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell, control, list } from '../helpers/find.ts';
import { slide, typeInto } from '../helpers/keys.ts';
import { drawn, figures, marks, rows } from '../helpers/charts.ts';

describe('workbook 3 on the page: logic gates', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount('workbooks/03-logic-gates.md')));
  afterEach(() => wb.remove());

  it("lists no problem, shows the truth tables, and the slides' biases as known slide errors", () => {
    expect(wb.querySelector('.gs-problems')).to.equal(null);
    expect(cell(wb, 'AND_table').value).to.deep.equal([
      [0, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 1],
    ]);
    expect(cell(wb, 'OR_table').value).to.deep.equal([
      [0, 0, 0],
      [1, 0, 1],
      [0, 1, 1],
      [1, 1, 1],
    ]);
    const slide = cell(wb, 'b_AND').shadowRoot!.querySelector('[part=slide]')!.textContent!;
    expect(slide).to.contain('the slide is wrong').and.to.contain('subtracts');
    const code = [...wb.querySelectorAll('.gs-prose pre code')].map((c) => c.textContent);
    expect(code.some((c) => c!.includes('if tmp <= 0:'))).to.equal(true);
  });

  it('draws three plots: 1681 heat-map cells, one decision line and four inputs each', async () => {
    expect(figures(wb)).to.have.length(3);
    for (let k = 0; k < 3; k++) {
      const plot = await drawn(wb, k);
      expect(rows(plot, 0), `plot ${k + 1}`).to.have.length(1681);
      expect(rows(plot, 1)).to.have.length(2);
      expect(rows(plot, 2)).to.have.length(4);
      expect(marks(plot, 'rect')).to.equal(1681);
      expect(marks(plot, 'line')).to.equal(1);
      expect(marks(plot, 'symbol')).to.equal(4);
    }
  });

  it('changes the AND truth table and redraws its plot when the bias is typed', async () => {
    const plot = await drawn(wb, 0);
    const firing = rows(plot, 0).filter((r) => r.color === 1).length;
    await typeInto(control(wb, 'b_AND', 'b_AND'), '-1.2');
    await settle(wb);
    expect(cell(wb, 'y_AND').value).to.deep.equal([[0], [0], [0], [0]]);
    await drawn(wb, 0);
    expect(rows(plot, 0).filter((r) => r.color === 1).length).to.be.below(firing);
    for (const r of rows(plot, 1)) expect(Math.abs(0.5 * r.x + 0.5 * r.y - 1.2)).to.be.below(1e-9);
  });

  it('always finds a misclassified XOR input as the student drags the weights and the bias', async () => {
    const xor = [0, 1, 1, 0];
    const plot = await drawn(wb, 2);
    const before = rows(plot, 1).map((r) => [r.x, r.y]);
    for (const [name, key, times] of [
      ['w2', 'ArrowLeft', 20],
      ['b', 'ArrowRight', 8],
      ['w1', 'ArrowLeft', 30],
    ] as const) {
      await slide(control(wb, name, `${name} slider`), key, times);
      await settle(wb);
      const [w1, w2, b] = ['w1', 'w2', 'b'].map((n) => cell(wb, n).value as number);
      const y = [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ].map(([p, q]) => (w1 * p + w2 * q + b >= 0 ? 1 : 0));
      const wrong = y.map((v, k) => (v !== xor[k] ? 1 : 0));
      expect(list(wb, 'wrong'), `w = (${w1}, ${w2}), b = ${b}`).to.deep.equal(wrong);
      expect(cell(wb, 'n_wrong').value)
        .to.equal(wrong.reduce((p: number, q) => p + q, 0))
        .and.to.be.at.least(1);
    }
    await drawn(wb, 2);
    expect(rows(plot, 1).map((r) => [r.x, r.y])).to.not.deep.equal(before);
  });
});
