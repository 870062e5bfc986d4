// `gradsheet new` and the command lines of `serve` and `build`, in-process (the package test,
// test/package/, runs them from an installed tarball, end to end).
import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';

function capture() {
  let text = '';
  return {
    write: (t: string) => (text += t),
    get text() {
      return text;
    },
  };
}

describe('gradsheet new, and the command lines of serve and build', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gradsheet-new-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a course whose example workbook checks clean, and whose README is not checked as a workbook', async () => {
    const out = capture();
    expect(await main(['new', path.join(dir, 'c')], out, capture())).to.equal(0);
    expect((await readdir(path.join(dir, 'c'))).sort()).to.deep.equal(['01-one-neuron.md', 'README.md']);
    expect(await readFile(path.join(dir, 'c', 'README.md'), 'utf8')).to.contain('npx gradsheet serve c');
    const checked = capture();
    expect(await main(['check', path.join(dir, 'c')], checked, capture())).to.equal(0);
    expect(checked.text).to.equal('gradsheet check: 1 workbook, 8 cells: 0 errors, 0 warnings\n');
  });

  it('writes nothing into a folder that has files in it', async () => {
    await writeFile(path.join(dir, 'mine.md'), 'mine');
    const err = capture();
    expect(await main(['new', dir], capture(), err)).to.equal(1);
    expect(err.text).to.contain('is not empty; nothing was written');
    expect(await readdir(dir)).to.deep.equal(['mine.md']);
  });

  it('answers a wrong command line with exit status 2 and says why', async () => {
    const cases: [string[], string][] = [
      [['build', dir], 'give --out DIR or --single-file FILE.html'],
      [['build', dir, '--out', 'a', '--single-file', 'b.html'], 'give --out DIR or --single-file FILE.html'],
      [['build', path.join(dir, 'none'), '--out', 'a'], 'is not a course folder'],
      [['serve', dir, '--port', 'x'], '--port x is not a port number'],
      [['serve', dir, '--watch'], 'unknown option "--watch"'],
      [['serve'], 'name one course folder'],
    ];
    for (const [argv, why] of cases) {
      const err = capture();
      expect(await main(argv, capture(), err), argv.join(' ')).to.equal(2);
      expect(err.text, argv.join(' ')).to.contain(why);
    }
  });
});
