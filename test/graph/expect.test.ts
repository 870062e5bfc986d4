// What the slide says, as a reader means it: the computed number, rounded or truncated to the
// digits the slide prints, is the printed number; an explicit "± tol" overrides; a difference is
// shown with the digits it takes to see it.
import { expect } from 'chai';
import { checkWorkbookText } from '../../src/cli/check.ts';
import { formatApart } from '../../src/format/number.ts';
import { compare, printedAs, readExpectation } from '../../src/graph/expect.ts';
import { parseFormula } from '../../src/formula/parse.ts';

const value = (text: string) => parseFormula(text).literal!.value;
const verdict = (computed: string, slide: string, tolerance?: number) =>
  compare(value(computed), readExpectation({ text: slide, line: 1, col: 1, ...(tolerance !== undefined ? { tolerance } : {}) }));

describe('slide comparisons', () => {
  it('agree when the computed number rounds or truncates to the printed one', () => {
    expect(printedAs(0.625017, 0.63, 0.01)).to.equal('rounding');
    expect(printedAs(0.625017, 0.62, 0.01)).to.equal('truncation');
    expect(printedAs(0.625017, 0.61, 0.01)).to.equal(undefined);
    expect(printedAs(-0.374983, -0.37, 0.01)).to.equal('rounding');
    expect(printedAs(-0.379, -0.37, 0.01)).to.equal('truncation');
    expect(printedAs(-0.374983, -0.38, 0.01)).to.equal(undefined);
    expect(printedAs(0.0703063, 0.072, 0.001)).to.equal(undefined);
    expect(printedAs(2, 2, 1)).to.equal('rounding');
    expect(printedAs(1.5e-3, 2e-3, 1e-3)).to.equal('rounding');
  });

  it("a trained Θ2 of [−0.14; 0.58; 1.31] does not agree with the slide's [−0.2; 0.5; 1.3]", () => {
    const c = verdict('[-0.14; 0.58; 1.31]', '[-0.2; 0.5; 1.3]');
    expect(c.agrees).to.equal(false);
    expect(c.entries.map((e) => e.agrees)).to.deep.equal([false, true, true]);
    expect(c.entries.map((e) => e.by)).to.deep.equal([undefined, 'truncation', 'rounding']);
  });

  it("the lecture's verdicts: 0.625017 agrees with 0.62, 0.0703063 does not with 0.072", () => {
    expect(verdict('0.625017', '0.62').agrees).to.equal(true);
    expect(verdict('0.0703063', '0.072').agrees).to.equal(false);
    expect(verdict('[0.791; 0.917; 0.161]', '[0.79; 0.92; 0.16]').agrees).to.equal(true);
  });

  it('an explicit tolerance is the rule, whatever digits the slide prints', () => {
    const c = verdict('-0.374983', '-0.38', 0.01);
    expect(c.explicit).to.equal(true);
    expect(c.agrees).to.equal(true);
    expect(verdict('-0.374983', '-0.38', 0.001).agrees).to.equal(false);
    expect(verdict('-0.374983', '-0.38').agrees).to.equal(false);
  });

  it('a difference is printed with the digits it takes to see it', () => {
    expect(formatApart(0.2910281, 0.2910276)).to.deep.equal(['0.2910281', '0.2910276']);
    expect(formatApart(0.072, 0.0703063)).to.deep.equal(['0.072', '0.0703063']);
    expect(formatApart(1, 1 + 2 ** -52)).to.deep.equal(['1', '1.0000000000000002']);
    const report = checkWorkbookText('```cells\nx = 0.2910276\n  slide: 0.2910281 ± 1e-9\n```\n', 'digits.md');
    const message = report.findings.find((f) => f.code === 'E_SLIDE')!.message;
    expect(message).to.contain('slide 0.2910281, computed 0.2910276');
  });
});
