// Workbook 4 on the page: the hand-built XOR network, a student typing its output bias, and the
// sigmoid network trained with the Run button, its decision boundary redrawn as it learns.
import { expect } from 'chai';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell, control, list } from '../helpers/find.ts';
import { typeInto } from '../helpers/keys.ts';
import { drawn, figures, marks, rows } from '../helpers/charts.ts';
import { button, trainer } from '../helpers/train-block.ts';
import { until } from '../helpers/wait.ts';

/** The heat map's colour at the cell centred on (x, y) of a 41 × 41 grid over [−0.5, 1.5]². */
const at = (r: { x: number; y: number; color?: number }[], x: number, y: number) =>
  r.find((c) => Math.abs(c.x + 0.025 - x) < 1e-9 && Math.abs(c.y + 0.025 - y) < 1e-9)!.color!;

describe('workbook 4 on the page: an MLP solves XOR', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount('workbooks/04-mlp-xor.md')));
  afterEach(() => wb.remove());

  it('shows the XOR truth table of the hand-built network and draws both plots', async () => {
    expect(wb.querySelector('.gs-problems')).to.equal(null);
    expect(cell(wb, 'XOR_table').value).to.deep.equal([
      [0, 0, 0, 1, 0],
      [1, 0, 1, 1, 1],
      [0, 1, 1, 1, 1],
      [1, 1, 1, 0, 0],
    ]);
    expect(figures(wb)).to.have.length(2);
    const hand = await drawn(wb, 0);
    expect([0, 1, 2, 3].map((k) => rows(hand, k).length)).to.deep.equal([1681, 2, 2, 4]);
    expect(marks(hand, 'rect')).to.equal(1681);
    expect(marks(hand, 'line')).to.equal(2);
    expect(marks(hand, 'symbol')).to.equal(4);
    const learned = await drawn(wb, 1);
    expect([0, 1].map((k) => rows(learned, k).length)).to.deep.equal([1681, 4]);
    expect(marks(learned, 'rect')).to.equal(1681);
    expect(marks(learned, 'symbol')).to.equal(4);
  });

  it('fires everywhere when the output bias typed is −0.5, and redraws the plot', async () => {
    await typeInto(control(wb, 'b_out', 'b_out'), '-0.5');
    await settle(wb);
    expect(list(wb, 'y')).to.deep.equal([1, 1, 1, 1]);
    const plot = await drawn(wb, 0);
    expect(new Set(rows(plot, 0).map((r) => r.color))).to.deep.equal(new Set([1]));
  });

  it('trains to the target loss with Run, redrawing the decision boundary as it learns', async () => {
    const plot = await drawn(wb, 1);
    const start = at(rows(plot, 0), 1, 1);
    expect(start).to.be.above(0.35);
    const seen = new Set<number>([start]);
    button(wb, 'Run').click();
    await until(() => trainer(wb).trainer!.state.status === 'running', 'the run starts');
    while (trainer(wb).trainer!.state.status === 'running') {
      await new Promise((r) => requestAnimationFrame(r));
      if (plot.view) seen.add(at(rows(plot, 0), 1, 1));
    }
    const state = trainer(wb).trainer!.state;
    expect(state.status).to.equal('done');
    expect(state.loss!).to.be.at.most(0.001);
    await drawn(wb, 1);
    const final = at(rows(plot, 0), 1, 1);
    seen.add(final);
    expect(final, 'ŷ at (1, 1) after training').to.be.below(0.1);
    expect(seen.size, 'the heat map was redrawn while training').to.be.at.least(3);
    expect(list(wb, 'Yhat').map(Math.round)).to.deep.equal([0, 1, 1, 0]);
    expect(cell(wb, 'correct').value).to.equal(4);
    expect(
      [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ].map(([x, y]) => Math.round(at(rows(plot, 0), x, y))),
    ).to.deep.equal([0, 1, 1, 0]);
  });
});
