// Workbook 1, the perceptron and its bias, through the engine (Node and browser): the slide's
// four steps, the bias rule, and the plot of where the perceptron fires.
import { expect } from 'chai';
import { openWorkbook, colors, type Sheet } from '../helpers/workbook-engine.ts';

const path = 'workbooks/01-perceptron.md';

describe('workbook 1: the perceptron and its bias', () => {
  let sheet: Sheet;
  before(async () => (sheet = await openWorkbook(path)));

  it('reads with zero problems', () => {
    expect(sheet.spec.problems).to.deep.equal([]);
    expect(sheet.plan.problems).to.deep.equal([]);
  });

  it("works the slide's example: weighted inputs 6 and −4, sum 2, sign +1", () => {
    expect([sheet.value('x1'), sheet.value('x2'), sheet.value('w1'), sheet.value('w2')]).to.deep.equal([12, 4, 0.5, -1]);
    expect(sheet.value('wx1')).to.equal(6);
    expect(sheet.value('wx2')).to.equal(-4);
    expect(sheet.value('s')).to.equal(2);
    expect(sheet.value('output')).to.equal(1);
    expect(sheet.value('wx')).to.equal(2);
  });

  it('agrees with every number the slide prints', () => {
    const { agrees, differs } = sheet.slides();
    expect(differs).to.deep.equal([]);
    expect(agrees.sort()).to.deep.equal(['output', 's', 'wx', 'wx1', 'wx2']);
  });

  it('fires when w·x + b ≥ 0, and not below', () => {
    expect(sheet.value('z')).to.equal(2);
    expect(sheet.value('y')).to.equal(1);
    expect(sheet.with({ b: -2 }).value('y'), 'w·x + b = 0 fires').to.equal(1);
    expect(sheet.with({ b: -2.5 }).value('y')).to.equal(0);
    expect(sheet.with({ w2: 1 }).value('output'), 'sign(6 + 4)').to.equal(1);
    expect(sheet.with({ w1: -0.5 }).value('output'), 'sign(−6 − 4)').to.equal(-1);
  });

  it("plots the output over a 41 × 41 grid, the line w·x + b = 0 and the slide's input", () => {
    const [[heat, line, point]] = sheet.plots();
    expect(heat.rows).to.have.length(41 * 41);
    const fires = (x1: number, x2: number) => (0.5 * x1 - x2 >= 0 ? 1 : 0);
    const grid = sheet.value('G') as number[][];
    expect(colors(heat)).to.deep.equal(grid.map(([a, b]) => fires(a, b)));
    expect(sheet.value('n_fire')).to.equal(grid.filter(([a, b]) => fires(a, b)).length);
    expect(line.rows).to.have.length(2);
    for (const r of line.rows) expect(Math.abs(0.5 * r.x - r.y), 'on the line').to.be.below(1e-12);
    expect(point.rows).to.deep.equal([{ x: 12, y: 4 }]);
  });

  it('moves the line and the regions with the bias', () => {
    const moved = sheet.with({ b: -3 });
    const [[heat, line]] = moved.plots();
    for (const r of line.rows) expect(Math.abs(0.5 * r.x - r.y - 3)).to.be.below(1e-12);
    expect(colors(heat).filter((c) => c === 1).length).to.equal(moved.value('n_fire'));
    expect(moved.value('n_fire')).to.be.below(sheet.value('n_fire') as number);
  });
});
