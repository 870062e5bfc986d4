// The number policy (src/formula/value.ts, "Numbers"): every cell value is finite float64; a
// NaN is an error where it arises; ±∞ may occur inside a formula as a limit but never in a
// cell's value; no complex numbers. One test per hostile input.
import { expect } from 'chai';
import { isCellError } from '../../src/errors.ts';
import { parseEntry } from '../../src/graph/entry.ts';
import { toJSON, type Value } from '../../src/formula/value.ts';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { sheet } from '../helpers/sheet.ts';
import { expectCellError, typed, typedResults } from './typed.ts';
import { guardGlobalState } from './invariants.ts';

guardGlobalState();

const value = (r: unknown) => {
  expect(isCellError(r), `a value, not ${(r as Error)?.message}`).to.equal(false);
  return toJSON(r as Value);
};

describe('numbers: NaN, Infinity and too-large literals', () => {
  for (const literal of ['NaN', 'Infinity', '-Infinity', '1e400', '-1e309', '[1; NaN]', '2 * Infinity']) {
    it(`refuses the literal ${literal} where it is written`, () => {
      const e = expectCellError(typed(literal), ['E_NONFINITE'], literal);
      expect(e.message).to.contain('not a finite number');
    });
  }

  it('refuses NaN as an input cell, and its dependents name it as the root', () => {
    const s = sheet('w = [1; NaN]', 'y = 2 * w');
    expect(s.error('w').code).to.equal('E_NONFINITE');
    expect(s.error('w').loc).to.deep.equal({ line: 2, col: 9 });
    expect(s.error('y').root).to.equal('w');
  });

  it('accepts the largest float64 and the smallest subnormal', () => {
    expect(value(typed('1.7976931348623157e308'))).to.equal(Number.MAX_VALUE);
    expect(value(typed('5e-324'))).to.equal(5e-324);
  });
});

describe('numbers: ±∞ in a value is an error that says where', () => {
  for (const [formula, result] of [
    ['1/0', 'Infinity'],
    ['-1/0', '-Infinity'],
    ['log(0)', '-Infinity'],
    ['exp(1000)', 'Infinity'],
    ['10^400', 'Infinity'],
    ['2^1024', 'Infinity'],
    ['exp(710) * 1', 'Infinity'],
    ['1 ./ (v - 2)', 'Infinity at [2,1]'],
  ]) {
    it(`makes ${formula} an E_NONFINITE error (${result})`, () => {
      const e = expectCellError(typed(formula), ['E_NONFINITE'], formula);
      expect(e.message).to.contain(`The result is ${result}`);
      expect(e.message, 'says what to do').to.match(/Check/);
    });
  }

  it('lets ∞ inside a formula act as a limit: 1/(1 + exp(1000)) is 0', () => {
    expect(value(typed('1/(1 + exp(1000))'))).to.equal(0);
    expect(value(typed('exp(1000) > 1'))).to.equal(1);
    expect(value(typed('relu(-exp(1000))'))).to.equal(0);
    expect(value(typed('sigmoid(-1000)'))).to.equal(0);
  });
});

describe('numbers: a NaN is an error where it arises, naming the expression', () => {
  for (const [formula, where] of [
    ['0/0', '0 / 0'],
    ['sqrt(-4)', 'sqrt(-4)'],
    ['log(-1)', 'log(-1)'],
    ['(-8)^(1/3)', '(-8) ^ (1 / 3)'],
    ['exp(1000) - exp(1000)', 'exp(1000) - exp(1000)'],
    ['0 * exp(1000)', '0 * exp(1000)'],
    ['(v - v) ./ (v - v)', '(v - v) ./ (v - v) is not a number (NaN) at [1,1]'],
    ['sin(exp(1000))', 'sin(exp(1000))'],
  ]) {
    it(`makes ${formula} an E_NONFINITE error naming ${where}`, () => {
      const e = expectCellError(typed(formula), ['E_NONFINITE'], formula);
      expect(e.message).to.contain(where);
    });
  }

  it('says the mean of an empty matrix does not exist, rather than making 0/0', () => {
    expectCellError(typed('mean(zeros(0, 1))'), ['E_ARGUMENT']);
  });

  it('says there are no complex numbers when a square root of a negative number is taken', () => {
    expect(expectCellError(typed('sqrt(-4)')).message).to.contain('there are no complex numbers');
  });

  // Each of these would turn a NaN into an ordinary number if the NaN were allowed to reach it.
  for (const formula of [
    '(0/0) > 1',
    '(0/0) == (0/0)',
    'not (0/0)',
    '(0/0) and 1',
    '(0/0) ? 1 : 2',
    'relu(sqrt(-1))',
    'step(log(-1))',
    'drelu(0/0)',
    'max([0/0, 1])',
    'min([1; 0/0])',
    'cross_entropy(sqrt(-1), 0)',
    'bce(0/0, 1)',
    'sign(0/0) * 0',
    'round(0/0)',
    'size(sqrt(-v))',
    'v[1] + 0 * [0/0; 1; 1][3]',
  ]) {
    it(`never lets a NaN vanish: ${formula}`, () => {
      expectCellError(typed(formula), ['E_NONFINITE'], formula);
    });
  }

  it('keeps the other cells computing when one is NaN', () => {
    const results = typedResults('sqrt(-4)', ['x = 2', 'y = x + 1']);
    expect(value(results.get('y'))).to.equal(3);
  });
});

describe('numbers: entries typed into an input', () => {
  for (const text of ['1e400', '-1e400', 'Infinity', '-Infinity', 'NaN', '1/0', '0/0', 'log(0)', 'sqrt(-1)']) {
    it(`says "${text}" is not a finite number (E_ENTRY)`, () => {
      const e = expectCellError(parseEntry(text, 'w[1,1]', 'w'), ['E_ENTRY'], text);
      expect(e.message).to.contain('not a finite number');
      expect(e.root).to.equal('w');
    });
  }

  // Half-way through typing 1e-3 the entry reads "1e": that is not 1·e (Euler's number). No
  // implicit product is read in an entry at all: "2 e" and "1e 3" are typos, not 5.44 and 8.15.
  for (const text of ['1e', '2.5E', '1e-', '-.5e+', '1e5e', '1e+3e', '2 e', '1e 3', '3pi']) {
    it(`says "${text}" is not a number (E_ENTRY): no half-typed exponent, no implicit product`, () => {
      const e = expectCellError(parseEntry(text, 'w[1,1]', 'w'), ['E_ENTRY'], text);
      expect(e.message).to.contain(`"${text}" is not a number`);
    });
  }

  for (const [text, expected] of [
    ['1e308', 1e308],
    ['-0', -0],
    ['1/3', 1 / 3],
    ['-sqrt(2)', -Math.SQRT2],
    ['pi/4', Math.PI / 4],
  ] as const) {
    it(`reads "${text}" as ${expected}`, () => {
      expect(Object.is(parseEntry(text, 'w', 'w'), expected)).to.equal(true);
    });
  }
});

describe('numbers: slide values', () => {
  for (const slide of ['NaN', 'Infinity', '1e400']) {
    it(`refuses "slide: ${slide}" as a slide value`, () => {
      const { plan } = evaluate('x = 1\n  slide: ' + slide);
      expect(plan.byName.get('x')!.expectationError?.code).to.equal('E_ATTRIBUTE');
    });
  }
});

function evaluate(cells: string) {
  return evaluateWorkbook('```cells\n' + cells + '\n```\n', 'slides.md');
}
