// Property: autodiff through every operation of the formula language, one by one, against
// central differences (GUIDE §5: h = 1e-5·max(1, |x|), rtol 1e-5, atol 1e-7), away from kinks,
// or against the documented rule (docs/authoring.md, "Gradients"):
//   smooth  — the exact derivative, which central differences confirm;
//   flat    — piecewise constant in that argument: the gradient is 0, and central differences
//             (away from the jumps) say 0 too (step, round, comparisons, b of a:b);
//   whole   — the argument must be a whole number (a count, size, seed, dimension): E_NO_DERIVATIVE,
//             and the op declares it in `whole`;
//   refused — E_NO_DERIVATIVE at these values (a ^ b in b where a < 0, a tracked position);
//   held    — not differentiated in this case (another case covers it).
// The list of operations is read from functions.ts, so a new op without a rule here fails.
// Fixed seed; FC_RUNS raises the number of runs per case.
import { expect } from 'chai';
import fc from 'fast-check';
import { CellError } from '../../src/errors.ts';
import { Tape, evaluateTaped } from '../../src/grad/tape.ts';
import { compileExpr } from '../../src/formula/evaluate.ts';
import { functions, operators, range, type Op } from '../../src/formula/functions.ts';
import { parseFormula, type Expr } from '../../src/formula/parse.ts';
import { Mat, collapse, entries, shapeOf, sizeOf, type Value } from '../../src/formula/value.ts';

/** The GUIDE's agreement of autodiff with central differences, written here so the test does not lean on the code it tests. */
const agrees = (numeric: number, auto: number) => Math.abs(numeric - auto) <= 1e-7 + 1e-5 * Math.abs(auto);

const runs = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env?.FC_RUNS ?? 25);
const seed = 20261203;

type Kind = 'smooth' | 'flat' | 'whole' | 'refused' | 'held';

/** One way to call an operation (or a formula), with what each argument's gradient must be. */
interface Case {
  what: string;
  kinds: Kind[];
  args: fc.Arbitrary<Value[]>;
  /** For a formula case: its text, over the cells a, b, c… (one per argument). */
  formula?: string;
}

// ---- Values ---------------------------------------------------------------------------------

/** Distance to the nearest kink of a function of one number. */
const kinkAt = {
  zero: (x: number) => Math.abs(x),
  whole: (x: number) => Math.abs(x - Math.round(x)),
  half: (x: number) => Math.abs(x - Math.floor(x) - 0.5),
};
const away = 1e-3;

const num = (lo: number, hi: number, kink?: (x: number) => number) => {
  const d = fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  return kink ? d.filter((x) => kink(x) > away) : d;
};
/** |x| in [0.5, 2], either sign: a safe divisor. */
const divisor = num(-2, 2).filter((x) => Math.abs(x) >= 0.5);
const int = (min: number, max: number) => fc.integer({ min, max });

const matrix = (r: number, c: number, entry: fc.Arbitrary<number>): fc.Arbitrary<Value> =>
  fc.array(entry, { minLength: r * c, maxLength: r * c }).map((d) => collapse(new Mat(r, c, Float64Array.from(d))));
const dims = fc.tuple(int(1, 3), int(1, 3));
const anyShape = (entry: fc.Arbitrary<number>) => dims.chain(([r, c]) => matrix(r, c, entry));
/** Two operands that broadcast: the same shape, or one a number, a row or a column of the other. */
const pair = (ea: fc.Arbitrary<number>, eb: fc.Arbitrary<number>) =>
  dims.chain(([r, c]) =>
    fc
      .constantFrom<[number, number][]>(
        [
          [r, c],
          [r, c],
        ],
        [
          [r, c],
          [1, 1],
        ],
        [
          [1, 1],
          [r, c],
        ],
        [
          [r, c],
          [1, c],
        ],
        [
          [r, 1],
          [r, c],
        ],
      )
      .chain(([[ra, ca], [rb, cb]]) => fc.tuple(matrix(ra, ca, ea), matrix(rb, cb, eb))),
  );
