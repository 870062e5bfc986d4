// `gradsheet check` takes one step of every train block, writing nothing, so that what Step
// would fail on is reported by the check, at the block's line, not first by the page.
import { expect } from 'chai';
import { checkWorkbookText } from '../../src/cli/check.ts';

const workbook = (train: string) => `\`\`\`cells
W = [1, 2; 3, 4]
x = [1; 1]
E = W * x
F = sum(W)
\`\`\`

\`\`\`train
${train}
\`\`\`
`;

describe('gradsheet check on train blocks', () => {
  it('reports a loss that is not a number at the loss line', () => {
    const r = checkWorkbookText(workbook('loss: E\nW <- W - 0.1 * W'), 'loss.md');
    expect(r.ok).to.equal(false);
    const f = r.findings.find((x) => x.code === 'E_SHAPE')!;
    expect([f.line, f.col, f.cell]).to.deep.equal([9, 1, 'E']);
    expect(f.message).to.contain('first training step would fail').and.contain('2×1');
  });

  it("reports an update that changes a weight's shape at its rule", () => {
    const r = checkWorkbookText(workbook('loss: F\nsteps: 3\nW <- [1, 2]'), 'shape.md');
    const f = r.findings.find((x) => x.code === 'E_SHAPE')!;
    expect([f.line, f.cell]).to.deep.equal([11, 'W']);
    expect(f.message).to.contain('1×2').and.contain('2×2');
  });

  it('reports an update that is not finite, and passes a block that trains', () => {
    const bad = checkWorkbookText(workbook('loss: F\nW <- W / 0'), 'nan.md');
    expect(bad.findings.map((x) => x.code)).to.include('E_NONFINITE');
    const good = checkWorkbookText(workbook('loss: F\nW <- W - 0.1 * grad(F, W)'), 'good.md');
    expect(good.ok, JSON.stringify(good.findings)).to.equal(true);
    // Nothing was written: the report's W is the workbook's own.
    expect(good.cells.find((c) => c.name === 'W')!.value).to.deep.equal([
      [1, 2],
      [3, 4],
    ]);
  });
});
