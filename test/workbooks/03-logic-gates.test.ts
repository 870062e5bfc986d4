// Workbook 3, logic gates, through the engine (Node and browser): AND and OR with the slides'
// weights, their truth tables exactly, and XOR misclassified by every single perceptron.
import { expect } from 'chai';
import fc from 'fast-check';
import { openWorkbook, colors, type Sheet } from '../helpers/workbook-engine.ts';
import { readText } from '../helpers/files.ts';

const path = 'workbooks/03-logic-gates.md';
const inputs = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
];
const xor = [0, 1, 1, 0];

describe('workbook 3: logic gates', () => {
  let sheet: Sheet;
  before(async () => (sheet = await openWorkbook(path)));

  it('reads with zero problems', () => {
    expect(sheet.spec.problems).to.deep.equal([]);
    expect(sheet.plan.problems).to.deep.equal([]);
  });

  it("computes the truth tables of AND and OR exactly, in the slides' order", () => {
    expect(sheet.value('X')).to.deep.equal(inputs);
    expect(sheet.value('w_AND')).to.deep.equal([[0.5], [0.5]]);
    expect(sheet.value('b_AND')).to.equal(-0.7);
    expect(sheet.value('b_OR')).to.equal(-0.2);
    expect(sheet.value('y_AND')).to.deep.equal([[0], [0], [0], [1]]);
    expect(sheet.value('y_OR')).to.deep.equal([[0], [1], [1], [1]]);
    expect(sheet.value('AND_table')).to.deep.equal([
      [0, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 1],
    ]);
    expect(sheet.value('OR_table')).to.deep.equal([
      [0, 0, 0],
      [1, 0, 1],
      [0, 1, 1],
      [1, 1, 1],
    ]);
  });

  it("marks the slides' biases as wrong (their code subtracts b) and agrees with their truth tables", () => {
    const { agrees, differs, knownWrong } = sheet.slides();
    expect(differs.sort()).to.deep.equal(['b_AND', 'b_OR']);
    expect(knownWrong.sort()).to.deep.equal(['b_AND', 'b_OR']);
    expect(agrees.sort()).to.deep.equal(['y_AND', 'y_OR']);
  });

  it("shows the slides' Python with its undefined tmp, and a corrected version", async () => {
    const text = await readText(path);
    expect(text).to.contain('val = np.sum(w*x) - b\n    if tmp <= 0:');
    expect(text).to.contain('val = np.sum(w*x) + b\n    if val < 0:');
  });

  it("draws each gate's regions, its decision line through w·x + b = 0, and the four inputs", () => {
    const [and, or] = sheet.plots();
    for (const [[heat, line, points], b, table] of [
      [and, -0.7, [0, 0, 0, 1]],
      [or, -0.2, [0, 1, 1, 1]],
    ] as const) {
      expect(heat.rows).to.have.length(41 * 41);
      const grid = sheet.value('G') as number[][];
      expect(colors(heat)).to.deep.equal(grid.map(([a, c]) => (0.5 * a + 0.5 * c + b >= 0 ? 1 : 0)));
      expect(line.rows).to.have.length(2);
      for (const r of line.rows) expect(Math.abs(0.5 * r.x + 0.5 * r.y + b)).to.be.below(1e-12);
      expect(points.rows.map((r) => [r.x, r.y, r.color])).to.deep.equal(inputs.map(([a, c], k) => [a, c, table[k]]));
    }
  });

  it('turns AND into "never" when its bias drops below −1', () => {
    const never = sheet.with({ b_AND: -1.2 });
    expect(never.value('y_AND')).to.deep.equal([[0], [0], [0], [0]]);
    const [[heat]] = never.plots();
    expect(colors(heat).filter((c) => c === 1).length).to.be.below(colors(sheet.plots()[0][0]).filter((c) => c === 1).length);
  });

  it('misclassifies one XOR input with the OR weights, and says which', () => {
    expect(sheet.value('y_XOR')).to.deep.equal([[0], [1], [1], [1]]);
    expect(sheet.value('wrong')).to.deep.equal([[0], [0], [0], [1]]);
    expect(sheet.value('n_wrong')).to.equal(1);
    expect(sheet.value('XOR_table')).to.deep.equal([
      [0, 0, 0, 0, 0],
      [1, 0, 1, 1, 0],
      [0, 1, 1, 1, 0],
      [1, 1, 0, 1, 1],
    ]);
  });

  it('misclassifies at least one XOR input for every w1, w2, b, and names exactly those', () => {
    const check = (w1: number, w2: number, b: number) => {
      const s = sheet.with({ w1, w2, b });
      const wrong = inputs.map(([a, c], k) => ((w1 * a + w2 * c + b >= 0 ? 1 : 0) !== xor[k] ? 1 : 0));
      expect(s.list('wrong'), `w = (${w1}, ${w2}), b = ${b}`).to.deep.equal(wrong);
      expect(s.value('n_wrong'))
        .to.equal(wrong.reduce((p: number, q) => p + q, 0))
        .and.to.be.at.least(1);
    };
    const steps = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2];
    for (const w1 of steps) for (const w2 of steps) for (const b of steps) check(w1, w2, b);
    const num = fc.double({ min: -2, max: 2, noNaN: true });
    fc.assert(
      fc.property(num, num, num, (w1, w2, b) => check(w1, w2, b)),
      { seed: 4, numRuns: 300 },
    );
  });

  it('still draws the XOR plot when both weights are 0: no line, one colour everywhere', () => {
    const s = sheet.with({ w1: 0, w2: 0, b: 0.5 });
    const [, , [heat, line]] = s.plots();
    expect(new Set(colors(heat))).to.deep.equal(new Set([1]));
    expect(line.rows.map((r) => [r.x, r.y])).to.deep.equal([
      [0, 0],
      [0, 0],
    ]);
    expect(s.value('n_wrong')).to.equal(2);
  });

  it('draws the XOR plot from the perceptron the student set', () => {
    const s = sheet.with({ w1: 1, w2: -1, b: -0.5 });
    const [, , [heat, line, points]] = s.plots();
    expect(heat.rows).to.have.length(41 * 41);
    for (const r of line.rows) expect(Math.abs(r.x - r.y - 0.5)).to.be.below(1e-12);
    expect(points.rows.map((r) => r.color)).to.deep.equal(xor);
    expect(s.value('n_wrong')).to.equal(1);
  });
});