const samePair = (ea: fc.Arbitrary<number>, eb: fc.Arbitrary<number>) => dims.chain(([r, c]) => fc.tuple(matrix(r, c, ea), matrix(r, c, eb)));

const one = (what: string, kind: Kind, entry: fc.Arbitrary<number>): Case[] => [{ what, kinds: [kind], args: anyShape(entry).map((v) => [v]) }];
const smooth1 = (lo: number, hi: number, kink?: (x: number) => number) => one('element by element', 'smooth', num(lo, hi, kink));
const flat1 = (kink: (x: number) => number) => one('element by element, away from its jumps', 'flat', num(-3, 3, kink));
const both = (what: string, kind: Kind, args: fc.Arbitrary<Value[]>): Case[] => [{ what, kinds: [kind, kind], args }];

const spread = (v: Value) => {
  const xs = Array.from(entries(v)).sort((x, y) => x - y);
  return xs.every((x, k) => k === 0 || x - xs[k - 1] > away);
};
const norm = (v: Value) => Math.sqrt(Array.from(entries(v)).reduce((s, x) => s + x * x, 0));
const e3 = num(-3, 3);
/** A comparison away from equality: a non-whole number against a whole one. */
const compared = [
  ...both('a non-whole number against a whole one', 'flat', pair(num(-3, 3, kinkAt.whole), int(-3, 3))),
  ...both('a whole number against a non-whole one', 'flat', pair(int(-3, 3), num(-3, 3, kinkAt.whole))),
];
const logical = both('numbers away from 0', 'flat', pair(num(-3, 3, kinkAt.zero), num(-3, 3, kinkAt.zero)));
const reduce = (name: string): Case[] => [
  { what: `${name}(A)`, kinds: ['smooth'], args: anyShape(e3).map((a) => [a]) },
  { what: `${name}(A, d)`, kinds: ['smooth', 'whole'], args: fc.tuple(anyShape(e3), fc.constantFrom(1, 2)) },
];
/** (b − a)/step away from a whole number: the count of a:step:b stays the same nearby. */
const steady = (a: number, b: number, s: number) => kinkAt.whole((b - a) / s) > 1e-2;

// ---- The rule of every operation ------------------------------------------------------------

