// Formulas typeset beside their values: a cell's display label never runs into the command
// before it (y_XOR != t_XOR once gave "\neqt", and sum(x) "\sumx", undefined in TeX).
import { expect } from 'chai';
import katex from 'katex';
import { parse } from '../../src/formula/mathjs.ts';
import { formulaTex } from '../../src/formula/tex.ts';
import { functions } from '../../src/formula/functions.ts';
import { labelFor } from '../../src/graph/names.ts';

const tex = (formula: string) => formulaTex(parse(formula), labelFor);
const renders = (t: string) => katex.renderToString(t, { throwOnError: true, output: 'mathml' });

describe('formula TeX', () => {
  it('writes every function of the table with its TeX commands intact (a lost backslash shows as letters)', () => {
    const lost: string[] = [];
    for (const [name, op] of functions) {
      const args = Array.from({ length: Math.max(1, op.arity[0]) }, (_, k) => `x${k + 1}`).join(', ');
      let t: string;
      try {
        t = tex(`${name}(${args})`);
      } catch {
        continue; // a function that does not typeset with plain arguments is another test's business
      }
      if (/(^|[^\\a-zA-Z])(operatorname|mathrm|frac|left|right|log|exp|sum|text)\b/.test(t)) lost.push(`${name}: ${t}`);
    }
    expect(lost).to.deep.equal([]);
  });

  it('braces cell labels, so a label after \\neq, \\sum or \\neg stays a label', () => {
    expect(tex('y_XOR != t_XOR')).to.equal('{{y}_{\\mathrm{XOR}}}\\neq{{t}_{\\mathrm{XOR}}}');
    expect(tex('sum(x)')).to.equal('\\sum {x}');
    expect(tex('not x')).to.equal('\\neg{x}');
  });

  it('typesets == as the Iverson bracket [a = b], so that "S = a == b" does not read "S = a = b"', () => {
    expect(tex('round(Y) == Y')).to.equal('\\left[\\operatorname{round}\\left({Y}\\right) = {Y}\\right]');
    expect(tex('sum(round(Y) == Y)')).to.equal('\\sum \\left[\\operatorname{round}\\left({Y}\\right) = {Y}\\right]');
    expect(tex('round(Y) == Y')).to.not.contain('?');
  });

  it('typesets == in a condition as the lecture writes a case: "if ‖w‖ = 0", and "and" as ∧', () => {
    const t = tex('norm(w) == 0 ? 0 : 1 / norm(w)');
    expect(t).to.contain('{\\text{if }\\;\\left\\lVert {w} \\right\\rVert = 0}');
    expect(t).to.contain('\\frac{1}{\\left\\lVert {w} \\right\\rVert}');
    expect(tex('(w1 == 0 and w2 == 0) ? 0 : 1')).to.contain('\\text{if }\\;{w_{1}} = 0 \\wedge {w_{2}} = 0}');
  });

  it('writes a long or tall fraction a / b, and a short one stacked', () => {
    expect(tex('a / b')).to.equal('\\frac{{a}}{{b}}');
    // 06: the numerator holds a 2-row block matrix, cramped and small when stacked.
    const long = tex("mse(Theta2' * [tanh(Theta1' * X); ones(1, 50)], T[1, :]) / 50");
    expect(long).to.not.contain('\\frac');
    expect(long).to.match(/\\end\{bmatrix\}.* \/ 50$/);
    expect(tex('(a / b) / c')).to.equal('\\left(\\frac{{a}}{{b}}\\right) / {c}');
  });

  it('gives TeX that KaTeX reads for every formula of the kind the workbooks use', () => {
    for (const f of [
      'y_XOR != t_XOR',
      'round(Y) == Y',
      "norm(w) == 0 and b == 0 ? zeros(2, 2) : -b * w / (w' * w)",
      "mse(Theta2' * [tanh(Theta1' * X); ones(1, 50)], T[1, :]) / 50",
      'sum(wrong)',
      'sum(A, 1)',
      'not x',
      "Theta1' * x",
      'a <= b',
      'x1 * w1',
      'mu * sigma2 * lambda^2',
      '[X, t, y]',
    ]) {
      expect(() => renders(tex(f)), f).to.not.throw();
    }
  });
});
