// Formulas typeset beside their values: a cell's display label never runs into the command
// before it (y_XOR != t_XOR once gave "\neqt", and sum(x) "\sumx", undefined in TeX).
import { expect } from 'chai';
import katex from 'katex';
import { parse } from '../../src/formula/mathjs.ts';
import { formulaTex } from '../../src/formula/tex.ts';
import { labelFor } from '../../src/graph/names.ts';

const tex = (formula: string) => formulaTex(parse(formula), labelFor);
const renders = (t: string) => katex.renderToString(t, { throwOnError: true, output: 'mathml' });

describe('formula TeX', () => {
  it('braces cell labels, so a label after \\neq, \\sum or \\neg stays a label', () => {
    expect(tex('y_XOR != t_XOR')).to.equal('{{y}_{\\mathrm{XOR}}}\\neq{{t}_{\\mathrm{XOR}}}');
    expect(tex('sum(x)')).to.equal('\\sum {x}');
    expect(tex('not x')).to.equal('\\neg{x}');
  });

  it('typesets == as a question, ≟, so that "S = a == b" does not read "S = a = b"', () => {
    expect(tex('round(Y) == Y')).to.contain('\\overset{?}{=}');
  });

  it('gives TeX that KaTeX reads for every formula of the kind the workbooks use', () => {
    for (const f of ['y_XOR != t_XOR', 'round(Y) == Y', 'sum(wrong)', 'sum(A, 1)', 'not x', "Theta1' * x", 'a <= b', 'x1 * w1', 'mu * sigma2 * lambda^2', '[X, t, y]']) {
      expect(() => renders(tex(f)), f).to.not.throw();
    }
  });
});
