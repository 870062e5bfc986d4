// Errors a lecturer can trust: every error has a code from one catalogue (src/messages.ts), a
// message that says what to do, and the root cell; a dependent shows the root cause, never a
// cascade; whatever is thrown while evaluating becomes a CellError.
import { expect } from 'chai';
import { CellError, isCellError, toCellError } from '../../src/errors.ts';
import { codes, messages } from '../../src/messages.ts';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { readText } from '../helpers/files.ts';
import { expectCellError, typedResults } from './typed.ts';
import { guardGlobalState } from './invariants.ts';

guardGlobalState();

describe('the error catalogue', () => {
  it('gives every code its own name as its value, so a code never changes meaning', () => {
    for (const [key, value] of Object.entries(codes)) expect(value).to.equal(key);
  });

  it('lists every code a user can meet in the README', async () => {
    const readme = await readText('README.md');
    const missing = Object.values(codes).filter((c) => c !== codes.E_INTERNAL && !readme.includes('`' + c + '`'));
    expect(missing).to.deep.equal([]);
  });

  it('keeps every message a function that returns text', () => {
    for (const [key, make] of Object.entries(messages)) expect(make, key).to.be.a('function');
  });
});

/** A workbook whose cells are `lines`; results by name. */
function results(...lines: string[]) {
  const { plan, results } = evaluateWorkbook('```cells\n' + lines.join('\n') + '\n```\n', 'errors.md');
  return (name: string) => results[plan.byName.get(name)!.index];
}

describe('errors reach dependents as the root cause', () => {
  for (const [what, root] of [
    ['a syntax error', 'a = 1 +'],
    ['an unknown name', 'a = nope + 1'],
    ['a shape mismatch', 'a = [1, 2] + [1, 2, 3]'],
    ['a NaN', 'a = sqrt(-1)'],
    ['an overflow', 'a = exp(1000)'],
    ['a huge matrix', 'a = ones(1e4, 1e4)'],
    ['an index', 'a = [1; 2][3]'],
    ['a disabled function', 'a = config(1)'],
    ['an input that is not finite', 'a = [1; NaN]'],
    ['an assignment', 'a = (y = 1)'],
  ]) {
    it(`passes ${what} unchanged through a chain, naming the root`, () => {
      const name = root.split(' ')[0];
      const get = results(root, `b = ${name} + 1`, `c = sigmoid(b) * 2`, 'd = c', 'free = 3');
      const e = expectCellError(get(name), undefined, what);
      expect(e.root).to.equal(name);
      expect(e.loc, 'located in the file').to.not.equal(undefined);
      for (const dependent of ['b', 'c', 'd']) expect(get(dependent), dependent).to.equal(e);
      expect(get('free')).to.equal(3);
    });
  }

  it('shows the first failing input of a cell that reads two failing cells, in the order written', () => {
    const get = results('p = 1/0', 'q = nope', 'r = q + p', 's = p + q');
    expect((get('r') as CellError).root).to.equal('q');
    expect((get('s') as CellError).root).to.equal('p');
  });

  it('gives each cell on a cycle the cycle, and its dependents the first one', () => {
    const get = results('a = b + 1', 'b = a + 1', 'c = a * 2');
    expect((get('a') as CellError).code).to.equal('E_CYCLE');
    expect((get('a') as CellError).message).to.contain('a → b → a');
    expect(get('c')).to.equal(get('a'));
  });

  it("reports a typed formula's own problem, not a cascade, in the cells that read it", () => {
    const after = typedResults('nope(1)', ['x = 2', 'y = bad + x']);
    const e = expectCellError(after.get('bad'), ['E_FUNCTION_UNKNOWN']);
    expect(after.get('y')).to.equal(e);
  });
});

describe('toCellError: anything thrown becomes a CellError, and toCellError never throws', () => {
  const thrownThings: [string, () => unknown][] = [
    ['null', () => null],
    ['undefined', () => undefined],
    ['a number', () => 42],
    ['a string', () => 'boom'],
    ['a symbol', () => Symbol('boom')],
    ['a plain object', () => ({ message: 'looks like an error' })],
    [
      'an object whose toString throws',
      () => ({
        toString() {
          throw new Error('nested');
        },
      }),
    ],
    ['an object with a null prototype', () => Object.create(null)],
    [
      'a Proxy whose traps all throw',
      () =>
        new Proxy(
          {},
          {
            get() {
              throw 1;
            },
            getPrototypeOf() {
              throw 2;
            },
            has() {
              throw 3;
            },
          },
        ),
    ],
    [
      'an Error whose message getter throws',
      () =>
        Object.defineProperty(new Error(), 'message', {
          get() {
            throw new Error('no');
          },
        }),
    ],
    ['a TypeError', () => new TypeError('x is not a function')],
    ['a megabyte of text', () => new Error('x'.repeat(1e6))],
    ['a frozen CellError', () => Object.freeze(new CellError(codes.E_SHAPE, 'shape'))],
  ];
  for (const [what, make] of thrownThings) {
    it(`normalizes ${what}`, () => {
      const e = toCellError(make(), 'h1');
      expect(isCellError(e)).to.equal(true);
      expect(e.root).to.be.oneOf(['h1', '']);
      expect(e.message.length).to.be.within(1, 400);
      expect(Object.values(codes)).to.include(e.code);
    });
  }

  it('turns a real stack overflow into E_TOO_DEEP', () => {
    const recurse = (n: number): number => recurse(n + 1) + 1;
    let thrown: unknown;
    try {
      recurse(0);
    } catch (e) {
      thrown = e;
    }
    expect(toCellError(thrown, 'h1').code).to.equal(codes.E_TOO_DEEP);
  });

  it('keeps a CellError as it is, filling in its root only when it has none', () => {
    const own = new CellError(codes.E_SHAPE, 'shape', 'a');
    expect(toCellError(own, 'b')).to.equal(own);
    expect(own.root).to.equal('a');
    expect(toCellError(new CellError(codes.E_SHAPE, 'shape'), 'b').root).to.equal('b');
  });

  it('says an internal error is a bug to report', () => {
    expect(toCellError(new TypeError('oops'), 'x').message).to.match(/^Internal error \(please report it\): oops/);
  });
});
