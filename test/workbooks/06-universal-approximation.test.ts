// Universal approximation (Bishop, PRML Fig. 5.3) through the engine, in Node and in the browser:
// the seeded data, the four fits trained by the batch driver below the errors the workbook
// states, and the rows of the four panels.
import { expect } from 'chai';
import { checkWorkbookText } from '../../src/cli/check.ts';
import { readText } from '../helpers/files.ts';
import { expectSignificant } from '../helpers/numbers.ts';
import { flat, loadWorkbook, type LoadedWorkbook } from '../helpers/workbook.ts';

const path = 'workbooks/06-universal-approximation.md';
const targets = [
  { name: 'sq', f: (x: number) => x * x, bound: 1e-3 },
  { name: 'sin', f: (x: number) => Math.sin(Math.PI * x), bound: 1e-3 },
  { name: 'abs', f: Math.abs, bound: 1e-3 },
  { name: 'step', f: (x: number) => (x >= 0 ? 1 : 0), bound: 1e-2 },
];

describe('workbook 06: universal approximation', () => {
  let wb: LoadedWorkbook;
  let trained: ReturnType<LoadedWorkbook['train']>;
  before(async () => {
    wb = await loadWorkbook(path);
    trained = wb.train(wb.trains[0], 3000);
  });

  it('reads with no problem, and gradsheet check passes it', async () => {
    expect(wb.plan.problems).to.deep.equal([]);
    const report = checkWorkbookText(await readText(path), path);
    expect(report.findings).to.deep.equal([]);
    expect(report.ok).to.equal(true);
  });

  it('draws the same 50 inputs from (−1, 1) every time, with the four targets one per row', () => {
    const v = wb.values();
    const x = flat(v.get('x'));
    expect(x).to.have.length(50);
    expect(x.every((xi) => xi > -1 && xi < 1)).to.equal(true);
    expectSignificant(x[0], 0.440454, 6, 'x[1]');
    expectSignificant(x[49], 0.141763, 6, 'x[50]');
    const T = v.rows('T');
    targets.forEach(({ f }, k) => T[k].forEach((t, i) => expect(t, `T[${k + 1},${i + 1}]`).to.be.closeTo(f(x[i]), 1e-15)));
  });

  it('starts all four networks from the same weights, so their hidden units coincide', () => {
    const v = wb.values();
    for (const { name } of targets) {
      expect(v.get(`Theta1_${name}`)).to.deep.equal(v.get('Theta1_sq'));
      expect(v.get(`Theta2_${name}`)).to.deep.equal(v.get('Theta2_sq'));
    }
    expectSignificant(v.number('E_sq'), 0.0828205, 6, 'E_sq at the start');
    expectSignificant(v.number('E'), 1.12281, 6, 'E at the start');
  });

  it('fits each target below the error its caption states after 3000 steps from the seeded start', () => {
    expect(wb.trains[0].block.steps).to.equal(3000);
    const run = trained;
    expect(run.reason).to.equal('steps');
    for (const { name, bound } of targets) {
      const e = run.after.number(`E_${name}`);
      expect(e, `E_${name}`).to.be.below(bound);
      const caption = wb.plan.byName.get(`E_${name}`)!.checked.spec.caption!;
      expect(caption, `E_${name} caption`).to.contain(`below ${bound}`).and.to.contain('3000 steps');
    }
    expect(run.history[run.history.length - 1][1]).to.be.below(run.history[0][1] / 50);
  });

  it('stops a run at γ = 2 within 200 steps, as the prose says, naming the error that overflowed', () => {
    const run = wb.train(wb.trains[0], 3000, { gamma: 2 });
    expect(run.reason).to.equal('failure');
    expect(run.failure!.step).to.be.below(200);
    expect(run.failure!.cell).to.match(/^E_(sq|sin|abs|step)$/);
  });

  it('plots each panel: 50 data points, the network and three hidden units at 201 points', () => {
    expect(wb.plots).to.have.length(4);
    const x = flat(wb.values().get('x'));
    wb.plots.forEach((plot, k) => {
      const layers = wb.rows(plot);
      expect(layers.map((l) => l.name)).to.deep.equal(['data', 'network', 'unit 1', 'unit 2', 'unit 3']);
      expect(layers.map((l) => l.rows.length)).to.deep.equal([50, 201, 201, 201, 201]);
      expect(layers[0].rows.map((r) => r.x)).to.deep.equal(x);
      layers[0].rows.forEach((r, i) => expect(r.y).to.be.closeTo(targets[k].f(x[i]), 1e-15));
      // Before training the four panels show the same hidden units.
      expect(layers.slice(2).map((l) => l.rows)).to.deep.equal(
        wb
          .rows(wb.plots[0])
          .slice(2)
          .map((l) => l.rows),
      );
    });
  });

  it('redraws each panel from the trained weights: the network curve follows its target', () => {
    const x = flat(wb.values().get('x'));
    const [lo, hi] = [Math.min(...x), Math.max(...x)];
    targets.slice(0, 3).forEach(({ f }, k) => {
      // Between the data points: beyond them nothing holds the curve to its target.
      const network = wb.rows(wb.plots[k], trained.after)[1].rows.filter((r) => r.x >= lo && r.x <= hi);
      const worst = Math.max(...network.map((r) => Math.abs(r.y - f(r.x))));
      expect(worst, `panel ${k + 1}: largest distance from the target`).to.be.below(0.1);
    });
  });
});
