// The three matrix products of training (A B forward; G Bᵀ and Aᵀ G backward) over row-major
// Float64Arrays, register-blocked: each pass of the inner loop computes a 2×4 block of the
// result in eight local accumulators, so each entry loaded from memory serves several products.
//
// The numbers are exactly those of the plain loops (test/train/kernels.test.ts checks it on
// random shapes): every result entry is still its own sum, started at 0 and taken over the
// inner index in increasing order. Blocking runs across independent result entries, never
// splits one sum, and JavaScript never fuses a multiply and an add. Measured on 256×64 · 64×64
// (node 20): 1.8 ns a multiply-add for the plain i-k-j loop, 0.45 ns for these.
//
// Each kernel writes every entry of O (it need not be zeroed) and checks nothing: callers
// check shapes and charge the work (kernels.ts).

/** O (n×m) = A (n×k) B (k×m). */
export function productNN(O: Float64Array, A: Float64Array, B: Float64Array, n: number, k: number, m: number): void {
  const m4 = m - (m % 4),
    n2 = n - (n % 2);
  let i = 0;
  for (; i < n2; i += 2) {
    const a0 = i * k,
      a1 = a0 + k,
      o0 = i * m,
      o1 = o0 + m;
    let j = 0;
    for (; j < m4; j += 4) {
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0,
        d0 = 0,
        d1 = 0,
        d2 = 0,
        d3 = 0;
      for (let p = 0, bp = j; p < k; p++, bp += m) {
        const x = A[a0 + p],
          y = A[a1 + p];
        const b0 = B[bp],
          b1 = B[bp + 1],
          b2 = B[bp + 2],
          b3 = B[bp + 3];
        c0 += x * b0;
        c1 += x * b1;
        c2 += x * b2;
        c3 += x * b3;
        d0 += y * b0;
        d1 += y * b1;
        d2 += y * b2;
        d3 += y * b3;
      }
      O[o0 + j] = c0;
      O[o0 + j + 1] = c1;
      O[o0 + j + 2] = c2;
      O[o0 + j + 3] = c3;
      O[o1 + j] = d0;
      O[o1 + j + 1] = d1;
      O[o1 + j + 2] = d2;
      O[o1 + j + 3] = d3;
    }
    for (; j < m; j++) {
      let c = 0,
        d = 0;
      for (let p = 0, bp = j; p < k; p++, bp += m) {
        const b = B[bp];
        c += A[a0 + p] * b;
        d += A[a1 + p] * b;
      }
      O[o0 + j] = c;
      O[o1 + j] = d;
    }
  }
  if (i < n) {
    const a0 = i * k,
      o0 = i * m;
    let j = 0;
    for (; j < m4; j += 4) {
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0;
      for (let p = 0, bp = j; p < k; p++, bp += m) {
        const x = A[a0 + p];
        c0 += x * B[bp];
        c1 += x * B[bp + 1];
        c2 += x * B[bp + 2];
        c3 += x * B[bp + 3];
      }
      O[o0 + j] = c0;
      O[o0 + j + 1] = c1;
      O[o0 + j + 2] = c2;
      O[o0 + j + 3] = c3;
    }
    for (; j < m; j++) {
      let c = 0;
      for (let p = 0, bp = j; p < k; p++, bp += m) c += A[a0 + p] * B[bp];
      O[o0 + j] = c;
    }
  }
}

