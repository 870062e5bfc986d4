// The three networks of the training benchmark, each twice: as a workbook (trained by the batch
// driver, src/train/batch.ts) and as a hand-written Float64Array implementation of the same
// network, loss and update (the floor). Both start from the same weights; the benchmark checks
// that they end at the same loss before it compares their speed.
//
// The floor is deliberately plain: buffers allocated once, one loop nest per matrix product in
// the i-k-j order, no SIMD, no workers, no unrolling. It is what a student would write by hand
// against Float64Array, and what the engine would be if it had no interpreter at all.

import { seeded } from './table.ts';

export type Activation = 'sigmoid' | 'tanh' | 'linear';

export interface Network {
  name: string;
  /** The workbook text: data and weights as cells, a ```train block with one rule per weight. */
  text: string;
  /** Start values of input cells that a workbook cannot spell out (a literal is at most 2,000 characters). */
  start: Map<string, number[][]>;
  /** The same network for the floor. */
  floor: FloorSpec;
}

export interface FloorSpec {
  /** Inputs, one row per sample (N×n0), and targets (N×1), row-major. */
  X: Float64Array;
  Y: Float64Array;
  sizes: number[];
  activations: Activation[];
  /** Weights W_l (n_{l-1}×n_l) and biases b_l (1×n_l), row-major. */
  W: Float64Array[];
  b: Float64Array[];
  gamma: number;
}

/** rows×cols normal numbers times `scale`, rounded to 4 decimals so the text and the floor agree exactly. */
function weights(rows: number, cols: number, scale: number, next: () => number): number[][] {
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => {
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return Number((scale * z).toFixed(4));
    }),
  );
}

const literal = (m: number[][]) => '[' + m.map((r) => r.join(', ')).join('; ') + ']';
const flat = (m: number[][]) => Float64Array.from(m.flat());

// ---- The networks -------------------------------------------------------------------------------

/** XOR, 2-2-1 sigmoid, full batch: test/input/xor.md, the converging example of the tests. */
export function xor(text: string): Network {
  const num = (name: string) => literalOf(text, name);
  return {
    name: 'XOR 2-2-1 sigmoid, 4 points',
    text,
    start: new Map(),
    floor: {
      X: flat(num('X')),
      Y: flat(num('Y')),
      sizes: [2, 2, 1],
      activations: ['sigmoid', 'sigmoid'],
      W: [flat(num('W1')), flat(num('W2'))],
      b: [flat(num('b1')), flat(num('b2'))],
      gamma: num('gamma')[0][0],
    },
  };
}

/** The numbers of an input cell `name = [...]` of a workbook text. */
function literalOf(text: string, name: string): number[][] {
  const m = new RegExp(`^${name} = (.+)$`, 'm').exec(text);
  if (!m) throw new Error(`no cell ${name}`);
  const body = m[1].trim().replace(/^\[|\]$/g, '');
  return body.split(';').map((r) => r.split(',').map((x) => Number(x.trim())));
}

const trainBlock = (loss: string, params: string[], steps: number) =>
  ['```train', `loss: ${loss}`, ...params.map((p) => `${p} <- ${p} - gamma * grad(${loss}, ${p})`), `steps: ${steps}`, '```'].join('\n');