const rules: Record<string, Case[]> = {
  // operators
  add: both('with broadcasting', 'smooth', pair(e3, e3)),
  subtract: both('with broadcasting', 'smooth', pair(e3, e3)),
  dotMultiply: both('with broadcasting', 'smooth', pair(e3, e3)),
  dotDivide: both('with broadcasting', 'smooth', pair(e3, divisor)),
  dotPow: both('positive bases, with broadcasting', 'smooth', pair(num(0.3, 3), num(-2, 2))),
  multiply: [
    ...both(
      'a matrix product',
      'smooth',
      fc.tuple(int(1, 3), int(1, 3), int(1, 3)).chain(([r, k, c]) => fc.tuple(matrix(r, k, e3), matrix(k, c, e3))),
    ),
    ...both('a number times a matrix', 'smooth', fc.tuple(e3, anyShape(e3))),
    ...both('a matrix times a number', 'smooth', fc.tuple(anyShape(e3), e3)),
  ],
  divide: both('by a number', 'smooth', fc.tuple(anyShape(e3), divisor)),
  pow: [
    ...both('a positive base', 'smooth', fc.tuple(num(0.3, 3), num(-2, 2))),
    { what: 'any base, a whole exponent held', kinds: ['smooth', 'held'], args: fc.tuple(num(-3, 3, kinkAt.zero), fc.constantFrom(2, 3)) },
    { what: 'a negative base, in the exponent', kinds: ['held', 'refused'], args: fc.tuple(num(-3, -0.1), fc.constantFrom(2, 3)) },
  ],
  unaryMinus: smooth1(-3, 3),
  unaryPlus: smooth1(-3, 3),
  transpose: smooth1(-3, 3),
  smaller: compared,
  larger: compared,
  smallerEq: compared,
  largerEq: compared,
  equal: compared,
  unequal: compared,
  and: logical,
  or: logical,
  xor: logical,
  not: one('numbers away from 0', 'flat', num(-3, 3, kinkAt.zero)),
  // activations and their derivatives
  sigmoid: smooth1(-4, 4),
  tanh: smooth1(-3, 3),
  relu: smooth1(-3, 3, kinkAt.zero),
  softplus: smooth1(-4, 4),
  step: flat1(kinkAt.zero),
  sign: flat1(kinkAt.zero),
  identity: smooth1(-3, 3),
  dsigmoid: smooth1(-3, 3),
  d2sigmoid: smooth1(-3, 3),
  dtanh: smooth1(-3, 3),
  d2tanh: smooth1(-3, 3),
  drelu: flat1(kinkAt.zero),
  dsoftplus: smooth1(-3, 3),
  d2softplus: smooth1(-3, 3),
  // element-wise
  exp: smooth1(-2, 2),
  log: smooth1(0.2, 3),
  sqrt: smooth1(0.2, 3),
  abs: smooth1(-3, 3, kinkAt.zero),
  square: smooth1(-3, 3),
  sin: smooth1(-3, 3),
  cos: smooth1(-3, 3),
  floor: flat1(kinkAt.whole),
  round: flat1(kinkAt.half),
  // reductions
  sum: reduce('sum'),
  mean: reduce('mean'),
  max: one('distinct entries', 'smooth', e3).map((c) => ({ ...c, args: c.args.filter(([a]) => spread(a)) })),
  min: one('distinct entries', 'smooth', e3).map((c) => ({ ...c, args: c.args.filter(([a]) => spread(a)) })),
  norm: one('away from 0', 'smooth', e3).map((c) => ({ ...c, args: c.args.filter(([a]) => norm(a) > 0.1) })),
  dot: [
    ...both('one shape', 'smooth', samePair(e3, e3)),
    ...both(
      'a row and a column',
      'smooth',
      int(2, 4).chain((n) => fc.tuple(matrix(1, n, e3), matrix(n, 1, e3))),
    ),
  ],
  // losses: the target is differentiated too
  mse: [...both('one shape', 'smooth', samePair(e3, e3)), ...both('a number as target', 'smooth', fc.tuple(anyShape(e3), e3))],
  cross_entropy: both('probabilities', 'smooth', samePair(num(0.05, 0.95), num(0.05, 1))),
  bce: both('probabilities', 'smooth', samePair(num(0.05, 0.95), num(0, 1))),
  // classification: by rows (a column is one vector); argmax and accuracy are flat away from ties
  softmax: smooth1(-4, 4),
  log_softmax: smooth1(-4, 4),
  argmax: one('distinct entries', 'flat', e3).map((c) => ({ ...c, args: c.args.filter(([a]) => spread(a)) })),
  one_hot: [{ what: 'one_hot(labels, k)', kinds: ['whole', 'whole'], args: fc.tuple(int(1, 3), fc.constant(3)) }],
  accuracy: [
    {
      what: 'distinct scores against a one-hot row',
      kinds: ['flat', 'flat'],
      args: fc.tuple(fc.constantFrom(-1, 0, 1), fc.constantFrom(0, 1, 2)).map(
        ([shift, l]) =>
          [
            new Mat(1, 3, Float64Array.of(0.5 + shift, -0.7, 1.3 - shift)),
            new Mat(
              1,
              3,
              Float64Array.from([0, 1, 2], (j) => (j === l ? 1 : 0)),
            ),
          ] as Value[],
      ),
    },
  ],
  // creation: counts, sizes and seeds are whole
  zeros: [
    { what: 'zeros(n, m)', kinds: ['whole', 'whole'], args: fc.tuple(int(1, 3), int(1, 3)) },
    { what: 'zeros(n)', kinds: ['whole'], args: fc.tuple(int(1, 3)) },
  ],
  ones: [
    { what: 'ones(n, m)', kinds: ['whole', 'whole'], args: fc.tuple(int(1, 3), int(1, 3)) },
    { what: 'ones(n)', kinds: ['whole'], args: fc.tuple(int(1, 3)) },
  ],
  eye: [{ what: 'eye(n)', kinds: ['whole'], args: fc.tuple(int(1, 3)) }],
  rand: [{ what: 'rand(n, m, seed)', kinds: ['whole', 'whole', 'whole'], args: fc.tuple(int(1, 3), int(1, 3), int(0, 1000)) }],
  randn: [{ what: 'randn(n, m, seed)', kinds: ['whole', 'whole', 'whole'], args: fc.tuple(int(1, 3), int(1, 3), int(0, 1000)) }],
  linspace: [{ what: 'linspace(a, b, n): exact in a and b', kinds: ['smooth', 'smooth', 'whole'], args: fc.tuple(e3, e3, int(1, 5)) }],
  grid: [{ what: 'grid(a, b, n): exact in a and b', kinds: ['smooth', 'smooth', 'whole'], args: fc.tuple(e3, e3, int(1, 4)) }],
  size: one('any matrix', 'flat', e3),
  range: [
    { what: 'a:b, where the count stays the same', kinds: ['smooth', 'flat'], args: fc.tuple(e3, e3).filter(([a, b]) => steady(a, b, 1)) },
    {
      what: 'a:step:b, where the count stays the same',
      kinds: ['smooth', 'flat', 'smooth'],
      args: fc.tuple(e3, e3, fc.oneof(num(0.3, 2), num(-2, -0.3))).filter(([a, b, s]) => steady(a as number, b as number, s as number)),
    },
  ],
};

