// Files: empty, binary, huge, HTML, non-UTF-8, CRLF with a BOM, and malformed workbook files
// each give a located problem with a code, and whatever can still be read is read.
import { expect } from 'chai';
import { readWorkbook } from '../../src/format/read.ts';
import { planWorkbook } from '../../src/workbook.ts';
import { hostileFiles } from './hostile-files.ts';
import { guardGlobalState } from './invariants.ts';

guardGlobalState();

describe('hostile workbook files, read', () => {
  for (const file of hostileFiles) {
    it(`locates the problem with ${file.what}`, () => {
      const text = new TextDecoder().decode(file.bytes()); // as fetch's response.text() decodes it
      const spec = readWorkbook(text, 'hostile.md');
      const problems = planWorkbook(spec).problems;
      const { code, line, col, says } = file.expected;
      const found = problems.find((p) => p.code === code);
      expect(found, JSON.stringify(problems)).to.not.equal(undefined);
      expect([found!.line, found!.col]).to.deep.equal([line, col]);
      expect(found!.message).to.contain(says);
      expect(spec.cells.map((c) => c.name)).to.deep.equal(file.cells ?? []);
    });
  }

  it('reads a file with CRLF line ends and a BOM exactly as the same file with LF', () => {
    const lf = '# Title\n\n```cells\nx = [1; 2]\ny = 2 * x\n```\n';
    const crlf = '\uFEFF' + lf.replace(/\n/g, '\r\n');
    expect(readWorkbook(crlf, 'w.md')).to.deep.equal(readWorkbook(lf, 'w.md'));
  });
});
