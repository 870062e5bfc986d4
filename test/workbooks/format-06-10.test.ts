// Workbooks 6–10 are written in the format's canonical form: reading one and writing it back
// gives the same text, so a sheet saved with a student's edits differs only where they edited.
import { expect } from 'chai';
import { readWorkbook } from '../../src/format/read.ts';
import { writeWorkbook } from '../../src/format/write.ts';
import { readText } from '../helpers/files.ts';

const files = ['06-universal-approximation', '07-backpropagation', '08-loss-functions', '09-gradient-descent', '10-vanishing-gradient'];

describe('workbooks 6–10 in canonical form', () => {
  for (const file of files) {
    it(`writes workbooks/${file}.md back to the same text`, async () => {
      const text = await readText(`workbooks/${file}.md`);
      const spec = readWorkbook(text, file);
      expect(spec.problems).to.deep.equal([]);
      expect(writeWorkbook(spec)).to.equal(text);
    });
  }
});
