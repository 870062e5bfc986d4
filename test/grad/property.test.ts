// Property: for random small networks, autodiff agrees with central finite differences within
// float64 tolerances (GUIDE §5: h = 1e-5·max(1, |x|), rtol 1e-5, atol 1e-7). Fixed seed; raise
// the number of runs with FC_RUNS for a long run.
import { expect } from 'chai';
import fc from 'fast-check';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { runChecks } from '../../src/graph/run.ts';
import { isCellError } from '../../src/errors.ts';
import { agrees, type GradCheck } from '../../src/grad/check.ts';
import { toJSON, type Value } from '../../src/formula/value.ts';

const runs = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env?.FC_RUNS ?? 60);
const activations = ['sigmoid', 'tanh', 'relu', 'softplus'] as const;

interface Net {
  widths: number[];
  acts: (typeof activations)[number][];
  loss: 'mse' | 'bce';
  numbers: number[];
}

const net = fc
  .record({
    layers: fc.integer({ min: 1, max: 4 }),
    loss: fc.constantFrom('mse' as const, 'bce' as const),
  })
  .chain(({ layers, loss }) =>
    fc.record({
      widths: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: layers + 1, maxLength: layers + 1 }),
      acts: fc.array(fc.constantFrom(...activations), { minLength: layers, maxLength: layers }),
      loss: fc.constant(loss),
      numbers: fc.array(fc.double({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true }), { minLength: 400, maxLength: 400 }),
    }),
  );

const matrix = (rows: number, cols: number, take: () => number) =>
  '[' + Array.from({ length: rows }, () => Array.from({ length: cols }, () => take().toFixed(4)).join(', ')).join('; ') + ']';

/** The network as a workbook: x, y, W_l, b_l, s_l = W_l h_(l-1) + b_l, h_l = act(s_l), loss, and a gradient check per W_l. */
function workbook(n: Net): string {
  let k = 0;
  const take = () => n.numbers[k++ % n.numbers.length];
  const L = n.acts.length;
  const out = n.widths[L];
  const lines = [`x = ${matrix(n.widths[0], 1, take)}`];
  lines.push(`y = ${matrix(out, 1, () => (n.loss === 'bce' ? (take() > 0 ? 1 : 0) : take()))}`);
  for (let l = 1; l <= L; l++) {
    lines.push(`W${l} = ${matrix(n.widths[l], n.widths[l - 1], take)}`, `b${l} = ${matrix(n.widths[l], 1, take)}`);
    const act = l === L && n.loss === 'bce' ? 'sigmoid' : n.acts[l - 1];
    lines.push(`s${l} = W${l} * ${l === 1 ? 'x' : `h${l - 1}`} + b${l}`, `h${l} = ${act}(s${l})`);
  }
  lines.push(`loss = ${n.loss}(h${L}, y)`);
  for (let l = 1; l <= L; l++) lines.push(`g${l} = grad(loss, W${l})`, `  check: grad(loss, W${l})`, `c${l} = grad(loss, b${l})`, `  check: grad(loss, b${l})`);
  return '```cells\n' + lines.join('\n') + '\n```\n';
}

describe('autodiff against central differences on random networks', () => {
  it(`agrees for ${runs} random 1–4 layer networks (seed 20261128)`, () => {
    let checked = 0;
    fc.assert(
      fc.property(net, (n) => {
        const { plan, results } = evaluateWorkbook(workbook(n));
        const value = (name: string) => results[plan.byName.get(name)!.index];
        // ReLU only away from its kink, where finite differences are meaningful.
        for (let l = 1; l <= n.acts.length; l++) {
          if (n.acts[l - 1] !== 'relu') continue;
          const s = value(`s${l}`);
          if (isCellError(s)) return;
          const entries = [toJSON(s as Value)].flat(2) as number[];
          fc.pre(entries.every((v) => Math.abs(v) > 0.01));
        }
        const loss = value('loss');
        if (isCellError(loss)) throw loss;
        for (const [, c] of runChecks(plan, results)) {
          if (isCellError(c)) throw c;
          const check = c as GradCheck;
          expect(check.pass, 'the gradient check of autodiff against itself').to.equal(true);
          for (const e of check.entries) {
            expect(agrees(e.numeric!, e.autodiff), `${check.wrt}[${e.row},${e.col}]: autodiff ${e.autodiff}, central difference ${e.numeric}`).to.equal(true);
          }
        }
        checked++;
      }),
      { seed: 20261128, numRuns: runs },
    );
    expect(checked).to.be.above(runs / 2);
  });
});
