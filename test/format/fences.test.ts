// The reader finds a workbook's fenced blocks with markdown-it's block parser alone
// (src/format/fences.ts): it must find exactly the fences the whole of markdown-it finds, on
// every workbook of the repository and on generated Markdown full of lists, block quotes,
// indented code, headings and fences in every position.
import { expect } from 'chai';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { blockTokens } from '../../src/format/fences.ts';
import { readText } from '../helpers/files.ts';

const full = new MarkdownIt('commonmark', { html: false });

/** Every fence: where it is, how deep, and what it says. */
function fences(tokens: { type: string; level: number; map: [number, number] | null; info: string; content: string }[]) {
  return tokens.filter((t) => t.type === 'fence').map((t) => ({ level: t.level, map: t.map, info: t.info, content: t.content }));
}

const files = [
  ...[
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
  ].map((n) => `workbooks/${n}.md`),
  'test/input/basic.md',
  'test/input/check-errors.md',
  'test/input/format-errors.md',
  'test/input/plots.md',
  'test/input/xor.md',
  'docs/authoring.md',
  'README.md',
  'examples/course-page/one-neuron.md',
];

describe("fences: the reader's block parser against the whole of markdown-it", () => {
  for (const file of files) {
    it(`finds the same fences in ${file}`, async () => {
      const text = await readText(file);
      const found = fences(blockTokens(text));
      expect(found.length, 'fences in the file').to.be.above(0);
      expect(found).to.deep.equal(fences(full.parse(text, {})));
    });
  }

  it('finds the same fences in 3,000 generated texts (seed 8)', () => {
    // Lines that change the block structure around a fence, at every indentation that matters.
    const line = fc.oneof(
      fc.constantFrom(
        '',
        '',
        'text',
        'x = 1',
        '# heading',
        'Title',
        '===',
        '---',
        '***',
        '> quote',
        '>',
        '> ```cells',
        '    code',
        '\tcode',
        '- item',
        '* item',
        '+ item',
        '1. item',
        '2) item',
        '-',
        '- ```cells',
        '10. item',
        '  - nested',
        '   text',
        '     text',
        '```',
        '```cells',
        '~~~',
        '~~~ train',
        '````',
        '````plot',
        ' ```cells',
        '  ```',
        '   ```cells',
        '    ```cells',
        '```` ```',
        '``` x ```',
        '- > ```',
        '> - ```cells',
        '1. ```cells',
        '\t```cells',
        '  \t```',
        '<div>',
        '</div>',
        '| a | b |',
        '|---|---|',
      ),
      fc.tuple(fc.constantFrom('', ' ', '  ', '   ', '    ', '\t'), fc.constantFrom('```', '~~~', '```cells', '- ', '> ', '1. ', 'x')).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 24 }), (lines) => {
        const text = lines.join('\n');
        expect(fences(blockTokens(text)), JSON.stringify(text)).to.deep.equal(fences(full.parse(text, {})));
      }),
      { seed: 8, numRuns: 3000 },
    );
  });

  it('reads a link reference definition as a paragraph, which a fence ends as it ends a definition', () => {
    const text = '[notes]: https://example.com "the notes"\n```cells\nx = 1\n```\n';
    expect(fences(blockTokens(text))).to.deep.equal(fences(full.parse(text, {})));
    expect(fences(blockTokens(text))).to.have.length(1);
  });
});
