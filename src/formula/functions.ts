// The formula language's operators and functions. Each one keeps its local derivative right
// beside its forward definition (micrograd's rule): `backward(g, args, out)` returns the
// gradient of each argument given the gradient g of the output, with the output's shape.
// An op without `backward` cannot be differentiated through, and says so by name.
// An op marked `flat` is piecewise constant (comparisons, step): its gradient is zero.
// Arguments listed in `whole` must be whole numbers (counts, sizes, seeds, dimensions): nothing
// is differentiable in them, so a gradient that would pass through one is E_NO_DERIVATIVE.
// A real argument that only moves where a count changes (b of a:b) is flat in that argument.

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { limits } from '../limits.ts';
import { spend } from './budget.ts';
import * as K from './kernels.ts';
import { ShapeError } from './kernels.ts';
import { productNN, productNT, productTN } from './products.ts';
import { Mat, collapse, shapeOf, type Value } from './value.ts';
import { Bin, broadcastInto, broadcastOf, dotOf, isOne, scaleInto, unbroadcastInto, type Buffered } from './buffered.ts';

export interface Op {
  readonly name: string;
  /** Smallest and largest number of arguments. */
  readonly arity: readonly [number, number];
  /** One line for the authoring guide: signature and meaning. */
  readonly doc: string;
  readonly group: 'operator' | 'activation' | 'derivative' | 'loss' | 'elementwise' | 'reduction' | 'matrix' | 'creation' | 'logic';
  forward(args: Value[]): Value;
  /** `need[i]`: argument i depends on the variable (its gradient is used); an op may refuse one it cannot give. */
  backward?(g: Value, args: Value[], out: Value, need: readonly boolean[]): (Value | null)[];
  readonly flat?: boolean;
  /** Positions of the arguments that must be whole numbers: no gradient passes through them. */
  readonly whole?: readonly number[];
  /** TeX for a call with the given argument TeX; default \operatorname{name}(…). */
  tex?(args: string[]): string;
  /** The op and its derivative over preallocated buffers (buffered.ts), for compiled training steps. */
  readonly buffered?: Buffered;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function argError(name: string, detail: string): CellError {
  return new CellError(codes.E_ARGUMENT, messages.argument(name, detail));
}

function scalarArg(name: string, v: Value, what: string): number {
  if (typeof v !== 'number') throw argError(name, messages.argNumber(what, v.rows, v.cols));
  return v;
}

function intArg(name: string, v: Value, what: string, min = 0): number {
  const n = scalarArg(name, v, what);
  if (!Number.isInteger(n) || n < min) throw argError(name, messages.argWhole(what, min, n));
  return n;
}

function dimArg(name: string, v: Value): 1 | 2 {
  const d = scalarArg(name, v, 'the dimension');
  if (d !== 1 && d !== 2) throw argError(name, messages.argDimension(d));
  return d;
}

const call = (name: string) => (a: string[]) => `\\operatorname{${name}}\\left(${a.join(', ')}\\right)`;
const fn = (tex: string) => (a: string[]) => `${tex}\\left(${a.join(', ')}\\right)`;

/**
 * An element-wise function of one argument. `d(x, y)` is dy/dx at x, given y = f(x). `loops`
 * are kernels that compute the same numbers as map(x, f) and g ⊙ d(x, y) in loops of their own
 * (kernels.ts: much faster than calling f per entry); the backward one may decline (null).
 */
function unary(
  name: string,
  group: Op['group'],
  f: (x: number) => number,
  d: ((x: number, y: number) => number) | 'flat',
  doc: string,
  tex?: Op['tex'],
  loops?: { forward(x: Value): Value; backward(g: Value, x: Value, y: Value): Value | null; buffered?: Buffered },
): Op {
  return {
    name,
    arity: [1, 1],
    doc,
    group,
    tex: tex ?? call(name),
    forward: loops ? ([x]) => loops.forward(x) : ([x]) => K.map(x, f),
    ...(loops?.buffered ? { buffered: loops.buffered } : {}),
    ...(d === 'flat'
      ? { flat: true }
      : { backward: (g: Value, [x]: Value[], y: Value) => [loops?.backward(g, x, y) ?? K.mul(g, K.zip(x, y, d, 'differentiate'))] }),
  };
}

const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

// ---------------------------------------------------------------------------------------------
// Operators (mathjs names them by function: a + b is add(a, b))

const add: Op = {
  name: 'add',
  arity: [2, 2],
  group: 'operator',
  doc: 'a + b: sum, element by element (a number or a 1-row/1-column matrix is broadcast)',
  forward: ([a, b]) => K.add(a, b),
  backward: (g, [a, b]) => [K.unbroadcast(g, shapeOf(a)), K.unbroadcast(g, shapeOf(b))],
  buffered: {
    shape: broadcastOf,
    forward: (o, [a, b], [sa, sb]) => broadcastInto(Bin.Add, o, a, sa, b, sb),
    backward: (g, _x, _o, [sa, sb], need, [da, db]) => {
      const so = broadcastOf([sa, sb])!;
      if (need[0]) unbroadcastInto(da!, g, so, sa, false);
      if (need[1]) unbroadcastInto(db!, g, so, sb, false);
    },
  },
};

const subtract: Op = {
  name: 'subtract',
  arity: [2, 2],
  group: 'operator',
  doc: 'a - b: difference, element by element (with broadcasting)',
  forward: ([a, b]) => K.sub(a, b),
  backward: (g, [a, b]) => [K.unbroadcast(g, shapeOf(a)), K.unbroadcast(K.neg(g), shapeOf(b))],
  buffered: {
    shape: broadcastOf,
    forward: (o, [a, b], [sa, sb]) => broadcastInto(Bin.Sub, o, a, sa, b, sb),
    backward: (g, _x, _o, [sa, sb], need, [da, db]) => {
      const so = broadcastOf([sa, sb])!;
      if (need[0]) unbroadcastInto(da!, g, so, sa, false);
      if (need[1]) unbroadcastInto(db!, g, so, sb, true);
    },
  },
};

const multiply: Op = {
  name: 'multiply',
  arity: [2, 2],
  group: 'operator',
  doc: 'A * B: matrix product (a number times a matrix scales it)',
  forward: ([a, b]) => K.matmul(a, b),
  // Only the gradients asked for (`need`) are computed: a product with the data X (X W) needs
  // no X Wᵀ-sized gradient for X.
  backward: (g, [a, b], _out, need) => {
    if (typeof a === 'number' && typeof b === 'number') return [(g as number) * b, (g as number) * a];
    if (typeof a === 'number') return [need[0] ? K.sumAll(K.mul(g, b)) : null, need[1] ? K.scale(g, a) : null];
    if (typeof b === 'number') return [need[0] ? K.scale(g, b) : null, need[1] ? K.sumAll(K.mul(g, a)) : null];
    // C = A B: dA = G Bᵀ, dB = Aᵀ G (g is a number when C is 1×1)
    const G = typeof g === 'number' ? new Mat(1, 1, Float64Array.of(g)) : g;
    return [need[0] ? K.matmulNT(G, b) : null, need[1] ? K.matmulTN(a, G) : null];
  },
  // A 1×1 buffer is a number: it scales (broadcastInto), as in the value form.
  buffered: {
    shape: ([sa, sb]) => (isOne(sa) || isOne(sb) ? broadcastOf([sa, sb]) : sa[1] === sb[0] ? [sa[0], sb[1]] : null),
    forward: (o, [a, b], [sa, sb]) => {
      if (isOne(sa) || isOne(sb)) broadcastInto(Bin.Mul, o, a, sa, b, sb);
      else productNN(o, a, b, sa[0], sa[1], sb[1]);
    },
    backward: (g, [a, b], _o, [sa, sb], need, [da, db]) => {
      if (isOne(sa) && isOne(sb)) {
        if (need[0]) da![0] = g[0] * b[0];
        if (need[1]) db![0] = g[0] * a[0];
      } else if (isOne(sa)) {
        if (need[0]) da![0] = dotOf(g, b, sb[0] * sb[1]);
        if (need[1]) scaleInto(db!, g, a[0], sb[0] * sb[1]);
      } else if (isOne(sb)) {
        if (need[0]) scaleInto(da!, g, b[0], sa[0] * sa[1]);
        if (need[1]) db![0] = dotOf(g, a, sa[0] * sa[1]);
      } else {
        if (need[0]) productNT(da!, g, b, sa[0], sb[1], sb[0]);
        if (need[1]) productTN(db!, a, g, sa[1], sa[0], sb[1]);
      }
    },
  },
};

const divide: Op = {
  name: 'divide',
  arity: [2, 2],
  group: 'operator',
  doc: 'a / b: division by a number (use ./ to divide matrices element by element)',
  forward: ([a, b]) => {
    if (typeof b !== 'number') throw new ShapeError(messages.shapeDivide());
    return K.div(a, b);
  },
  backward: (g, [a, b], _out, need) => {
    const bb = b as number;
    return [need[0] ? K.scale(g, 1 / bb) : null, need[1] ? -K.sumAll(K.mul(g, a)) / (bb * bb) : null];
  },
  buffered: {
    shape: ([sa, sb]) => (isOne(sb) ? sa : null),
    forward: (o, [a, b], [sa, sb]) => broadcastInto(Bin.Div, o, a, sa, b, sb),
    backward: (g, [a, b], _o, [sa], need, [da, db]) => {
      const bb = b[0],
        n = sa[0] * sa[1];
      if (need[0]) scaleInto(da!, g, 1 / bb, n);
      if (need[1]) db![0] = -dotOf(g, a, n) / (bb * bb);
    },
  },
};

const dotMultiply: Op = {
  name: 'dotMultiply',
  arity: [2, 2],
  group: 'operator',
  doc: 'a .* b: product element by element (Hadamard, ⊙)',
  forward: ([a, b]) => K.mul(a, b),
  backward: (g, [a, b], _out, need) => [need[0] ? K.unbroadcast(K.mul(g, b), shapeOf(a)) : null, need[1] ? K.unbroadcast(K.mul(g, a), shapeOf(b)) : null],
};

const dotDivide: Op = {
  name: 'dotDivide',
  arity: [2, 2],
  group: 'operator',
  doc: 'a ./ b: quotient element by element',
  forward: ([a, b]) => K.div(a, b),
  backward: (g, [a, b], out) => [K.unbroadcast(K.div(g, b), shapeOf(a)), K.unbroadcast(K.neg(K.div(K.mul(g, out), b)), shapeOf(b))],
};

function powBackward(g: Value, [a, b]: Value[], out: Value, need: readonly boolean[]): (Value | null)[] {
  // d(a^b)/da = b a^(b-1); d(a^b)/db = a^b ln a (only where a > 0; a constant exponent needs none).
  // A negative base has a power only at whole exponents: nothing to differentiate in b there.
  if (need[1] && (typeof a === 'number' ? a < 0 : a.data.some((x) => x < 0))) {
    throw new CellError(codes.E_NO_DERIVATIVE, messages.noDerivative(messages.powerOfNegative()));
  }
  const da = K.mul(
    g,
    K.zip(a, b, (x, y) => (y === 0 ? 0 : y * Math.pow(x, y - 1)), 'raise'),
  );
  const db = K.mul(
    g,
    K.zip(a, out, (x, y) => (x > 0 ? y * Math.log(x) : 0), 'raise'),
  );
  return [K.unbroadcast(da, shapeOf(a)), K.unbroadcast(db, shapeOf(b))];
}

const pow: Op = {
  name: 'pow',
  arity: [2, 2],
  group: 'operator',
  doc: 'a ^ b: power of numbers (use .^ for a matrix, element by element)',
  forward: ([a, b]) => {
    if (typeof a !== 'number' || typeof b !== 'number') {
      throw new ShapeError(messages.shapePower(), typeof a !== 'number' ? [0] : [1]);
    }
    return Math.pow(a, b);
  },
  backward: powBackward,
};

const dotPow: Op = {
  name: 'dotPow',
  arity: [2, 2],
  group: 'operator',
  doc: 'a .^ b: power element by element',
  forward: ([a, b]) => K.zip(a, b, Math.pow, 'raise'),
  backward: powBackward,
};

const unaryMinus: Op = {
  name: 'unaryMinus',
  arity: [1, 1],
  group: 'operator',
  doc: '-a: negation',
  forward: ([a]) => K.neg(a),
  backward: (g) => [K.neg(g)],
};

const unaryPlus: Op = {
  name: 'unaryPlus',
  arity: [1, 1],
  group: 'operator',
  doc: '+a: a itself',
  forward: ([a]) => a,
  backward: (g) => [g],
};

const transpose: Op = {
  name: 'transpose',
  arity: [1, 1],
  group: 'matrix',
  doc: "A' or transpose(A): the transpose Aᵀ",
  forward: ([a]) => K.transpose(a),
  backward: (g) => [K.transpose(g)],
  tex: ([a]) => `{${a}}^{\\top}`,
};

function compare(name: string, symbol: string, f: (x: number, y: number) => boolean): Op {
  return {
    name,
    arity: [2, 2],
    group: 'logic',
    flat: true,
    doc: `a ${symbol} b: 1 where true, 0 where false, element by element`,
    forward: ([a, b]) => K.zip(a, b, (x, y) => (f(x, y) ? 1 : 0), 'compare'),
  };
}

function logic(name: string, doc: string, f: (x: boolean, y: boolean) => boolean): Op {
  return {
    name,
    arity: [2, 2],
    group: 'logic',
    flat: true,
    doc,
    forward: ([a, b]) => K.zip(a, b, (x, y) => (f(x !== 0, y !== 0) ? 1 : 0), 'combine'),
  };
}

// ---------------------------------------------------------------------------------------------
// Functions

// sigmoid, tanh and relu are the hot ones of training: each has loops of its own, forward and
// g ⊙ f′ (the same numbers as map(x, f) and mul(g, zip(x, y, d)), each in one pass).

/** σ(x) = 1/(1 + e^(−x)), computed so that it neither overflows nor loses precision for x < 0. */
function sig(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

// Each activation's loops are written once, for the value form and the buffered form of a
// compiled step alike: the two give the same numbers because they run the same code.
function sigmoidInto(o: Float64Array, d: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const x = d[k];
    o[k] = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }
}
/** g ⊙ σ′ given y = σ(x): g y (1 − y). */
function sigmoidGradInto(o: Float64Array, G: Float64Array, Y: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) o[k] = G[k] * (Y[k] * (1 - Y[k]));
}
function tanhInto(o: Float64Array, d: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) o[k] = Math.tanh(d[k]);
}
/** g ⊙ tanh′ given y = tanh(x): g (1 − y²). */
function tanhGradInto(o: Float64Array, G: Float64Array, Y: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) o[k] = G[k] * (1 - Y[k] * Y[k]);
}

