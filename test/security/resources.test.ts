// Resources: no formula can make the tab run out of memory, overflow the stack or compute for
// minutes. Every hostile input ends with a cell error, having done bounded work (counted by
// the work budget, src/formula/budget.ts, never timed: machines are noisy), and the other
// cells keep their values. One test each.
import { expect } from 'chai';
import { isCellError } from '../../src/errors.ts';
import { entryCost } from '../../src/formula/budget.ts';
import { toJSON, type Value } from '../../src/formula/value.ts';
import { limits } from '../../src/limits.ts';
import { expectCellError, typed, typedResults, typedWork } from './typed.ts';
import { guardGlobalState } from './invariants.ts';

guardGlobalState();

const big = ['A = ones(1000, 150)', 'B = ones(150, 1000)', 'M = zeros(1000, 1000)', 'P = ones(1000, 201)', 'Q = ones(201, 1000)', 'v = [1; 2; 3]', 'x = 2'];

/** Asserts the typed formula is refused with `code`, having done at most `work` units (none by default). */
function refused(formula: string, code = 'E_TOO_LARGE', work = 0, lines = big) {
  const r = typedWork(formula, lines);
  const e = expectCellError(r.result, [code], formula);
  expect(r.work, `${formula}: the work done before refusing`).to.be.at.most(work);
  return e;
}

describe('resources: matrices too large to create', () => {
  for (const formula of [
    'ones(1e4, 1e4)',
    'zeros(1e8)',
    'eye(1e5)',
    '1:1e12',
    '1:0.0000001:1e6',
    '-1e12:0',
    'linspace(0, 1, 1e9)',
    'linspace(0, 1, 1000001)',
    'rand(1e4, 1e4, 1)',
    'randn(1001, 1000, 7)',
    'zeros(1000, 1001)',
    'ones(2^31, 2^31)',
    'zeros(1e308, 1e308)',
    '1:1e-320:2',
  ]) {
    it(`refuses ${formula} before creating it`, () => {
      const e = refused(formula);
      expect(e.message).to.match(/limit is 1,000,000/);
    });
  }

  for (const formula of ['zeros(-1)', 'zeros(1.5)', 'ones(2, -3)', 'rand(2, 2, -1)', 'linspace(0, 1, 0)', 'eye(0.5)']) {
    it(`refuses the sizes in ${formula}`, () => {
      refused(formula, 'E_ARGUMENT');
    });
  }

  it('refuses broadcasting that would make a huge matrix: zeros(1e6, 1) + zeros(1, 1e6)', () => {
    // The operands are allowed (2·10⁶ entries made); their 10¹²-entry sum is refused before it exists.
    refused('zeros(1e6, 1) + zeros(1, 1e6)', 'E_TOO_LARGE', 2e6 * entryCost);
    refused('zeros(1001, 1) + zeros(1, 1000)', 'E_TOO_LARGE', 2001 * entryCost);
  });

  it('refuses a matrix assembled from blocks beyond the limit: [M, M], [M; M; M]', () => {
    expect(refused('[M, M]').message).to.contain('2,000,000 entries');
    expect(refused('[M; M; M]').message).to.contain('3,000,000 entries');
  });

  it('refuses an index that selects too many entries: M[1:1e12, 1], M[1:1e-9:2, 1], M[ones(1000, 1), ones(1001, 1)]', () => {
    refused('M[1:1e12, 1]');
    refused('M[1:1e-9:2, 1]');
    refused('M[ones(1000, 1), ones(1001, 1)]', 'E_TOO_LARGE', 2001 * entryCost);
  });

  it('creates the largest allowed matrix, zeros(1e3, 1e3) .* zeros(1e3, 1e3), within the budget', () => {
    const r = typedWork('zeros(1e3, 1e3) .* zeros(1e3, 1e3)', big);
    expect((toJSON(r.result as Value) as number[][]).length).to.equal(1000);
    expect(r.work).to.equal(3e6 * entryCost);
  });
});

describe('resources: work', () => {
  it('refuses one matrix product over 2·10⁸ multiplications before doing it', () => {
    refused('M * M');
    expect(refused('P * Q').message).to.contain('2.0e+8 multiplications');
  });

  it('stops a formula that chains many allowed products (A*B + A*B) once it has done 3·10⁸ units of work', () => {
    // One product is 1.5·10⁸ multiply-adds, allowed; the second would take the formula over budget.
    const e = refused('A*B + A*B', 'E_TOO_LARGE', limits.maxWork + limits.maxMultiplications);
    expect(e.message).to.contain('more work than one cell may do');
  });

  it('stops a formula of many cheap operations on a large cell (M + M + … in brackets) within the budget', () => {
    // 40 groups of 9 additions: depth stays small, the work does not.
    const group = '(' + Array(10).fill('M').join(' + ') + ')';
    const formula = Array(40).fill(group).join(' + ');
    expect(formula.length).to.be.below(limits.maxFormulaLength);
    const e = refused(formula, 'E_TOO_LARGE', limits.maxWork + limits.maxEntries * entryCost);
    expect(e.message).to.contain('split it over several cells');
  });

  it('counts reading a large cell as work: sum(M) reads 10⁶ entries and makes none', () => {
    expect(typedWork('sum(M)', big).work).to.equal(1e6);
    expect(typedWork('max(M) + min(M) + dot(M[:, 1], M[:, 2])', big).work).to.equal(2e6 + 1000 + 2000 * entryCost);
  });

  it('gives every formula its own budget: two large cells each compute', () => {
    const results = typedResults('sum(R) + 1', [...big, 'R = A * B', 'S = A * B']);
    expect(toJSON(results.get('bad') as Value)).to.equal(150 * 1e6 + 1);
    expect(isCellError(results.get('S'))).to.equal(false);
  });
});

