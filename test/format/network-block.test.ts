// The ```network block through the engine: reading it (items where they were written, located
// mistakes), compiling it against the cells (one edge per entry named as its grid names it,
// Θᵀx shapes checked, located), its numbers (gradients and δ as the sheet's, or by grad), depth,
// writing it back, `gradsheet check`, and the pure layout (no two neurons overlap).
import { expect } from 'chai';
import { readWorkbook } from '../../src/format/read.ts';
import { writeWorkbook } from '../../src/format/write.ts';
import { splitItems } from '../../src/format/network-block.ts';
import type { NetworkBlock } from '../../src/format/spec.ts';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { checkWorkbookText } from '../../src/cli/check.ts';
import { isCellError, type CellError } from '../../src/errors.ts';
import type { NetworkData } from '../../src/network/compile.ts';
import { fillFor, layoutNetwork, movedWeight, shortNumber, strokeFor } from '../../src/network/layout.ts';
import { notes, workbookPath } from '../helpers/lecture.ts';
import { readText } from '../helpers/files.ts';

const net = (body: string) => `\`\`\`network\n${body}\n\`\`\`\n`;
const cells = (body: string) => `\`\`\`cells\n${body}\n\`\`\`\n\n`;
const worked = cells(
  "x = [1.0; -0.5]\nTheta1 = [1.2, 2.1, -1.5; -0.3, -0.7, 0.3]\nTheta2 = [-0.2; 0.5; 1.3]\ns1 = Theta1' * x\nh1 = sigmoid(s1)\ns2 = Theta2' * h1\ny_hat = sigmoid(s2)\nE = 0.5 * (1 - y_hat)^2",
);

/** The diagram's numbers (or its error) for a workbook text, with the values its cells have. */
function drawn(text: string): { data: NetworkData | CellError; problems: { code: string; line: number; col: number; message: string }[] } {
  const { plan, results } = evaluateWorkbook(text);
  const [network] = plan.networks.values();
  const values = network.inputs.map((n) => results[plan.byName.get(n)!.index]);
  return { data: network.run(...values), problems: plan.problems };
}

function ok(text: string): NetworkData {
  const { data, problems } = drawn(text);
  expect(problems).to.deep.equal([]);
  if (isCellError(data)) throw data;
  return data;
}