/**
 * The loops of an activation whose derivative is a function of its output (σ′ = σ(1 − σ),
 * tanh′ = 1 − tanh²): `into` computes it element-wise, `gradInto` g ⊙ f′ from the output.
 */
function outputGradLoops(
  scalar: (x: number) => number,
  into: (o: Float64Array, d: Float64Array, n: number) => void,
  gradInto: (o: Float64Array, G: Float64Array, Y: Float64Array, n: number) => void,
) {
  return {
    forward(a: Value): Value {
      if (typeof a === 'number') return scalar(a);
      const out = K.like(a);
      into(out.data, a.data, out.data.length);
      return out;
    },
    backward(g: Value, x: Value, y: Value): Value | null {
      const out = K.likeAll(g, x, y);
      if (!out) return null;
      gradInto(out.data, (g as Mat).data, (y as Mat).data, out.data.length);
      return out;
    },
    buffered: {
      shape: ([s]) => s,
      forward: (o, [d], [s]) => into(o, d, s[0] * s[1]),
      backward: (G, _x, Y, [s], _need, [o]) => gradInto(o!, G, Y, s[0] * s[1]),
    } satisfies Buffered,
  };
}

const sigmoidLoops = outputGradLoops(sig, sigmoidInto, sigmoidGradInto);
const tanhLoops = outputGradLoops(Math.tanh, tanhInto, tanhGradInto);

