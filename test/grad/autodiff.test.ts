// grad(E, Θ) by reverse-mode automatic differentiation, and the gradient checks of hand-written
// partials, on the lecture's worked example.
import { expect } from 'chai';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { runChecks } from '../../src/graph/run.ts';
import { readWorkbook } from '../../src/format/read.ts';
import { Session } from '../../src/reactive/session.ts';
import { isCellError, CellError } from '../../src/errors.ts';
import { matFromRows, toJSON, type Value } from '../../src/formula/value.ts';
import type { GradCheck } from '../../src/grad/check.ts';
import { Tape, evaluateTaped } from '../../src/grad/tape.ts';
import { parseFormula } from '../../src/formula/parse.ts';
import { compileExpr } from '../../src/formula/evaluate.ts';
import { functions, operators } from '../../src/formula/functions.ts';
import { readText } from '../helpers/files.ts';
import { expectValue } from '../helpers/numbers.ts';
import { sheet } from '../helpers/sheet.ts';
import { notes, workbookPath } from '../helpers/lecture.ts';

describe('automatic differentiation', () => {
  let text: string;
  before(async () => {
    text = await readText(workbookPath);
  });

  it('gives ∂E/∂Θ1 and ∂E/∂Θ2 of NOTES.md exactly, without a hand-written chain rule', () => {
    const { plan, results } = evaluateWorkbook(text);
    expectValue(results[plan.byName.get('autodiff_Theta1')!.index] as Value, notes.dE_dTheta1 as never, 6, 'grad(E, Theta1)');
    expectValue(results[plan.byName.get('autodiff_Theta2')!.index] as Value, notes.dE_dTheta2 as never, 6, 'grad(E, Theta2)');
  });

  it('agrees with every hand-written partial of the workbook to rounding', () => {
    const { plan, results } = evaluateWorkbook(text);
    const s = (n: string) => toJSON(results[plan.byName.get(n)!.index] as Value) as number[][];
    for (const [auto, hand] of [
      ['autodiff_Theta1', 'dE_dTheta1'],
      ['autodiff_Theta2', 'dE_dTheta2'],
    ]) {
      s(auto).forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - s(hand)[i][j])).to.be.below(1e-15)));
    }
  });

  it('differentiates with respect to an intermediate cell (∂E/∂h1)', () => {
    const s = sheet('x = [1; 2]', 'h = 3 * x', 'E = sum(h .* h)', 'g = grad(E, h)');
    expect(s.value('g')).to.deep.equal([[6], [12]]);
  });

  it('gives zero for a cell the loss does not depend on, and ones for the loss itself', () => {
    const s = sheet('a = [1, 2]', 'b = 3', 'E = 2 * b', 'ga = grad(E, a)', 'gE = grad(E, E)');
    expect(s.value('ga')).to.deep.equal([[0, 0]]);
    expect(s.value('gE')).to.equal(1);
  });

  it('differentiates through indexing, blocks, broadcasting, reductions and losses', () => {
    const s = sheet(
      'W = [1, 2; 3, 4]',
      'b = [0.5, -0.5]',
      'X = [1, 0; 0, 1; 1, 1]',
      'H = tanh(X * W + b)',
      'Z = [H[:, 1], H[1:3, 2]]',
      'L = mean(Z .^ 2) + bce(sigmoid(H[2, 1]), 1)',
      'gW = grad(L, W)',
      'gb = grad(L, b)',
    );
    const gW = s.value('gW') as number[][];
    const gb = s.value('gb') as number[][];
    expect(gW).to.have.length(2);
    // Each column of ∂L/∂W sums over samples; b is broadcast over rows, so ∂L/∂b is the column sums of ∂L/∂(XW + b).
    expect(gb[0]).to.have.length(2);
    for (const v of [...gW.flat(), ...gb.flat()]) expect(Number.isFinite(v)).to.equal(true);
  });

  it('says which operation has no derivative', () => {
    const tape = new Tape();
    const det = { name: 'det', arity: [1, 1] as const, doc: '', group: 'matrix' as const, forward: ([a]: Value[]) => a };
    const expr = { kind: 'apply' as const, op: det, args: [{ kind: 'ref' as const, name: 'A', text: 'A' }], text: 'det(A)' };
    expect(() => evaluateTaped(expr, () => tape.leaf(2, true), tape)).to.throw(CellError, 'no derivative for det');
  });

  it('refuses second derivatives with a clear error', () => {
    const e = sheet('x = 2', 'y = x * x', 'g = grad(y, x)', 'h = g + 0', 'gg = grad(h, x)').error('gg');
    expect(e.code).to.equal('E_NO_DERIVATIVE');
    expect(e.message).to.contain('grad(y, x)');
  });

  it('asks for a single number to differentiate', () => {
    const e = sheet('x = [1; 2]', 'y = 2 * x', 'g = grad(y, x)').error('g');
    expect(e.code).to.equal('E_SHAPE');
    expect(e.message).to.contain('sum(y)');
  });

  it('gives every operation of the formula language a derivative or marks it piecewise constant', () => {
    for (const op of [...functions.values(), ...operators.values()]) {
      expect(Boolean(op.backward) || Boolean(op.flat), op.name).to.equal(true);
    }
  });
});