/** Indexing, `end`, blocks and conditions: not operations, but gradients pass through them too. */
const formulas: Case[] = [
  {
    what: 'one entry, and end',
    formula: 'a[2, 1] * a[1, 2] + a[end, end]',
    kinds: ['smooth'],
    args: fc
      .tuple(int(2, 3), int(2, 3))
      .chain(([r, c]) => matrix(r, c, e3))
      .map((a) => [a]),
  },
  { what: 'a column, a row and ranges up to end', formula: 'a[:, 1] .* a[1:end, end] + sum(a[end, :])', kinds: ['smooth'], args: anyShape(e3).map((a) => [a]) },
  {
    what: 'end in arithmetic and a stepped range',
    formula: 'a[end - 1] + sum(a[1:2:end] .^ 2)',
    kinds: ['smooth'],
    args: int(2, 5)
      .chain((n) => matrix(n, 1, e3))
      .map((a) => [a]),
  },
  {
    what: 'a position used twice',
    formula: 'a[[1, 1, 2]] .^ 2',
    kinds: ['smooth'],
    args: int(2, 4)
      .chain((n) => matrix(1, n, e3))
      .map((a) => [a]),
  },
  {
    what: 'blocks',
    formula: '[a, 2 * b; b .* a, a .^ 2]',
    kinds: ['smooth', 'smooth'],
    args: int(1, 3).chain((n) => fc.tuple(matrix(n, 1, e3), matrix(n, 1, e3))),
  },
  {
    what: 'a condition, flat in its test',
    formula: 'b > 0 ? a .^ 2 : 3 * a',
    kinds: ['smooth', 'flat'],
    args: fc.tuple(anyShape(e3), num(-3, 3, kinkAt.zero)),
  },
  {
    what: 'a position that depends on the variable',
    formula: 'a[b]',
    kinds: ['held', 'refused'],
    args: int(2, 4).chain((n) => fc.tuple(matrix(n, 1, e3), int(1, n))),
  },
  {
    what: 'a range of positions that depends on the variable',
    formula: 'a[1:b]',
    kinds: ['held', 'refused'],
    args: int(2, 4).chain((n) => fc.tuple(matrix(n, 1, e3), int(1, n))),
  },
  { what: 'a rounded position, flat', formula: 'a[round(b)]', kinds: ['smooth', 'flat'], args: fc.tuple(matrix(3, 1, e3), num(1, 3, kinkAt.half)) },
  {
    what: 'a count from size, flat',
    formula: 'sum(ones(size(a)[1], size(a)[2]) .* a) + sum(linspace(0, 1, size(a)[1]))',
    kinds: ['smooth'],
    args: anyShape(e3).map((a) => [a]),
  },
];

