// Golden files: test/input/<case>.md → test/golden/<case>.json, the spec the reader produces and
// every problem that reading and checking find, with line:col. Regenerate with
// UPDATE_GOLDEN=1 npm test -- --node (never when CI=true); review the diff like code.
import { expect } from 'chai';
import { readWorkbook } from '../../src/format/read.ts';
import { checkWorkbook } from '../../src/graph/check.ts';
import { readText, writeText } from '../helpers/files.ts';
import { updatingGolden as updating } from '../helpers/golden.ts';

const cases = ['basic', 'format-errors', 'check-errors', 'crlf-bom', 'empty'];

function snapshot(text: string, name: string): string {
  const spec = readWorkbook(text, `${name}.md`);
  const { problems } = checkWorkbook(spec);
  return JSON.stringify({ spec, problems }, null, 2) + '\n';
}

describe('golden files for the workbook format', () => {
  for (const name of cases) {
    it(`reads test/input/${name}.md as test/golden/${name}.json`, async () => {
      const actual = snapshot(await readText(`test/input/${name}.md`), name);
      if (updating) await writeText(`test/golden/${name}.json`, actual);
      const expected = await readText(`test/golden/${name}.json`);
      expect(JSON.parse(actual)).to.deep.equal(JSON.parse(expected));
    });
  }
});
