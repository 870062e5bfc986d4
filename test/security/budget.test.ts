// Budget: one budget that every evaluation path draws from (src/formula/budget.ts). Empty
// matrices with absurd sides, the tape's forward and backward pass, a whole gradient check, a
// training step, a plot and a whole workbook's recompute are each bounded, counted in units of
// work (never timed); whatever is refused says so in its cell. Runs in Node and in Chromium.
import { expect } from 'chai';
import { isCellError, type CellError } from '../../src/errors.ts';
import { LoadBudget, workGiven, workSpent } from '../../src/formula/budget.ts';
import { readWorkbook } from '../../src/format/read.ts';
import type { PlotBlock, TrainBlock } from '../../src/format/spec.ts';
import { runChecks, runPlan } from '../../src/graph/run.ts';
import { limits } from '../../src/limits.ts';
import { messages } from '../../src/messages.ts';
import { Session } from '../../src/reactive/session.ts';
import { Trainer } from '../../src/reactive/trainer.ts';
import { trainStep } from '../../src/train/batch.ts';
import { checkWorkbookText } from '../../src/cli/check.ts';
import { toJSON, type Value } from '../../src/formula/value.ts';
import { planWorkbook } from '../../src/workbook.ts';
import { expectCellError, typedWork } from './typed.ts';

const workbook = (lines: readonly string[], blocks = '') => '```cells\n' + lines.join('\n') + '\n```\n' + blocks;
const plan = (lines: readonly string[], blocks = '') => planWorkbook(readWorkbook(workbook(lines, blocks), 'budget.md'));

// A*B is 1.5·10⁸ multiply-adds and 10⁶ entries: about half of one budget.
const heavy = ['A = ones(1000, 150)', 'B = ones(150, 1000)'];

describe('budget: matrices with a zero dimension', () => {
  for (const formula of ["zeros(1e300, 0)'", 'zeros(1e300, 0)[:, :]', "zeros(1e9, 0)'", 'zeros(0, 1e300)', 'sum(zeros(1e300, 0), 1)']) {
    it(`refuses ${formula} where it is created, before any work, with a message naming the side`, () => {
      const r = typedWork(formula);
      const e = expectCellError(r.result, ['E_TOO_LARGE'], formula);
      expect(e.message).to.contain('at most 1,000,000 rows');
      expect(r.work).to.equal(0);
    });
  }

  it("computes zeros(1e6, 0)' and charges a unit for each of its million rows", () => {
    const r = typedWork("zeros(1e6, 0)'");
    expect(isCellError(r.result)).to.equal(false);
    expect(r.work).to.be.at.least(2e6);
  });

  it('charges each row walked over: hundreds of transposes or blocks of an empty matrix with a million rows are refused within one budget', () => {
    for (const formula of ['[' + Array(400).fill("Z'").join(', ') + ']', '[' + Array(400).fill('Z').join(', ') + ']']) {
      const r = typedWork(formula, ['Z = zeros(1e6, 0)']);
      expectCellError(r.result, ['E_TOO_LARGE'], formula.slice(0, 20));
      expect(r.work).to.be.at.most(limits.maxWork);
      expect(r.work).to.be.greaterThan(limits.maxWork / 2);
    }
  });
});

describe('budget: autodiff and gradient checks', () => {
  it("charges the tape's forward pass: a check of E = sum(A*B) + … + w is refused as E alone is", () => {
    const p = plan([...heavy, 'w = 1', 'E = sum(A*B) + sum(A*B) + sum(A*B) + w', 'g = 1\n  check: grad(E, w)']);
    const results = runPlan(p);
    expectCellError(results[p.byName.get('E')!.index], ['E_TOO_LARGE'], 'E');
    const check = runChecks(p, results).get(p.byName.get('g')!.index)!;
    const e = expectCellError(check, ['E_TOO_LARGE'], 'the check');
    expect(e.message).to.equal(messages.tooMuchWorkCheck(limits.maxWork));
    expect(e.loc?.line, 'located at the check attribute').to.equal(7);
    expect(workSpent()).to.be.at.most(limits.maxWork);
  });

  it('gives all 2n + 1 evaluations of one check a single budget: a 8×8 weight with a heavy loss is refused', () => {
    // One evaluation of E is ~9·10⁶ units, fine; 128 central differences are 10⁹.
    const p = plan(['W = ones(8, 8)', 'E = sum(ones(600, 8) * W * ones(8, 600))', 'g = ones(8, 8)\n  check: grad(E, W)']);
    const results = runPlan(p);
    expect(isCellError(results[p.byName.get('E')!.index])).to.equal(false);
    const check = runChecks(p, results).get(p.byName.get('g')!.index)!;
    const e = expectCellError(check, ['E_TOO_LARGE'], 'the check');
    expect(e.message).to.contain('every central difference together');
    expect(workSpent()).to.be.at.most(limits.maxWork);
    expect(workGiven()).to.equal(limits.maxWork);
  });

  it('still checks an ordinary derivation, within one budget', () => {
    const p = plan(['w = 2', 'E = w^2 * sum(ones(3, 3))', 'g = 36\n  check: grad(E, w)']);
    const check = runChecks(p, runPlan(p)).get(p.byName.get('g')!.index)!;
    expect(isCellError(check)).to.equal(false);
    expect(check).to.include({ pass: true });
  });
});

