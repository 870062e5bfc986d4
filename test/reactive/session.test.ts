// A workbook bound to the Observable runtime: edits recompute dependents; bad input is kept as
// typed, marks its cell, and every dependent names the root cell; correcting it heals all.
import { expect } from 'chai';
import { readWorkbook } from '../../src/format/read.ts';
import { Session } from '../../src/reactive/session.ts';
import { toJSON } from '../../src/formula/value.ts';
import { readText } from '../helpers/files.ts';
import { expectValue } from '../helpers/numbers.ts';
import { notes, workbookPath, yHatWithPrinted15 } from '../helpers/lecture.ts';

describe('a live session of the worked example', () => {
  let session: Session;
  beforeEach(async () => {
    session = new Session(readWorkbook(await readText(workbookPath), workbookPath));
    await session.settled();
  });
  afterEach(() => session.dispose());

  const value = (name: string) => {
    const s = session.state(name)!;
    expect(s.status, `${name} status (${s.error?.message ?? ''})`).to.equal('ok');
    return toJSON(s.value!);
  };

  it('starts with every cell computed', () => {
    for (const s of session.cells) expect(s.status, s.name).to.equal('ok');
    expectValue(value('E'), notes.E);
  });

  it('recomputes ŷ when Θ1[1,3] changes from -1.5 to 1.5', async () => {
    session.setEntry('Theta1', 1, 3, '1.5');
    await session.settled();
    expectValue(value('y_hat'), yHatWithPrinted15);
  });

  for (const bad of ['abc', '1..2', '']) {
    it(`keeps "${bad}" as typed, marks Θ1, names Θ1 in every dependent, and heals`, async () => {
      const err = session.setEntry('Theta1', 1, 3, bad);
      expect(err?.code).to.equal('E_ENTRY');
      expect(session.entryText('Theta1', 1, 3)).to.equal(bad);
      expect(session.entryError('Theta1', 1, 3)?.message).to.contain('Theta1[1,3]');
      await session.settled();
      for (const name of ['Theta1', 's1', 'h1', 'y_hat', 'E', 'dE_dTheta2', 'Theta1_new']) {
        const s = session.state(name)!;
        expect(s.status, name).to.equal('error');
        expect(s.error!.root, name).to.equal('Theta1');
        expect(s.error!.code, name).to.equal('E_ENTRY');
      }
      // Cells that do not depend on Θ1 keep working.
      expect(value('x')).to.deep.equal(notes.x);
      expect(value('Theta2')).to.deep.equal(notes.Theta2);
      session.setEntry('Theta1', 1, 3, '-1.5');
      await session.settled();
      expectValue(value('E'), notes.E);
      expectValue(value('dE_dTheta1'), notes.dE_dTheta1 as never);
    });
  }

  it('accepts arithmetic of numbers in an entry', async () => {
    session.setEntry('gamma', 1, 1, '1/2');
    await session.settled();
    expect(value('gamma')).to.equal(0.5);
  });

  it("replaces a formula, keeps a bad one as typed, and restores the workbook's", async () => {
    expect(session.setFormula('dE_dTheta2', 'dE_ds2 * Theta2')).to.equal(null);
    await session.settled();
    expectValue(value('dE_dTheta2'), notes.dE_dh1 as never);
    const err = session.setFormula('dE_dTheta2', 'dE_ds2 * h2');
    expect(err?.code).to.equal('E_NAME_UNKNOWN');
    expect(session.formula('dE_dTheta2')).to.equal('dE_ds2 * h2');
    await session.settled();
    expect(session.state('Theta2_new')!.error!.root).to.equal('dE_dTheta2');
    session.restoreFormula('dE_dTheta2');
    expect(session.isFormulaEdited('dE_dTheta2')).to.equal(false);
    await session.settled();
    expectValue(value('Theta2_new'), notes.Theta2_new as never);
  });

  it('reports a circular definition typed into a formula, naming both cells', async () => {
    const err = session.setFormula('s1', "Theta1' * h1");
    expect(err?.code).to.equal('E_CYCLE');
    expect(err!.message).to.contain('s1').and.to.contain('h1');
    await session.settled();
    expect(session.state('h1')!.error!.code).to.equal('E_CYCLE');
    session.restoreFormula('s1');
    await session.settled();
    expectValue(value('h1'), notes.h1 as never);
  });

  it('reports a shape mismatch naming both operands', async () => {
    session.setFormula('s1', 'Theta1 * x');
    await session.settled();
    const e = session.state('s1')!.error!;
    expect(e.code).to.equal('E_SHAPE');
    expect(e.message).to.contain('Theta1 is 2×3').and.to.contain('x is 2×1');
  });

  it('reports every edit with what it was before and after', () => {
    const edits: unknown[] = [];
    session.onEdit((e) => edits.push(e));
    session.setEntry('gamma', 1, 1, '0.5');
    session.setFormula('E', 'mse(y_hat, y)');
    expect(edits).to.deep.equal([
      { kind: 'entry', name: 'gamma', row: 1, col: 1, before: '1', after: '0.5', scalar: true },
      { kind: 'formula', name: 'E', before: '0.5 * (y - y_hat)^2', after: 'mse(y_hat, y)' },
    ]);
  });

  it('hands its edits over to a new session of a changed workbook, listing what it cannot keep', async () => {
    session.setEntry('Theta1', 1, 3, '1.5');
    session.setEntry('x', 2, 1, 'oops');
    session.setFormula('h1', 'tanh(s1)');
    session.setFormula('E', 'mse(y_hat, y)');
    const saved = session.edits();
    expect(saved).to.deep.equal({
      entries: {
        Theta1: [
          ['1.2', '2.1', '1.5'],
          ['-0.3', '-0.7', '0.3'],
        ],
        x: [['1'], ['oops']],
      },
      formulas: { h1: 'tanh(s1)', E: 'mse(y_hat, y)' },
    });
    // The author renamed E to loss and made x a row: those edits cannot carry over.
    const changed = (await readText(workbookPath)).replace('E = 0.5', 'loss = 0.5').replace('x = [1.0; -0.5]', 'x = [1.0, -0.5]');
    const next = new Session(readWorkbook(changed, workbookPath));
    try {
      const { dropped } = next.restoreEdits(saved);
      expect(dropped.sort()).to.deep.equal(['E', 'x']);
      expect(next.entryText('Theta1', 1, 3)).to.equal('1.5');
      expect(next.formula('h1')).to.equal('tanh(s1)');
    } finally {
      next.dispose();
    }
  });

  it('resets every edit back to the workbook', async () => {
    session.setEntry('Theta1', 1, 3, '1.5');
    session.setFormula('h1', 'tanh(s1)');
    session.resetAll();
    expect(session.edits()).to.deep.equal({ entries: {}, formulas: {} });
    await session.settled();
    expectValue(value('E'), notes.E);
  });
});
