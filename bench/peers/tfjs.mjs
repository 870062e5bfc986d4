// TensorFlow.js 4.22 (tfjs-core with the WebAssembly backend, float32: it has no float64): the
// floor's weights as variables, the loss ½ Σ (ŷ − y)² / N, and tf.grads over the weights in
// one tidy per step, each weight then updated by plain gradient descent (the floor's update).
// The backend's .wasm files ship in its npm package: nothing is downloaded at run time.
// Node cannot import their ES modules as published (they import directories), and tfjs-core's
// CommonJS build has no gradients registered: bench/peers.ts bundles this file with esbuild
// first, as a page would be built.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

let ready;
async function wasm() {
  ready ??= (async () => {
    setWasmPaths(`${wasmDir}/`);
    // One thread, SIMD on, as the floor and gradsheet run (and its threaded build starts its
    // workers from a Blob URL, which Node cannot).
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    const ok = await tf.setBackend('wasm');
    if (!ok) throw new Error('the wasm backend did not start');
    await tf.ready();
  })();
  return ready;
}

const act = { tanh: (z) => tf.tanh(z), sigmoid: (z) => tf.sigmoid(z), linear: (z) => z };

/** Where the backend's .wasm files are (the bundle is elsewhere). */
let wasmDir = '';

/** @param {import('../networks.ts').FloorSpec} spec */
export async function peer(spec, dir) {
  wasmDir = `${dir}/node_modules/@tensorflow/tfjs-backend-wasm/dist`;
  await wasm();
  const { sizes, activations, X, Y, W, b, gamma } = spec;
  const N = Y.length,
    L = sizes.length - 1;
  const x = tf.tensor2d(Float32Array.from(X), [N, sizes[0]]);
  const y = tf.tensor2d(Float32Array.from(Y), [N, 1]);
  const ws = W.map((w, l) => tf.variable(tf.tensor2d(Float32Array.from(w), [sizes[l], sizes[l + 1]])));
  const bs = b.map((v, l) => tf.variable(tf.tensor2d(Float32Array.from(v), [1, sizes[l + 1]])));
  const params = [...ws, ...bs];
  const loss = (...p) => {
    let a = x;
    for (let l = 0; l < L; l++) a = act[activations[l]](tf.add(tf.matMul(a, p[l]), p[L + l]));
    return tf.div(tf.mul(0.5, tf.sum(tf.square(tf.sub(a, y)))), N);
  };
  const gradients = tf.grads(loss);
  const lr = tf.scalar(gamma);
  let last;
  return {
    name: 'TensorFlow.js 4.22, wasm backend',
    precision: 'float32',
    run(steps) {
      for (let s = 0; s < steps; s++) {
        last?.dispose();
        last = tf.tidy(() => {
          const value = loss(...params);
          const g = gradients(params);
          params.forEach((p, k) => p.assign(tf.sub(p, tf.mul(lr, g[k]))));
          return tf.keep(value);
        });
      }
      return last.dataSync()[0];
    },
    dispose() {
      last?.dispose();
      for (const t of [x, y, lr, ...params]) t.dispose();
    },
  };
}
