// ConvNetJS 0.3.0 (float64 Float64Array volumes): the network as its own layers (fc + tanh or
// sigmoid, a regression layer: the gradient of ½ (ŷ − y)² a sample), the floor's weights copied in, and its
// Trainer in plain SGD with batch_size = N, so that one update is one full-batch step on the
// mean loss, as the floor's.
import convnetjs from 'convnetjs';

/** @param {import('../networks.ts').FloorSpec} spec */
export function peer(spec) {
  const { sizes, activations, X, Y, W, b, gamma } = spec;
  const N = Y.length,
    n0 = sizes[0],
    L = sizes.length - 1;
  const linearOut = activations[L - 1] === 'linear';
  const defs = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: n0 }];
  for (let l = 1; l < L; l++) defs.push({ type: 'fc', num_neurons: sizes[l], activation: activations[l - 1] });
  if (!linearOut) defs.push({ type: 'fc', num_neurons: sizes[L], activation: activations[L - 1] });
  defs.push({ type: 'regression', num_neurons: sizes[L] });
  const net = new convnetjs.Net();
  net.makeLayers(defs);
  // makeLayers puts a linear fc layer before the regression layer. With a sigmoid output (XOR)
  // the output layer is the one declared above, and the inserted one goes: the regression
  // layer then takes the sigmoid's output, of the same size.
  if (!linearOut) net.layers.splice(net.layers.length - 2, 1);
  const fcs = net.layers.filter((layer) => layer.layer_type === 'fc');
  if (fcs.length !== L) throw new Error(`convnetjs made ${fcs.length} fully connected layers, not ${L}`);
  fcs.forEach((fc, l) => {
    const k = sizes[l],
      m = sizes[l + 1];
    for (let j = 0; j < m; j++) {
      for (let p = 0; p < k; p++) fc.filters[j].w[p] = W[l][p * m + j];
      fc.biases.w[j] = b[l][j];
    }
  });
  const trainer = new convnetjs.Trainer(net, { method: 'sgd', learning_rate: gamma, momentum: 0, l1_decay: 0, l2_decay: 0, batch_size: N });
  const xs = Array.from({ length: N }, (_, i) => {
    const v = new convnetjs.Vol(1, 1, n0, 0);
    for (let p = 0; p < n0; p++) v.w[p] = X[i * n0 + p];
    return v;
  });
  const ys = Array.from({ length: N }, (_, i) => [Y[i]]);
  return {
    name: 'ConvNetJS 0.3.0',
    precision: 'float64',
    /** `steps` full-batch steps; the loss at the weights the last one started from. */
    run(steps) {
      let loss = NaN;
      for (let s = 0; s < steps; s++) {
        let sum = 0;
        for (let i = 0; i < N; i++) sum += trainer.train(xs[i], ys[i]).cost_loss;
        // Its regression layer passes back ŷ − y (the gradient of ½ (ŷ − y)²) but reports the
        // loss as 2 (ŷ − y)²: a quarter of it is the loss it trains on.
        loss = sum / (4 * N);
      }
      return loss;
    },
    dispose() {},
  };
}
