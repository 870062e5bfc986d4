// Undo and redo across every kind of edit of a workbook: entries (typed keystroke by keystroke,
// or pasted), formulas, training steps and resets; and a property test of random sequences
// against a simple model (fixed seed).
import { expect } from 'chai';
import fc from 'fast-check';
import { readWorkbook } from '../../src/format/read.ts';
import { Session } from '../../src/reactive/session.ts';
import { Trainer } from '../../src/reactive/trainer.ts';
import { History, describeEdit } from '../../src/store/history.ts';
import { toJSON } from '../../src/formula/value.ts';
import { readText } from '../helpers/files.ts';
import { notes, workbookPath } from '../helpers/lecture.ts';
import { HistoryModel, initialState, modelValue, modelWorkbook, opArbitrary, type Op, type SheetState } from './model.ts';

function stateOf(session: Session): SheetState {
  return { a: session.entriesOf('a'), b: session.entriesOf('b'), c: session.formula('c'), d: session.formula('d') };
}

/** d as the session computed it, against the model's arithmetic. */
function expectD(session: Session, state: SheetState): void {
  const d = session.state('d')!;
  const expected = modelValue(state);
  if (expected === null) expect(d.status, JSON.stringify(state)).to.equal('error');
  else expect(d.value === undefined ? d.status : toJSON(d.value), JSON.stringify(state)).to.equal(expected);
}

function run(session: Session, history: History, op: Op): void {
  switch (op.kind) {
    case 'type':
      session.setEntry(op.cell, op.row, op.col, op.text);
      break;
    case 'paste':
      session.setEntries(op.cell, op.grid);
      break;
    case 'formula':
      session.setFormula(op.cell, op.text);
      break;
    case 'seal':
      history.seal();
      break;
    case 'undo':
      history.undo();
      break;
    case 'redo':
      history.redo();
      break;
    case 'reset':
      history.seal();
      session.resetAll();
      break;
  }
}

