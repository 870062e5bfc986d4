// Explain: the chain of local derivatives of a gradient entry, derived from the plan and the
// tape. On random 1–4 layer networks (fixed seed) the factors multiplied out, summed over the
// paths, equal autodiff to float64 precision; on the lecture's worked example they are the
// lecture's own factors.
import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { CellError, isCellError } from '../../src/errors.ts';
import { explainGradient, explainTarget, sumOf, sumOfPaths, type Explanation } from '../../src/grad/explain.ts';
import { shapeOf, type Value } from '../../src/formula/value.ts';
import type { CellResult, Plan } from '../../src/graph/compile.ts';

const runs = Number((globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.FC_RUNS ?? 40);
const activations = ['sigmoid', 'tanh', 'relu', 'softplus'] as const;

/** float64 precision: a handful of ulps of the largest magnitude summed (the two orders of summation differ). */
function closeInFloat64(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= 64 * Number.EPSILON * Math.max(scale, Number.MIN_VALUE);
}

const at = (v: Value, k: number) => (typeof v === 'number' ? v : v.data[k]);

interface Net {
  widths: number[];
  acts: (typeof activations)[number][];
  loss: 'mse' | 'bce';
  /** 0: none; l: loss also adds 0.01·sum(W_l .* W_l), a second path from W_l to the loss. */
  decay: number;
  numbers: number[];
}

const net = fc.record({ layers: fc.integer({ min: 1, max: 4 }), loss: fc.constantFrom('mse' as const, 'bce' as const) }).chain(({ layers, loss }) =>
  fc.record({
    widths: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: layers + 1, maxLength: layers + 1 }),
    acts: fc.array(fc.constantFrom(...activations), { minLength: layers, maxLength: layers }),
    loss: fc.constant(loss),
    decay: fc.integer({ min: 0, max: layers }),
    numbers: fc.array(fc.double({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true }), { minLength: 300, maxLength: 300 }),
  }),
);

const matrix = (rows: number, cols: number, take: () => number) =>
  '[' + Array.from({ length: rows }, () => Array.from({ length: cols }, () => take().toFixed(4)).join(', ')).join('; ') + ']';

/** x, y, W_l, b_l, s_l = W_l h_(l-1) + b_l, h_l = act(s_l), a loss, grad(loss, ·) of every W_l, b_l and of x. */
function workbook(n: Net): string {
  let k = 0;
  const take = () => n.numbers[k++ % n.numbers.length];
  const L = n.acts.length;
  const lines = [`x = ${matrix(n.widths[0], 1, take)}`];
  lines.push(`y = ${matrix(n.widths[L], 1, () => (n.loss === 'bce' ? (take() > 0 ? 1 : 0) : take()))}`);
  for (let l = 1; l <= L; l++) {
    lines.push(`W${l} = ${matrix(n.widths[l], n.widths[l - 1], take)}`, `b${l} = ${matrix(n.widths[l], 1, take)}`);
    const act = l === L && n.loss === 'bce' ? 'sigmoid' : n.acts[l - 1];
    lines.push(`s${l} = W${l} * ${l === 1 ? 'x' : `h${l - 1}`} + b${l}`, `h${l} = ${act}(s${l})`);
  }
  lines.push(`loss = ${n.loss}(h${L}, y)${n.decay ? ` + 0.01 * sum(W${n.decay} .* W${n.decay})` : ''}`);
  for (let l = 1; l <= L; l++) lines.push(`g${l} = grad(loss, W${l})`, `c${l} = grad(loss, b${l})`);
  lines.push('gx = grad(loss, x)');
  return '```cells\n' + lines.join('\n') + '\n```\n';
}

function evaluate(text: string): { plan: Plan; value: (name: string) => CellResult } {
  const { plan, results } = evaluateWorkbook(text);
  return { plan, value: (name) => results[plan.byName.get(name)!.index] };
}

function explained(e: Explanation | CellError): Explanation {
  if (isCellError(e)) throw e;
  return e;
}

