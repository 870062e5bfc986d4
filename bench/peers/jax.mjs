// @jax-js/jax 0.1.25 on its WebAssembly device, in float64: the loss ½ Σ (ŷ − y)² / N as a
// function of the weights, and one step — valueAndGrad of it, then each weight minus γ times
// its gradient — compiled once with jit, as a JAX user would write it. Arrays are reference
// counted: every argument passed is consumed, so what is used again is passed as `.ref`.
import { jit, nn, numpy as np, valueAndGrad } from '@jax-js/jax';

const act = { tanh: (z) => np.tanh(z), sigmoid: (z) => nn.sigmoid(z), linear: (z) => z };

/** @param {import('../networks.ts').FloorSpec} spec */
export async function peer(spec) {
  // It tests `data instanceof Float16Array`, which Node 20 lacks (Chromium has it): a class no
  // array is an instance of answers as Node 22 would for our Float64Arrays.
  globalThis.Float16Array ??= class Float16Array {};
  const { sizes, activations, X, Y, W, b, gamma } = spec;
  const N = Y.length,
    L = sizes.length - 1;
  const f64 = (data, shape) => np.array(Float64Array.from(data), { dtype: np.float64 }).reshape(shape);
  const x = f64(X, [N, sizes[0]]),
    y = f64(Y, [N, 1]);
  let params = { W: W.map((w, l) => f64(w, [sizes[l], sizes[l + 1]])), b: b.map((v, l) => f64(v, [1, sizes[l + 1]])) };
  const loss = (p, x, y) => {
    let a = x;
    for (let l = 0; l < L; l++) a = act[activations[l]](np.matmul(a, p.W[l]).add(p.b[l]));
    return np.sum(np.square(a.sub(y))).mul(0.5 / N);
  };
  const step = jit((p, x, y) => {
    const [value, g] = valueAndGrad(loss)({ W: p.W.map((w) => w.ref), b: p.b.map((v) => v.ref) }, x, y);
    const next = { W: p.W.map((w, l) => w.sub(g.W[l].mul(gamma))), b: p.b.map((v, l) => v.sub(g.b[l].mul(gamma))) };
    return [value, next];
  });
  return {
    name: '@jax-js/jax 0.1.25, jit, wasm device',
    precision: 'float64',
    run(steps) {
      let value;
      for (let s = 0; s < steps; s++) {
        value?.dispose();
        [value, params] = step(params, x.ref, y.ref);
      }
      return value.dataSync()[0]; // (which consumes it)
    },
    dispose() {
      for (const a of [x, y, ...params.W, ...params.b]) a.dispose();
      step.dispose?.();
    },
  };
}
