// `npx gradsheet check` on workbooks 6–10 together, as a course's CI runs it: it exits 0, and the
// only findings are the worked example's slide errors and wrong derivation, which it marks.
import { expect } from 'chai';
import { npxGradsheet } from '../helpers/cli.ts';

const files = ['06-universal-approximation.md', '07-backpropagation.md', '08-loss-functions.md', '09-gradient-descent.md', '10-vanishing-gradient.md'];

describe('npx gradsheet check on workbooks 6–10', () => {
  it("exits 0, with no finding but those workbook 7 marks as the slides' own mistakes", async () => {
    const { code, stdout, stderr } = await npxGradsheet('check', ...files.map((f) => `workbooks/${f}`));
    expect(code, stdout + stderr).to.equal(0);
    const lines = stdout.trim().split('\n');
    const findings = lines.slice(0, -1).map((l) =>
      l
        .split(' ')
        .slice(0, 3)
        .join(' ')
        .replace(/:\d+:\d+ /, ' ')
        .replace(/:$/, ''),
    );
    expect(findings).to.deep.equal([
      'workbooks/07-backpropagation.md W_SLIDE_WRONG Theta1',
      'workbooks/07-backpropagation.md W_SLIDE_WRONG E',
      'workbooks/07-backpropagation.md W_SLIDE_WRONG dE_dTheta2',
      'workbooks/07-backpropagation.md W_CHECK_FAILS dE_dTheta2_slide',
      'workbooks/07-backpropagation.md W_SLIDE_WRONG Theta2_new',
    ]);
    expect(lines[lines.length - 1]).to.match(/^gradsheet check: 5 workbooks, \d+ cells: 0 errors, 5 warnings$/);
  });
});