// ---- Autodiff and central differences of Σ W ⊙ f(args) ---------------------------------------

const ref = (name: string): Expr => ({ kind: 'ref', name, text: name });
const names = (n: number) => Array.from({ length: n }, (_, k) => String.fromCharCode(97 + k));

/** f(args) as an expression over the cells a, b, c…. */
function expression(c: Case, op: Op | null, n: number): Expr {
  const cells = names(n);
  if (c.formula) return parseFormula(c.formula, { isCell: (x) => cells.includes(x), cellNames: () => cells }).expr;
  return { kind: 'apply', op: op!, args: cells.map(ref), text: `${op!.name}(${cells.join(', ')})` };
}

/** Σ W ⊙ f: a single number that each entry of f reaches with a weight of its own. */
function weighted(f: Expr): Expr {
  const product: Expr = { kind: 'apply', op: operators.get('dotMultiply')!, args: [f, ref('W')], text: `${f.text} .* W` };
  return { kind: 'apply', op: functions.get('sum')!, args: [product], text: `sum(${product.text})` };
}

interface Problem {
  loss: Expr;
  cells: string[];
  values: Value[];
}

function problem(c: Case, op: Op | null, args: Value[], weights: number[]): Problem {
  const cells = [...names(args.length), 'W'];
  const f = expression(c, op, args.length);
  const out = compileExpr(f, (n) => cells.indexOf(n))([...args, 0]);
  const [r, k] = shapeOf(out);
  const W = collapse(
    new Mat(
      r,
      k,
      Float64Array.from({ length: r * k }, (_, i) => weights[i % weights.length]),
    ),
  );
  return { loss: weighted(f), cells, values: [...args, W] };
}

const plain = (p: Problem, values: Value[]) => compileExpr(p.loss, (n) => p.cells.indexOf(n))(values) as number;

/** ∂loss/∂(argument i) by the tape, as a list of entries. */
function taped(p: Problem, i: number): number[] {
  const tape = new Tape();
  const vars = new Map(p.cells.map((n, k) => [n, tape.leaf(p.values[k], k === i)]));
  const out = evaluateTaped(p.loss, (n) => vars.get(n)!, tape);
  expect(typeof out.value, 'the loss').to.equal('number');
  tape.backward(out);
  const g = vars.get(p.cells[i])!.grad;
  if (g !== null) expect(shapeOf(g), 'the gradient is shaped like its variable').to.deep.equal(shapeOf(p.values[i]));
  return g === null ? Array(sizeOf(p.values[i])).fill(0) : Array.from(entries(g));
}

/** ∂loss/∂(argument i) by central differences, h = 1e-5·max(1, |x|). */
function central(p: Problem, i: number): number[] {
  const x = p.values[i];
  return Array.from(entries(x), (xk, k) => {
    const h = 1e-5 * Math.max(1, Math.abs(xk));
    const at = (d: number) => {
      const values = [...p.values];
      if (typeof x === 'number') values[i] = x + d;
      else {
        const data = Float64Array.from(x.data);
        data[k] += d;
        values[i] = new Mat(x.rows, x.cols, data);
      }
      return plain(p, values);
    };
    return (at(h) - at(-h)) / (2 * h);
  });
}

function refusedWith(p: Problem, i: number): CellError {
  try {
    taped(p, i);
  } catch (e) {
    if (e instanceof CellError) return e;
    throw e;
  }
  throw new Error(`argument ${i + 1} was differentiated; E_NO_DERIVATIVE was expected`);
}

