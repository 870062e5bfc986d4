// Property (2): random workbooks of up to 50 cells, each an input or one operation on earlier
// cells (so the cells form a DAG), agree with a naive reference evaluator written here on plain
// arrays; errors reach exactly the transitive dependents of the cells where they happen, each
// naming its root; and the two drivers (the plan run directly, the Observable runtime) agree
// value for value. Fixed seeds; FC_RUNS raises the number of runs.
import { expect } from 'chai';
import fc from 'fast-check';
import { isCellError, type CellError } from '../../src/errors.ts';
import { readWorkbook } from '../../src/format/read.ts';
import { toJSON, type Value } from '../../src/formula/value.ts';
import { Session } from '../../src/reactive/session.ts';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { guardGlobalState } from '../security/invariants.ts';
import { fcRuns } from './runs.ts';

guardGlobalState();

const runs = await fcRuns(200);
/** Generous: a long run (FC_RUNS) takes as long as it takes. */
const timeout = Math.max(20_000, runs * 50);

// ---- The reference: values as plain arrays of rows; a 1×1 matrix is a number ---------------

type M = number[][];
type Ref = number | M;
/** A reference result: a value, or the code of an error and the cell it happened in. */
type Outcome = { value: Ref } | { code: string; root: string };

class Fail {
  constructor(readonly code: string) {}
}

const rowsOf = (v: Ref): M => (typeof v === 'number' ? [[v]] : v);
const shape = (v: Ref): [number, number] => (typeof v === 'number' ? [1, 1] : [v.length, v[0]?.length ?? 0]);
const collapse = (m: M): Ref => (m.length === 1 && m[0].length === 1 ? m[0][0] : m);
const build = (r: number, c: number, f: (i: number, j: number) => number): M =>
  Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => f(i, j)));

/** Element by element, with NumPy's broadcasting over two dimensions (sizes equal, or one of them 1). */
function zip(a: Ref, b: Ref, f: (x: number, y: number) => number): Ref {
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  const [ra, ca] = shape(a),
    [rb, cb] = shape(b);
  const dim = (p: number, q: number) => (p === q ? p : p === 1 ? q : q === 1 ? p : -1);
  const r = typeof a === 'number' ? rb : typeof b === 'number' ? ra : dim(ra, rb);
  const c = typeof a === 'number' ? cb : typeof b === 'number' ? ca : dim(ca, cb);
  if (r < 0 || c < 0) throw new Fail('E_SHAPE');
  const A = rowsOf(a),
    B = rowsOf(b);
  const at = (X: M, i: number, j: number) => X[X.length === 1 ? 0 : i][X[0].length === 1 ? 0 : j];
  return collapse(build(r, c, (i, j) => f(typeof a === 'number' ? a : at(A, i, j), typeof b === 'number' ? b : at(B, i, j))));
}

const map = (a: Ref, f: (x: number) => number): Ref => (typeof a === 'number' ? f(a) : a.map((row) => row.map(f)));
const all = (a: Ref): number[] => rowsOf(a).flat();
const sig = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

function matmul(a: Ref, b: Ref): Ref {
  if (typeof a === 'number' || typeof b === 'number') return zip(a, b, (x, y) => x * y);
  if (a[0].length !== b.length) throw new Fail('E_SHAPE');
  return collapse(
    build(a.length, b[0].length, (i, j) => {
      let s = 0;
      for (let p = 0; p < b.length; p++) s += a[i][p] * b[p][j];
      return s;
    }),
  );
}

function concat(blocks: Ref[], side: boolean): Ref {
  const ms = blocks.map(rowsOf);
  if (side) {
    if (ms.some((m) => m.length !== ms[0].length)) throw new Fail('E_SHAPE');
    return collapse(ms[0].map((_, i) => ms.flatMap((m) => m[i])));
  }
  if (ms.some((m) => m[0].length !== ms[0][0].length)) throw new Fail('E_SHAPE');
  return collapse(ms.flat());
}

