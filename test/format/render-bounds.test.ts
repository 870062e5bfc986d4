// Rendering that amplifies, bounded when a workbook is read (src/format/render-bounds.ts): each
// text the page would refuse on its own is a located problem (the page's rule, tex-bounds.ts),
// and the texts beyond the workbook's totals are refused on the spec, shown so in place and
// reported at their line. The lecture triggers none of it. Counts are asserted, never time.
import { expect } from 'chai';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { tex } from '@mdit/plugin-tex';
import { readWorkbook } from '../../src/format/read.ts';
import { boundRendering } from '../../src/format/render-bounds.ts';
import { mathSegments, texRefusal } from '../../src/format/tex-bounds.ts';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { isCellError } from '../../src/errors.ts';
import { codes } from '../../src/messages.ts';
import { limits } from '../../src/limits.ts';
import { readText } from '../helpers/files.ts';

const lecture = [
  '01-perceptron',
  '02-activation-functions',
  '03-logic-gates',
  '04-mlp-xor',
  '05-multiplication-gate',
  '06-universal-approximation',
  '07-backpropagation',
  '08-loss-functions',
  '09-gradient-descent',
  '10-vanishing-gradient',
].map((n) => `workbooks/${n}.md`);

/** The math the page's renderer (markdown-it with @mdit/plugin-tex, as components/markdown.ts) finds. */
const rendered: { tex: string; display: boolean }[] = [];
const full = new MarkdownIt('commonmark', { html: false });
full.use(tex, { delimiters: 'dollars', render: (content: string, display: boolean) => (rendered.push({ tex: content, display }), '') });
function pageMath(text: string, inline: boolean) {
  rendered.length = 0;
  if (inline) full.renderInline(text);
  else full.render(text);
  return [...rendered];
}
const found = (text: string, inline = false) => mathSegments(text, inline).map(({ tex, display }) => ({ tex, display }));

/** A \def chain: each macro is twice the one before; 859 bytes of such chains froze the page. */
function defChain(depth: number): string {
  const name = (i: number) => `\\m${String.fromCharCode(97 + i)}`;
  let s = '';
  for (let i = 0; i < depth; i++) s += `\\def${name(i)}{${i ? name(i - 1) + name(i - 1) : 'x'}}`;
  return s + name(depth - 1);
}

const problemsOf = (text: string, code?: string) => readWorkbook(text, 'w.md').problems.filter((p) => !code || p.code === code);

describe('the math of a Markdown text, found as the page renders it', () => {
  for (const file of lecture) {
    it(`finds the same $…$ and $$…$$ as markdown-it in the prose and captions of ${file}`, async () => {
      const spec = readWorkbook(await readText(file), file);
      const texts: [string, boolean][] = [
        ...spec.blocks.flatMap((b): [string, boolean][] =>
          b.kind === 'prose' ? [[b.text, false]] : b.kind === 'plot' && b.caption ? [[b.caption, true]] : [],
        ),
        ...spec.cells.flatMap((c): [string, boolean][] => (c.caption ? [[c.caption, true]] : [])),
      ];
      const segments = texts.flatMap(([t, inline]) => found(t, inline));
      expect(segments.length, 'math segments').to.be.above(3);
      for (const [t, inline] of texts) expect(found(t, inline), t).to.deep.equal(pageMath(t, inline));
    });
  }

  it('finds the same math in 3,000 generated texts (seed 12)', () => {
    const piece = fc.constantFrom(
      '$x$',
      '$',
      '$$',
      ' ',
      '\n',
      '\n\n',
      'a',
      '\\$',
      '\\\\',
      '`',
      '``',
      '`$x$`',
      '$ x$',
      '$x $',
      '$x$1',
      '2$',
      '$$\nx\n$$',
      '$$x$$',
      '> ',
      '- ',
      '    ',
      '```\n$x$\n```',
      '# $h$',
      '\\def',
      '[$a$](u)',
      '*$b$*',
      '$\\$$',
      '$a\\$b$',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.boolean(), (pieces, inline) => {
        const text = pieces.join('');
        expect(found(text, inline), JSON.stringify(text)).to.deep.equal(pageMath(text, inline));
      }),
      { seed: 12, numRuns: 3000 },
    );
  });

  it('locates each segment by its line in the text', () => {
    expect(mathSegments('Intro\n\nOne $a$ and\nthen $b$\n\n$$\nc\n$$\n\n# $d$').map((s) => [s.tex, s.line])).to.deep.equal([
      ['a', 2],
      ['b', 3],
      ['c\n', 5],
      ['d', 9],
    ]);
  });
});

