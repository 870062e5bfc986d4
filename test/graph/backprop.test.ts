// The lecture's worked example through the engine alone (no DOM): every value against
// NOTES.md to 6 significant digits, in Node and in the browser.
import { expect } from 'chai';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { isCellError } from '../../src/errors.ts';
import { readWorkbook } from '../../src/format/read.ts';
import { Session } from '../../src/reactive/session.ts';
import { runPlan } from '../../src/graph/run.ts';
import { matFromRows, toJSON, valuesEqual, type Value } from '../../src/formula/value.ts';
import { readText } from '../helpers/files.ts';
import { expectValue } from '../helpers/numbers.ts';
import { notes, slideAgrees, slideReproduced, slideWrong, workbookPath, yHatWithPrinted15 } from '../helpers/lecture.ts';
import { compare } from '../../src/graph/expect.ts';

describe('the worked example (forward and back propagation)', () => {
  let text: string;
  before(async () => {
    text = await readText(workbookPath);
  });

  it('reads without a single problem', () => {
    const { spec, plan } = evaluateWorkbook(text, workbookPath);
    expect(spec.problems).to.deep.equal([]);
    expect(plan.checked.problems).to.deep.equal([]);
  });

  it('computes every value of NOTES.md to 6 significant digits', () => {
    const { plan, results } = evaluateWorkbook(text, workbookPath);
    for (const [name, expected] of Object.entries(notes)) {
      const cell = plan.byName.get(name);
      expect(cell, `cell ${name}`).to.not.equal(undefined);
      const result = results[cell!.index];
      expect(isCellError(result), `${name} is not an error`).to.equal(false);
      expectValue(result as Value, expected as never, 6, name);
    }
  });

  it('updates Θ1 by one gradient step (the slides stop before this)', () => {
    const { plan, results } = evaluateWorkbook(text, workbookPath);
    const expected = notes.Theta1.map((row, i) => row.map((v, j) => v - notes.dE_dTheta1[i][j]));
    expectValue(results[plan.byName.get('Theta1_new')!.index] as Value, expected, 6, 'Theta1_new');
  });

  it('gives ŷ = 0.791472 with Θ1[1,3] = 1.5 as the slide prints it', () => {
    const { plan } = evaluateWorkbook(text, workbookPath);
    const theta1 = [
      [1.2, 2.1, 1.5],
      [-0.3, -0.7, 0.3],
    ];
    const results = runPlan(plan, new Map([['Theta1', matFromRows(theta1)]]));
    expectValue(results[plan.byName.get('y_hat')!.index] as Value, yHatWithPrinted15, 6, 'y_hat');
  });

  it('marks exactly the four slide errors of NOTES.md as differing, the rest as agreeing', () => {
    const { plan, results } = evaluateWorkbook(text, workbookPath);
    const differs: string[] = [],
      agrees: string[] = [];
    for (const cell of plan.cells) {
      if (!cell.expectation) continue;
      const c = compare(results[cell.index] as Value, cell.expectation);
      (c.agrees ? agrees : differs).push(cell.name);
      expect(c.knownWrong, `${cell.name} marked as a known slide error`).to.equal(!c.agrees);
    }
    expect(differs.sort()).to.deep.equal([...slideWrong].sort());
    expect(agrees.sort()).to.deep.equal([...slideAgrees, ...slideReproduced].sort());
  });

  it('points at Θ1[1,3] as the one entry of Θ1 where the slide differs', () => {
    const { plan, results } = evaluateWorkbook(text, workbookPath);
    const cell = plan.byName.get('Theta1')!;
    const c = compare(results[cell.index] as Value, cell.expectation!);
    expect(c.entries.filter((e) => !e.agrees).map((e) => [e.row, e.col, e.slide, e.computed])).to.deep.equal([[1, 3, 1.5, -1.5]]);
  });

  it('agrees value for value between the runtime and the batch driver', async () => {
    const spec = readWorkbook(text, workbookPath);
    const session = new Session(spec);
    try {
      session.setEntry('Theta1', 2, 2, '-0.9');
      session.setEntry('gamma', 1, 1, '0.5');
      await session.settled();
      const batch = runPlan(session.plan, session.inputValues());
      for (const cell of session.plan.cells) {
        const live = session.state(cell.index)!;
        expect(live.status, cell.name).to.equal('ok');
        expect(valuesEqual(live.value!, batch[cell.index] as Value), `${cell.name}: ${JSON.stringify(toJSON(live.value!))}`).to.equal(true);
      }
    } finally {
      session.dispose();
    }
  });
});