describe('gradient checks of hand-written partials', () => {
  let text: string;
  before(async () => {
    text = await readText(workbookPath);
  });

  const checksOf = (source: string) => {
    const { plan, results } = evaluateWorkbook(source);
    const checks = runChecks(plan, results);
    return (name: string) => {
      const c = checks.get(plan.byName.get(name)!.index)!;
      if (isCellError(c)) throw c;
      return c as GradCheck;
    };
  };

  it("pass for the workbook's ∂E/∂Θ2 and ∂E/∂Θ1, with autodiff and central differences side by side", () => {
    const check = checksOf(text);
    for (const name of ['dE_dTheta2', 'dE_dTheta1']) {
      const c = check(name);
      expect(c.pass, name).to.equal(true);
      expect(c.relativeDifference, name).to.be.below(1e-12);
      expect(c.numericDifference!, name).to.be.below(1e-6);
      for (const e of c.entries) expect(Math.abs(e.numeric! - e.autodiff), name).to.be.below(1e-8);
    }
    expectValue(check('dE_dTheta1').numeric!, notes.dE_dTheta1 as never, 6, 'finite differences');
  });

  it("fail visibly for the slide's chain rule (Θ2 in place of h1), marked as expected", () => {
    const c = checksOf(text)('dE_dTheta2_slide');
    expect(c.pass).to.equal(false);
    expect(c.relativeDifference).to.be.above(1);
    expect(c.expectedToFail).to.contain('Θ2');
    expect(c.entries.every((e) => !e.agrees)).to.equal(true);
  });

  it('fail for a wrong derivation the author did not mark, and name the shapes when they differ', () => {
    const base = "```cells\nx = [1; 2]\nw = [0.5; -1]\nE = sigmoid(w' * x)\n";
    const wrong = checksOf(base + 'g = x * E\n  check: grad(E, w)\n```\n')('g');
    expect(wrong.pass).to.equal(false);
    expect(wrong.expectedToFail).to.equal(undefined);
    const right = checksOf(base + "g = x * dsigmoid(w' * x)\n  check: grad(E, w)\n```\n")('g');
    expect(right.pass).to.equal(true);
    const shaped = checksOf(base + "g = (x * dsigmoid(w' * x))'\n  check: grad(E, w)\n```\n")('g');
    expect(shaped.pass).to.equal(false);
    expect(shaped.shapeMismatch).to.contain('1×2').and.to.contain('2×1');
  });

  it('reports a check of an unknown cell at its line', () => {
    const { plan } = evaluateWorkbook('```cells\nx = 1\ng = 2 * x\n  check: grad(F, x)\n```\n');
    expect(plan.problems).to.have.length(1);
    expect(plan.problems[0]).to.include({ code: 'E_NAME_UNKNOWN', line: 4, cell: 'g' });
  });

  it('update live: editing Θ1[1,3] changes grad(E, Θ1) and the check still passes', async () => {
    const session = new Session(readWorkbook(text));
    try {
      session.setEntry('Theta1', 1, 3, '1.5');
      await session.settled();
      const auto = toJSON(session.state('autodiff_Theta1')!.value!) as number[][];
      const hand = toJSON(session.state('dE_dTheta1')!.value!) as number[][];
      expect(auto[0][2]).to.not.be.closeTo(notes.dE_dTheta1[0][2], 1e-4);
      auto.forEach((row, i) => row.forEach((v, j) => expect(v).to.be.closeTo(hand[i][j], 1e-15)));
      const check = session.state('dE_dTheta1')!.gradCheck as GradCheck;
      expect(check.pass).to.equal(true);
      expect(check.autodiff).to.deep.equal(session.state('autodiff_Theta1')!.value);
    } finally {
      session.dispose();
    }
  });
});

describe('the tape says what went wrong as the evaluator does', () => {
  it('names the expression that made a NaN, and the operands of a shape mismatch', () => {
    const ctx = { isCell: (n: string) => n === 'w' || n === 'v', cellNames: () => ['w', 'v'] };
    const v = matFromRows([[1, 2, 3]]);
    const failure = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return e as CellError;
      }
      throw new Error('no error');
    };
    for (const [text, w] of [
      ['sqrt(w) + 1', -4],
      ['w * v', matFromRows([[1, 2]])],
    ] as const) {
      const expr = parseFormula(text, ctx).expr;
      const plain = failure(() => compileExpr(expr, (n) => (n === 'w' ? 0 : 1))([w, v]));
      const tape = new Tape();
      const vars = { w: tape.leaf(w, true), v: tape.leaf(v, false) };
      const taped = failure(() => evaluateTaped(expr, (n) => vars[n as 'w' | 'v'], tape));
      expect(taped).to.be.instanceOf(CellError);
      expect(taped.message, text).to.equal(plain.message);
    }
  });
});