const reluLoops = {
  forward(a: Value): Value {
    if (typeof a === 'number') return a > 0 ? a : 0;
    const out = K.like(a),
      d = a.data,
      o = out.data;
    for (let k = 0; k < d.length; k++) o[k] = d[k] > 0 ? d[k] : 0;
    return out;
  },
  /** g ⊙ ReLU′: g where x > 0, else 0. */
  backward(g: Value, x: Value, y: Value): Value | null {
    const out = K.likeAll(g, x, y);
    if (!out) return null;
    const G = (g as Mat).data,
      X = (x as Mat).data,
      o = out.data;
    for (let k = 0; k < o.length; k++) o[k] = G[k] * (X[k] > 0 ? 1 : 0);
    return out;
  },
};

const activations: Op[] = [
  unary(
    'sigmoid',
    'activation',
    sig,
    (_x, y) => y * (1 - y),
    'sigmoid(x): the logistic function σ(x) = 1/(1 + e^(−x)), element-wise',
    fn('\\sigma'),
    sigmoidLoops,
  ),
  unary('tanh', 'activation', Math.tanh, (_x, y) => 1 - y * y, 'tanh(x): hyperbolic tangent, element-wise', fn('\\tanh'), tanhLoops),
  unary(
    'relu',
    'activation',
    (x) => (x > 0 ? x : 0),
    (x) => (x > 0 ? 1 : 0),
    'relu(x): max(0, x), element-wise (its derivative at 0 is taken as 0)',
    fn('\\operatorname{ReLU}'),
    reluLoops,
  ),
  unary('softplus', 'activation', softplus, (x) => sig(x), 'softplus(x): ln(1 + e^x), a smooth ReLU, element-wise', fn('\\operatorname{softplus}')),
  unary(
    'step',
    'activation',
    (x) => (x >= 0 ? 1 : 0),
    'flat',
    "step(x): 1 where x ≥ 0, else 0 (the perceptron's threshold), element-wise",
    fn('\\operatorname{step}'),
  ),
  unary('sign', 'activation', (x) => Math.sign(x), 'flat', 'sign(x): +1, 0 or −1, element-wise', fn('\\operatorname{sign}')),
  unary(
    'identity',
    'activation',
    (x) => x,
    () => 1,
    'identity(x): x itself (a linear activation)',
    fn('\\operatorname{id}'),
  ),
];

