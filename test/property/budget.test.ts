// Property: formulas built from the whole function list (src/formula/functions.ts), on matrices
// of every shape an evaluation can meet (empty, with a zero side of a million, as large as
// allowed, one side at the limit), evaluated under a small budget: evaluation never throws
// anything but a CellError (no RangeError, no "Maximum call stack size exceeded", never
// E_INTERNAL), and never does more work than the budget it was given — every charge is made
// before its work, so not even one charge beyond it. Fixed seed; FC_RUNS raises the count.
import { expect } from 'chai';
import fc from 'fast-check';
import { CellError } from '../../src/errors.ts';
import { withBudget, workGiven, workSpent } from '../../src/formula/budget.ts';
import { compileExpr } from '../../src/formula/evaluate.ts';
import { functions } from '../../src/formula/functions.ts';
import { Mat, type Value } from '../../src/formula/value.ts';
import { parseFormula } from '../../src/formula/parse.ts';
import { codes } from '../../src/messages.ts';
import { guardGlobalState } from '../security/invariants.ts';
import { fcRuns } from './runs.ts';

guardGlobalState();

const runs = await fcRuns(300);
const timeout = Math.max(60_000, runs * 200);

/** The cells a formula may read: empty, zero-sided, large, and ordinary. */
const cells: Record<string, Value> = {
  x: 2,
  v: Object.assign(new Mat(5, 1), {}),
  A: new Mat(3, 3),
  Z: new Mat(1_000_000, 0),
  Y: new Mat(0, 1_000_000),
  E0: new Mat(0, 0),
  M: new Mat(1000, 1000),
  C: new Mat(1_000_000, 1),
};
(cells.v as Mat).data.set([1, -2, 3, 0.5, 4]);
(cells.A as Mat).data.set([1, 2, 3, 4, 5, 6, 7, 8, 10]);
const names = Object.keys(cells);
const ctx = { isCell: (n: string) => n in cells, cellNames: () => names };

const atoms = [
  ...names,
  '0',
  '1',
  '2',
  '-1',
  '0.5',
  '3',
  '1e6',
  '1e9',
  '1e300',
  'pi',
  'zeros(0, 3)',
  'zeros(1e6, 0)',
  'zeros(0, 1e300)',
  'zeros(1e300, 0)',
  'ones(1000, 1000)',
  'ones(1e6, 1)',
  'eye(3)',
  '1:4',
  '1:0',
  '1:1e6',
];

const calls = [...functions.values()].filter((op) => op.name !== 'range');

const formula: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...atoms),
    fc
      .constantFrom(...calls)
      .chain((op) =>
        fc
          .integer({ min: op.arity[0], max: Math.min(op.arity[1], 4) })
          .chain((n) => fc.array(tie('e'), { minLength: n, maxLength: n }).map((args) => `${op.name}(${args.join(', ')})`)),
      ),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '.*', './', '^', '.^', ':', '==', '<'), tie('e')).map(([a, o, b]) => `(${a} ${o} ${b})`),
    tie('e').map((a) => `(${a})'`),
    fc.tuple(tie('e'), fc.constantFrom('[:, :]', '[1, :]', '[:, 1]', '[end, end]', '[1:end, 1]', '[2]', '[:]')).map(([a, i]) => `(${a})${i}`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `[${a}, ${b}]`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `[${a}; ${b}]`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
  ),
})).e;

describe('property: every formula stays within the budget it is given', function () {
  this.timeout(timeout);

  it(`never throws a non-CellError and never spends beyond its budget (${runs} runs, seed 20261203)`, () => {
    fc.assert(
      fc.property(formula, fc.constantFrom(10_000, 1_000_000, 20_000_000), (text, units) => {
        let run: (inputs: readonly Value[]) => Value;
        try {
          const parsed = parseFormula(text, ctx);
          const slots: string[] = [];
          const f = compileExpr(parsed.expr, (n) => (slots.includes(n) ? slots.indexOf(n) : slots.push(n) - 1));
          run = () => f(slots.map((n) => cells[n]));
        } catch (e) {
          expect(e, `${text}: refused while reading`).to.be.instanceOf(CellError);
          return;
        }
        try {
          withBudget(() => run([]), units);
        } catch (e) {
          expect(e, `${text}: ${String(e)}`).to.be.instanceOf(CellError);
          expect((e as CellError).code, `${text}: ${(e as CellError).message}`).to.not.equal(codes.E_INTERNAL);
        }
        expect(workGiven(), text).to.equal(units);
        expect(workSpent(), `${text}: the work done`).to.be.at.most(units);
      }),
      { seed: 20261203, numRuns: runs },
    );
  });
});