/** The operations a generated cell may use: its formula text, arity, and reference meaning. */
const ops: { text: (a: string, b: string) => string; arity: 1 | 2; ref: (a: Ref, b: Ref) => Ref }[] = [
  { text: (a, b) => `${a} + ${b}`, arity: 2, ref: (a, b) => zip(a, b, (x, y) => x + y) },
  { text: (a, b) => `${a} - ${b}`, arity: 2, ref: (a, b) => zip(a, b, (x, y) => x - y) },
  { text: (a, b) => `${a} .* ${b}`, arity: 2, ref: (a, b) => zip(a, b, (x, y) => x * y) },
  { text: (a, b) => `${a} ./ ${b}`, arity: 2, ref: (a, b) => zip(a, b, (x, y) => x / y) },
  { text: (a, b) => `${a} * ${b}`, arity: 2, ref: matmul },
  { text: (a, b) => `[${a}, ${b}]`, arity: 2, ref: (a, b) => concat([a, b], true) },
  { text: (a, b) => `[${a}; ${b}]`, arity: 2, ref: (a, b) => concat([a, b], false) },
  { text: (a) => `${a}'`, arity: 1, ref: (a) => (typeof a === 'number' ? a : build(a[0].length, a.length, (i, j) => a[j][i])) },
  { text: (a) => `-${a}`, arity: 1, ref: (a) => map(a, (x) => -x) },
  {
    text: (a) => `2 * ${a} + 1`,
    arity: 1,
    ref: (a) =>
      map(
        map(a, (x) => 2 * x),
        (x) => x + 1,
      ),
  },
  { text: (a) => `sigmoid(${a})`, arity: 1, ref: (a) => map(a, sig) },
  { text: (a) => `tanh(${a})`, arity: 1, ref: (a) => map(a, Math.tanh) },
  { text: (a) => `relu(${a})`, arity: 1, ref: (a) => map(a, (x) => (x > 0 ? x : 0)) },
  { text: (a) => `exp(${a})`, arity: 1, ref: (a) => map(a, Math.exp) },
  { text: (a) => `log(${a})`, arity: 1, ref: (a) => map(a, Math.log) },
  { text: (a) => `sqrt(${a})`, arity: 1, ref: (a) => map(a, Math.sqrt) },
  { text: (a) => `abs(${a})`, arity: 1, ref: (a) => map(a, Math.abs) },
  { text: (a) => `sum(${a})`, arity: 1, ref: (a) => all(a).reduce((s, x) => s + x, 0) },
  { text: (a) => `sum(${a}, 1)`, arity: 1, ref: (a) => collapse([rowsOf(a)[0].map((_, j) => rowsOf(a).reduce((s, row) => s + row[j], 0))]) },
  { text: (a) => `sum(${a}, 2)`, arity: 1, ref: (a) => collapse(rowsOf(a).map((row) => [row.reduce((s, x) => s + x, 0)])) },
  { text: (a) => `mean(${a})`, arity: 1, ref: (a) => all(a).reduce((s, x) => s + x, 0) * (1 / all(a).length) },
  { text: (a) => `max(${a})`, arity: 1, ref: (a) => all(a).reduce((m, x) => (x > m ? x : m)) },
  { text: (a) => `${a}[1, end]`, arity: 1, ref: (a) => rowsOf(a)[0][rowsOf(a)[0].length - 1] },
  {
    text: (a) => `${a} > 0 ? ${a} : 0 - ${a}`,
    arity: 1,
    ref: () => {
      throw new Fail('E_SHAPE');
    },
  }, // a matrix condition; see below
  {
    text: (a) => `${a} + nope`,
    arity: 1,
    ref: () => {
      throw new Fail('E_NAME_UNKNOWN');
    },
  },
  {
    text: (a) => `${a} +`,
    arity: 1,
    ref: () => {
      throw new Fail('E_SYNTAX');
    },
  },
];

/** A recipe for one cell: an input literal, or an op on earlier cells (chosen modulo i). */
interface Recipe {
  input: boolean;
  rows: number;
  cols: number;
  entries: number[];
  op: number;
  a: number;
  b: number;
}

const recipe = fc.record({
  input: fc.boolean(),
  rows: fc.integer({ min: 1, max: 3 }),
  cols: fc.integer({ min: 1, max: 3 }),
  entries: fc.array(
    fc.integer({ min: -30, max: 30 }).map((k) => k / 10),
    { minLength: 9, maxLength: 9 },
  ),
  op: fc.nat({ max: ops.length - 1 }),
  a: fc.nat(),
  b: fc.nat(),
});
const workbookRecipe = fc.array(recipe, { minLength: 1, maxLength: 50, size: 'max' });

interface Cell {
  name: string;
  formula: string;
  /** The cells it reads, in order of appearance. */
  reads: string[];
  outcome: Outcome;
}

/** The workbook of a recipe, with every cell's reference outcome. */
function generate(recipes: Recipe[]): Cell[] {
  const cells: Cell[] = [];
  recipes.forEach((r, i) => {
    const name = `c${i}`;
    if (i === 0 || r.input) {
      const m = build(r.rows, r.cols, (p, q) => r.entries[p * 3 + q]);
      const formula = m.length === 1 && m[0].length === 1 ? String(m[0][0]) : `[${m.map((row) => row.join(', ')).join('; ')}]`;
      cells.push({ name, formula, reads: [], outcome: { value: collapse(m) } });
      return;
    }
    const op = ops[r.op];
    const a = cells[r.a % i],
      b = cells[r.b % i];
    const reads = op.arity === 1 ? [a.name] : a === b ? [a.name] : [a.name, b.name];
    const formula = op.text(a.name, b.name);
    cells.push({ name, formula, reads, outcome: reference(name, op, a.outcome, b.outcome, formula) });
  });
  return cells;
}