const derivatives: Op[] = [
  unary(
    'dsigmoid',
    'derivative',
    (x) => {
      const s = sig(x);
      return s * (1 - s);
    },
    (x) => {
      const s = sig(x);
      return s * (1 - s) * (1 - 2 * s);
    },
    "dsigmoid(x): σ'(x) = σ(x)(1 − σ(x)), at most 1/4",
    fn("\\sigma'"),
  ),
  unary(
    'd2sigmoid',
    'derivative',
    (x) => {
      const s = sig(x);
      return s * (1 - s) * (1 - 2 * s);
    },
    (x) => {
      const s = sig(x);
      return s * (1 - s) * (1 - 6 * s + 6 * s * s);
    },
    "d2sigmoid(x): σ''(x) = σ'(x)(1 − 2σ(x)); zero at 0",
    fn("\\sigma''"),
  ),
  unary(
    'dtanh',
    'derivative',
    (x) => {
      const t = Math.tanh(x);
      return 1 - t * t;
    },
    (x) => {
      const t = Math.tanh(x);
      return -2 * t * (1 - t * t);
    },
    "dtanh(x): tanh'(x) = 1 − tanh²(x)",
    fn("\\tanh'"),
  ),
  unary(
    'd2tanh',
    'derivative',
    (x) => {
      const t = Math.tanh(x);
      return -2 * t * (1 - t * t);
    },
    (x) => {
      const t = Math.tanh(x);
      return (1 - t * t) * (6 * t * t - 2);
    },
    "d2tanh(x): tanh''(x) = −2 tanh(x)(1 − tanh²(x))",
    fn("\\tanh''"),
  ),
  unary('drelu', 'derivative', (x) => (x > 0 ? 1 : 0), 'flat', "drelu(x): ReLU'(x) = 1 for x > 0, else 0", fn("\\operatorname{ReLU}'")),
  unary(
    'dsoftplus',
    'derivative',
    sig,
    (x) => {
      const s = sig(x);
      return s * (1 - s);
    },
    "dsoftplus(x): softplus'(x) = σ(x)",
    fn("\\operatorname{softplus}'"),
  ),
  unary(
    'd2softplus',
    'derivative',
    (x) => {
      const s = sig(x);
      return s * (1 - s);
    },
    (x) => {
      const s = sig(x);
      return s * (1 - s) * (1 - 2 * s);
    },
    "d2softplus(x): softplus''(x) = σ'(x); 1/4 at 0",
    fn("\\operatorname{softplus}''"),
  ),
];

const elementwise: Op[] = [
  unary(
    'exp',
    'elementwise',
    Math.exp,
    (_x, y) => y,
    'exp(x): e^x, element-wise',
    (a) => `e^{${a[0]}}`,
  ),
  unary('log', 'elementwise', Math.log, (x) => 1 / x, 'log(x): natural logarithm ln x, element-wise', fn('\\ln')),
  unary(
    'sqrt',
    'elementwise',
    Math.sqrt,
    (_x, y) => 0.5 / y,
    'sqrt(x): square root, element-wise',
    (a) => `\\sqrt{${a[0]}}`,
  ),
  unary(
    'abs',
    'elementwise',
    Math.abs,
    (x) => Math.sign(x),
    'abs(x): |x|, element-wise',
    (a) => `\\left|${a[0]}\\right|`,
  ),
  unary(
    'square',
    'elementwise',
    (x) => x * x,
    (x) => 2 * x,
    'square(x): x², element-wise',
    (a) => `{\\left(${a[0]}\\right)}^{2}`,
  ),
  unary('sin', 'elementwise', Math.sin, Math.cos, 'sin(x): sine, element-wise', fn('\\sin')),
  unary('cos', 'elementwise', Math.cos, (x) => -Math.sin(x), 'cos(x): cosine, element-wise', fn('\\cos')),
  unary('floor', 'elementwise', Math.floor, 'flat', 'floor(x): round down, element-wise'),
  unary('round', 'elementwise', Math.round, 'flat', 'round(x): round to the nearest whole number, element-wise'),
];