function checkCase(c: Case, op: Op | null): void {
  const weights = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 64 });
  fc.assert(
    fc.property(c.args, weights, (args, w) => {
      const p = problem(c, op, args, w);
      c.kinds.forEach((kind, i) => {
        const where = `${c.formula ?? op!.name} at ${JSON.stringify(args.map((a) => Array.from(entries(a))))}, argument ${i + 1}`;
        if (kind === 'held') return;
        if (kind === 'whole' || kind === 'refused') {
          expect(refusedWith(p, i).code, where).to.equal('E_NO_DERIVATIVE');
          return;
        }
        const auto = taped(p, i),
          numeric = central(p, i);
        if (kind === 'flat')
          expect(
            auto.every((g) => g === 0),
            `${where}: flat, so its gradient is 0`,
          ).to.equal(true);
        auto.forEach((g, k) => expect(agrees(numeric[k], g), `${where}, entry ${k + 1}: autodiff ${g}, central difference ${numeric[k]}`).to.equal(true));
      });
    }),
    { seed, numRuns: runs },
  );
}

// ---- The tests ----------------------------------------------------------------------------------

/** Every operation, by the name a formula reaches it with (a function, an operator's mathjs name, a:b). */
const everyOp: [string, Op][] = [
  ...[...functions].map(([name, op]): [string, Op] => [`the function ${name}`, op]),
  ...[...operators].map(([name, op]): [string, Op] => [`the operator ${name}${name === op.name ? '' : ` (${op.name})`}`, op]),
  ['the range a:b', range],
];

describe('autodiff through every operation of the formula language', () => {
  it('has a rule for every operation that functions.ts defines', () => {
    expect(everyOp.filter(([, op]) => !rules[op.name]).map(([title]) => title)).to.deep.equal([]);
    expect(everyOp.length).to.be.above(50);
  });

  for (const [title, op] of everyOp) {
    it(`${title}: agrees with central differences, or is flat or refused as documented`, () => {
      const cases = rules[op.name];
      expect(cases, `no gradient rule for ${op.name} in every-op.test.ts`).to.not.equal(undefined);
      const kindsAt = (k: number) => cases.map((c) => c.kinds[k] ?? 'held');
      // Each argument is covered, and what the test says of it is what the op declares.
      for (let k = 0; k < op.arity[1]; k++) {
        expect(
          kindsAt(k).some((kind) => kind !== 'held'),
          `argument ${k + 1} of ${op.name} is tested`,
        ).to.equal(true);
        expect(kindsAt(k).includes('whole'), `argument ${k + 1} of ${op.name} is whole`).to.equal(op.whole?.includes(k) ?? false);
      }
      expect(Boolean(op.flat), `${op.name} is flat`).to.equal(cases.every((c) => c.kinds.every((kind) => kind === 'flat')));
      for (const c of cases) checkCase(c, op);
    });
  }

  for (const c of formulas) {
    it(`${c.formula} (${c.what}): agrees with central differences, or is flat or refused as documented`, () => checkCase(c, null));
  }
});

describe('autodiff at the kinks, by the documented rule', () => {
  const at = (formula: string, args: Value[], i = 0) => {
    const c: Case = { what: 'at a kink', formula, kinds: [], args: fc.constant(args) };
    return taped(problem(c, null, args, [1]), i);
  };
  const row = (...xs: number[]) => collapse(new Mat(1, xs.length, Float64Array.from(xs)));

  it('takes the derivative of abs and relu at 0 as 0', () => {
    expect(at('abs(a)', [row(0, 2, -2)])).to.deep.equal([0, 1, -1]);
    expect(at('relu(a)', [row(0, 2, -2)])).to.deep.equal([0, 1, 0]);
  });

  it("takes the gradient of norm at 0 as 0, and gives max a tie's first entry", () => {
    expect(at('norm(a)', [row(0, 0)])).to.deep.equal([0, 0]);
    expect(at('max(a)', [row(1, 3, 3)])).to.deep.equal([0, 1, 0]);
  });

  it('gives round, floor and step a gradient of 0 even at their jumps', () => {
    expect(at('round(a) + floor(a) + step(a - 1)', [row(0.5, 1, 2.5)])).to.deep.equal([0, 0, 0]);
  });

  it('keeps the derivative of a:b in a where b − a is whole (1 per entry, the count as it is)', () => {
    expect(at('a:b', [0, 2])).to.deep.equal([3]);
    expect(at('a:b', [0, 2], 1)).to.deep.equal([0]);
  });
});
