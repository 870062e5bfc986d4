// Issue 12, "wrong gradients reported as right": grad through linspace, a:b, a:step:b and grid
// was silently 0, and grad(v, v) of a column gave ones. Every case as a student meets it: in a
// cell, in a `check:` attribute, and in a train block's update rule.
import { expect } from 'chai';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { runChecks } from '../../src/graph/run.ts';
import { runBatch } from '../../src/train/batch.ts';
import { isCellError, type CellError } from '../../src/errors.ts';
import type { GradCheck } from '../../src/grad/check.ts';
import type { TrainBlock } from '../../src/format/spec.ts';
import { toJSON, type Value } from '../../src/formula/value.ts';
import { sheet } from '../helpers/sheet.ts';

const cells = (...lines: string[]) => '```cells\n' + lines.join('\n') + '\n```\n';

/** The gradient check of each cell that declares one, by name. */
function checksOf(text: string): (name: string) => GradCheck | CellError {
  const { plan, results } = evaluateWorkbook(text, 'test.md');
  const checks = runChecks(plan, results);
  return (name) => checks.get(plan.byName.get(name)!.index)!;
}

/** One train block run for `steps` steps from the workbook's values. */
function train(text: string, steps: number) {
  const { spec, plan } = evaluateWorkbook(text, 'test.md');
  const block = spec.blocks.find((b): b is TrainBlock => b.kind === 'train')!;
  return runBatch(plan, plan.trains.get(block)!, new Map(), steps);
}

