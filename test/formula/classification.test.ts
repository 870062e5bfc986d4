// softmax, log_softmax, argmax, one_hot and accuracy: by rows, stable, 1-based, with their
// derivatives beside them (argmax, one_hot and accuracy are flat). Node and Chromium.
import { expect } from 'chai';
import fc from 'fast-check';
import { isCellError } from '../../src/errors.ts';
import { toJSON } from '../../src/formula/value.ts';
import { evaluateWorkbook } from '../../src/workbook.ts';

const runs = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env?.FC_RUNS ?? 40);

function cells(lines: string[]) {
  const { plan, results } = evaluateWorkbook('```cells\n' + lines.join('\n') + '\n```\n', 'classify.md');
  const at = (name: string) => results[plan.byName.get(name)!.index];
  return {
    at,
    json: (name: string) => {
      const v = at(name);
      if (isCellError(v)) throw v;
      return toJSON(v);
    },
  };
}

describe('classification functions', () => {
  it('softmax is exact on [1000, 0], by rows of a matrix and over a column', () => {
    const s = cells(['Z = [1000, 0; 0, 1000; 1, 1]', 'P = softmax(Z)', 'v = softmax([1; 1; 1; 1])', 'L = log_softmax(Z)']);
    expect(s.json('P')).to.deep.equal([
      [1, 0],
      [0, 1],
      [0.5, 0.5],
    ]);
    expect(s.json('v')).to.deep.equal([[0.25], [0.25], [0.25], [0.25]]);
    expect(s.json('L')).to.deep.equal([
      [0, -1000],
      [-1000, 0],
      [-Math.LN2, -Math.LN2],
    ]);
  });

  it('argmax gives 1-based classes by rows, the first on a tie; one_hot and accuracy read them', () => {
    const s = cells([
      'Z = [0.1, 0.7, 0.2; 3, 3, 1; -1, -2, -0.5]',
      'c = argmax(Z)',
      'Y = one_hot([2; 1; 1], 3)',
      'a = accuracy(Z, Y)',
      'b = accuracy(Z, [2; 1; 3])',
      'k = argmax([4; 9; 2])',
    ]);
    expect(s.json('c')).to.deep.equal([[2], [1], [3]]);
    expect(s.json('Y')).to.deep.equal([
      [0, 1, 0],
      [1, 0, 0],
      [1, 0, 0],
    ]);
    expect(s.json('a')).to.be.closeTo(2 / 3, 1e-15);
    expect(s.json('b')).to.equal(1);
    expect(s.json('k')).to.equal(2);
  });

  it('a label outside 1..k and a count that does not match are located errors, not numbers', () => {
    const s = cells(['Y = one_hot([1; 4], 3)', 'a = accuracy([1, 2; 3, 4], [1; 2; 1])', 'h = one_hot([1.5], 2)']);
    for (const name of ['Y', 'a', 'h']) expect(isCellError(s.at(name)), name).to.equal(true);
    expect((s.at('Y') as Error).message)
      .to.contain('label 2 is 4')
      .and.contain('1 to 3');
    expect((s.at('a') as Error).message)
      .to.contain('gives 2')
      .and.contain('the second 3');
  });

  it('the gradient of cross entropy on log_softmax is (softmax − Y) / n, and argmax is flat', () => {
    const s = cells([
      'Z = [2, -1, 0.5; 0, 0, 0]',
      'Y = one_hot([3; 1], 3)',
      'E = -sum(Y .* log_softmax(Z)) / 2',
      'g = grad(E, Z)',
      'P = softmax(Z)',
      'F = sum(argmax(Z)) + sum(Z)',
      'gf = grad(F, Z)',
    ]);
    const P = s.json('P') as number[][],
      Y = s.json('Y') as number[][],
      g = s.json('g') as number[][];
    P.forEach((row, i) => row.forEach((p, j) => expect(g[i][j]).to.be.closeTo((p - Y[i][j]) / 2, 1e-15)));
    expect(s.json('gf')).to.deep.equal([
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });

  it('autodiff through softmax and log_softmax agrees with central differences (fixed seed)', () => {
    const entry = fc.double({ min: -5, max: 5, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(entry, { minLength: 32, maxLength: 32 }),
        fc.constantFrom('softmax', 'log_softmax'),
        (r, c, xs, f) => {
          const at = (i: number, j: number) => xs[(i * c + j) % xs.length];
          const Z = (di: number, dj: number, h: number) =>
            '[' +
            Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => (at(i, j) + (i === di && j === dj ? h : 0)).toFixed(17)).join(', ')).join(
              '; ',
            ) +
            ']';
          const W =
            '[' + Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => (((i * 7 + j * 3) % 5) - 2).toString()).join(', ')).join('; ') + ']';
          const E = (z: string) => cells([`Z = ${z}`, `W = ${W}`, `E = sum(W .* ${f}(Z))`, 'g = grad(E, Z)']);
          const g = E(Z(-1, -1, 0)).json('g');
          const grad = typeof g === 'number' ? [[g]] : g;
          for (let i = 0; i < r; i++)
            for (let j = 0; j < c; j++) {
              const h = 1e-5 * Math.max(1, Math.abs(at(i, j)));
              const up = E(Z(i, j, h)).json('E') as number,
                down = E(Z(i, j, -h)).json('E') as number;
              const numeric = (up - down) / (2 * h);
              expect(Math.abs(grad[i][j] - numeric), `${f} [${i},${j}]`).to.be.at.most(1e-7 + 1e-5 * Math.abs(numeric));
            }
        },
      ),
      { seed: 20261203, numRuns: runs },
    );
  });
});