describe('resources: deep and long formulas', () => {
  it('refuses 300 nested brackets before mathjs parses them', () => {
    const e = refused('('.repeat(300) + '1' + ')'.repeat(300), 'E_TOO_DEEP');
    expect(e.col).to.equal(limits.maxNesting + 1);
  });

  for (const [open, close] of [
    ['[', ']'],
    ['sigmoid(', ')'],
    ['-(', ')'],
    ['v[', ']'],
  ]) {
    it(`refuses ${open}…${close} nested ${limits.maxNesting + 1} deep`, () => {
      refused(open.repeat(limits.maxNesting + 1) + '1' + close.repeat(limits.maxNesting + 1), 'E_TOO_DEEP');
    });
  }

  it(`computes a formula nested exactly ${limits.maxNesting} brackets deep`, () => {
    const r = typed('('.repeat(limits.maxNesting) + 'x' + ')'.repeat(limits.maxNesting), big);
    expect(toJSON(r as Value)).to.equal(2);
  });

  it(`computes a chain of ${limits.maxDepth} additions, and refuses one of ${limits.maxDepth + 1}`, () => {
    expect(toJSON(typed('1' + '+1'.repeat(limits.maxDepth)) as Value)).to.equal(limits.maxDepth + 1);
    const e = refused('1' + '+1'.repeat(limits.maxDepth + 1), 'E_TOO_DEEP');
    expect(e.message).to.contain(`more than ${limits.maxDepth} operations`);
  });

  for (const [what, formula] of [
    ['unary minus', '-'.repeat(1990) + '1'],
    ['transpose', '1' + "'".repeat(1990)],
    ['powers', '1' + '^1'.repeat(990)],
    ['not', 'not '.repeat(490) + '1'],
    ['implicit multiplication', 'x '.repeat(990)],
    ['indexing', 'v' + '[1]'.repeat(600)],
    ['conditions', '1 ? '.repeat(330) + '1' + ' : 0'.repeat(330)],
  ]) {
    it(`refuses a chain of ${what} ${formula.length} characters long without overflowing the stack`, () => {
      expectCellError(typed(formula, big), ['E_TOO_DEEP', 'E_TOO_LONG'], what);
    });
  }

  it(`refuses a formula longer than ${limits.maxFormulaLength} characters, and computes one exactly that long`, () => {
    const e = refused('1' + ' + 1'.repeat(500), 'E_TOO_LONG');
    expect(e.message).to.contain('2001 characters');
    const exact = '1' + '+1'.repeat(150);
    expect(toJSON(typed(exact.padEnd(limits.maxFormulaLength, ' ')) as Value)).to.equal(151);
  });

  it('differentiates through a chain at the depth limit without overflowing the stack', () => {
    const chain = 'w' + ' + w'.repeat(limits.maxDepth - 2);
    const results = typedResults('grad(E, w)', ['w = 1', `E = ${chain}`]);
    expect(toJSON(results.get('bad') as Value)).to.equal(limits.maxDepth - 1);
  });
});

describe('resources: one runaway cell leaves the others alone', () => {
  it('keeps every other cell computed when one is refused', () => {
    const results = typedResults('ones(1e4, 1e4)', ['x = 2', 'y = x * 3', 'z = sum(zeros(10, 10)) + y']);
    expect(toJSON(results.get('y') as Value)).to.equal(6);
    expect(toJSON(results.get('z') as Value)).to.equal(6);
  });
});

describe('resources: a workbook as large as allowed', () => {
  it('suggests no spelling for a very long unknown name (comparing it would cost length² per cell)', () => {
    const long = (k: number) => 'n'.repeat(900) + k;
    const e = expectCellError(
      typed(
        long(0),
        Array.from({ length: 50 }, (_, k) => `${long(k + 1)} = ${k}`),
      ),
      ['E_NAME_UNKNOWN'],
    );
    expect(e.message).to.not.contain('Did you mean');
  });

  it(`computes a chain of ${limits.maxCells - 1} cells, each reading the one before`, () => {
    const lines = ['c0 = 1', ...Array.from({ length: limits.maxCells - 2 }, (_, i) => `c${i + 1} = c${i} + 1`)];
    const results = typedResults(`c${limits.maxCells - 2} * 2`, lines);
    expect(toJSON(results.get('bad') as Value)).to.equal(2 * (limits.maxCells - 1));
  });
});
