// Vanishing gradient through the engine (Node and browser): the per-layer gradient norms of a
// 20-layer sigmoid network and the same network with ReLU, against backpropagation written out
// here independently, the σ′ ≤ 1/4 factors and their product, and the plot at two depths.
import { expect } from 'chai';
import { checkWorkbookText } from '../../src/cli/check.ts';
import { readText } from '../helpers/files.ts';
import { expectSignificant } from '../helpers/numbers.ts';
import { flat, loadWorkbook, type LoadedWorkbook, type Values } from '../helpers/workbook.ts';

const path = 'workbooks/10-vanishing-gradient.md';
const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));

/** ‖∂E/∂Θ_l‖ for l = 1…depth, by the lecture's backpropagation, for one activation. */
function backprop(v: Values, act: 'sigmoid' | 'relu'): number[] {
  const f = act === 'sigmoid' ? sigmoid : (s: number) => Math.max(0, s);
  const df = act === 'sigmoid' ? (s: number) => sigmoid(s) * (1 - sigmoid(s)) : (s: number) => (s > 0 ? 1 : 0);
  const depth = v.number('depth'),
    theta = v.rows('Theta'),
    w = flat(v.get('w_out')),
    y = v.number('y');
  const W = (l: number) => theta.slice(4 * l - 4, 4 * l); // W[i][j]: input i to unit j
  const hs = [flat(v.get('x'))],
    ss: number[][] = [];
  for (let l = 1; l <= depth; l++) {
    const s = [0, 1, 2, 3].map((j) => W(l).reduce((a, row, i) => a + row[j] * hs[l - 1][i], 0));
    ss.push(s);
    hs.push(s.map(f));
  }
  const yhat = w.reduce((a, wi, i) => a + wi * hs[depth][i], 0);
  let dh = w.map((wi) => (yhat - y) * wi);
  const norms: number[] = [];
  for (let l = depth; l >= 1; l--) {
    const ds = dh.map((d, j) => d * df(ss[l - 1][j]));
    norms[l - 1] = Math.sqrt(hs[l - 1].reduce((a, h) => a + ds.reduce((b, d) => b + (h * d) ** 2, 0), 0));
    dh = W(l).map((row) => row.reduce((a, wij, j) => a + wij * ds[j], 0));
  }
  return norms;
}

describe('workbook 10: vanishing gradient and ReLU', () => {
  let wb: LoadedWorkbook;
  before(async () => (wb = await loadWorkbook(path)));

  it('reads with no problem, and gradsheet check passes it', async () => {
    expect(wb.plan.problems).to.deep.equal([]);
    expect(checkWorkbookText(await readText(path), path).findings).to.deep.equal([]);
  });

  it("gives each layer's gradient norm as backpropagation does, for both networks, at depth 20 and 7", () => {
    for (const depth of [20, 7]) {
      const v = wb.values({ depth });
      const G = v.rows('G');
      backprop(v, 'sigmoid').forEach((g, l) => expectSignificant(G[l][0], g, 10, `sigmoid layer ${l + 1} at depth ${depth}`));
      backprop(v, 'relu').forEach((g, l) => expectSignificant(G[l][1], g, 10, `ReLU layer ${l + 1} at depth ${depth}`));
      // The layers above depth do not reach the output: no gradient.
      expect(
        G.slice(depth)
          .flat()
          .every((g) => g === 0),
      ).to.equal(true);
    }
  });

  it('vanishes with the sigmoid (10¹⁰ from the last layer to the first), not with ReLU', () => {
    const v = wb.values();
    const G = v.rows('G');
    for (let l = 1; l < 20; l++) expect(G[l][0], `sigmoid layer ${l + 1} above layer ${l}`).to.be.above(G[l - 1][0]);
    const [sig, relu] = v.rows('ratio')[0];
    expectSignificant(sig, 3.75462e10, 6, 'sigmoid: last layer over first');
    expectSignificant(relu, 2.32637, 6, 'ReLU: last layer over first');
    const reluNorms = G.map((r) => r[1]);
    expect(Math.max(...reluNorms) / Math.min(...reluNorms)).to.be.below(100);
  });

  it("shows every σ′ at most 1/4, and the product of the layers' σ′ above each layer", () => {
    const v = wb.values();
    const dsig = flat(v.get('dsig'));
    expect(dsig).to.have.length(80);
    expect(dsig.every((d) => d > 0 && d <= 0.25)).to.equal(true);
    expectSignificant(v.number('quarter'), 0.25 ** 19, 12, '(1/4)^19');
    const means = Array.from({ length: 20 }, (_, l) => dsig.slice(4 * l, 4 * l + 4).reduce((a, d) => a + d) / 4);
    const prod = flat(v.get('sigma_prod'));
    prod.forEach((p, l) =>
      expectSignificant(
        p,
        means.slice(l + 1).reduce((a, m) => a * m, 1),
        10,
        `product above layer ${l + 1}`,
      ),
    );
    expect(prod[0]).to.be.below(v.number('quarter'));
  });

  it('plots the three lines on a log scale at depth points each', () => {
    const [plot] = wb.plots;
    expect(plot.block.yScale).to.equal('log');
    for (const depth of [20, 12]) {
      const v = wb.values({ depth });
      const layers = wb.rows(plot, v);
      expect(layers.map((l) => l.name)).to.deep.equal(['sigmoid', 'ReLU', 'σ′ factors alone']);
      expect(layers.map((l) => l.rows.length)).to.deep.equal([depth, depth, depth]);
      expect(layers[0].rows.map((r) => r.y)).to.deep.equal(
        v
          .rows('G')
          .slice(0, depth)
          .map((r) => r[0]),
      );
      expect(layers[2].rows[depth - 1].y).to.equal(layers[0].rows[depth - 1].y);
    }
  });
});
