// Hostile formulas beyond mathjs's own list: JavaScript globals, property and prototype names,
// mathjs's configuration, assignments and definitions, and names that would change the
// meaning of a formula. Each typed into a cell; one test each, kept forever.
import { expect } from 'chai';
import { toJSON, type Value } from '../../src/formula/value.ts';
import { configSnapshot } from '../../src/formula/mathjs.ts';
import { parseFormula } from '../../src/formula/parse.ts';
import { sheet } from '../helpers/sheet.ts';
import { expectCellError, typed, typedResults, watchingConsole } from './typed.ts';
import { guardGlobalState } from './invariants.ts';

guardGlobalState();

const value = (r: unknown) => toJSON(r as Value);

describe('formulas cannot reach JavaScript or the page', () => {
  for (const name of [
    'window',
    'self',
    'top',
    'parent',
    'frames',
    'document',
    'location',
    'navigator',
    'localStorage',
    'sessionStorage',
    'indexedDB',
    'fetch',
    'XMLHttpRequest',
    'WebSocket',
    'Worker',
    'globalThis',
    'global',
    'process',
    'require',
    'module',
    'exports',
    'eval',
    'Function',
    'Object',
    'Array',
    'Math',
    'JSON',
    'Reflect',
    'Proxy',
    'Symbol',
    'setTimeout',
    'alert',
    'console',
    'constructor',
    'prototype',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'undefinedVar',
    'math',
    'mathjs',
  ]) {
    it(`says ${name} is not defined`, () => {
      const e = expectCellError(typed(name), ['E_NAME_UNKNOWN'], name);
      expect(e.message).to.contain(`"${name}" is not defined`);
    });
  }

  for (const call of ['alert(1)', 'eval("1")', 'Function("return 1")()', 'setTimeout(1)', 'fetch(1)', 'require(1)', 'isNaN(1)', 'parseInt(1)']) {
    it(`refuses the call ${call}`, () => {
      expectCellError(typed(call), ['E_FUNCTION_UNKNOWN', 'E_FORBIDDEN', 'E_SYNTAX'], call);
    });
  }

  for (const access of [
    'x.constructor',
    'v.length',
    'A._data',
    'sigmoid.name',
    'Math.PI',
    'x["constructor"]',
    "x['__proto__']",
    'v["length"]',
    'A[1].constructor',
    '(x).toString',
    '[1, 2].map',
    'pi.constructor',
    'e.valueOf',
  ]) {
    it(`refuses property access: ${access}`, () => {
      expectCellError(typed(access), ['E_FORBIDDEN'], access);
    });
  }

  for (const text of [
    '"a"',
    "'a'",
    '"" + 1',
    'x + "1"',
    '{}',
    '{a: 1}',
    '[{}]',
    'null',
    'undefined',
    'x; x',
    'x\nx',
    '5 cm to inch',
    'x mod 2',
    '5!',
    'x & 1',
    'x | 1',
    '~x',
    'x << 1',
    'x >>> 1',
    '1 < x < 3',
    'f(x)(1)',
    'x(2)',
  ]) {
    it(`refuses ${JSON.stringify(text)} with a code from the catalogue`, () => {
      expectCellError(typed(text), ['E_FORBIDDEN', 'E_SYNTAX', 'E_NOT_A_FUNCTION', 'E_FUNCTION_UNKNOWN', 'E_NAME_UNKNOWN'], text);
    });
  }
});

describe('formulas cannot change mathjs or the shared scope', () => {
  for (const text of [
    'config({relTol: 1})',
    'config({number: "BigNumber"})',
    'config({"__proto__": {"polluted": 1}})',
    'import({pi: 3})',
    'createUnit("foo")',
  ]) {
    it(`refuses ${text} and changes nothing anywhere`, () => {
      const before = configSnapshot();
      const { result, printed } = watchingConsole(() => typed(text));
      expect(expectCellError(result, ['E_FORBIDDEN']).message).to.contain('disabled');
      expect(configSnapshot()).to.equal(before);
      expect(printed).to.deep.equal([]);
      // Equality stays exact: relTol: 1 would have made 1 == 2 true.
      expect(value(typed('1 == 2'))).to.equal(0);
      expect(value(typed('0.1 + 0.2 == 0.3'))).to.equal(0);
      expect(value(typed('pi'))).to.equal(Math.PI);
    });
  }

  for (const name of [
    'evaluate',
    'parse',
    'compile',
    'simplify',
    'derivative',
    'resolve',
    'help',
    'print',
    'format',
    'chain',
    'typed',
    'create',
    'factory',
    'map',
    'forEach',
    'filter',
    'apply',
    'reviver',
    'rationalize',
    'parser',
    'unit',
    'on',
    'emit',
  ]) {
    it(`says ${name}(…) is disabled`, () => {
      expect(expectCellError(typed(`${name}(1)`), ['E_FORBIDDEN']).message).to.contain(`"${name}" is disabled`);
    });
  }

  for (const [text, col] of [
    ['a = 5', 3],
    ['x = 5', 3],
    ['f(t) = t^2', 6],
    ['A[1] = 5', 6],
    ['x.y = 1', 5],
    ['[x] = 1', 5],
    ['x == 1 ? (y = 2) : 0', 13],
  ] as const) {
    it(`refuses the assignment or definition ${text} at parse time, at column ${col}`, () => {
      let thrown: { col?: number } | undefined;
      try {
        parseFormula(text);
      } catch (e) {
        thrown = e as { col?: number };
      }
      expectCellError(thrown, ['E_FORBIDDEN', 'E_SYNTAX'], text);
      expect(thrown?.col, text).to.equal(col);
    });
  }

  it('locates an assignment typed into a cell of a workbook file', () => {
    const e = sheet('x = 2', 'bad = x + (y = 5)').error('bad');
    expect(e.code).to.equal('E_FORBIDDEN');
    expect(e.loc).to.deep.equal({ line: 3, col: 14 });
  });

  it('never lets an assignment in one cell change another cell', () => {
    const results = typedResults('x = 100', ['x = 2', 'y = x + 1']);
    expect(value(results.get('y'))).to.equal(3);
  });
});

describe('names keep one meaning', () => {
  it('reads implicit multiplication by a cell named like a unit as a product: with m = 3, 5 m is 15', () => {
    expect(value(typedResults('5 m', ['m = 3']).get('bad'))).to.equal(15);
  });

  for (const unit of ['5 cm', '2 kg', '1 inch', '3 deg', '1 s']) {
    it(`has no units: ${unit} names a cell that does not exist`, () => {
      expectCellError(typed(unit), ['E_NAME_UNKNOWN'], unit);
    });
  }

  for (const constant of ['i', 'E', 'LN2', 'tau', 'phi', 'SQRT2', 'Infinity_', 'version']) {
    it(`has no mathjs constant ${constant}: it is not defined unless a cell has that name`, () => {
      expectCellError(typed(constant), ['E_NAME_UNKNOWN'], constant);
      expect(value(typedResults(`${constant} + 1`, [`${constant} = 4`]).get('bad'))).to.equal(5);
    });
  }

  it('keeps pi and e the constants, whatever the cells are called', () => {
    expect(value(typed('e'))).to.equal(Math.E);
    expect(value(typed('2 pi'))).to.equal(2 * Math.PI);
  });

  it('says calling a cell is not a function call: x(2)', () => {
    expect(expectCellError(typed('x(2)'), ['E_NOT_A_FUNCTION']).message).to.contain('x * (');
  });
});