/** A 1-64-1 tanh network fitting sin on 256 points of [−3, 3] (linear output, mean squared error). */
export function fit1d(): Network {
  const next = seeded(64);
  const N = 256,
    H = 64,
    gamma = 0.05;
  const W1 = weights(1, H, 1, next),
    b1 = weights(1, H, 0.5, next),
    W2 = weights(H, 1, 1 / Math.sqrt(H), next);
  const text = [
    '# 1-64-1 tanh fit',
    '',
    '```cells',
    `X = linspace(-3, 3, ${N})`,
    'Y = sin(X)',
    `W1 = ${literal(W1)}`,
    `b1 = ${literal(b1)}`,
    `W2 = ${literal(W2)}`,
    'b2 = 0',
    `gamma = ${gamma}`,
    'H = tanh(X * W1 + b1)',
    'Yhat = H * W2 + b2',
    `L = mse(Yhat, Y) / ${N}`,
    '```',
    '',
    trainBlock('L', ['W1', 'b1', 'W2', 'b2'], 1000),
    '',
  ].join('\n');
  const X = Float64Array.from({ length: N }, (_, k) => -3 + (6 * k) / (N - 1));
  return {
    name: '1-64-1 tanh, 256 points',
    text,
    start: new Map(),
    floor: {
      X,
      Y: X.map(Math.sin),
      sizes: [1, H, 1],
      activations: ['tanh', 'linear'],
      W: [flat(W1), flat(W2)],
      b: [flat(b1), Float64Array.of(0)],
      gamma,
    },
  };
}

/**
 * A 2-64-64-1 tanh network on the 256 points of a 16×16 grid over [−1, 1]², fitting
 * sin(3x₁)·cos(3x₂). Θ2 is 64×64: its 4,096 numbers do not fit in one cell of a workbook file (a
 * literal is at most 2,000 characters), so the workbook declares it as a placeholder and the
 * batch driver starts from the same numbers as the floor (an input cell's value, as an edit or a
 * paste would set it).
 */
export function deep2d(): Network {
  const next = seeded(6464);
  const N = 256,
    H = 64,
    gamma = 0.05;
  const W1 = weights(2, H, 1, next),
    b1 = weights(1, H, 0.1, next);
  const W2 = weights(H, H, 1 / Math.sqrt(H), next),
    b2 = weights(1, H, 0.1, next);
  const W3 = weights(H, 1, 1 / Math.sqrt(H), next);
  const text = [
    '# 2-64-64-1 tanh',
    '',
    '```cells',
    'X = grid(-1, 1, 16)',
    'Y = sin(3 * X[:, 1]) .* cos(3 * X[:, 2])',
    `W1 = ${literal(W1)}`,
    `b1 = ${literal(b1)}`,
    'W2 = 0',
    `b2 = ${literal(b2)}`,
    `W3 = ${literal(W3)}`,
    'b3 = 0',
    `gamma = ${gamma}`,
    'H1 = tanh(X * W1 + b1)',
    'H2 = tanh(H1 * W2 + b2)',
    'Yhat = H2 * W3 + b3',
    `L = mse(Yhat, Y) / ${N}`,
    '```',
    '',
    trainBlock('L', ['W1', 'b1', 'W2', 'b2', 'W3', 'b3'], 1000),
    '',
  ].join('\n');
  const X = new Float64Array(2 * N),
    Y = new Float64Array(N);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      const k = i * 16 + j,
        x1 = -1 + (2 * j) / 15,
        x2 = -1 + (2 * i) / 15;
      X[2 * k] = x1;
      X[2 * k + 1] = x2;
      Y[k] = Math.sin(3 * x1) * Math.cos(3 * x2);
    }
  }
  return {
    name: '2-64-64-1 tanh, 256 points',
    text,
    start: new Map([['W2', W2]]),
    floor: {
      X,
      Y,
      sizes: [2, H, H, 1],
      activations: ['tanh', 'tanh', 'linear'],
      W: [flat(W1), flat(W2), flat(W3)],
      b: [flat(b1), flat(b2), Float64Array.of(0)],
      gamma,
    },
  };
}

// ---- The floor -----------------------------------------------------------------------------------

const sig = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Full-batch gradient descent on ½ Σ (ŷ − y)² / N, every weight updated from the same step's gradients. */
export class Floor {
  readonly N: number;
  private readonly s: FloorSpec;
  private readonly W: Float64Array[];
  private readonly b: Float64Array[];
  private readonly A: Float64Array[];
  private readonly dZ: Float64Array[];
  private readonly dA: Float64Array[];
  private readonly dW: Float64Array[];
  private readonly db: Float64Array[];