/** O (n×m) = A (n×k) Bᵀ, B being m×k. */
export function productNT(O: Float64Array, A: Float64Array, B: Float64Array, n: number, k: number, m: number): void {
  const m4 = m - (m % 4),
    n2 = n - (n % 2);
  let i = 0;
  for (; i < n2; i += 2) {
    const a0 = i * k,
      a1 = a0 + k,
      o0 = i * m,
      o1 = o0 + m;
    let j = 0;
    for (; j < m4; j += 4) {
      const e0 = j * k,
        e1 = e0 + k,
        e2 = e1 + k,
        e3 = e2 + k;
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0,
        d0 = 0,
        d1 = 0,
        d2 = 0,
        d3 = 0;
      for (let p = 0; p < k; p++) {
        const x = A[a0 + p],
          y = A[a1 + p];
        const b0 = B[e0 + p],
          b1 = B[e1 + p],
          b2 = B[e2 + p],
          b3 = B[e3 + p];
        c0 += x * b0;
        c1 += x * b1;
        c2 += x * b2;
        c3 += x * b3;
        d0 += y * b0;
        d1 += y * b1;
        d2 += y * b2;
        d3 += y * b3;
      }
      O[o0 + j] = c0;
      O[o0 + j + 1] = c1;
      O[o0 + j + 2] = c2;
      O[o0 + j + 3] = c3;
      O[o1 + j] = d0;
      O[o1 + j + 1] = d1;
      O[o1 + j + 2] = d2;
      O[o1 + j + 3] = d3;
    }
    for (; j < m; j++) {
      const e0 = j * k;
      let c = 0,
        d = 0;
      for (let p = 0; p < k; p++) {
        const b = B[e0 + p];
        c += A[a0 + p] * b;
        d += A[a1 + p] * b;
      }
      O[o0 + j] = c;
      O[o1 + j] = d;
    }
  }
  for (; i < n; i++) {
    const a0 = i * k,
      o0 = i * m;
    for (let j = 0; j < m; j++) {
      const e0 = j * k;
      let c = 0;
      for (let p = 0; p < k; p++) c += A[a0 + p] * B[e0 + p];
      O[o0 + j] = c;
    }
  }
}

/** O (n×m) = Aᵀ B, A being k×n and B k×m. */
export function productTN(O: Float64Array, A: Float64Array, B: Float64Array, n: number, k: number, m: number): void {
  const m4 = m - (m % 4),
    n2 = n - (n % 2);
  let p = 0;
  for (; p < n2; p += 2) {
    const o0 = p * m,
      o1 = o0 + m;
    let j = 0;
    for (; j < m4; j += 4) {
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0,
        d0 = 0,
        d1 = 0,
        d2 = 0,
        d3 = 0;
      for (let i = 0, ai = p, bi = j; i < k; i++, ai += n, bi += m) {
        const x = A[ai],
          y = A[ai + 1];
        const b0 = B[bi],
          b1 = B[bi + 1],
          b2 = B[bi + 2],
          b3 = B[bi + 3];
        c0 += x * b0;
        c1 += x * b1;
        c2 += x * b2;
        c3 += x * b3;
        d0 += y * b0;
        d1 += y * b1;
        d2 += y * b2;
        d3 += y * b3;
      }
      O[o0 + j] = c0;
      O[o0 + j + 1] = c1;
      O[o0 + j + 2] = c2;
      O[o0 + j + 3] = c3;
      O[o1 + j] = d0;
      O[o1 + j + 1] = d1;
      O[o1 + j + 2] = d2;
      O[o1 + j + 3] = d3;
    }
    for (; j < m; j++) {
      let c = 0,
        d = 0;
      for (let i = 0, ai = p, bi = j; i < k; i++, ai += n, bi += m) {
        const b = B[bi];
        c += A[ai] * b;
        d += A[ai + 1] * b;
      }
      O[o0 + j] = c;
      O[o1 + j] = d;
    }
  }
  if (p < n) {
    const o0 = p * m;
    let j = 0;
    for (; j < m4; j += 4) {
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0;
      for (let i = 0, ai = p, bi = j; i < k; i++, ai += n, bi += m) {
        const x = A[ai];
        c0 += x * B[bi];
        c1 += x * B[bi + 1];
        c2 += x * B[bi + 2];
        c3 += x * B[bi + 3];
      }
      O[o0 + j] = c0;
      O[o0 + j + 1] = c1;
      O[o0 + j + 2] = c2;
      O[o0 + j + 3] = c3;
    }
    for (; j < m; j++) {
      let c = 0;
      for (let i = 0, ai = p, bi = j; i < k; i++, ai += n, bi += m) c += A[ai] * B[bi];
      O[o0 + j] = c;
    }
  }
}
