// spec → text → spec gives the same workbook; the lecture's workbook is already canonical.
import { expect } from 'chai';
import { readWorkbook } from '../../src/format/read.ts';
import { writeWorkbook } from '../../src/format/write.ts';
import type { WorkbookSpec } from '../../src/format/spec.ts';
import { readText } from '../helpers/files.ts';

/** The spec without positions, which move when text is rewritten. */
function content(spec: WorkbookSpec) {
  return {
    title: spec.title,
    meta: spec.meta,
    blocks: spec.blocks.map((b) =>
      b.kind === 'prose'
        ? { kind: b.kind, text: b.text }
        : b.kind === 'train'
          ? { kind: b.kind, loss: b.loss, updates: b.updates.map((u) => [u.target, u.formula]), steps: b.steps, target: b.target }
          : b.kind === 'plot'
            ? { ...b, line: 0, layers: b.layers.map((l) => ({ ...l, line: 0, col: 0 })) }
            : b.kind === 'network'
              ? JSON.parse(JSON.stringify({ ...b, line: 0 }, (k, v) => (k === 'line' || k === 'col' ? 0 : v)))
              : { kind: b.kind, cells: b.cells },
    ),
    cells: spec.cells.map(({ name, formula, label, caption, slide, slider }) => ({
      name,
      formula,
      label,
      caption,
      slide: slide && { text: slide.text, tolerance: slide.tolerance, wrong: slide.wrong },
      slider: slider && { min: slider.min, max: slider.max, step: slider.step },
    })),
  };
}

describe('writing a workbook back to text', () => {
  for (const path of ['test/input/basic.md', 'workbooks/07-backpropagation.md']) {
    it(`round-trips ${path}`, async () => {
      const spec = readWorkbook(await readText(path), path);
      const again = readWorkbook(writeWorkbook(spec), path);
      expect(again.problems).to.deep.equal([]);
      expect(content(again)).to.deep.equal(content(spec));
    });
  }

  it('leaves the lecture workbook text unchanged', async () => {
    const text = await readText('workbooks/07-backpropagation.md');
    expect(writeWorkbook(readWorkbook(text))).to.equal(text);
  });

  it("writes a student's formulas in place of the workbook's", () => {
    const spec = readWorkbook('```cells\nx = 1\ny = x + 1\n```\n');
    expect(writeWorkbook(spec, new Map([['y', '2 * x']]))).to.equal('```cells\nx = 1\ny = 2 * x\n```\n');
  });
});