  constructor(spec: FloorSpec) {
    this.s = spec;
    const n = spec.sizes,
      N = (this.N = spec.Y.length),
      L = n.length - 1;
    this.W = spec.W.map((w) => w.slice());
    this.b = spec.b.map((b) => b.slice());
    this.A = [spec.X, ...Array.from({ length: L }, (_, l) => new Float64Array(N * n[l + 1]))];
    this.dA = this.A.map((a) => new Float64Array(a.length));
    this.dZ = this.A.map((a) => new Float64Array(a.length));
    this.dW = this.W.map((w) => new Float64Array(w.length));
    this.db = this.b.map((b) => new Float64Array(b.length));
  }

  /** One step; returns the loss at the weights it started from. */
  step(): number {
    const { sizes: n, activations, gamma, Y } = this.s;
    const { N, W, b, A, dA, dZ, dW, db } = this;
    const L = n.length - 1;
    // Forward: A_l = act(A_{l-1} W_l + b_l)
    for (let l = 1; l <= L; l++) {
      const a = A[l - 1],
        w = W[l - 1],
        bias = b[l - 1],
        out = A[l],
        k = n[l - 1],
        m = n[l];
      out.fill(0);
      for (let i = 0; i < N; i++) {
        for (let p = 0; p < k; p++) {
          const aip = a[i * k + p];
          for (let j = 0; j < m; j++) out[i * m + j] += aip * w[p * m + j];
        }
      }
      for (let i = 0; i < N; i++) for (let j = 0; j < m; j++) out[i * m + j] += bias[j];
      const act = activations[l - 1];
      if (act === 'sigmoid') for (let q = 0; q < out.length; q++) out[q] = sig(out[q]);
      else if (act === 'tanh') for (let q = 0; q < out.length; q++) out[q] = Math.tanh(out[q]);
    }
    // Loss and its gradient with respect to the output
    const out = A[L],
      g = dA[L];
    let loss = 0;
    for (let i = 0; i < N; i++) {
      const d = out[i] - Y[i];
      loss += 0.5 * (Y[i] - out[i]) * (Y[i] - out[i]);
      g[i] = d * (1 / N);
    }
    loss /= N;
    // Backward
    for (let l = L; l >= 1; l--) {
      const a = A[l],
        z = dZ[l],
        da = dA[l],
        k = n[l - 1],
        m = n[l],
        act = activations[l - 1];
      for (let q = 0; q < a.length; q++) {
        z[q] = act === 'sigmoid' ? da[q] * (a[q] * (1 - a[q])) : act === 'tanh' ? da[q] * (1 - a[q] * a[q]) : da[q];
      }
      // dW = A_{l-1}ᵀ dZ, db = column sums of dZ, dA_{l-1} = dZ W_lᵀ
      const prev = A[l - 1],
        w = W[l - 1],
        gw = dW[l - 1],
        gb = db[l - 1];
      gw.fill(0);
      gb.fill(0);
      for (let p = 0; p < k; p++) {
        for (let i = 0; i < N; i++) {
          const api = prev[i * k + p];
          for (let j = 0; j < m; j++) gw[p * m + j] += api * z[i * m + j];
        }
      }
      for (let i = 0; i < N; i++) for (let j = 0; j < m; j++) gb[j] += z[i * m + j];
      if (l > 1) {
        const gp = dA[l - 1];
        for (let i = 0; i < N; i++) {
          for (let p = 0; p < k; p++) {
            let sum = 0;
            for (let j = 0; j < m; j++) sum += z[i * m + j] * w[p * m + j];
            gp[i * k + p] = sum;
          }
        }
      }
    }
    // Update every weight from this step's gradients
    for (let l = 0; l < L; l++) {
      for (let q = 0; q < W[l].length; q++) W[l][q] -= gamma * dW[l][q];
      for (let q = 0; q < b[l].length; q++) b[l][q] -= gamma * db[l][q];
    }
    return loss;
  }
}
