// Data files on the command line: `gradsheet check` reads csv("…") files from disk beside the
// .md file (regular files in its folder only), with the same E_DATA errors as the page, and
// `gradsheet build` publishes them (copied beside the pages, or written into a single file).
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { limits } from '../../src/limits.ts';

function capture() {
  let text = '';
  return {
    write: (t: string) => (text += t),
    get text() {
      return text;
    },
  };
}

const workbook = (cells: string) => `---\ntitle: Data\n---\n\n# Data\n\n\`\`\`cells\n${cells}\n\`\`\`\n`;

describe('gradsheet check and build with data files beside the workbook', function () {
  this.timeout(180_000);
  let dir: string;
  let course: string;

  async function check(...files: string[]): Promise<{ code: number; lines: string[] }> {
    const out = capture();
    const code = await main(['check', ...files.map((f) => path.join(course, f))], out, capture());
    return {
      code,
      lines: out.text
        .trim()
        .split('\n')
        .map((l) => l.replace(course + path.sep, '')),
    };
  }

  async function cells(file: string): Promise<Record<string, { value?: unknown; error?: { code: string; message: string; root: string } }>> {
    const out = capture();
    await main(['check', '--json', path.join(course, file)], out, capture());
    return Object.fromEntries(JSON.parse(out.text).files[0].cells.map((c: { name: string }) => [c.name, c]));
  }

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gradsheet-data-'));
    course = path.join(dir, 'course');
    await mkdir(path.join(course, 'data'), { recursive: true });
    await writeFile(path.join(course, 'points.csv'), '\uFEFFx1,x2,class\r\n0.5,1,1\r\n-2,3,2\r\n\r\n');
    await writeFile(path.join(course, 'data', 'more.csv'), '1,2\n3,4\n');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a CSV with a header, a BOM and CRLF beside the workbook, and one in a folder below it', async () => {
    await writeFile(path.join(course, 'a.md'), workbook('D = csv("points.csv")\nE = csv("data/more.csv")\nX = D[:, 1:2]\nt = sum(E)'));
    expect(await check('a.md')).to.deep.equal({ code: 0, lines: ['gradsheet check: 1 workbook, 4 cells: 0 errors, 0 warnings'] });
    const c = await cells('a.md');
    expect(c.D.value).to.deep.equal([
      [0.5, 1, 1],
      [-2, 3, 2],
    ]);
    expect(c.X.value).to.deep.equal([
      [0.5, 1],
      [-2, 3],
    ]);
    expect(c.t.value).to.equal(10);
  });

  it('reports a bad row at the cell, with the line and column in the file, once (not at its dependents)', async () => {
    await writeFile(path.join(course, 'bad.csv'), 'x,y\n' + '1,2\n'.repeat(15) + '3,abc\n');
    await writeFile(path.join(course, 'b.md'), workbook('D = csv("bad.csv")\nY = D * 2\nok = 3'));
    expect(await check('b.md')).to.deep.equal({
      code: 1,
      lines: [
        'b.md:8:10 E_DATA D: bad.csv line 17, column 2: "abc" is not a number. Write plain numbers such as 0.25, -3 or 1e-3 (a first line of column names is allowed).',
        'gradsheet check: 1 workbook, 3 cells: 1 error, 0 warnings',
      ],
    });
    const c = await cells('b.md');
    expect(c.Y.error).to.deep.include({ code: 'E_DATA', root: 'D' });
    expect(c.ok.value).to.equal(3);
  });

  it('refuses paths out of the folder, absolute paths and addresses without reading anything, and says a file is missing', async () => {
    await writeFile(path.join(dir, 'x.csv'), '1,2\n');
    await writeFile(
      path.join(course, 'c.md'),
      workbook(
        ['U = csv("../x.csv")', 'P = csv("/etc/passwd")', 'H = csv("http://evil/x.csv")', 'Q = csv("data:text/csv,1,2")', 'M = csv("missing.csv")'].join('\n'),
      ),
    );
    const { code, lines } = await check('c.md');
    expect(code).to.equal(1);
    expect(lines.map((l) => l.split(' is refused')[0].split(' could not')[0])).to.deep.equal([
      'c.md:8:10 E_DATA U: "../x.csv"',
      'c.md:9:10 E_DATA P: "/etc/passwd"',
      'c.md:10:10 E_DATA H: "http://evil/x.csv"',
      'c.md:11:10 E_DATA Q: "data:text/csv,1,2"',
      'c.md:12:10 E_DATA M: missing.csv',
      'gradsheet check: 1 workbook, 5 cells: 5 errors, 0 warnings',
    ]);
    expect(lines[4]).to.equal('c.md:12:10 E_DATA M: missing.csv could not be read: there is no such file beside the workbook.');
  });

  it('refuses a file over the byte limit before reading it', async () => {
    await writeFile(path.join(course, 'big.csv'), '1\n'.repeat(limits.maxDataBytes / 2 + 1));
    await writeFile(path.join(course, 'd.md'), workbook('D = csv("big.csv")'));
    expect((await check('d.md')).lines[0]).to.equal('d.md:8:10 E_DATA D: big.csv could not be read: the file is 1,000,002 bytes; the limit is 1,000,000.');
  });

  it('reads regular files in the folder only: not a FIFO, a directory, or a symbolic link out of the folder', async () => {
    execFileSync('mkfifo', [path.join(course, 'pipe.csv')]);
    await mkdir(path.join(course, 'dir.csv'));
    await writeFile(path.join(dir, 'secret.csv'), '42\n');
    await symlink(path.join(dir, 'secret.csv'), path.join(course, 'link.csv'));
    await symlink('points.csv', path.join(course, 'inside.csv'));
    await writeFile(path.join(course, 'e.md'), workbook('F = csv("pipe.csv")\nG = csv("dir.csv")\nL = csv("link.csv")\nI = csv("inside.csv")'));
    const { lines } = await check('e.md');
    expect(lines).to.deep.equal([
      'e.md:8:10 E_DATA F: pipe.csv could not be read: it is a FIFO (named pipe), not a regular file: only regular files are read as data.',
      'e.md:9:10 E_DATA G: dir.csv could not be read: it is a directory, not a regular file: only regular files are read as data.',
      "e.md:10:10 E_DATA L: link.csv could not be read: it leads outside the workbook's folder (a symbolic link?).",
      'gradsheet check: 1 workbook, 4 cells: 3 errors, 0 warnings',
    ]);
    expect((await cells('e.md')).I.value).to.deep.equal([
      [0.5, 1, 1],
      [-2, 3, 2],
    ]);
  });

  it('builds a site with each data file beside the pages, and a single file with the numbers written in', async () => {
    await writeFile(path.join(course, 'a.md'), workbook('D = csv("points.csv")\nE = csv("data/more.csv")\nt = sum(E) + sum(D)'));
    const site = path.join(dir, 'site');
    expect(await main(['build', course, '--out', site], capture(), capture())).to.equal(0);
    expect(await readFile(path.join(site, 'points.csv'), 'utf8')).to.equal('\uFEFFx1,x2,class\r\n0.5,1,1\r\n-2,3,2\r\n\r\n');
    expect(await readFile(path.join(site, 'data', 'more.csv'), 'utf8')).to.equal('1,2\n3,4\n');
    expect((await readdir(site)).sort()).to.deep.equal(['a.html', 'a.md', 'data', 'gradsheet', 'index.html', 'index.json', 'points.csv']);
    expect(await readFile(path.join(site, 'a.html'), 'utf8')).to.contain('<td>15.5</td>');

    const single = path.join(dir, 'one.html');
    expect(await main(['build', course, '--single-file', single], capture(), capture())).to.equal(0);
    const html = await readFile(single, 'utf8');
    const src = /<gs-workbook src="data:text\/markdown;charset=utf-8;base64,([^"]+)"/.exec(html)![1];
    const text = Buffer.from(src, 'base64').toString('utf8');
    expect(text).to.contain('D = [0.5, 1, 1; -2, 3, 2]\n');
    expect(text).to.contain('E = [1, 2; 3, 4]\n');
    expect(text).to.not.contain('csv(');
  });

  it('builds nothing when a data file cannot be read', async () => {
    await writeFile(path.join(course, 'a.md'), workbook('D = csv("missing.csv")'));
    const err = capture();
    expect(await main(['build', course, '--out', path.join(dir, 'site')], capture(), err)).to.equal(1);
    expect(err.text).to.contain('a.md:8:10 E_DATA D: missing.csv could not be read');
    expect(await readdir(dir)).to.deep.equal(['course']);
  });
});
