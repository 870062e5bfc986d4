// Golden `gradsheet check --json` outputs: every workbook of the lecture and every error fixture
// of test/input/cli, checked as a course's CI checks them (the command's own entry point, with
// paths relative to the repository), compared with test/golden/check/… text for text. Any change
// in a value, a status, a message, a location or the JSON's layout fails; a change meant to happen
// is written with UPDATE_GOLDEN=1 npm test -- --node and reviewed as a diff.
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import { expectGolden } from '../helpers/golden.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const markdownIn = (folder: string) =>
  readdirSync(new URL(folder, new URL('../../', import.meta.url)))
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => `${folder}/${f}`);

const cases = [...markdownIn('workbooks'), ...markdownIn('test/input/cli')];

/** The command's exit status and what it printed, run from the repository's root on a relative path. */
async function checkJson(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '',
    stderr = '';
  const code = await main(['check', '--json', file], { write: (t: string) => (stdout += t) }, { write: (t: string) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('gradsheet check --json golden outputs', () => {
  before(() => {
    // The report names each file as it was given: relative to where the command runs.
    expect(process.cwd() + '/', 'the tests run from the repository root').to.equal(root);
  });

  it('covers the lecture and the error fixtures', () => {
    expect(cases.filter((c) => c.startsWith('workbooks/')).length, 'lecture workbooks').to.be.at.least(11);
    expect(cases, 'error fixtures').to.include.members(['test/input/cli/syntax-error.md', 'test/input/cli/unknown-name.md', 'test/input/cli/failed-check.md']);
  });

  for (const file of cases) {
    const golden = `test/golden/check/${file.replace(/^test\/input\//, '').replace(/\.md$/, '.json')}`;
    it(`prints ${golden} for ${file}`, async () => {
      const { code, stdout, stderr } = await checkJson(file);
      expect(stderr, 'nothing on stderr').to.equal('');
      const report = JSON.parse(stdout) as { ok: boolean; files: { file: string }[] };
      expect(
        report.files.map((f) => f.file),
        'the file named as given',
      ).to.deep.equal([file]);
      expect(code, 'exit status 0 exactly when ok').to.equal(report.ok ? 0 : 1);
      expect(stdout, 'no absolute path').to.not.contain(root);
      await expectGolden(golden, stdout);
    });
  }
});
