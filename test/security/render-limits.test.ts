// Rendering that amplifies (issue 12): a short text must not become a huge piece of math.
// Macro definitions are refused, each TeX string and each Markdown text is bounded, and what
// is refused says so in place. Counts and outputs are asserted, never time.
import { expect } from 'chai';
import { markdownToHTML } from '../../components/markdown.ts';
import { texToHTML } from '../../components/tex.ts';
import { limits } from '../../src/limits.ts';

/** A \def chain: each macro is twice the one before; 859 bytes of such chains froze the page. */
function defChain(command: string, depth: number): string {
  const name = (i: number) => `\\m${String.fromCharCode(97 + i)}`;
  let tex = '';
  for (let i = 0; i < depth; i++) tex += `${command}${name(i)}{${i ? name(i - 1) + name(i - 1) : 'x'}}`;
  return tex + name(depth - 1);
}

describe('TeX that would amplify', () => {
  for (const command of ['\\def', '\\gdef', '\\edef', '\\xdef', '\\let', '\\global\\def', '\\newcommand', '\\renewcommand']) {
    it(`refuses a macro definition with ${command}, saying so in place`, () => {
      const html = texToHTML(defChain(command, 12));
      expect(html).to.contain('gs-tex-refused');
      expect(html).to.contain('defines a macro');
      expect(html).not.to.contain('<math');
    });
  }

  it('refuses a \\def chain inside prose and renders the rest of the text', () => {
    const html = markdownToHTML(`Before $${defChain('\\def', 12)}$ after $x^2$.`);
    expect(html.match(/gs-tex-refused/g)).to.have.length(1);
    expect(html).to.contain('Before').and.to.contain('after');
    expect(html.match(/<math/g)).to.have.length(1);
  });

  it('refuses TeX longer than the limit before typesetting it', () => {
    const html = texToHTML('x+'.repeat(limits.maxTexLength));
    expect(html).to.contain('gs-tex-refused');
    expect(html).to.contain((limits.maxTexLength * 2).toLocaleString('en-US'));
  });

  it('refuses math with more symbols than can be laid out, though its source is short enough', () => {
    const tex = 'x'.repeat(limits.maxTexSymbols + 1);
    expect(tex.length).to.be.at.most(limits.maxTexLength);
    const html = texToHTML(tex);
    expect(html).to.contain('gs-tex-refused');
    expect(html).to.contain('symbols');
  });

  it('still typesets a lecture formula, and names such as \\delta or \\left that begin like a refused command', () => {
    for (const tex of ["\\delta_{1} = \\left(\\hat{y} - y\\right) \\odot \\sigma'(z)", '\\Theta_{1}^{\\top}', '\\leftarrow \\lettertwo']) {
      expect(texToHTML(tex)).to.contain('<math');
    }
  });
});

describe('Markdown that would amplify', () => {
  it('refuses a body longer than the limit in place, in bounded output', () => {
    const body = `$${defChain('\\def', 12)}$ `.repeat(Math.ceil(100_000 / 200));
    expect(body.length).to.be.above(limits.maxMarkdownLength);
    const html = markdownToHTML(body);
    expect(html).to.contain('gs-markdown-refused');
    expect(html.length).to.be.below(1000);
  });

  it('renders a body of many refused definitions with one short note each', () => {
    const body = `$${defChain('\\def', 12)}$ `.repeat(50);
    const html = markdownToHTML(body);
    expect(html.match(/gs-tex-refused/g)).to.have.length(50);
    expect(html.length).to.be.below(50 * 300);
  });
});