describe('explain: a gradient entry by the chain of its local derivatives', () => {
  it(`multiplies out to autodiff to float64 precision on ${runs} random 1–4 layer networks (seed 20261207)`, () => {
    let entries = 0,
      merged = 0,
      sums = 0;
    fc.assert(
      fc.property(net, (n) => {
        const { plan, value } = evaluate(workbook(n));
        const loss = value('loss');
        if (isCellError(loss)) throw loss;
        const L = n.acts.length;
        const cells = [...Array.from({ length: L }, (_, k) => [`g${k + 1}`, `c${k + 1}`]).flat(), 'gx'];
        for (const cell of cells) {
          const grad = value(cell) as Value;
          const [rows, cols] = shapeOf(grad);
          for (let i = 1; i <= rows; i++) {
            for (let j = 1; j <= cols; j++) {
              const e = explained(explainGradient(plan, value, cell, i, j));
              const k = (i - 1) * cols + (j - 1);
              // The scale of the sum: the largest magnitude of any path's share or term in it.
              const scale = Math.max(
                Math.abs(e.autodiff),
                ...e.paths.map((p) => Math.abs(p.contribution)),
                ...e.paths.flatMap((p) => (p.terms ?? []).map((t) => Math.abs(t.value))),
              );
              expect(closeInFloat64(e.total, e.autodiff, scale), `${cell}[${i},${j}]: paths ${e.total}, autodiff ${e.autodiff}`).to.equal(true);
              expect(e.autodiff).to.equal(at(grad, k));
              expect(e.agrees, 'the explanation says its total agrees').to.equal(true);
              for (const p of e.paths) {
                expect(p.terms, `${cell}: the terms of a small network are listed`).to.not.equal(null);
                for (const t of p.terms!) {
                  let product = 1;
                  for (const f of [...t.factors].reverse()) product *= f;
                  expect(t.value).to.equal(product);
                  expect(t.factors).to.have.length(p.factors.length);
                }
                expect(closeInFloat64(sumOf(p.terms!), p.contribution, scale), `${cell}[${i},${j}] terms ${sumOf(p.terms!)}, path ${p.contribution}`).to.equal(
                  true,
                );
                if (p.terms!.length > 1) sums++;
              }
              if (e.paths.length > 1) merged++;
              entries++;
            }
          }
          // Every entry's paths at once: the sum of the paths' shares is autodiff's whole gradient.
          const e = explained(explainGradient(plan, value, cell, 1, 1));
          const whole = sumOfPaths(e);
          for (let k = 0; k < rows * cols; k++) {
            expect(
              closeInFloat64(at(whole, k), at(grad, k), Math.max(1e-300, ...e.paths.map((p) => Math.abs(at(p.gradient, k))))),
              `${cell} entry ${k}`,
            ).to.equal(true);
          }
        }
      }),
      { seed: 20261207, numRuns: runs },
    );
    expect(entries).to.be.above(runs * 5);
    expect(merged, 'weight decay gives W_l two paths to the loss').to.be.above(0);
    expect(sums, 'entries that reach the loss through several units (a sum of terms)').to.be.above(5);
  });

  it('gives W_l with weight decay two paths, whose shares add up', () => {
    const text = workbook({ widths: [2, 3, 1], acts: ['sigmoid', 'sigmoid'], loss: 'mse', decay: 1, numbers: [0.3, -1.2, 0.7, 1.1, -0.4, 0.9, 0.2] });
    const { plan, value } = evaluate(text);
    const e = explained(explainGradient(plan, value, 'g1', 2, 1));
    expect(e.paths.map((p) => p.cells)).to.deep.equal([
      ['W1', 's1', 'h1', 's2', 'h2', 'loss'],
      ['W1', 'loss'],
    ]);
    const W1 = value('W1') as Value;
    // The direct path: ∂(0.01·ΣW∘W)/∂W1[2,1] = 0.02·W1[2,1], derived by the tape, not written here.
    expect(e.paths[1].contribution).to.be.closeTo(0.02 * at(W1, 2), 1e-17);
    expect(e.total).to.equal(e.paths[0].contribution + e.paths[1].contribution);
  });

  it('reaches E from an input through every hidden unit: one term per unit', () => {
    const { plan } = evaluate(readFileSync(new URL('../../workbooks/07-backpropagation.md', import.meta.url), 'utf8'));
    // grad(E, x) is no cell of 07; a hand-written one is a cell with check:.
    const text = readFileSync(new URL('../../workbooks/07-backpropagation.md', import.meta.url), 'utf8') + '\n```cells\ngx = grad(E, x)\n```\n';
    const w = evaluate(text);
    const e = explained(explainGradient(w.plan, w.value, 'gx', 1, 1));
    expect(e.paths).to.have.length(1);
    const terms = e.paths[0].terms!;
    expect(terms.map((t) => t.through.find((s) => s.cell === 'h1')!.row).sort()).to.deep.equal([1, 2, 3]);
    expect(closeInFloat64(e.total, e.autodiff, Math.max(...terms.map((t) => Math.abs(t.value))))).to.equal(true);
    expect(plan.byName.has('gx')).to.equal(false);
  });

  it('explains an entry of a 60×60 weight, whose whole Jacobian is too large to show', () => {
    const { plan, value } = evaluate(
      '```cells\nW = randn(60, 60, 3) * 0.1\nv = linspace(-1, 1, 60)\ns = W * v\nh = tanh(s)\nE = sum(h .* h)\ng = grad(E, W)\n```\n',
    );
    const e = explained(explainGradient(plan, value, 'g', 17, 42));
    const [path] = e.paths;
    expect(path.factors.map((f) => f.kind)).to.deep.equal(['gradient', 'elementwise', 'entry']);
    // W[17,42] moves only s[17], by v[42]: one term.
    expect(path.terms!.map((t) => t.through.map((s) => `${s.cell}[${s.row}]`))).to.deep.equal([['h[17]', 's[17]']]);
    expect(at(path.factors[2].value!, 16)).to.equal(at(value('v') as Value, 41));
    expect(e.agrees).to.equal(true);
    expect(e.total).to.equal(e.autodiff);
  });

  describe("workbook 07's worked example", () => {
    const { plan, value } = evaluate(readFileSync(new URL('../../workbooks/07-backpropagation.md', import.meta.url), 'utf8'));
    const num = (n: string, k = 0) => at(value(n) as Value, k);

    it('explains grad(E, Theta2) and the hand-written partials with check:, and no other cell', () => {
      expect(explainTarget(plan, 'autodiff_Theta2')).to.deep.equal({ of: 'E', wrt: 'Theta2', autodiff: true });
      expect(explainTarget(plan, 'dE_dTheta2')).to.deep.equal({ of: 'E', wrt: 'Theta2', autodiff: false });
      expect(explainTarget(plan, 'dE_dTheta1')).to.deep.equal({ of: 'E', wrt: 'Theta1', autodiff: false });
      expect(explainTarget(plan, 'h1')).to.equal(null);
      expect(explainTarget(plan, 'Theta1_new')).to.equal(null);
      const refused = explainGradient(plan, value, 'h1', 1, 1) as CellError;
      expect(refused.code).to.equal('E_ARGUMENT');
    });

    it('writes ∂E/∂Θ2[3,1] as the lecture does: ∂E/∂ŷ · ∂ŷ/∂s2 · ∂s2/∂Θ2[3,1] = (ŷ − y) σ′(s2) h1[3]', () => {
      const e = explained(explainGradient(plan, value, 'autodiff_Theta2', 3, 1));
      expect(e.tex).to.equal('\\frac{\\partial E}{\\partial \\Theta_{2}[3,1]}');
      expect(e.paths).to.have.length(1);
      const [path] = e.paths;
      expect(path.cells).to.deep.equal(['Theta2', 's2', 'y_hat', 'E']);
      expect(path.factors.map((f) => [f.child, f.parent, f.kind])).to.deep.equal([
        ['E', 'y_hat', 'scalar'],
        ['y_hat', 's2', 'scalar'],
        ['s2', 'Theta2', 'entry'],
      ]);
      const yhat = num('y_hat');
      expect(path.factors[0].value).to.be.closeTo(yhat - 1, 1e-15);
      expect(path.factors[1].value).to.be.closeTo(yhat * (1 - yhat), 1e-15);
      expect(path.factors[1].derivativeTex).to.equal("\\sigma'\\left({s_{2}}\\right) = {\\hat{y}} \\odot \\left(1 - {\\hat{y}}\\right)");
      expect(path.factors[2].value).to.equal(num('h1', 2));
      expect(path.factors[2].tex).to.equal('\\frac{\\partial s_{2}}{\\partial \\Theta_{2}[3,1]}');
      expect(path.factors[0].formulaTex).to.equal('E = 0.5 \\cdot {\\left({y}-{\\hat{y}}\\right)}^{2}');
      expect(e.total).to.equal(e.autodiff);
      expect(e.total).to.be.closeTo(-0.0141591, 5e-8);
      expect(e.cellValue).to.equal(e.autodiff);
    });

    it('shows σ′(s1) = h1 ∘ (1 − h1) as a vector for ∂E/∂Θ1, and the sum through the hidden units', () => {
      const e = explained(explainGradient(plan, value, 'dE_dTheta1', 2, 3));
      const [path] = e.paths;
      expect(path.cells).to.deep.equal(['Theta1', 's1', 'h1', 's2', 'y_hat', 'E']);
      const kinds = path.factors.map((f) => f.kind);
      expect(kinds).to.deep.equal(['scalar', 'scalar', 'gradient', 'elementwise', 'entry']);
      const sigma = path.factors[3];
      expect(shapeOf(sigma.value!)).to.deep.equal([3, 1]);
      for (let k = 0; k < 3; k++) expect(at(sigma.value!, k)).to.be.closeTo(num('h1', k) * (1 - num('h1', k)), 1e-16);
      // ∂s2/∂h1 = Θ2 (shaped like h1); ∂s1/∂Θ1[2,3] moves only s1[3], by x[2].
      for (let k = 0; k < 3; k++) expect(at(path.factors[2].value!, k)).to.equal(num('Theta2', k));
      expect([0, 1, 2].map((k) => at(path.factors[4].value!, k))).to.deep.equal([0, 0, num('x', 1)]);
      // Θ1[2,3] reaches E only through the third hidden unit: one term.
      expect(path.terms!.map((t) => t.through.map((s) => `${s.cell}[${s.row},${s.col}]`))).to.deep.equal([['h1[3,1]', 's1[3,1]']]);
      expect(closeInFloat64(e.total, e.autodiff, Math.abs(e.autodiff))).to.equal(true);
      expect(e.total).to.be.closeTo(0.00772066, 5e-9);
    });

    it("shows the slide's wrong partial beside the chain: the cell's value differs from the product", () => {
      const e = explained(explainGradient(plan, value, 'dE_dTheta2_slide', 1, 1));
      expect(e.total).to.be.closeTo(-0.0697922, 5e-8);
      expect(e.cellValue).to.be.closeTo(0.017577, 5e-7);
    });

    it('refuses an entry outside W, and passes on an error of a cell it reads', () => {
      const outside = explainGradient(plan, value, 'autodiff_Theta2', 4, 1) as CellError;
      expect(outside.code).to.equal('E_INDEX');
      expect(outside.message).to.contain('Theta2 has no entry [4,1]');
      const h1Error = new CellError('E_NONFINITE', 'h1 is not finite', 'h1');
      const broken = explainGradient(plan, (n) => (n === 'h1' ? h1Error : value(n)), 'autodiff_Theta2', 1, 1);
      expect(broken).to.equal(h1Error);
      const pending = explainGradient(plan, (n) => (n === 'y_hat' ? undefined : value(n)), 'autodiff_Theta2', 1, 1) as CellError;
      expect(pending.message).to.contain('y_hat is still being computed');
    });
  });
});