function reduction(name: string, doc: string, mean: boolean): Op {
  const count = (a: Value, dim?: 1 | 2) => (typeof a === 'number' ? 1 : dim === 1 ? a.rows : dim === 2 ? a.cols : a.data.length);
  return {
    name,
    arity: [1, 2],
    group: 'reduction',
    doc,
    whole: [1],
    forward: ([a, d]) => {
      const dim = d === undefined ? undefined : dimArg(name, d);
      if (mean && count(a, dim) === 0) throw argError(name, messages.argEmpty());
      const s = dim ? K.sumDim(a, dim) : K.sumAll(a);
      return mean ? K.scale(s, 1 / count(a, dim)) : s;
    },
    backward: (g, [a, d]) => {
      const dim = d === undefined ? undefined : dimArg(name, d);
      const scaled = mean ? K.scale(g, 1 / count(a, dim)) : g;
      return [K.unbroadcast(K.add(K.zerosLike(a), scaled), shapeOf(a)), null];
    },
    tex: mean ? call('mean') : (args) => `\\sum${args.length > 1 ? `_{${args[1]}}` : ''} ${args[0]}`,
  };
}

function extremum(name: 'max' | 'min'): Op {
  const better = name === 'max' ? (x: number, y: number) => x > y : (x: number, y: number) => x < y;
  const argbest = (a: Value) => {
    if (typeof a === 'number') return 0;
    if (a.data.length === 0) throw argError(name, messages.argEmpty());
    spend(a.data.length);
    let k = 0;
    for (let i = 1; i < a.data.length; i++) if (better(a.data[i], a.data[k])) k = i;
    return k;
  };
  return {
    name,
    arity: [1, 1],
    group: 'reduction',
    doc: `${name}(A): the ${name === 'max' ? 'largest' : 'smallest'} entry of A`,
    forward: ([a]) => (typeof a === 'number' ? a : a.data[argbest(a)]),
    backward: (g, [a]) => {
      if (typeof a === 'number') return [g];
      const out = new Mat(a.rows, a.cols);
      out.data[argbest(a)] = g as number;
      return [out];
    },
  };
}

const reductions: Op[] = [
  reduction('sum', 'sum(A): the sum of all entries; sum(A, 1) sums each column, sum(A, 2) each row', false),
  reduction('mean', 'mean(A): the mean of all entries; mean(A, 1) of each column, mean(A, 2) of each row', true),
  extremum('max'),
  extremum('min'),
  {
    name: 'norm',
    arity: [1, 1],
    group: 'reduction',
    doc: 'norm(A): the Euclidean (Frobenius) norm √(Σ a²)',
    forward: ([a]) => Math.sqrt(K.sumAll(K.mul(a, a))),
    // At 0 (a kink, as abs has) the gradient is taken as 0, as abs's is.
    backward: (g, [a], out) => [out === 0 ? K.zerosLike(a) : K.scale(a, (g as number) / (out as number))],
    tex: (a) => `\\left\\lVert ${a[0]} \\right\\rVert`,
  },
  {
    name: 'dot',
    arity: [2, 2],
    group: 'reduction',
    doc: 'dot(a, b): the dot product Σ aᵢbᵢ of two vectors (or matrices) of one shape',
    forward: ([a, b]) => {
      const [sa, sb] = [shapeOf(a), shapeOf(b)];
      const len = (s: readonly number[]) => s[0] * s[1];
      const vector = (s: readonly number[]) => s[0] === 1 || s[1] === 1;
      if (!(sa[0] === sb[0] && sa[1] === sb[1]) && !(vector(sa) && vector(sb) && len(sa) === len(sb))) {
        throw new ShapeError(messages.shapeDot());
      }
      const x = typeof a === 'number' ? [a] : a.data,
        y = typeof b === 'number' ? [b] : b.data;
      spend(x.length);
      let s = 0;
      for (let k = 0; k < x.length; k++) s += x[k] * y[k];
      return s;
    },
    backward: (g, [a, b]) => [reshapeLike(K.scale(b, g as number), a), reshapeLike(K.scale(a, g as number), b)],
    tex: (a) => `${a[0]} \\cdot ${a[1]}`,
  },
];

/** Give v (same number of entries) the shape of like: dot accepts a row against a column. */
function reshapeLike(v: Value, like: Value): Value {
  if (typeof v === 'number' || typeof like === 'number') return v;
  return v.rows === like.rows ? v : new Mat(like.rows, like.cols, v.data);
}

/** `d` is ∂f/∂h and `dy` is ∂f/∂y (a target computed from the variable is differentiated too). */
function loss(
  name: string,
  doc: string,
  tex: string,
  f: (h: number, y: number) => number,
  d: (h: number, y: number) => number,
  dy: (h: number, y: number) => number,
): Op {
  const grad = (g: Value, h: Value, y: Value, at: (h: number, y: number) => number, like: Value) =>
    K.unbroadcast(K.scale(K.zip(h, y, at, 'differentiate'), g as number), shapeOf(like));
  return {
    name,
    arity: [2, 2],
    group: 'loss',
    doc,
    forward: ([h, y]) => K.sumAll(K.zip(h, y, f, 'compare the prediction with the target')),
    backward: (g, [h, y], _out, need) => [grad(g, h, y, d, h), need[1] ? grad(g, h, y, dy, y) : null],
    // Prediction and target of one shape only (the value form also broadcasts).
    buffered: {
      shape: ([sh, sy]) => (sh[0] === sy[0] && sh[1] === sy[1] ? [1, 1] : null),
      forward: (o, [h, y], [sh]) => {
        if (sh[0] === 1 && sh[1] === 1) return void (o[0] = f(h[0], y[0])); // numbers: no 0 + (−0 stays −0)
        let s = 0;
        for (let k = 0; k < sh[0] * sh[1]; k++) s += f(h[k], y[k]);
        o[0] = s;
      },
      backward: (g, [h, y], _o, [sh], need, [dh, dyy]) => {
        const n = sh[0] * sh[1],
          gg = g[0];
        if (need[0]) for (let k = 0; k < n; k++) dh![k] = d(h[k], y[k]) * gg;
        if (need[1]) for (let k = 0; k < n; k++) dyy![k] = dy(h[k], y[k]) * gg;
      },
    },
    tex: (a) => `${tex}\\left(${a.join(', ')}\\right)`,
  };
}