describe('gradients through ranges and grids, in cells', () => {
  it('gives linspace its exact derivative in a and b: entry k is a + (b − a)(k − 1)/(n − 1)', () => {
    const s = sheet('a = 0.5', 'b = 2', 'E = sum(linspace(a, b, 5) .^ 2)', 'ga = grad(E, a)', 'gb = grad(E, b)');
    // Σ 2 xₖ (1 − tₖ) and Σ 2 xₖ tₖ with xₖ = 0.5, 0.875, 1.25, 1.625, 2 and tₖ = 0, ¼, ½, ¾, 1.
    expect(s.value('ga')).to.be.closeTo(4.375, 1e-12);
    expect(s.value('gb')).to.be.closeTo(8.125, 1e-12);
  });

  it('gives linspace(a, b, 1) = a the derivative 1 in a and 0 in b', () => {
    const s = sheet('a = 0.5', 'b = 2', 'E = 3 * linspace(a, b, 1)', 'ga = grad(E, a)', 'gb = grad(E, b)');
    expect(s.value('ga')).to.equal(3);
    expect(s.value('gb')).to.equal(0);
  });

  it('gives a:b the derivative 1 per entry in a, and 0 in b, which only sets the count', () => {
    const s = sheet('a = 0.5', 'b = 3', 'E = sum((a:b) .^ 2)', 'ga = grad(E, a)', 'gb = grad(E, b)');
    expect(s.value('ga')).to.be.closeTo(2 * (0.5 + 1.5 + 2.5), 1e-12);
    expect(s.value('gb')).to.equal(0);
  });

  it('gives a:step:b the derivative k per entry k (from 0) in step', () => {
    const s = sheet('a = 0.5', 's = 0.3', 'E = sum((a:s:2.1) .^ 2)', 'gs = grad(E, s)', 'ga = grad(E, a)');
    const x = [0.5, 0.8, 1.1, 1.4, 1.7, 2.0];
    expect(s.value('gs')).to.be.closeTo(
      x.reduce((t, v, k) => t + 2 * v * k, 0),
      1e-12,
    );
    expect(s.value('ga')).to.be.closeTo(
      x.reduce((t, v) => t + 2 * v, 0),
      1e-12,
    );
  });

  it('gives grid its exact derivative in a and b', () => {
    // grid(a, b, 2): the corners (a, a), (b, a), (a, b), (b, b); E sums the squares of the entries.
    const s = sheet('a = 0.5', 'b = 2', 'E = sum(sum(grid(a, b, 2) .^ 2))', 'ga = grad(E, a)', 'gb = grad(E, b)');
    expect(s.value('ga')).to.be.closeTo(4 * 2 * 0.5, 1e-12);
    expect(s.value('gb')).to.be.closeTo(4 * 2 * 2, 1e-12);
  });

  it('refuses a gradient that reaches E only through a count, naming it', () => {
    for (const [formula, arg] of [
      ['sum(linspace(0, 1, n))', 'n'],
      ['sum(sum(grid(0, 1, n)))', 'n'],
      ['sum(ones(n, 2))', 'n'],
      ['sum(rand(2, 2, n))', 'n'],
    ]) {
      const e = sheet('n = 3', `E = ${formula}`, 'g = grad(E, n)').error('g');
      expect(e.code, formula).to.equal('E_NO_DERIVATIVE');
      expect(e.message, formula).to.contain(`with respect to ${arg}`).and.to.contain('whole number');
      expect(e.loc, formula).to.deep.include({ line: 4 });
    }
  });

  it('refuses a gradient through an index position, and takes a rounded one as flat', () => {
    const e = sheet('v = [1; 2; 3]', 'k = 2', 'E = v[k] * v[1]', 'g = grad(E, k)').error('g');
    expect(e.code).to.equal('E_NO_DERIVATIVE');
    expect(e.message).to.contain('v[k]');
    const s = sheet('v = [1; 2; 3]', 't = 2.2', 'E = v[round(t)] * t', 'g = grad(E, t)');
    expect(s.value('g')).to.equal(2);
  });

  it('differentiates a loss in its target too, not only in its prediction', () => {
    const s = sheet('h = [0.2; 0.6]', 'y = [1; 0]', 'E = mse(h, y)', 'gy = grad(E, y)', 'B = bce(h, y)', 'by = grad(B, y)');
    expect(s.value('gy')).to.deep.equal([[0.8], [-0.6]]);
    const logit = (p: number) => Math.log(1 - p) - Math.log(p);
    const by = s.value('by') as number[][];
    expect(by[0][0]).to.be.closeTo(logit(0.2), 1e-12);
    expect(by[1][0]).to.be.closeTo(logit(0.6), 1e-12);
  });

  it('refuses the derivative of a ^ b in b where a is negative', () => {
    const e = sheet('a = -2', 'b = 2', 'E = a ^ b', 'g = grad(E, b)').error('g');
    expect(e.code).to.equal('E_NO_DERIVATIVE');
    expect(sheet('a = -2', 'b = 2', 'E = a ^ b', 'g = grad(E, a)').value('g')).to.equal(-4);
  });
});

describe('grad of something that is not a single number, in cells', () => {
  it('is E_SHAPE for grad(v, v) of a column, where it gave ones, located at the cell', () => {
    const e = sheet('v = [1; 2]', 'g = grad(v, v)').error('g');
    expect(e.code).to.equal('E_SHAPE');
    expect(e.message).to.equal('Shape mismatch: v is 2×1; grad(v, v) needs v to be a single number (a loss); sum it first, e.g. sum(v).');
    expect(e.loc).to.deep.include({ line: 3 });
  });

  it('is E_SHAPE for grad(A, x) of a matrix that does not depend on x, where it gave 0', () => {
    const e = sheet('A = [1, 2; 3, 4]', 'x = 1', 'g = grad(A, x)').error('g');
    expect(e.code).to.equal('E_SHAPE');
    expect(e.message).to.contain('A is 2×2').and.to.contain('sum(A)');
  });

  it('still gives 1 for grad(E, E) and 0 for a number that does not depend on the variable', () => {
    const s = sheet('x = [1, 2]', 'E = 3', 'g = grad(E, E)', 'z = grad(E, x)');
    expect(s.value('g')).to.equal(1);
    expect(s.value('z')).to.deep.equal([[0, 0]]);
  });

  it('passes on the error of a loss that does not depend on the variable, instead of 0', () => {
    const s = sheet('x = 1', 'E = log(-1)', 'g = grad(E, x)');
    const e = s.error('g');
    expect(e.code).to.equal(s.error('E').code);
    expect(e.root).to.equal('E');
  });
});