describe('budget: training steps and plots', () => {
  // Each cell alone fits one budget; a step (forward, backward, update) does not.
  const lines = [...heavy, 'w = 1', 'C1 = sum(A*B) * w', 'C2 = sum(A*B) * w', 'L = C1 + C2'];
  const train = '\n```train\nloss: L\nw <- w - 0.1 * grad(L, w)\nsteps: 3\n```\n';

  it('refuses a training step that cannot fit one budget, saying so, and changes nothing', async () => {
    const p = plan(lines, train);
    const tp = p.trains.get(p.checked.spec.blocks.find((b): b is TrainBlock => b.kind === 'train')!)!;
    const step = trainStep(p, tp, new Map());
    const e = expectCellError(step, ['E_TOO_LARGE'], 'the step');
    expect(e.message).to.equal(messages.tooMuchWorkStep(limits.maxWork));
    expect(workSpent()).to.be.at.most(limits.maxWork);

    const session = new Session(readWorkbook(workbook(lines, train), 'train-budget.md'));
    await session.settled();
    expect(toJSON(session.state('L')!.value!)).to.equal(3e8);
    const trainer = new Trainer(
      session,
      session.spec.blocks.find((b): b is TrainBlock => b.kind === 'train')!,
      (fn) => setTimeout(fn, 0),
    );
    const failure = trainer.step();
    expect(failure?.error.code).to.equal('E_TOO_LARGE');
    expect(trainer.state.status).to.equal('failed');
    expect(trainer.state.message).to.contain('One training step would take more work');
    expect(session.entriesOf('w')).to.deep.equal([['1']]);
    const run = await trainer.run();
    expect(run.status).to.equal('failed');
    expect(session.entriesOf('w')).to.deep.equal([['1']]);
    session.dispose();
  });

  it('gives a whole plot one budget: three heavy layers are refused together, at the plot', () => {
    const layers = '\n```plot\ntitle: heavy\nline: x = X, y = sum(A*B) + X\nline: x = X, y = sum(A*B) - X\nline: x = X, y = sum(A*B) * X\n```\n';
    const p = plan([...heavy, 'X = [1; 2; 3]'], layers);
    const results = runPlan(p);
    const plot = p.plots.get(p.checked.spec.blocks.find((b): b is PlotBlock => b.kind === 'plot')!)!;
    const data = plot.run(...plot.inputs.map((n) => results[p.byName.get(n)!.index]));
    const e = expectCellError(data, ['E_TOO_LARGE'], 'the plot');
    expect(e.message).to.equal(messages.tooMuchWorkPlot(limits.maxWork));
    expect(e.loc?.line).to.be.greaterThan(8);
    expect(workSpent()).to.be.at.most(limits.maxWork);
  });
});

describe('budget: one recompute of a whole workbook', () => {
  const many = [...heavy, ...Array.from({ length: 8 }, (_, k) => `c${k + 1} = sum(A*B)`)];

  function expectPoolBounded(states: (Value | CellError | undefined)[], pool: LoadBudget) {
    const refused = states.filter((s): s is CellError => isCellError(s));
    const computed = states.filter((s) => s !== undefined && !isCellError(s));
    expect(computed.length, 'the first cells are computed').to.be.at.least(2);
    expect(refused.length, 'the rest are refused').to.be.at.least(4);
    for (const e of refused) {
      expect(e.code).to.equal('E_TOO_LARGE');
      expect(e.message).to.equal(messages.tooMuchWorkWorkbook(limits.maxLoadWork));
      expect(e.loc, 'located in its cell').to.not.equal(undefined);
    }
    expect(pool.spent).to.be.at.most(limits.maxLoadWork);
    expect(pool.refused).to.equal(refused.length);
  }

  it('bounds the sum over all cells when the workbook opens; the cells beyond it say the budget ran out', async () => {
    const session = new Session(readWorkbook(workbook(many), 'load-budget.md'));
    await session.settled();
    expectPoolBounded(
      many.slice(2).map((l) => {
        const s = session.state(l.split(' ')[0])!;
        return s.error ?? s.value;
      }),
      session.budget,
    );
    // An edit is a new recompute: the cell is computed again, with the pool refilled.
    const last = many
      .slice(2)
      .map((l) => l.split(' ')[0])
      .find((n) => session.state(n)!.status === 'error')!;
    session.setFormula(last, 'sum(A*B) + 1');
    await session.settled();
    expect(toJSON(session.state(last)!.value!)).to.equal(1.5e8 + 1);
    expect(session.formula(last)).to.equal('sum(A*B) + 1');
    session.dispose();
  });

  it('bounds saved edits or a share link of expensive formulas the same way, keeping each formula as typed', async () => {
    const cheap = [...heavy, ...Array.from({ length: 8 }, (_, k) => `c${k + 1} = A[1, 1]`)];
    const session = new Session(readWorkbook(workbook(cheap), 'share-budget.md'));
    const formulas = Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`c${k + 1}`, 'sum(A*B)']));
    session.restoreEdits({ entries: {}, formulas });
    await session.settled();
    expectPoolBounded(
      Object.keys(formulas).map((n) => {
        const s = session.state(n)!;
        return s.error ?? s.value;
      }),
      session.budget,
    );
    for (const n of Object.keys(formulas)) expect(session.formula(n)).to.equal('sum(A*B)');
    session.dispose();
  });

  it('bounds the command line the same way, one pool per workbook', () => {
    const report = checkWorkbookText(workbook(many), 'many.md');
    const refused = report.findings.filter((f) => f.message === messages.tooMuchWorkWorkbook(limits.maxLoadWork));
    expect(refused.length).to.be.at.least(4);
    expect(report.ok).to.equal(false);
  });
});