const losses: Op[] = [
  loss(
    'mse',
    "mse(h, y): the lecture's L2 loss ½ Σ (y − h)² of a prediction h against a target y",
    '\\operatorname{MSE}',
    (h, y) => 0.5 * (y - h) * (y - h),
    (h, y) => h - y,
    (h, y) => y - h,
  ),
  loss(
    'cross_entropy',
    'cross_entropy(h, y): −Σ y ln h',
    '\\operatorname{CE}',
    (h, y) => (y === 0 ? 0 : -y * Math.log(h)),
    (h, y) => (y === 0 ? 0 : -y / h),
    (h) => -Math.log(h),
  ),
  loss(
    'bce',
    'bce(h, y): binary cross entropy −Σ (y ln h + (1 − y) ln(1 − h))',
    '\\operatorname{BCE}',
    (h, y) => -((y === 0 ? 0 : y * Math.log(h)) + (y === 1 ? 0 : (1 - y) * Math.log(1 - h))),
    (h, y) => -(y === 0 ? 0 : y / h) + (y === 1 ? 0 : (1 - y) / (1 - h)),
    (h) => Math.log(1 - h) - Math.log(h),
  ),
];

// ---------------------------------------------------------------------------------------------
// Classification: scores → probabilities → predicted classes. A matrix is taken by rows (each
// row one sample's scores, as a data matrix holds one sample a row); a single column is one
// vector. Classes are numbered from 1, as the slides number entries.

/** The rows a by-rows function works on: [count, length, offset of row i, stride between its entries]. */
function samples(a: Mat): { n: number; k: number; at: (i: number, j: number) => number } {
  return a.cols === 1 ? { n: 1, k: a.rows, at: (_i, j) => j } : { n: a.rows, k: a.cols, at: (i, j) => i * a.cols + j };
}

/** Each sample's softmax (shifted by its maximum, so softmax([1000, 0]) is exactly [1, 0]); `log` gives log_softmax. */
function softmaxOf(v: Value, log: boolean): Value {
  if (typeof v === 'number') return log ? 0 : 1;
  const { n, k, at } = samples(v);
  const out = new Mat(v.rows, v.cols),
    d = v.data,
    o = out.data;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, d[at(i, j)]);
    let total = 0;
    for (let j = 0; j < k; j++) total += Math.exp(d[at(i, j)] - max);
    const logTotal = Math.log(total);
    for (let j = 0; j < k; j++) {
      const z = d[at(i, j)] - max;
      o[at(i, j)] = log ? z - logTotal : Math.exp(z) / total;
    }
  }
  return out;
}

/** The 1-based position of each sample's largest entry (the first, on a tie). */
function argmaxOf(v: Value): Value {
  if (typeof v === 'number') return 1;
  const { n, k, at } = samples(v);
  const out = new Mat(n, 1);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (v.data[at(i, j)] > v.data[at(i, best)]) best = j;
    out.data[i] = best + 1;
  }
  return collapse(out);
}

const classification: Op[] = [
  {
    name: 'softmax',
    arity: [1, 1],
    group: 'activation',
    tex: fn('\\operatorname{softmax}'),
    doc: "softmax(Z): e^z / Σ e^z for each row of Z (each sample's scores; a column is one vector), stable for large scores",
    forward: ([z]) => softmaxOf(z, false),
    // dz = y ⊙ (g − Σ g ⊙ y), sample by sample
    backward: (g, [z], y) => {
      if (typeof y === 'number') return [0];
      const gm = g as Mat,
        { n, k, at } = samples(y),
        out = new Mat(y.rows, y.cols);
      for (let i = 0; i < n; i++) {
        let dot = 0;
        for (let j = 0; j < k; j++) dot += gm.data[at(i, j)] * y.data[at(i, j)];
        for (let j = 0; j < k; j++) out.data[at(i, j)] = y.data[at(i, j)] * (gm.data[at(i, j)] - dot);
      }
      return [typeof z === 'number' ? 0 : out];
    },
  },
  {
    name: 'log_softmax',
    arity: [1, 1],
    group: 'activation',
    tex: fn('\\log\\operatorname{softmax}'),
    doc: 'log_softmax(Z): ln softmax(Z), by rows as softmax, computed without overflow (for cross entropy on scores)',
    forward: ([z]) => softmaxOf(z, true),
    // dz = g − softmax(z) Σ g, sample by sample
    backward: (g, [z], y) => {
      if (typeof y === 'number') return [0];
      const gm = g as Mat,
        { n, k, at } = samples(y),
        out = new Mat(y.rows, y.cols);
      for (let i = 0; i < n; i++) {
        let total = 0;
        for (let j = 0; j < k; j++) total += gm.data[at(i, j)];
        for (let j = 0; j < k; j++) out.data[at(i, j)] = gm.data[at(i, j)] - Math.exp(y.data[at(i, j)]) * total;
      }
      return [typeof z === 'number' ? 0 : out];
    },
  },
  {
    name: 'argmax',
    arity: [1, 1],
    group: 'reduction',
    flat: true,
    doc: "argmax(Z): the class (1-based) of each row's largest entry, as a column (of a column: its position); flat",
    forward: ([z]) => argmaxOf(z),
  },
  {
    name: 'one_hot',
    arity: [2, 2],
    group: 'creation',
    whole: [0, 1],
    doc: "one_hot(labels, k): one row per label (a whole number from 1 to k), 1 in the label's column, 0 elsewhere",
    forward: ([labels, kk]) => {
      const k = intArg('one_hot', kk, 'the number of classes', 1);
      const ls = typeof labels === 'number' ? [labels] : Array.from(labels.data);
      K.checkSize(ls.length, k, `one_hot(…, ${k})`);
      const out = new Mat(ls.length, k);
      ls.forEach((l, i) => {
        if (!Number.isInteger(l) || l < 1 || l > k) throw argError('one_hot', messages.argLabel(i + 1, l, k));
        out.data[i * k + l - 1] = 1;
      });
      return collapse(out);
    },
    // Both arguments are whole (labels, a count): the tape refuses a tracked one.
    backward: (_g, args) => args.map(() => null),
  },
  {
    name: 'accuracy',
    arity: [2, 2],
    group: 'loss',
    flat: true,
    doc: "accuracy(P, Y): the fraction of rows whose argmax in P is the class in Y (one-hot rows of P's shape, or a column of 1-based labels); flat",
    forward: ([p, y]) => {
      const predicted = argmaxOf(p),
        [pr, pc] = shapeOf(p),
        [yr, yc] = shapeOf(y);
      const labels = yr === pr && yc === pc ? argmaxOf(y) : y;
      const a = typeof predicted === 'number' ? [predicted] : Array.from(predicted.data);
      const b = typeof labels === 'number' ? [labels] : Array.from(labels.data);
      if (a.length !== b.length) throw new ShapeError(messages.shapeAccuracy(a.length, b.length));
      let right = 0;
      for (let i = 0; i < a.length; i++) if (a[i] === b[i]) right++;
      return right / a.length;
    },
  },
];

