// Answers are student edits: graded against the live value (an upstream edit can make a right
// answer wrong), undone and redone by the history, saved and restored, carried by a share link,
// cleared by Reset all; records and links made before exercises existed still read.
import { expect } from 'chai';
import { readWorkbook } from '../../src/format/read.ts';
import { Session } from '../../src/reactive/session.ts';
import { History } from '../../src/store/history.ts';
import { readEditState, isEmpty } from '../../src/store/persist.ts';
import { decodeShare, encodeShare } from '../../src/store/share.ts';
import { readText } from '../helpers/files.ts';

const fixture = 'test/exercise/fixtures/neuron-by-hand.md';

describe('the answers of a live session', () => {
  let session: Session;
  let history: History;
  beforeEach(async () => {
    session = new Session(readWorkbook(await readText(fixture), fixture));
    history = new History();
    history.attach(session);
    await session.settled();
  });
  afterEach(() => session.dispose());

  const s = () => session.indexOf('s');

  it('grades against the live value: an upstream edit makes a right answer wrong', async () => {
    session.exercises.setAnswer('s', 1, 1, '-0.25');
    expect(session.exercises.grade(s())!.solved).to.equal(true);
    expect(session.exercises.progress()).to.deep.equal({ solved: 1, total: 3 });
    session.setEntry('b', 1, 1, '1');
    await session.settled();
    expect(session.exercises.grade(s())!.entries).to.deep.equal(['wrong']);
    expect(session.exercises.progress()).to.deep.equal({ solved: 0, total: 3 });
  });

  it('computes the mistakes live, as hidden cells, and names the one the entries equal', async () => {
    session.exercises.setAnswer('s', 1, 1, '-0.5');
    expect(session.state('s')!.mistakes).to.deep.equal([-0.5]);
    expect(session.exercises.grade(s())!.mistake).to.equal(0);
    session.setEntry('x', 1, 1, '4');
    await session.settled();
    expect(session.state('s')!.mistakes).to.deep.equal([0.5]);
    expect(session.exercises.grade(s())!.mistake).to.equal(undefined);
    session.exercises.setAnswer('s', 1, 1, '0.5');
    expect(session.exercises.grade(s())!.mistake).to.equal(0);
  });

  it('undoes the typing into one answer entry as one step, and redoes it', () => {
    for (const text of ['-', '-0', '-0.', '-0.2', '-0.25']) session.exercises.setAnswer('s', 1, 1, text);
    expect(history.undoLabel).to.equal('s answer');
    history.undo();
    expect(session.exercises.answerText('s', 1, 1)).to.equal('');
    expect(history.canUndo).to.equal(false);
    history.redo();
    expect(session.exercises.answerText('s', 1, 1)).to.equal('-0.25');
    session.exercises.setAnswer('wx', 2, 1, '7');
    expect(history.undoLabel).to.equal('wx answer[2,1]');
  });

  it('shows the answer as an undoable, saved edit', () => {
    session.exercises.showAnswer('h', true);
    expect(session.exercises.answerShown('h')).to.equal(true);
    expect(session.edits().shown).to.deep.equal(['h']);
    expect(history.undoLabel).to.equal('Show answer h');
    history.undo();
    expect(session.exercises.answerShown('h')).to.equal(false);
    expect(session.edits()).to.deep.equal({ entries: {}, formulas: {} });
  });

  it('saves answers beside the entries and restores them in a new session', async () => {
    session.exercises.setAnswer('wx', 2, 1, '-1.5');
    session.exercises.setAnswer('s', 1, 1, '-0.25');
    session.exercises.showAnswer('h', true);
    session.setEntry('b', 1, 1, '0.5');
    const saved = session.edits();
    expect(saved).to.deep.equal({ entries: { b: [['0.5']] }, formulas: {}, answers: { wx: [[''], ['-1.5']], s: [['-0.25']] }, shown: ['h'] });
    const read = readEditState(JSON.parse(JSON.stringify(saved)))!;
    const again = new Session(readWorkbook(await readText(fixture), fixture));
    try {
      expect(again.restoreEdits(read).dropped).to.deep.equal([]);
      await again.settled();
      expect(again.exercises.answerText('wx', 2, 1)).to.equal('-1.5');
      expect(again.exercises.answerShown('h')).to.equal(true);
      // b = 0.5 makes s = 0: the restored -0.25 is graded against the value now.
      expect(again.exercises.grade(again.indexOf('s'))!.entries).to.deep.equal(['wrong']);
      expect(again.exercises.grade(again.indexOf('wx'))!.entries).to.deep.equal(['empty', 'right']);
    } finally {
      again.dispose();
    }
  });

  it('names the answers of cells that are not exercises when restoring', () => {
    expect(session.restoreEdits({ entries: {}, formulas: {}, answers: { E: [['1']], gone: [['2']] }, shown: ['x'] }).dropped).to.deep.equal(['E', 'gone', 'x']);
  });

  it('clears every answer in Reset all, one step that Undo takes back', () => {
    session.exercises.setAnswer('s', 1, 1, '-0.25');
    session.exercises.showAnswer('wx', true);
    history.seal();
    session.resetAll();
    expect(session.exercises.answerText('s', 1, 1)).to.equal('');
    expect(session.exercises.answerShown('wx')).to.equal(false);
    expect(isEmpty(session.edits())).to.equal(true);
    expect(history.undoLabel).to.equal('Reset');
    history.undo();
    expect(session.exercises.answerText('s', 1, 1)).to.equal('-0.25');
    expect(session.exercises.answerShown('wx')).to.equal(true);
  });

  it('names the exercises that hide a cell downstream', () => {
    expect(session.exercises.hiding(session.indexOf('E'))).to.deep.equal([session.indexOf('h')]);
    expect(session.exercises.hiding(session.indexOf('h'))).to.deep.equal([]);
  });
});

describe('saved states and links with answers', () => {
  it('reads a record made before exercises, and one with answers', () => {
    expect(readEditState({ entries: { x: [['1']] }, formulas: {} })).to.deep.equal({ entries: { x: [['1']] }, formulas: {} });
    expect(readEditState({ entries: {}, formulas: {}, answers: { s: [['0.5']] }, shown: ['s'] })).to.deep.equal({
      entries: {},
      formulas: {},
      answers: { s: [['0.5']] },
      shown: ['s'],
    });
  });

  it('refuses answers that are not grids of texts, or named by no cell name', () => {
    expect(readEditState({ entries: {}, formulas: {}, answers: { s: [[1]] } })).to.equal(null);
    expect(readEditState({ entries: {}, formulas: {}, answers: { __proto__x: [['1']], 'a b': [['1']] } })).to.equal(null);
    expect(readEditState({ entries: {}, formulas: {}, shown: 's' })).to.equal(null);
  });

  it('counts answers as edits, so a record of answers alone is kept', () => {
    expect(isEmpty({ entries: {}, formulas: {}, answers: { s: [['1']] } })).to.equal(false);
    expect(isEmpty({ entries: {}, formulas: {}, shown: ['s'] })).to.equal(false);
  });

  it('carries answers in a share link', () => {
    const state = { workbook: '/w.md', hash: 'h', edits: { entries: {}, formulas: {}, answers: { s: [['−0.25']] }, shown: ['h'] } };
    expect(decodeShare(encodeShare(state))).to.deep.equal(state);
  });
});