describe('the ```network block', () => {
  it('reads its lists item by item, where each was written, a bracketed comma inside an item', () => {
    const spec = readWorkbook(net('title: Deep\nlayers: H0[:, 1], h1, y\nweights: Theta[1:4, :], w\nbias: -, b\nsums: s1, s2\nloss: E\ndepth: depth'));
    expect(spec.problems).to.deep.equal([]);
    const b = spec.blocks[0] as NetworkBlock;
    expect(b.title).to.equal('Deep');
    expect(b.layers).to.deep.equal([
      { text: 'H0[:, 1]', line: 3, col: 9 },
      { text: 'h1', line: 3, col: 19 },
      { text: 'y', line: 3, col: 23 },
    ]);
    expect(b.weights.map((w) => w.text)).to.deep.equal(['Theta[1:4, :]', 'w']);
    expect(b.bias).to.deep.equal([null, { text: 'b', line: 5, col: 10 }]);
    expect(b.loss).to.deep.equal({ text: 'E', line: 7, col: 7 });
    expect(b.depth!.text).to.equal('depth');
    expect(splitItems('grad(E, w), f(a, [1, 2])', 1, 1).map((i) => i!.text)).to.deep.equal(['grad(E, w)', 'f(a, [1, 2])']);
  });

  it('locates every mistake in the block: a line, an unknown or repeated setting, counts that disagree, none where one is needed', () => {
    const spec = readWorkbook(net('layers: x, h, y\nweights: A\nweights: B\nthing: 1\nnot a setting\nsums: s'));
    expect(spec.problems.map((p) => [p.code, p.line, p.col])).to.deep.equal([
      ['E_BLOCK', 3, 1], // 1 weight matrix for 3 layers, at the weights line
      ['E_ATTRIBUTE', 4, 1],
      ['E_ATTRIBUTE', 5, 1],
      ['E_BLOCK', 6, 1],
    ]);
    expect(spec.problems[0].message).to.contain('3 layers and 1 weight matrix');
    expect(readWorkbook(net('layers: x\nweights: -')).problems.map((p) => [p.code, p.line])).to.deep.equal([
      ['E_BLOCK', 2],
      ['E_ATTRIBUTE', 3],
    ]);
    const lengths = readWorkbook(net('layers: x, h\nweights: A\nbias: b, c'));
    expect(lengths.problems.map((p) => [p.code, p.line, p.message])).to.deep.equal([
      ['E_BLOCK', 4, '"bias" lists 2 items, but the network has 1 weight matrix: give one per matrix, "-" where there is none.'],
    ]);
    // Lists that disagree draw nothing: the diagram says the block's own problem, which is listed once.
    const { data, problems } = drawn(cells('x = [1; 2]\nW = [1; 2]') + net('layers: x, x, x\nweights: W'));
    expect(problems.map((p) => [p.code, p.line])).to.deep.equal([['E_BLOCK', 8]]);
    expect([(data as CellError).code, (data as CellError).message]).to.deep.equal(['E_BLOCK', problems[0].message]);
  });

  it('says which name is not a cell, at its column', () => {
    const { problems } = drawn(worked + net('layers: x, h1, yhat\nweights: Theta1, Theta2'));
    expect(problems.map((p) => [p.code, p.line, p.col])).to.deep.equal([['E_NAME_UNKNOWN', 13, 16]]);
    expect(problems[0].message).to.contain('yhat').and.to.contain('y_hat');
  });

  it('draws one edge per entry of each matrix, named as its grid names the entry, from unit j below to unit k above (Θᵀx)', () => {
    const data = ok(worked + net('layers: x, h1, y_hat\nweights: Theta1, Theta2'));
    expect(data.edges.length).to.equal(2 * 3 + 3 * 1);
    expect(data.layers.map((l) => l.units)).to.deep.equal([2, 3, 1]);
    const e = data.edges.find((d) => d.name === 'Theta1[2,3]')!;
    expect(e).to.deep.include({ from: [0, 1], to: [1, 2], weight: 0.3, entry: { cell: 'Theta1', row: 2, col: 3 } });
    expect(data.edges.find((d) => d.name === 'Theta2[3,1]')).to.deep.include({ from: [1, 2], to: [2, 0], weight: 1.3 });
    data.layers[1].h[0].forEach((h, k) => expect(h).to.be.closeTo(notes.h1[k][0], 1e-6));
    expect(data.gradients).to.equal(false);
    expect(data.edges.every((d) => d.gradient === undefined)).to.equal(true);
  });

  it('refuses a layer that does not have the units its weight matrix gives it, located at the layer, and matrices that do not meet', () => {
    const { data } = drawn(worked + net('layers: x, s2, y_hat\nweights: Theta1, Theta2'));
    expect(isCellError(data)).to.equal(true);
    const err = data as CellError;
    expect(err.code).to.equal('E_SHAPE');
    expect(err.loc).to.deep.equal({ line: 13, col: 12 });
    expect(err.message).to.equal(
      's2 is a scalar, but Theta1 (2×3) gives its layer 3 units: a layer is a column of 3 (one sample) or has 3 columns (one sample per row). With a bias, give it as its own cell in "bias:", not as a row of Theta1.',
    );
    const meet = drawn(worked + net('layers: x, h1, y_hat\nweights: Theta1, Theta1')).data as CellError;
    expect([meet.code, meet.loc]).to.deep.equal(['E_SHAPE', { line: 14, col: 18 }]);
    expect(meet.message).to.contain('Theta1 is 2×3 but Theta1 is 2×3');
    // gradsheet check reports it where it is, as the page does.
    const report = checkWorkbookText(worked + net('layers: x, s2, y_hat\nweights: Theta1, Theta2'), 'n.md');
    expect(report.findings.map((f) => [f.code, f.line, f.col])).to.deep.equal([['E_SHAPE', 13, 12]]);
    expect(report.findings[0].message).to.match(/^The network cannot be drawn: s2 is a scalar/);
  });

  it('shows the gradients and δ the sheet holds, and derives them from the loss by grad when not given', () => {
    const wb = evaluateWorkbook(
      worked +
        cells("dE_ds2 = (y_hat - 1) * y_hat * (1 - y_hat)\ndE_dTheta2 = dE_ds2 * h1\ndE_ds1 = (dE_ds2 * Theta2) .* h1 .* (1 - h1)\ndE_dTheta1 = x * dE_ds1'") +
        net('layers: x, h1, y_hat\nweights: Theta1, Theta2\nsums: s1, s2\ndeltas: dE_ds1, dE_ds2\ngradients: dE_dTheta1, dE_dTheta2'),
    );
    const [network] = wb.plan.networks.values();
    const given = network.run(...network.inputs.map((n) => wb.results[wb.plan.byName.get(n)!.index])) as NetworkData;
    expect(given.gradients).to.equal(true);
    const g = (data: NetworkData, name: string) => data.edges.find((e) => e.name === name)!.gradient!;
    expect(g(given, 'Theta1[2,3]')).to.equal((wb.results[wb.plan.byName.get('dE_dTheta1')!.index] as { get(i: number, j: number): number }).get(1, 2));
    notes.dE_dTheta1.forEach((row, i) => row.forEach((v, j) => expect(g(given, `Theta1[${i + 1},${j + 1}]`)).to.be.closeTo(v, 1e-7)));
    given.layers[1].delta![0].forEach((d, k) => expect(d).to.be.closeTo(notes.dE_ds1[k][0], 1e-7));
    given.layers[1].s![0].forEach((s, k) => expect(s).to.be.closeTo(notes.s1[k][0], 1e-12));
    const derived = ok(worked + net('layers: x, h1, y_hat\nweights: Theta1, Theta2\nsums: s1, s2\nloss: E'));
    notes.dE_dTheta2.forEach(([v], i) => expect(g(derived, `Theta2[${i + 1},1]`)).to.be.closeTo(v, 1e-7));
    expect(derived.layers[2].delta![0][0]).to.be.closeTo(notes.dE_ds2, 1e-7);
    // A gradient of another shape than its matrix is refused, located.
    const wrong = drawn(worked + net('layers: x, h1, y_hat\nweights: Theta1, Theta2\ngradients: Theta2, Theta2')).data as CellError;
    expect([wrong.code, wrong.loc!.line, wrong.loc!.col]).to.deep.equal(['E_SHAPE', 15, 12]);
  });

  it('draws a bias as a unit "1" with one edge per unit above it, and reads a layer holding one sample per row', () => {
    const data = ok(
      cells(
        'X = [0, 0; 1, 0; 0, 1; 1, 1]\nW1 = [1, 2; 3, 4]\nb1 = [0.5, -0.5]\nW2 = [1; -1]\nb2 = 0.25\nH1 = sigmoid(X * W1 + b1)\nYhat = sigmoid(H1 * W2 + b2)\nY = [0; 1; 1; 0]\nL = mse(Yhat, Y) / 4',
      ) + net('layers: X, H1, Yhat\nweights: W1, W2\nbias: b1, b2\nloss: L'),
    );
    expect(data.edges.length).to.equal(4 + 2 + 2 + 1);
    expect(data.samples).to.equal(4);
    expect(data.layers.map((l) => l.bias)).to.deep.equal([true, true, false]);
    expect(data.edges.find((e) => e.name === 'b1[1,2]')).to.deep.include({ from: [0, -1], to: [1, 1], weight: -0.5 });
    expect(data.edges.find((e) => e.name === 'b2')).to.deep.include({ from: [1, -1], to: [2, 0], weight: 0.25 });
    expect(data.layers[0].h).to.deep.equal([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(data.edges.every((e) => typeof e.gradient === 'number')).to.equal(true);
  });

  it('draws as many hidden layers as depth says, naming the entries of a cell whose rows hold every layer', () => {
    const text =
      cells(
        "depth = 2\nx = [1; 2]\nTheta = [1, 0; 0, 1; 2, 0; 0, 2; 3, 0; 0, 3]\nH1 = Theta[1:2, :]' * x\nH2 = Theta[3:4, :]' * H1\nH3 = Theta[5:6, :]' * H2\nw = [1; 1]\ny = w' * H2",
      ) + net('layers: x, H1, H2, H3, y\nweights: Theta[1:2, :], Theta[3:4, :], Theta[5:6, :], w\ndepth: depth');
    const data = ok(text);
    expect(data.layers.map((l) => l.label)).to.deep.equal(['x', 'H1', 'H2', 'y']);
    expect(data.edges.map((e) => e.name)).to.deep.equal([
      'Theta[1,1]',
      'Theta[1,2]',
      'Theta[2,1]',
      'Theta[2,2]',
      'Theta[3,1]',
      'Theta[3,2]',
      'Theta[4,1]',
      'Theta[4,2]',
      'w[1,1]',
      'w[2,1]',
    ]);
    expect(data.edges[4].entry).to.deep.equal({ cell: 'Theta', row: 3, col: 1 });
    const tooDeep = drawn(text.replace('depth = 2', 'depth = 4')).data as CellError;
    expect([tooDeep.code, tooDeep.message]).to.deep.equal([
      'E_ARGUMENT',
      'depth = depth is 4: it must be a whole number from 1 to 3, the hidden layers listed.',
    ]);
  });

  it('writes the block back as it reads, and the lecture workbooks draw without a problem', async () => {
    const text = net('title: T\nlayers: x, h1, y_hat\nweights: Theta1, Theta2\nbias: -, b\nsums: s1, s2\nloss: E');
    expect(writeWorkbook(readWorkbook(text))).to.equal(text);
    for (const [file, edges] of [
      [workbookPath, 9],
      ['workbooks/01-perceptron.md', 3],
      ['workbooks/04-mlp-xor.md', 9],
      ['workbooks/10-vanishing-gradient.md', 20 * 16 + 4],
    ] as const) {
      const data = ok(await readText(file));
      expect(data.edges.length, file).to.equal(edges);
    }
  });

  it('lays out the neurons in columns that never overlap, and scales strokes and fills by size and sign', () => {
    const data = ok(cells("x = [1; 2; 3; 4; 5]\nW = ones(5, 7)\nh = W' * x\nV = [1; -2; 3; 0; 1; 1; 1]\ny = V' * h") + net('layers: x, h, y\nweights: W, V'));
    for (const detail of [false, true]) {
      const layout = layoutNetwork(data, detail);
      for (const a of layout.units)
        for (const b of layout.units) {
          if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).to.be.above(2 * layout.radius + 24);
        }
      for (const u of layout.units) expect(u.y + layout.radius + 12 * 3).to.be.at.most(layout.height);
    }
    expect(strokeFor(-2, 2)).to.deep.equal({ width: 6, sign: 'negative' });
    expect(strokeFor(0, 2)).to.deep.equal({ width: 0.75, sign: 'zero' });
    expect(fillFor(0.5, 1)).to.deep.equal({ opacity: 0.48, sign: 'positive' });
    expect(shortNumber(-0.0703063)).to.equal('−0.0703');
    expect(movedWeight(0.1, 0.2)).to.equal('0.3');
  });
});