// Deterministic pseudo-random numbers (mulberry32), so a seeded workbook is the same everywhere.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sized(name: string, args: Value[], square: boolean): [number, number] {
  const r = intArg(name, args[0], 'the number of rows');
  const c = args.length > 1 && args[1] !== undefined ? intArg(name, args[1], 'the number of columns') : square ? r : 1;
  K.checkSize(r, c, `${name}(${r}, ${c})`);
  return [r, c];
}

function generated(
  name: string,
  doc: string,
  arity: [number, number],
  make: (r: number, c: number, args: Value[]) => (k: number) => number,
  square = false,
): Op {
  return {
    name,
    arity,
    group: 'creation',
    doc,
    whole: [0, 1, 2],
    forward: (args) => {
      const [r, c] = sized(name, args, square);
      const f = make(r, c, args);
      const out = new Mat(r, c);
      for (let k = 0; k < out.data.length; k++) out.data[k] = f(k);
      return collapse(out);
    },
    // Every argument is whole (whole: the tape refuses a tracked one), so no gradient is due.
    backward: (_g, args) => args.map(() => null),
  };
}

/**
 * Entry k (from 0) of n evenly spaced numbers from a to b is a + (b − a)·t with t = k/(n − 1)
 * (t = 0 when n = 1), so ∂/∂a = 1 − t and ∂/∂b = t, exactly; `at(k)` gives the t of entry k.
 */
function spacedBackward(g: Value, count: number, entries: number, at: (k: number) => number): [number, number] {
  let da = 0,
    db = 0;
  spend(entries);
  for (let k = 0; k < entries; k++) {
    const gk = typeof g === 'number' ? g : g.data[k];
    const t = count === 1 ? 0 : at(k) / (count - 1);
    da += gk * (1 - t);
    db += gk * t;
  }
  return [da, db];
}

const creation: Op[] = [
  generated('zeros', 'zeros(n, m): an n×m matrix of zeros (zeros(n) is an n×1 column)', [1, 2], () => () => 0),
  generated('ones', 'ones(n, m): an n×m matrix of ones (ones(n) is an n×1 column)', [1, 2], () => () => 1),
  generated('eye', 'eye(n): the n×n identity matrix', [1, 1], (r) => (k) => (Math.floor(k / r) === k % r ? 1 : 0), true),
  generated('rand', 'rand(n, m, seed): n×m uniform random numbers in [0, 1), the same for the same seed', [3, 3], (_r, _c, args) => {
    const next = rng(intArg('rand', args[2], 'the seed'));
    return () => next();
  }),
  generated('randn', 'randn(n, m, seed): n×m standard normal random numbers, the same for the same seed', [3, 3], (_r, _c, args) => {
    const next = rng(intArg('randn', args[2], 'the seed'));
    return () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  }),
  {
    name: 'linspace',
    arity: [3, 3],
    group: 'creation',
    whole: [2],
    doc: 'linspace(a, b, n): n evenly spaced numbers from a to b, as a column',
    forward: ([a, b, n]) => {
      const lo = scalarArg('linspace', a, 'the start'),
        hi = scalarArg('linspace', b, 'the end');
      const count = intArg('linspace', n, 'the count', 1);
      K.checkSize(count, 1, `linspace(${lo}, ${hi}, ${count})`);
      const out = new Mat(count, 1);
      for (let k = 0; k < count; k++) out.data[k] = count === 1 ? lo : lo + ((hi - lo) * k) / (count - 1);
      return collapse(out);
    },
    backward: (g, [, , n]) => [...spacedBackward(g, n as number, n as number, (k) => k), null],
  },
  {
    name: 'grid',
    arity: [3, 3],
    group: 'creation',
    whole: [2],
    doc: 'grid(a, b, n): the n² points of an n×n grid over [a, b]², one per row (an n²×2 matrix), for heat maps of a decision boundary',
    forward: ([a, b, n]) => {
      const lo = scalarArg('grid', a, 'the start'),
        hi = scalarArg('grid', b, 'the end');
      const count = intArg('grid', n, 'the count', 1);
      K.checkSize(count * count, 2, `grid(${lo}, ${hi}, ${count})`);
      const at = (k: number) => (count === 1 ? lo : lo + ((hi - lo) * k) / (count - 1));
      const out = new Mat(count * count, 2);
      for (let i = 0; i < count; i++) {
        for (let j = 0; j < count; j++) {
          out.data[2 * (i * count + j)] = at(j);
          out.data[2 * (i * count + j) + 1] = at(i);
        }
      }
      return collapse(out);
    },
    // Row i·n + j is (at(j), at(i)): entry e of the data is column e % 2 of row ⌊e/2⌋.
    backward: (g, [, , n]) => {
      const count = n as number;
      const at = (e: number) => (e % 2 === 0 ? Math.floor(e / 2) % count : Math.floor(e / 2 / count));
      return [...spacedBackward(g, count, 2 * count * count, at), null];
    },
  },
  {
    name: 'size',
    arity: [1, 1],
    group: 'matrix',
    doc: 'size(A): [rows, columns] of A, as a row',
    flat: true,
    forward: ([a]) => {
      const [r, c] = shapeOf(a);
      return new Mat(1, 2, Float64Array.of(r, c));
    },
  },
];

