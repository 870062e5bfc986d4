// The blocked product kernels (src/formula/products.ts) against the plain loops they replace,
// on random shapes from a fixed seed: the same numbers to the last bit, -0 included.
import { expect } from 'chai';
import { productNN, productNT, productTN } from '../../src/formula/products.ts';

/** Park and Miller's minimal standard generator, seeded: the same shapes and entries every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

// The plain loops, as kernels.ts had them (and as bench/networks.ts's floor still has them).
function plainNN(A: Float64Array, B: Float64Array, n: number, k: number, m: number): Float64Array {
  const O = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) for (let j = 0; j < m; j++) O[i * m + j] += A[i * k + p] * B[p * m + j];
  return O;
}
function plainNT(A: Float64Array, B: Float64Array, n: number, k: number, m: number): Float64Array {
  const O = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[i * k + p] * B[j * k + p];
      O[i * m + j] = s;
    }
  }
  return O;
}
function plainTN(A: Float64Array, B: Float64Array, n: number, k: number, m: number): Float64Array {
  const O = new Float64Array(n * m);
  for (let p = 0; p < n; p++) for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) O[p * m + j] += A[i * n + p] * B[i * m + j];
  return O;
}

/** Entries of mixed sign and size, with some exact zeros and negative zeros (their sums are where order shows). */
function entries(next: () => number, length: number): Float64Array {
  return Float64Array.from({ length }, () => {
    const u = next();
    if (u < 0.05) return 0;
    if (u < 0.1) return -0;
    return (next() - 0.5) * 10 ** Math.floor(next() * 12 - 6);
  });
}

function sameBits(a: Float64Array, b: Float64Array): number {
  expect(a.length).to.equal(b.length);
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return k;
  return -1;
}

describe("product kernels: blocked, the plain loops' numbers", () => {
  const next = seeded(20261207);
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [0, 3, 2],
    [3, 0, 2],
    [2, 3, 0],
    [4, 2, 2],
    [4, 2, 1],
    [256, 1, 64],
    [256, 64, 64],
    [64, 256, 64],
    [2, 2, 1],
  ];
  for (let t = 0; t < 60; t++) shapes.push([1 + Math.floor(next() * 19), Math.floor(next() * 19), 1 + Math.floor(next() * 19)]);

  it("A B: every entry of every random shape equals the i-k-j loop's", () => {
    for (const [n, k, m] of shapes) {
      const A = entries(next, n * k),
        B = entries(next, k * m);
      const O = new Float64Array(n * m).fill(NaN); // written, not accumulated into
      productNN(O, A, B, n, k, m);
      expect(sameBits(O, plainNN(A, B, n, k, m)), `${n}×${k} · ${k}×${m}`).to.equal(-1);
    }
  });

  it("A Bᵀ: every entry of every random shape equals the plain loop's", () => {
    for (const [n, k, m] of shapes) {
      const A = entries(next, n * k),
        B = entries(next, m * k);
      const O = new Float64Array(n * m).fill(NaN);
      productNT(O, A, B, n, k, m);
      expect(sameBits(O, plainNT(A, B, n, k, m)), `${n}×${k} · (${m}×${k})ᵀ`).to.equal(-1);
    }
  });

  it("Aᵀ B: every entry of every random shape equals the plain loop's", () => {
    for (const [n, k, m] of shapes) {
      const A = entries(next, k * n),
        B = entries(next, k * m);
      const O = new Float64Array(n * m).fill(NaN);
      productTN(O, A, B, n, k, m);
      expect(sameBits(O, plainTN(A, B, n, k, m)), `(${k}×${n})ᵀ · ${k}×${m}`).to.equal(-1);
    }
  });

  it('a NaN or an infinity in a factor reaches the same entries as in the plain loop', () => {
    const A = entries(next, 5 * 6),
      B = entries(next, 6 * 7);
    A[7] = Infinity;
    B[11] = NaN;
    const O = new Float64Array(5 * 7);
    productNN(O, A, B, 5, 6, 7);
    const plain = plainNN(A, B, 5, 6, 7);
    expect(sameBits(O, plain)).to.equal(-1);
    expect(Array.from(O).some(Number.isNaN)).to.equal(true);
  });
});
