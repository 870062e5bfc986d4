// Property (1): whatever a student types into a cell — a formula or an entry — evaluation
// returns a value or a CellError with a catalogued code (never E_INTERNAL, never a thrown
// non-Error), every value is finite, and nothing global changes: not the Object, Array or
// Function prototypes, not globalThis's keys, not mathjs's configuration. Both drivers: the
// plan evaluated directly, and a live Session on the Observable runtime. Fixed seeds; FC_RUNS
// raises the number of runs.
import { expect } from 'chai';
import fc from 'fast-check';
import { isCellError } from '../../src/errors.ts';
import { readWorkbook } from '../../src/format/read.ts';
import { functions } from '../../src/formula/functions.ts';
import { configSnapshot, disabledFunctions } from '../../src/formula/mathjs.ts';
import { firstNonFinite, isMat, type Value } from '../../src/formula/value.ts';
import { parseEntry } from '../../src/graph/entry.ts';
import { codes } from '../../src/messages.ts';
import { Session } from '../../src/reactive/session.ts';
import { typedResults } from '../security/typed.ts';
import { guardGlobalState } from '../security/invariants.ts';
import { fcRuns } from './runs.ts';

guardGlobalState();

const runs = await fcRuns(400);
/** Generous: a long run (FC_RUNS) takes as long as it takes. */
const timeout = Math.max(20_000, runs * 25);
const cells = ['x = 2', 'A = [1, 2; 3, 4]', 'v = [1; -2; 3]', 'w = [0.5, -1]'];

const pieces = [
  // the language
  'x',
  'A',
  'v',
  'w',
  'bad',
  'pi',
  'e',
  'end',
  '1',
  '0',
  '-1',
  '2.5',
  '1e3',
  '1e-3',
  '1e308',
  '1e400',
  'NaN',
  'Infinity',
  '0x10',
  'true',
  '+',
  '-',
  '*',
  '/',
  '.*',
  './',
  '.^',
  '^',
  "'",
  ':',
  ',',
  ';',
  '?',
  '==',
  '!=',
  '<',
  '>=',
  'and',
  'or',
  'not',
  'xor',
  '(',
  ')',
  '[',
  ']',
  ...[...functions.keys()].map((f) => `${f}(`),
  'grad(',
  'grad(bad, x)',
  'grad(x, x)',
  // what a student (or an exploit) might also type
  ...[...disabledFunctions].map((f) => `${f}(`),
  '=',
  '"a"',
  "'b'",
  '{',
  '}',
  '{a: 1}',
  '.constructor',
  '["constructor"]',
  '.__proto__',
  '._data',
  'constructor',
  '__proto__',
  'toString',
  'window',
  'document',
  'globalThis',
  'process',
  'mod',
  'to',
  'in',
  '!',
  '%',
  '&',
  '|',
  '~',
  '<<',
  '@',
  '#',
  '\n',
  ' ',
  '  ',
  '\t',
  '\u0000',
  '\u200b',
  'Θ',
  '😀',
  'zeros(1e4, 1e4)',
  '1:1e9',
  'ones(2000, 2000)',
  '('.repeat(45),
  ')'.repeat(45),
];
const formulaText = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((p) => p.join('')) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((p) => p.join(' ')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 60 }) },
);

const catalogue = new Set<string>(Object.values(codes));

/** A value or a catalogued, non-internal CellError; a value is finite. */
function expectResult(r: unknown, what: string): void {
  if (isCellError(r)) {
    expect(catalogue.has(r.code), `${what}: ${r.code}`).to.equal(true);
    expect(r.code, `${what}: ${r.message}`).to.not.equal(codes.E_INTERNAL);
    expect(r.message, what).to.be.a('string').and.not.equal('');
    return;
  }
  expect(typeof r === 'number' || isMat(r), `${what}: a number or a matrix`).to.equal(true);
  expect(firstNonFinite(r as Value), `${what}: finite`).to.equal(null);
}

/** The global state a formula could reach if anything leaked: cheap enough to take every run. */
function globalState(): string {
  const keys = (o: object) => Reflect.ownKeys(o).map(String).join(',');
  return [keys(Object.prototype), keys(Array.prototype), keys(Function.prototype), keys(globalThis), configSnapshot()].join('|');
}

describe('property: any text typed into a cell', () => {
  it('evaluates to a value or a catalogued error, and changes nothing global (formula)', function () {
    this.timeout(timeout);
    const before = globalState();
    fc.assert(
      fc.property(formulaText, (text) => {
        let results: Map<string, unknown>;
        try {
          results = typedResults(text, cells);
        } catch (e) {
          expect.fail(`typing ${JSON.stringify(text)} threw ${e instanceof Error ? e.stack : String(e)}`);
        }
        for (const [name, r] of results) expectResult(r, `${JSON.stringify(text)} → ${name}`);
        expect(results.get('x')).to.equal(2); // the other cells are untouched
        expect(globalState()).to.equal(before);
      }),
      { seed: 7, numRuns: runs },
    );
  });

  it('evaluates to a finite number or an E_ENTRY error, and changes nothing global (entry)', function () {
    this.timeout(timeout);
    const before = globalState();
    fc.assert(
      fc.property(formulaText, (text) => {
        const r = parseEntry(text, 'w[1,1]', 'w');
        if (isCellError(r)) expect(r.code).to.equal(codes.E_ENTRY);
        else expect(Number.isFinite(r), `${JSON.stringify(text)} → ${r}`).to.equal(true);
        expect(globalState()).to.equal(before);
      }),
      { seed: 11, numRuns: runs },
    );
  });

  it('keeps a live Session computing: every cell ends ok or with a catalogued error', async function () {
    this.timeout(timeout);
    const spec = readWorkbook('```cells\n' + [...cells, 'bad = x + 1', 'after = bad * 2'].join('\n') + '\n```\n', 'typed.md');
    const session = new Session(spec);
    await session.settled();
    const before = globalState();
    try {
      await fc.assert(
        fc.asyncProperty(formulaText, formulaText, async (formula, entry) => {
          session.setFormula('bad', formula);
          session.setEntry('w', 1, 2, entry);
          await session.settled();
          for (const state of session.cells) {
            expect(state.status, `${JSON.stringify(formula)}, ${JSON.stringify(entry)} → ${state.name}`).to.be.oneOf(['ok', 'error']);
            expectResult(state.status === 'ok' ? state.value : state.error, `${JSON.stringify(formula)} → ${state.name}`);
          }
          expect(session.state('x')!.value).to.equal(2);
          expect(globalState()).to.equal(before);
        }),
        { seed: 13, numRuns: Math.ceil(runs / 8) },
      );
    } finally {
      session.dispose();
    }
  });
});
