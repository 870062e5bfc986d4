// A workbook's sections (src/format/sections.ts): one per `## heading`, the slides of present
// mode and the pages of a printed handout. A heading in the middle of a prose block cuts it
// there; a `## ` line in a code listing, a `###` heading or a `##` inside a list does not; a
// prose block refused as a whole stays whole; nothing of the text is lost or repeated.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { readWorkbook } from '../../src/format/read.ts';
import { sections } from '../../src/format/sections.ts';
import type { Block } from '../../src/format/spec.ts';

const read = (text: string) => readWorkbook(text, 'w.md');
const kinds = (blocks: Block[]) => blocks.map((b) => (b.kind === 'prose' ? `prose:${b.text.trim().split('\n')[0]}` : b.kind));

describe('the sections of a workbook', () => {
  it('cuts at each ## heading, also in the middle of a prose block, and keeps the cells in their section', () => {
    const spec = read('# Title\n\nIntro.\n\n## One\n\nFirst.\n\n```cells\nx = 1\n```\n\nMore of one.\n\n## Two\n\nSecond.\n\n```cells\ny = 2 * x\n```\n');
    const got = sections(spec.blocks);
    expect(got.map((s) => s.heading)).to.deep.equal([undefined, 'One', 'Two']);
    expect(got.map((s) => kinds(s.blocks))).to.deep.equal([['prose:# Title'], ['prose:## One', 'cells', 'prose:More of one.'], ['prose:## Two', 'cells']]);
    // Every line of prose is in exactly one part, and each part knows its first line.
    const prose = got.flatMap((s) => s.blocks).filter((b): b is Extract<Block, { kind: 'prose' }> => b.kind === 'prose');
    const original = spec.blocks.filter((b): b is Extract<Block, { kind: 'prose' }> => b.kind === 'prose');
    expect(
      prose
        .map((b) => b.text)
        .join('\n')
        .replace(/\n+/g, '\n')
        .trim(),
    ).to.equal(
      original
        .map((b) => b.text)
        .join('\n')
        .replace(/\n+/g, '\n')
        .trim(),
    );
    expect(prose.find((b) => b.text.startsWith('## One'))!.line).to.equal(5);
  });

  it('does not cut at a ## line in a code listing, at ###, or at ## inside a list or a quote', () => {
    const spec = read('# T\n\n## Real\n\n```python\n## not a heading\n```\n\n### Smaller\n\n- item\n\n  ## in a list\n\n> ## quoted\n');
    const got = sections(spec.blocks);
    expect(got.map((s) => s.heading)).to.deep.equal([undefined, 'Real']);
  });

  it('has no empty first section when the workbook opens with a ## heading, and one section without any', () => {
    expect(sections(read('## First\n\nText.\n\n```cells\nx = 1\n```\n').blocks).map((s) => s.heading)).to.deep.equal(['First']);
    expect(sections(read('# Only a title\n\n```cells\nx = 1\n```\n').blocks)).to.have.length(1);
  });

  it('keeps a prose block too long to render whole, refused as before', () => {
    const long = `# Long\n\n${'word '.repeat(4500)}\n\n## Inside\n\n${'more '.repeat(100)}`;
    const spec = read(`${long}\n\n\`\`\`cells\nx = 1\n\`\`\`\n`);
    const got = sections(spec.blocks);
    expect(got).to.have.length(1);
    expect(got[0].blocks[0]).to.equal(spec.blocks[0]);
  });

  it('gives every lecture workbook one section per ## heading of its file', () => {
    for (const n of ['01-perceptron', '03-logic-gates', '05-multiplication-gate', '07-backpropagation', '10-vanishing-gradient']) {
      const text = readFileSync(`workbooks/${n}.md`, 'utf8');
      const headings = [...text.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
      expect(
        sections(read(text).blocks).map((s) => s.heading),
        n,
      ).to.deep.equal([undefined, ...headings]);
    }
  });
});