describe('gradient checks of ranges, grids and non-numbers', () => {
  it('fails a hand-written 0 against grad through linspace, with autodiff and central differences at 2.5', () => {
    const c = checksOf(cells('w = 2', 'E = sum(linspace(0, w, 5))', 'g = 0', '  check: grad(E, w)'))('g') as GradCheck;
    expect(c.pass).to.equal(false);
    expect(toJSON(c.autodiff)).to.equal(2.5);
    expect(c.numeric as number).to.be.closeTo(2.5, 1e-7);
  });

  it('fails a hand-written 0 against grad through a:b, a:step:b and grid', () => {
    for (const E of ['sum((w:3) .^ 2)', 'sum((0:w:2) .^ 2)', 'sum(sum(grid(w, 2, 3)))']) {
      const c = checksOf(cells('w = 0.45', `E = ${E}`, 'g = 0', '  check: grad(E, w)'))('g') as GradCheck;
      expect(c.pass, E).to.equal(false);
      expect(Math.abs(c.autodiff as number), E).to.be.above(0.1);
      expect(c.numericDifference!, E).to.be.below(1e-6);
    }
  });

  it('is E_SHAPE for check: grad(v, v) of a column and check: grad(A, x) of a matrix', () => {
    const check = checksOf(cells('v = [1; 2]', 'A = [1, 2; 3, 4]', 'x = 1', 'g = [1; 1]', '  check: grad(v, v)', 'h = 0', '  check: grad(A, x)'));
    for (const name of ['g', 'h']) {
      const e = check(name) as CellError;
      expect(isCellError(e), name).to.equal(true);
      expect(e.code, name).to.equal('E_SHAPE');
      expect(e.root, name).to.equal(name);
    }
  });

  it("is E_NO_DERIVATIVE for a check through linspace's count", () => {
    const e = checksOf(cells('n = 5', 'E = sum(linspace(0, 1, n))', 'g = 0', '  check: grad(E, n)'))('g') as CellError;
    expect(e.code).to.equal('E_NO_DERIVATIVE');
  });
});

describe("gradients in a train block's update rules", () => {
  it('moves a weight by the exact gradient through linspace', () => {
    const r = train(cells('w = 2', 'E = sum(linspace(0, w, 5))') + '\n```train\nloss: E\nw <- w - 0.1 * grad(E, w)\n```\n', 1);
    expect(r.reason).to.equal('steps');
    expect(r.inputs.get('w') as Value).to.be.closeTo(2 - 0.25, 1e-12);
  });

  it('stops at step 1 with E_SHAPE when an update rule asks for grad of a column', () => {
    for (const rule of ['w <- w - 0.1 * grad(w, w)', 'w <- w - 0.1 * grad(v, w)']) {
      const r = train(cells('w = [1; 2]', 'v = 3 * w', 'E = sum(v)') + `\n\`\`\`train\nloss: E\n${rule}\n\`\`\`\n`, 5);
      expect(r.reason, rule).to.equal('failure');
      expect(r.failure!.step, rule).to.equal(1);
      expect(r.failure!.error.code, rule).to.equal('E_SHAPE');
      expect(r.failure!.message, rule).to.contain('needs');
    }
  });

  it('stops with E_NO_DERIVATIVE when an update rule differentiates through a count', () => {
    const r = train(cells('n = 3', 'E = sum(linspace(0, 1, n))') + '\n```train\nloss: E\nn <- n - grad(E, n)\n```\n', 5);
    expect(r.reason).to.equal('failure');
    expect(r.failure!.error.code).to.equal('E_NO_DERIVATIVE');
  });
});
