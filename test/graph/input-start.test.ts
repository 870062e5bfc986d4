// "input:": a cell whose formula reads no cell is computed once, then is an input holding that
// value: its own value, trained, written back as written. Node and Chromium (engine only).
import { expect } from 'chai';
import { checkWorkbookText } from '../../src/cli/check.ts';
import { isCellError } from '../../src/errors.ts';
import { toJSON } from '../../src/formula/value.ts';
import { readWorkbook } from '../../src/format/read.ts';
import { writeWorkbook } from '../../src/format/write.ts';
import { runBatch } from '../../src/train/batch.ts';
import { evaluateWorkbook } from '../../src/workbook.ts';

const text = `\`\`\`cells
W = randn(2, 3, 7) * 0.5
  input: a seeded random start
R = randn(2, 3, 7) * 0.5
x = [1; 2; 3]
E = 0.5 * sum((W * x) .^ 2)
\`\`\`

\`\`\`train
loss: E
W <- W - 0.01 * grad(E, W)
\`\`\`
`;

describe('an input that starts from a formula', () => {
  it("is an input holding its formula's value, with full-precision entries", () => {
    const { plan, results } = evaluateWorkbook(text, 'start.md');
    const W = plan.byName.get('W')!,
      R = plan.byName.get('R')!;
    expect([W.kind, R.kind]).to.deep.equal(['input', 'formula']);
    expect(toJSON(results[W.index] as never)).to.deep.equal(toJSON(results[R.index] as never));
    const entries = W.checked.literal!.entries;
    expect(entries.flat().map(Number)).to.deep.equal((toJSON(results[R.index] as never) as number[][]).flat());
    // The seeded start is the same on every machine and every version (saved edits and share
    // links of a trained W are edits of this start): pinned, to full precision.
    expect(entries).to.deep.equal([
      ['0.07098521891077832', '-0.43212651243646805', '-0.5031831620470075'],
      ['0.03544221155824426', '-0.08026466547003451', '0.21511770540803873'],
    ]);
  });

  it('trains like any input, and the workbook writes back as written', () => {
    const { plan, results } = evaluateWorkbook(text, 'start.md');
    const start = new Map(plan.cells.map((c) => [c.name, results[c.index]] as const));
    const run = runBatch(plan, [...plan.trains.values()][0], start, 20);
    expect(run.reason).to.equal('steps');
    expect(run.history[20][1]).to.be.lessThan(run.history[0][1] / 2);
    expect(writeWorkbook(readWorkbook(text, 'start.md'))).to.equal(text);
  });

  it('a start that reads a cell, or is not finite, is a located error, and dependents say so', () => {
    const r = checkWorkbookText('```cells\nx = 2\nW = ones(2) * x\n  input: start\nV = log(-1)\n  input: start\ny = W + 1\n```\n', 'bad.md');
    expect(r.findings.map((f) => [f.line, f.code, f.cell])).to.deep.equal([
      [4, 'E_ATTRIBUTE', 'W'],
      [5, 'E_NONFINITE', 'V'],
    ]);
    expect(r.findings[0].message).to.contain('cannot read x');
    const y = r.cells.find((c) => c.name === 'y')!;
    expect([y.status, y.error?.root]).to.deep.equal(['error', 'W']);
    const { plan, results } = evaluateWorkbook('```cells\nW = ones(2) * 3\n  input: start\n```\n', 'ok.md');
    expect(isCellError(results[plan.byName.get('W')!.index])).to.equal(false);
  });
});
