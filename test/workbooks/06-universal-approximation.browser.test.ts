// Universal approximation on the page: four panels side by side, each drawn from its cells,
// redrawn when a weight is typed and while the train block runs.
import { expect } from 'chai';
import { setViewport } from '@web/test-runner-commands';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount } from '../helpers/mount.ts';
import { cell, control } from '../helpers/find.ts';
import { enter } from '../helpers/keys.ts';
import { drawn, figures, lines, points, rows } from '../helpers/charts.ts';
import { run, runSteps, trainer } from '../helpers/train-block.ts';

describe('workbook 06 on the page', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount('workbooks/06-universal-approximation.md')));
  afterEach(() => wb.remove());

  it('draws four panels, two side by side, each with 50 points and four curves of 201 points', async () => {
    expect(figures(wb)).to.have.length(4);
    for (let k = 0; k < 4; k++) {
      const plot = await drawn(wb, k);
      expect(
        [0, 1, 2, 3, 4].map((l) => rows(plot, l).length),
        `panel ${k + 1}`,
      ).to.deep.equal([50, 201, 201, 201, 201]);
      expect(points(plot), `panel ${k + 1} points`).to.equal(50);
      expect(lines(plot), `panel ${k + 1} lines`).to.equal(4);
    }
    await setViewport({ width: 1200, height: 900 });
    const [a, b] = figures(wb).map((f) => f.getBoundingClientRect());
    expect(b.top).to.equal(a.top);
    expect(b.left).to.be.above(a.right - 1);
  });

  it('redraws a hidden unit and the error when a weight is typed into its entry', async () => {
    const before = rows(await drawn(wb, 0), 2).map((r) => r.y);
    const other = rows(await drawn(wb, 1), 2).map((r) => r.y);
    const e = cell(wb, 'E_sq').value as number;
    await enter(wb, control(wb, 'Theta1_sq', 'Theta1_sq[1,1]'), '4');
    expect(cell(wb, 'Theta1_sq').value).to.deep.equal([
      [4, 1.22, -0.51],
      [-0.25, 1.05, -1.1],
    ]);
    expect(cell(wb, 'E_sq').value).to.not.equal(e);
    const after = rows(await drawn(wb, 0), 2);
    // Unit 1 of the x² network is now tanh(4x − 0.25).
    after.forEach((r) => expect(r.y).to.be.closeTo(Math.tanh(4 * r.x - 0.25), 1e-12));
    expect(after.map((r) => r.y)).to.not.deep.equal(before);
    expect(rows(await drawn(wb, 1), 2).map((r) => r.y)).to.deep.equal(other);
  });

  it('trains from the Run button: the errors fall and the network curves move', async () => {
    const start = rows(await drawn(wb, 1), 1).map((r) => r.y);
    const e = cell(wb, 'E').value as number;
    runSteps(wb, 300);
    const state = await run(wb);
    expect(state.status).to.equal('done');
    expect(state.step).to.equal(300);
    expect(cell(wb, 'E').value as number).to.be.below(e / 5);
    expect(rows(await drawn(wb, 1), 1).map((r) => r.y)).to.not.deep.equal(start);
    expect(trainer(wb).shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('step 300');
  });
});