describe('rendering bounds when a workbook is read', () => {
  for (const file of lecture) {
    it(`${file} triggers no rendering bound, each total under a tenth of its limit`, async () => {
      const text = await readText(file);
      const spec = readWorkbook(text, file);
      expect(spec.problems).to.deep.equal([]);
      expect(spec.blocks.some((b) => 'refused' in b) || spec.cells.some((c) => c.refused)).to.equal(false);
      const cost = boundRendering(readWorkbook(text, file), () => expect.fail('a problem'));
      expect(cost.texChars)
        .to.be.above(500)
        .and.below(limits.maxWorkbookTexLength / 10);
      expect(cost.texSymbols)
        .to.be.above(200)
        .and.below(limits.maxWorkbookTexSymbols / 10);
      expect(cost.markdownChars)
        .to.be.above(2000)
        .and.below(limits.maxWorkbookMarkdownLength / 10);
    });
  }

  it("reports a label that defines a macro at its line, with the page's own message", () => {
    const label = defChain(12);
    const text = `# T\n\n\`\`\`cells\nx = 1\n  caption: the input\n  label: ${label}\ny = 2 * x\n\`\`\`\n`;
    expect(problemsOf(text)).to.deep.equal([{ code: codes.E_FORBIDDEN, message: texRefusal(label), line: 6, col: 10, cell: 'x' }]);
    expect(texRefusal(label)).to.contain('defines a macro (\\def)');
    // The cells still compute.
    expect(evaluateWorkbook(text, 'w.md').results).to.deep.equal([1, 2]);
  });

  it('reports $…$ math in prose and captions that defines a macro or is too long, each at its line', () => {
    const long = 'x+'.repeat(limits.maxTexLength);
    const text = `# Heading $\\newcommand{\\a}{b}\\a$\n\nSome prose\nand then $\\let\\x=y$ here.\n\n$$\n${long}\n$$\n\n\`\`\`cells\nx = 1\n  caption: see $\\gdef\\q{1}$\n\`\`\`\n\n\`\`\`plot\nx: x\nline: 2 * x\ncaption: again $\\xdef\\r{2}$\n\`\`\`\n`;
    expect(problemsOf(text).map((p) => [p.line, p.col, p.code, p.message.slice(0, 40)])).to.deep.equal([
      [1, 1, codes.E_FORBIDDEN, 'This math defines a macro (\\newcommand);'],
      [4, 1, codes.E_FORBIDDEN, 'This math defines a macro (\\let); workbo'],
      [6, 1, codes.E_TOO_LONG, 'This math is 8,001 characters of TeX; th'],
      [12, 12, codes.E_FORBIDDEN, 'This math defines a macro (\\gdef); workb'],
      [18, 10, codes.E_FORBIDDEN, 'This math defines a macro (\\xdef); workb'],
    ]);
  });

  it('does not report TeX the page shows as code: a code span, a code listing, an escaped dollar', () => {
    expect(problemsOf('Write `$\\def\\a{b}$` to define, or\n\n```tex\n$\\def\\a{b}$\n```\n\nor \\$\\def\\a{b}\\$.\n')).to.deep.equal([]);
  });

  it('reports a 100 KB body at its line, once, and keeps its text', () => {
    const unit = `$${defChain(12)}$ `;
    const body = unit.repeat(Math.ceil(100_000 / unit.length));
    const spec = readWorkbook(`# Title\n\n${body}\n\n\`\`\`cells\nx = 1\n\`\`\`\n`, 'w.md');
    expect(spec.problems.map((p) => [p.line, p.code])).to.deep.equal([[1, codes.E_TOO_LONG]]);
    expect(spec.problems[0].message).to.contain(`${(body.length + 9).toLocaleString('en-US')} characters; the limit is 20,000`);
    expect(spec.blocks[0]).to.deep.include({ kind: 'prose', text: `# Title\n\n${body}` });
  });

  it("refuses the labels beyond the workbook's math, each at its line, and typesets the first ten of 80,000 symbols", () => {
    const n = 80;
    const cells = Array.from({ length: n }, (_, i) => `c${i} = ${i}\n  label: ${'x'.repeat(999)}`).join('\n');
    const text = `# Many symbols\n\n\`\`\`cells\n${cells}\nsum_all = c0 + c79\n\`\`\`\n`;
    const spec = readWorkbook(text, 'w.md');
    const refused = spec.cells.filter((c) => c.refused?.label);
    // 10 labels of 999 symbols fit in the 10,000; the other 70 are refused; the derived label of sum_all fits.
    expect(limits.maxWorkbookTexSymbols / 1000).to.equal(10);
    expect(refused.map((c) => c.name)).to.deep.equal(Array.from({ length: 70 }, (_, i) => `c${i + 10}`));
    expect(spec.cells.find((c) => c.name === 'sum_all')!.refused).to.equal(undefined);
    expect(spec.problems).to.have.length(70);
    expect(spec.problems[0]).to.deep.include({ code: codes.E_TOO_LONG, line: 5 + 2 * 10, col: 10, cell: 'c10' });
    expect(spec.problems[0].message).to.equal(refused[0].refused!.label);
    expect(spec.problems[0].message).to.contain(
      "This label is not typeset: with its 999 symbols, the workbook's math would pass its total of 20,000 characters of TeX or 10,000 symbols",
    );
    // Nothing is dropped: each label is kept as written, and every cell computes.
    expect(refused.every((c) => c.label === 'x'.repeat(999))).to.equal(true);
    const { results } = evaluateWorkbook(text, 'w.md');
    expect(results.some(isCellError)).to.equal(false);
    expect(results.at(-1)).to.equal(79);
  });

  it("refuses the prose beyond the workbook's Markdown, keeping the blocks before it and after it that fit", () => {
    const block = (k: number) => `Paragraph ${k} ${'word '.repeat(3800)}`; // 19,000 characters or so, each under 20,000
    const blocks = Array.from({ length: 6 }, (_, k) => block(k));
    const text = blocks.map((b, k) => (k ? `\`\`\`cells\nx${k} = ${k}\n\`\`\`\n\n${b}` : b)).join('\n\n') + '\n\nA short closing line.\n';
    const spec = readWorkbook(text, 'w.md');
    const prose = spec.blocks.filter((b): b is Extract<typeof b, { kind: 'prose' }> => b.kind === 'prose');
    expect(prose).to.have.length(6);
    expect(prose.map((b) => b.refused !== undefined)).to.deep.equal([false, false, false, false, false, true]);
    expect(prose[5].text).to.contain('A short closing line.');
    expect(spec.problems.map((p) => [p.line, p.code])).to.deep.equal([[prose[5].line, codes.E_TOO_LONG]]);
    expect(spec.problems[0].message).to.match(
      /^This prose is not rendered: with its 19,\d{3} characters, the workbook's prose and captions would pass their total of 100,000 characters/,
    );
  });
});
