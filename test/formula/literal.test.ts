// An input cell's literal is read without mathjs when it is plain numbers (parse.ts,
// fastLiteral): the same Literal — value and entries as shown — as mathjs's tree gives, over
// random literals (fixed seeds); anything else falls back to mathjs, whose errors are located.
// A workbook's own literal may be longer than a formula; a typed formula may not.
import { expect } from 'chai';
import fc from 'fast-check';
import { isCellError } from '../../src/errors.ts';
import { readWorkbook } from '../../src/format/read.ts';
import { checkWorkbook } from '../../src/graph/check.ts';
import { fastLiteral, literalOf, parseFormula, type Literal } from '../../src/formula/parse.ts';
import { parse } from '../../src/formula/mathjs.ts';
import { toJSON } from '../../src/formula/value.ts';
import { limits } from '../../src/limits.ts';
import { fcRuns } from '../property/runs.ts';

const runs = await fcRuns(500);

/** Literal → plain JSON in which -0 and 0 differ. */
const plain = (l: Literal | null) => l && { value: JSON.stringify(toJSON(l.value), (_, v) => (Object.is(v, -0) ? '-0' : v)), entries: l.entries };

/** What mathjs's path makes of the text: its Literal, null when it is not one, or 'error'. */
function viaMathjs(text: string): Literal | null | 'error' {
  try {
    return literalOf(parse(text));
  } catch {
    return 'error';
  }
}

const space = fc.constantFrom('', '', '', ' ', '  ', '\t');
const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
/** A number as an instructor may write it: 1, -1.5, +.25, 3., 1e-3, 2.5E+10, 007. */
const numberText = fc
  .tuple(
    fc.constantFrom('', '', '-', '+'),
    space,
    fc.oneof(
      digits(1, 6),
      fc.tuple(digits(1, 4), digits(0, 8)).map(([a, b]) => `${a}.${b}`),
      digits(1, 8).map((b) => `.${b}`),
    ),
    fc.option(
      fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 3)).map((p) => p.join('')),
      { nil: '' },
    ),
  )
  .map(([sign, s, body, exp]) => (sign ? sign + s : '') + body + exp);

const matrixText = fc
  .integer({ min: 1, max: 6 })
  .chain((cols) =>
    fc.array(
      fc.array(
        fc.tuple(space, numberText, space).map((p) => p.join('')),
        { minLength: cols, maxLength: cols },
      ),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .chain((rows) => fc.tuple(space, space).map(([a, b]) => `${a}[${rows.map((r) => r.join(',')).join(';')}]${b}`));

describe('literals read without mathjs', () => {
  it('agree with mathjs on every plain numeric literal, value and entries (random, seeded)', () => {
    fc.assert(
      fc.property(fc.oneof(numberText, matrixText), (text) => {
        const fast = fastLiteral(text);
        const slow = viaMathjs(text);
        // A literal too large for float64 (1e400) is left to mathjs's path, which refuses it where it is written.
        if (fast === null) {
          expect(slow, text).to.not.be.oneOf(['error', null]);
          const values = [toJSON((slow as Literal).value)].flat(2) as number[];
          expect(
            values.some((v) => !Number.isFinite(v)),
            `${text}: only a number too large for float64 is left to mathjs`,
          ).to.equal(true);
          return;
        }
        expect(slow, text).to.not.equal('error');
        expect(plain(fast), text).to.deep.equal(plain(slow as Literal));
      }),
      { seed: 20260811, numRuns: runs },
    );
  });

  it('never disagree with mathjs on texts made of literal characters, whatever they are (random, seeded)', () => {
    const piece = fc.constantFrom(...'0123456789.,;[]eE+- \t', ', ', '; ', '-1', '2.5', '.5', '3e2', '1e-2', '4E+1');
    const junk = fc.tuple(fc.boolean(), fc.array(piece, { maxLength: 16 })).map(([wrap, p]) => (wrap ? `[${p.join('')}]` : p.join('')));
    fc.assert(
      fc.property(junk, (text) => {
        const fast = fastLiteral(text);
        if (fast === null) return;
        const slow = viaMathjs(text);
        expect(slow, text).to.not.equal('error');
        expect(plain(fast), text).to.deep.equal(plain(slow as Literal));
      }),
      { seed: 7, numRuns: runs * 4 },
    );
  });

  it('reads [1.0, -2; 3e-4, +.5] as mathjs does: numbers shown as their shortest text', () => {
    const l = fastLiteral('[1.0, -2; 3e-4, +.5]')!;
    expect(toJSON(l.value)).to.deep.equal([
      [1, -2],
      [3e-4, 0.5],
    ]);
    expect(l.entries).to.deep.equal([
      ['1', '-2'],
      ['0.0003', '0.5'],
    ]);
    expect(fastLiteral(' -0.25 ')!.entries).to.deep.equal([['-0.25']]);
    expect(fastLiteral('[7]')!.value, 'a 1×1 matrix is a number').to.equal(7);
  });

  it('leaves everything else to mathjs: two signs, hex, nested rows, a trailing ;, expressions, 1e400', () => {
    for (const text of ['[--1]', '0x10', '[[1, 2], [3, 4]]', '[1, 2;]', '[1 + 1]', '1e400', '[1e400]', '[]', '[1, 2; 3]', 'pi', '[1, x]']) {
      expect(fastLiteral(text), text).to.equal(null);
    }
    // ... and mathjs's path still gives what it gave.
    expect(toJSON(parseFormula('[--1]').literal!.value)).to.equal(1);
    expect(parseFormula('[[1, 2], [3, 4]]').literal!.entries).to.deep.equal([
      ['1', '2'],
      ['3', '4'],
    ]);
  });
});

/** A square matrix of short numbers as a workbook writes it. */
function bigLiteral(n: number): string {
  return '[' + Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (((i * n + j) % 97) / 10 - 4).toFixed(1)).join(', ')).join('; ') + ']';
}