/** a:b and a:step:b, as a column; bounded before it is created. */
export const range: Op = guarded({
  name: 'range',
  arity: [2, 3],
  group: 'creation',
  doc: 'a:b, a:step:b: the numbers from a to b (inclusive) in steps of 1 or step, as a column',
  forward: ([a, b, s]) => {
    const lo = scalarArg('range', a, 'the start'),
      hi = scalarArg('range', b, 'the end');
    const step = s === undefined ? 1 : scalarArg('range', s, 'the step');
    if (step === 0 || !Number.isFinite(step)) throw argError('range', messages.rangeStep());
    const count = Math.max(0, Math.floor((hi - lo) / step + 1e-10) + 1);
    if (!Number.isFinite(count) || count > limits.maxEntries) {
      throw new CellError(codes.E_TOO_LARGE, messages.tooLarge(messages.theRange(s === undefined ? [lo, hi] : [lo, step, hi]), count, limits.maxEntries));
    }
    const out = new Mat(count, 1);
    for (let k = 0; k < count; k++) out.data[k] = lo + k * step;
    return collapse(out);
  },
  // Entry k (from 0) is a + k·step: ∂/∂a = 1 and ∂/∂step = k, exactly while the count stays the
  // same; b only decides the count, so the result is flat in b (as step(x) is in x).
  backward: (g, args, out) => {
    const n = typeof out === 'number' ? 1 : out.data.length;
    let da = 0,
      ds = 0;
    spend(n);
    for (let k = 0; k < n; k++) {
      const gk = typeof g === 'number' ? g : g.data[k];
      da += gk;
      ds += gk * k;
    }
    return args.length === 3 ? [da, null, ds] : [da, null];
  },
});

/**
 * An op as formulas see it: a NaN it makes is an error where it arises, so no NaN ever reaches
 * a comparison, a condition or relu, where it would silently become a number (value.ts,
 * "Numbers"). Flat ops (comparisons, step) turn finite numbers into finite numbers.
 */
function guarded(op: Op): Op {
  if (op.flat) return op;
  const forward = op.forward;
  return { ...op, forward: (args) => K.noNaN(op.name, forward(args)) };
}

/** The functions a formula may call, by name. Frozen: nothing can add to it at run time. */
export const functions: ReadonlyMap<string, Op> = new Map(
  [...activations, ...derivatives, ...elementwise, ...reductions, ...losses, ...classification, ...creation, transpose].map((op) => [op.name, guarded(op)]),
);

/** The operators, by mathjs's function name for them. */
export const operators: ReadonlyMap<string, Op> = new Map<string, Op>(
  (
    [
      ['add', add],
      ['subtract', subtract],
      ['multiply', multiply],
      ['divide', divide],
      ['dotMultiply', dotMultiply],
      ['dotDivide', dotDivide],
      ['pow', pow],
      ['dotPow', dotPow],
      ['unaryMinus', unaryMinus],
      ['unaryPlus', unaryPlus],
      ['ctranspose', transpose],
      ['transpose', transpose],
      ['smaller', compare('smaller', '<', (x, y) => x < y)],
      ['larger', compare('larger', '>', (x, y) => x > y)],
      ['smallerEq', compare('smallerEq', '<=', (x, y) => x <= y)],
      ['largerEq', compare('largerEq', '>=', (x, y) => x >= y)],
      ['equal', compare('equal', '==', (x, y) => x === y)],
      ['unequal', compare('unequal', '!=', (x, y) => x !== y)],
      ['and', logic('and', 'a and b: 1 where both are non-zero', (x, y) => x && y)],
      ['or', logic('or', 'a or b: 1 where either is non-zero', (x, y) => x || y)],
      ['xor', logic('xor', 'a xor b: 1 where exactly one is non-zero', (x, y) => x !== y)],
      ['not', { name: 'not', arity: [1, 1], group: 'logic', flat: true, doc: 'not a: 1 where a is 0', forward: ([a]) => K.map(a, (x) => (x === 0 ? 1 : 0)) }],
    ] as [string, Op][]
  ).map(([name, op]) => [name, guarded(op)]),
);

/** Constants a formula may use by name. */
export const constants: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);