/** What gradsheet should make of a cell: its own check-time error, else its inputs' first error, else the op. */
function reference(name: string, op: (typeof ops)[number], a: Outcome, b: Outcome, formula: string): Outcome {
  const own = (code: string): Outcome => ({ code, root: name });
  if (formula.endsWith('+')) return own('E_SYNTAX');
  if (formula.includes('nope')) return own('E_NAME_UNKNOWN');
  const inputs = op.arity === 1 ? [a] : [a, b];
  for (const input of inputs) if ('code' in input) return input;
  const [x, y] = inputs.map((o) => (o as { value: Ref }).value);
  try {
    // "a > 0 ? a : -a" is |a| for a number, and a shape error for a matrix condition.
    const value = formula.includes('?') ? (typeof x === 'number' ? (x > 0 ? x : 0 - x) : op.ref(x, y)) : op.ref(x, y);
    const bad = all(value).find((v) => !Number.isFinite(v));
    return bad === undefined ? { value } : own('E_NONFINITE');
  } catch (e) {
    if (e instanceof Fail) return own(e.code);
    throw e;
  }
}

const text = (cells: Cell[]) => '```cells\n' + cells.map((c) => `${c.name} = ${c.formula}`).join('\n') + '\n```\n';

function expectOutcome(actual: Value | CellError | undefined, expected: Outcome, what: string): void {
  if ('code' in expected) {
    expect(isCellError(actual), `${what} is an error`).to.equal(true);
    const e = actual as CellError;
    expect([e.code, e.root], `${what}: ${e.message}`).to.deep.equal([expected.code, expected.root]);
    return;
  }
  expect(isCellError(actual), `${what}: ${(actual as CellError)?.message}`).to.equal(false);
  const got = toJSON(actual as Value);
  const want = expected.value;
  expect(typeof got, what).to.equal(typeof want);
  const [g, w] = [all(got as Ref), all(want)];
  expect(shape(got as Ref), what).to.deep.equal(shape(want));
  g.forEach((v, k) => expect(Math.abs(v - w[k]), `${what}[${k}]: ${v} vs ${w[k]}`).to.be.at.most(1e-12 * Math.max(1, Math.abs(w[k]))));
}

/** Every cell that reads `root`, directly or not. */
function dependents(cells: Cell[], root: string): Set<string> {
  const out = new Set<string>();
  for (const c of cells) if (c.reads.some((r) => r === root || out.has(r))) out.add(c.name);
  return out;
}

/** The generated workbook, and each cell's result when its plan is run directly. */
function runDirectly(recipes: Recipe[]) {
  const cells = generate(recipes);
  const { plan, results } = evaluateWorkbook(text(cells), 'dag.md');
  return { cells, result: (name: string) => results[plan.byName.get(name)!.index] };
}

describe('property: random workbooks agree with a reference evaluator', () => {
  it('every cell has the reference value or error (the plan run directly)', function () {
    this.timeout(timeout);
    fc.assert(
      fc.property(workbookRecipe, (recipes) => {
        const { cells, result } = runDirectly(recipes);
        for (const c of cells) expectOutcome(result(c.name), c.outcome, `${c.name} = ${c.formula}`);
      }),
      { seed: 31337, numRuns: runs },
    );
  });

  it('errors reach exactly the transitive dependents of the cells they happen in', function () {
    this.timeout(timeout);
    fc.assert(
      fc.property(workbookRecipe, (recipes) => {
        const { cells, result } = runDirectly(recipes);
        const roots = cells.filter((c) => 'code' in c.outcome && c.outcome.root === c.name).map((c) => c.name);
        const tainted = new Set(roots.flatMap((r) => [r, ...dependents(cells, r)]));
        for (const c of cells) {
          const r = result(c.name);
          expect(isCellError(r), `${c.name} = ${c.formula} is an error exactly when it reads one`).to.equal(tainted.has(c.name));
          if (isCellError(r)) expect(r.root === c.name || dependents(cells, r.root).has(c.name), `${c.name}'s root ${r.root} is upstream`).to.equal(true);
        }
      }),
      { seed: 271828, numRuns: runs },
    );
  });

  it('the Observable runtime agrees with the plan run directly, value for value', async function () {
    this.timeout(timeout);
    await fc.assert(
      fc.asyncProperty(workbookRecipe, async (recipes) => {
        const { cells, result } = runDirectly(recipes);
        const session = new Session(readWorkbook(text(cells), 'dag.md'));
        try {
          await session.settled();
          for (const c of cells) {
            const direct = result(c.name);
            const state = session.state(c.name)!;
            if (isCellError(direct)) expect([state.status, state.error?.code, state.error?.root], c.name).to.deep.equal(['error', direct.code, direct.root]);
            else expect([state.status, toJSON(state.value!)], c.name).to.deep.equal(['ok', toJSON(direct)]);
          }
        } finally {
          session.dispose();
        }
      }),
      { seed: 1618, numRuns: Math.ceil(runs / 4) },
    );
  });
});