describe('an input cell longer than a formula may be', () => {
  const n = 256;
  const literal = bigLiteral(n);

  it(`is a 256×256 input cell (${literal.length.toLocaleString('en-US')} characters), read as mathjs reads it`, () => {
    expect(literal.length).to.be.above(limits.maxFormulaLength);
    const spec = readWorkbook(['```cells', `A = ${literal}`, 's = sum(A)', '```', ''].join('\n'), 'big.md');
    const checked = checkWorkbook(spec);
    expect(checked.problems).to.deep.equal([]);
    const a = checked.byName.get('A')!;
    expect(a.kind).to.equal('input');
    expect(a.literal!.entries.length).to.equal(n);
    expect(a.literal!.entries[255][255]).to.equal((((255 * n + 255) % 97) / 10 - 4).toFixed(1).replace(/\.0$/, '').replace(/^-0$/, '0'));
    expect(plain(a.literal!)).to.deep.equal(plain(literalOf(parse(literal))));
  });

  it('is still a formula limited to 2,000 characters when a student types it in place of a formula', () => {
    const spec = readWorkbook(['```cells', 'A = 1', 'f = A', '```', ''].join('\n'), 'big.md');
    const e = checkWorkbook(spec, new Map([['f', literal]])).byName.get('f')!.error!;
    expect(e.code).to.equal('E_TOO_LONG');
    expect(() => parseFormula(literal))
      .to.throw()
      .with.property('code', 'E_TOO_LONG');
  });

  it('locates a mistake in a long literal (file line and column), and keeps the cell an input', () => {
    // A comma left out, in row 2: mathjs points at the number after the missing comma.
    const broken = literal.replace('; ', '; 1 2, ');
    const at = broken.indexOf('1 2') + 2;
    const spec = readWorkbook(['```cells', `A = ${broken}`, '```', ''].join('\n'), 'big.md');
    const checked = checkWorkbook(spec);
    const a = checked.byName.get('A')!;
    expect(a.kind).to.equal('input');
    expect(a.error!.code).to.equal('E_SYNTAX');
    expect(a.error!.loc).to.deep.equal({ line: 2, col: 'A = '.length + at + 1 });
  });

  it('refuses a long literal that is not one (an expression in brackets) as too long', () => {
    const sum = '[' + Array(800).fill('1+1').join(', ') + ']';
    expect(() => parseFormula(sum, undefined, { longLiteral: true }))
      .to.throw()
      .with.property('code', 'E_TOO_LONG');
    // A chain of signs is too deep, long or not.
    const e = checkWorkbook(readWorkbook('```cells\nA = [' + '-'.repeat(5000) + '1]\n```\n', 'big.md')).byName.get('A')!.error!;
    expect(e.code).to.equal('E_TOO_DEEP');
  });

  it(`refuses a literal of more than ${limits.maxEntries.toLocaleString('en-US')} entries before making it`, () => {
    const text = '[' + '1,'.repeat(limits.maxEntries) + '1]';
    let error: unknown;
    try {
      parseFormula(text, undefined, { longLiteral: true });
    } catch (e) {
      error = e;
    }
    expect(isCellError(error) && error.code).to.equal('E_TOO_LARGE');
  });
});
