// Block matrices typeset as written: [a, b] is a row and [a; b] a column (mathjs alone would
// typeset a flat [a, b] as a column, turning the data matrix [x, 1] on its side), and a bare `:`
// in an index stays `:` rather than mathjs's reading of it, 1:end.
import { expect } from 'chai';
import { parseFormula } from '../../src/formula/parse.ts';
import { formulaTex } from '../../src/formula/tex.ts';

const tex = (formula: string) => formulaTex(parseFormula(formula).node, () => undefined).replace(/\s+/g, '');

describe('formula TeX of matrices and indices', () => {
  it('typesets [a, b] as one row and [a; b] as one column', () => {
    expect(tex('[x, ones(50, 1)]')).to.match(/^\\begin\{bmatrix\}x&.*ones.*\\end\{bmatrix\}$/);
    expect(tex('[x, ones(50, 1)]')).to.not.contain('\\\\');
    expect(tex('[h1; 1]')).to.equal('\\begin{bmatrix}h1\\\\1\\end{bmatrix}');
    expect(tex('[1, 2; 3, 4]')).to.equal('\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}');
  });

  it('writes a whole row or column of an index as :, and keeps any other range', () => {
    expect(tex('T[:, 1]')).to.match(/_\{:,1\}$/);
    expect(tex('X[2, :]')).to.match(/_\{2,:\}$/);
    expect(tex('X[2:end, 1]')).to.match(/_\{2:end,1\}$/);
  });
});
