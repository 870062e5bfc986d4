// Grading an answer: the slide's rule (graph/expect.ts) on the digits the student typed, the
// mistake the entries match, and the progress of a workbook's exercises.
import { expect } from 'chai';
import { gradeEntry, gradeExercise, progressOf, typedNumber } from '../../src/exercise/grade.ts';
import { matFromRows } from '../../src/formula/value.ts';
import { CellError } from '../../src/errors.ts';

const grid = (rows: string[][]) => (r: number, c: number) => rows[r - 1]?.[c - 1] ?? '';

describe('grading an exercise entry by the digits typed', () => {
  it('takes a number rounded or truncated to the digits typed, as a slide value is taken', () => {
    expect(gradeEntry('0.79', 0.79413)).to.equal('right');
    expect(gradeEntry('0.8', 0.79413)).to.equal('right');
    expect(gradeEntry('0.80', 0.79413)).to.equal('wrong');
    expect(gradeEntry('0.7941', 0.79413)).to.equal('right');
    expect(gradeEntry('0.63', 0.625017)).to.equal('right');
    expect(gradeEntry('0.62', 0.625017)).to.equal('right');
    expect(gradeEntry('0.61', 0.625017)).to.equal('wrong');
    expect(gradeEntry('0.072', 0.0703063)).to.equal('wrong');
  });

  it('reads a sign, a typographic minus and an exponent, and refuses what is no number', () => {
    expect(gradeEntry('-0.07', -0.0697922)).to.equal('right');
    expect(gradeEntry('−0.07', -0.0697922)).to.equal('right');
    expect(gradeEntry('0.07', -0.0697922)).to.equal('wrong');
    expect(gradeEntry('-6.98e-2', -0.0697922)).to.equal('right');
    expect(gradeEntry('abc', 1)).to.equal('invalid');
    expect(gradeEntry('1/2', 0.5)).to.equal('invalid');
    expect(gradeEntry('  ', 1)).to.equal('empty');
    expect(typedNumber('1e400')).to.equal(null);
    expect(typedNumber('0.250')).to.deep.equal({ value: 0.25, unit: 0.001 });
  });
});

describe('grading an exercise against its value and its mistakes', () => {
  const value = matFromRows([[-0.0697922], [-0.0809037], [-0.0141591]]);
  const slideMistake = matFromRows([[0.017577], [-0.0439426], [-0.1142507]]);

  it('counts right entries and is solved only when every entry is right', () => {
    const partial = gradeExercise(value, grid([['-0.07'], ['-0.081'], ['']]))!;
    expect(partial.entries).to.deep.equal(['right', 'right', 'empty']);
    expect([partial.right, partial.filled, partial.solved]).to.deep.equal([2, 2, false]);
    const done = gradeExercise(value, grid([['-0.07'], ['-0.081'], ['-0.014']]))!;
    expect(done.solved).to.equal(true);
    expect(done.mistake).to.equal(undefined);
  });

  it('names the mistake every filled entry equals while some entry is wrong', () => {
    const g = gradeExercise(value, grid([['0.018'], ['-0.044'], ['']]), [matFromRows([[1], [2], [3]]), slideMistake])!;
    expect(g.entries).to.deep.equal(['wrong', 'wrong', 'empty']);
    expect(g.mistake).to.equal(1);
  });

  it('names no mistake when one filled entry is neither, or the mistake has another shape or is an error', () => {
    expect(gradeExercise(value, grid([['0.018'], ['0.5'], ['']]), [slideMistake])!.mistake).to.equal(undefined);
    expect(gradeExercise(value, grid([['0.018']]), [matFromRows([[0.018, 1]])])!.mistake).to.equal(undefined);
    expect(gradeExercise(value, grid([['0.018']]), [new CellError('E_SHAPE', 'no')])!.mistake).to.equal(undefined);
  });

  it('grades nothing while the value is an error', () => {
    expect(gradeExercise(new CellError('E_ENTRY', 'bad', 'x'), grid([['1']]))).to.equal(null);
    expect(gradeExercise(undefined, grid([['1']]))).to.equal(null);
  });

  it('counts the exercises solved', () => {
    const solved = gradeExercise(2, grid([['2']]));
    const open = gradeExercise(2, grid([['3']]));
    expect(progressOf([solved, open, null, solved])).to.deep.equal({ solved: 2, total: 4 });
  });
});