describe('the undo history of a workbook', () => {
  let session: Session;
  let history: History;
  beforeEach(() => {
    session = new Session(readWorkbook(modelWorkbook, 'model.md'));
    history = new History();
    history.attach(session);
  });
  afterEach(() => session.dispose());

  it('merges keystrokes into one entry into one step, and a new entry starts a new step', () => {
    for (const text of ['-', '-7', '-7.', '-7.5']) session.setEntry('a', 1, 2, text);
    session.setEntry('a', 2, 1, '9');
    expect(history.undoLabel).to.equal('a[2,1]');
    history.undo();
    expect(history.undoLabel).to.equal('a[1,2]');
    history.undo();
    expect(session.entriesOf('a')).to.deep.equal([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(history.canUndo).to.equal(false);
    history.redo();
    expect(session.entriesOf('a')).to.deep.equal([
      ['1', '-7.5'],
      ['3', '4'],
    ]);
    history.redo();
    expect(session.entriesOf('a')).to.deep.equal([
      ['1', '-7.5'],
      ['9', '4'],
    ]);
  });

  it('leaves no step when typing is put back as it was (Escape), and keeps the redo steps of no-op edits', () => {
    session.setEntry('b', 1, 1, '6');
    history.seal();
    history.undo();
    expect(history.canRedo).to.equal(true);
    session.setEntry('b', 1, 1, '5'); // the same text: no edit to speak of
    expect(history.canRedo, 'a no-op edit does not clear redo').to.equal(true);
    history.seal();
    session.setEntry('a', 1, 1, '8');
    session.setEntry('a', 1, 1, '1');
    expect(history.canUndo).to.equal(false);
  });

  it('starts a new step after a seal, even in the same entry', () => {
    session.setEntry('a', 1, 1, '7');
    history.seal();
    session.setEntry('a', 1, 1, '70');
    history.undo();
    expect(session.entryText('a', 1, 1)).to.equal('7');
  });

  it('ignores the edits it replays, and undoes a formula edit and a reset', () => {
    session.setFormula('c', 'a + b');
    session.setEntry('b', 1, 1, '10');
    history.seal();
    session.resetAll();
    expect(stateOf(session)).to.deep.equal(initialState);
    expect(history.undoLabel).to.equal('Reset');
    history.undo();
    expect(stateOf(session)).to.deep.equal({ ...initialState, b: [['10']], c: 'a + b' });
    history.undo();
    history.undo();
    expect(stateOf(session)).to.deep.equal(initialState);
    expect(history.canUndo).to.equal(false);
    history.redo();
    history.redo();
    history.redo();
    expect(stateOf(session)).to.deep.equal(initialState);
    expect(history.canRedo).to.equal(false);
  });

  it('describes steps by entry, cell, formula or group', () => {
    expect(describeEdit({ kind: 'entries', name: 'x', before: [['1'], ['2']], after: [['1'], ['3']] })).to.equal('x[2,1]');
    expect(describeEdit({ kind: 'entries', name: 'x', before: [['1'], ['2']], after: [['0'], ['3']] })).to.equal('x');
    expect(describeEdit({ kind: 'entries', name: 'g', before: [['1']], after: [['3']] })).to.equal('g');
    expect(describeEdit({ kind: 'entry', name: 'A', row: 256, col: 3, before: '1', after: '2', scalar: false })).to.equal('A[256,3]');
    expect(describeEdit({ kind: 'entry', name: 'g', row: 1, col: 1, before: '1', after: '2', scalar: true })).to.equal('g');
    expect(describeEdit({ kind: 'formula', name: 'h1', before: 'a', after: 'b' })).to.equal('h1 formula');
    expect(describeEdit({ kind: 'group', label: 'Step', edits: [] })).to.equal('Step');
  });

  it('forgets the steps of cells whose definition changed when it follows a new session', () => {
    session.setEntry('a', 1, 1, '7');
    history.seal();
    session.setEntry('b', 1, 1, '6');
    const next = new Session(readWorkbook(modelWorkbook.replace('b = 5', 'b = 50'), 'model.md'));
    next.restoreEdits(session.edits());
    history.follow(next, (name) => name !== 'b');
    expect(history.undoLabel).to.equal('a[1,1]');
    history.undo();
    expect(next.entriesOf('a')).to.deep.equal([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(next.entriesOf('b')).to.deep.equal([['6']]);
    expect(history.canUndo).to.equal(false);
    next.dispose();
  });

  it('agrees with a model over random edit, undo and redo sequences (seed 61061)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 40 }), async (ops) => {
        const s = new Session(readWorkbook(modelWorkbook, 'model.md'));
        const h = new History();
        h.attach(s);
        const model = new HistoryModel();
        try {
          for (const op of ops) {
            run(s, h, op);
            model.apply(op);
            expect(stateOf(s), JSON.stringify(op)).to.deep.equal(model.current);
          }
          await s.settled();
          expectD(s, model.current);
          // Undo everything: back to the start, in as many steps as the model has; redo everything: the last state.
          let undos = 0;
          while (h.canUndo) (h.undo(), undos++);
          expect(undos).to.equal(model.at);
          expect(stateOf(s)).to.deep.equal(initialState);
          let redos = 0;
          while (h.canRedo) (h.redo(), redos++);
          expect(redos).to.equal(model.states.length - 1);
          const last = model.states[model.states.length - 1];
          expect(stateOf(s)).to.deep.equal(last);
          await s.settled();
          expectD(s, last);
        } finally {
          s.dispose();
        }
      }),
      { seed: 61061, numRuns: 120 },
    );
  });
});

describe('undo of training steps and resets', () => {
  it('undoes a Step and a Reset of gradient descent, one step each', async () => {
    const session = new Session(readWorkbook(await readText(workbookPath), workbookPath));
    const history = new History();
    history.attach(session);
    const train = session.spec.blocks.find((b) => b.kind === 'train');
    expect(train, 'the worked example has a train block').to.not.equal(undefined);
    const trainer = new Trainer(session, train as never, (fn) => setTimeout(fn, 0));
    const before = session.entriesOf('Theta2');
    trainer.step();
    const after = session.entriesOf('Theta2');
    expect(after).to.not.deep.equal(before);
    expect(history.undoLabel).to.equal('Step');
    trainer.reset();
    expect(session.entriesOf('Theta2')).to.deep.equal(before);
    expect(history.undoLabel).to.equal('Reset');
    history.undo();
    expect(session.entriesOf('Theta2')).to.deep.equal(after);
    history.undo();
    expect(session.entriesOf('Theta2')).to.deep.equal(before);
    await session.settled();
    expect(toJSON(session.state('Theta2')!.value!)).to.deep.equal(notes.Theta2);
    history.redo();
    expect(session.entriesOf('Theta2')).to.deep.equal(after);
    trainer.dispose();
    session.dispose();
  });
});
