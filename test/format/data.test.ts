// Data files (csv("points.csv")) through the engine, Node and browser alike: what a CSV text
// must be, which paths are refused before anything is read, and that every failure is an E_DATA
// error in the cell that reads the file, never an empty or different matrix.
import { expect } from 'chai';
import { dataFiles, dataURL, readCsv, refusedPath, withData } from '../../src/format/data.ts';
import { checkWorkbook } from '../../src/graph/check.ts';
import { readWorkbook } from '../../src/format/read.ts';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { isCellError } from '../../src/errors.ts';
import { toJSON, type Value } from '../../src/formula/value.ts';
import { limits } from '../../src/limits.ts';

const workbook = (cells: string) => `# Data\n\n\`\`\`cells\n${cells}\n\`\`\`\n`;

/** Every cell's value (plain JSON) or error, with `data` as the files' texts. */
function evaluate(cells: string, data: Record<string, string | Error>) {
  const { plan, results } = evaluateWorkbook(workbook(cells), 'w.md', new Map(Object.entries(data)));
  const out: Record<string, unknown> = {};
  plan.cells.forEach((c, i) => {
    const r = results[i];
    out[c.name] = isCellError(r) ? { code: r.code, message: r.message, root: r.root, loc: r.loc } : toJSON(r as Value);
  });
  return out;
}

describe('a data file read as CSV', () => {
  it('reads rows of numbers into a matrix, one row per line', () => {
    expect(readCsv('1,2,3\n4.5,-6,1e-3\n', 'p.csv')).to.deep.equal({
      rows: [
        [1, 2, 3],
        [4.5, -6, 0.001],
      ],
    });
  });

  it('skips a first line of column names and keeps them', () => {
    expect(readCsv('x1, x2,"class"\n0.5,1,2\n', 'p.csv')).to.deep.equal({ rows: [[0.5, 1, 2]], header: ['x1', 'x2', 'class'] });
  });

  it('reads CRLF line ends, a byte-order mark, spaces around values and blank lines at the end', () => {
    expect(readCsv('\uFEFFa,b\r\n 1 , 2\r\n3,4\r\n\r\n\n', 'p.csv')).to.deep.equal({
      rows: [
        [1, 2],
        [3, 4],
      ],
      header: ['a', 'b'],
    });
  });

  it('names the line and the column of a value that is not a number', () => {
    const rows = Array.from({ length: 15 }, (_, i) => `${i},${i},1`);
    const text = ['x,y,c', ...rows, '1,2,abc', '3,4,1'].join('\n');
    expect(readCsv(text, 'data.csv')).to.deep.equal({
      error: 'data.csv line 17, column 3: "abc" is not a number. Write plain numbers such as 0.25, -3 or 1e-3 (a first line of column names is allowed).',
    });
  });

  it('refuses NaN, Infinity, 1e400, hex, quoted numbers and empty values, each at its place', () => {
    const at = (text: string) => (readCsv(text, 'd.csv') as { error: string }).error.split(':')[0];
    expect(at('1,2\n3,NaN\n')).to.equal('d.csv line 2, column 2');
    expect(at('1,Infinity\n')).to.equal('d.csv line 1, column 2');
    expect(at('1,2\n1e400,2\n')).to.equal('d.csv line 2, column 1');
    expect(at('1,2\n0x10,2\n')).to.equal('d.csv line 2, column 1');
    expect(at('1,2\n"3",2\n')).to.equal('d.csv line 2, column 1');
    expect((readCsv('1,2\n3,\n', 'd.csv') as { error: string }).error).to.equal(
      'd.csv line 2, column 2: the value is empty. Every row needs a number in every column.',
    );
  });

  it('refuses rows of different lengths, blank lines between rows, an empty file and binary bytes', () => {
    expect(readCsv('1,2\n3,4,5\n', 'd.csv')).to.deep.equal({
      error: 'd.csv line 2: 3 values, where line 1 has 2. Every row needs the same number of columns.',
    });
    expect(readCsv('1,2\n\n3,4\n', 'd.csv')).to.deep.equal({ error: 'd.csv line 2 is blank: only the end of the file may have blank lines. Remove it.' });
    expect((readCsv('\n\n', 'd.csv') as { error: string }).error).to.match(/^d\.csv holds no numbers/);
    expect((readCsv('a,b\n', 'd.csv') as { error: string }).error).to.match(/^d\.csv holds no numbers/);
    expect((readCsv('1,2\u0000\n', 'd.csv') as { error: string }).error).to.match(/^d\.csv is not text/);
  });

  it('refuses a web page sent in place of the file', () => {
    expect((readCsv('<!doctype html>\n<html></html>\n', 'd.csv') as { error: string }).error).to.contain('the server sent a web page, not a CSV file');
  });

  it('refuses a file over the byte limit and one with more numbers than the limit, before making the matrix', () => {
    const big = '1\n'.repeat(limits.maxDataBytes / 2 + 1);
    expect((readCsv(big, 'big.csv') as { error: string }).error).to.equal(
      `big.csv is ${big.length.toLocaleString('en-US')} bytes; the limit for a data file is 1,000,000. Use a smaller sample of the data.`,
    );
    const many = '1,2,3,4,5,6,7,8,9,0\n'.repeat(limits.maxDataEntries / 10 + 1);
    expect((readCsv(many, 'many.csv') as { error: string }).error).to.equal(
      'many.csv has 20,001 rows of 10 numbers, more than the 200,000 numbers a data file may hold. Use a smaller sample of the data.',
    );
  });
});

describe('the path of a data file', () => {
  it('is relative, in the workbook folder or below it, and a .csv file', () => {
    for (const ok of ['points.csv', 'data/points.csv', 'a-b_c.1.CSV']) expect(refusedPath(ok), ok).to.equal(null);
  });

  it('refuses ../, absolute paths, addresses, data:, hidden files, % and backslashes', () => {
    const refusals: Record<string, RegExp> = {
      '../x.csv': /must be in the workbook's folder or below it/,
      'data/../../x.csv': /must be in the workbook's folder or below it/,
      './x.csv': /must be in the workbook's folder or below it/,
      '/etc/passwd': /never an absolute path/,
      'http://evil/x.csv': /never from another address/,
      'https://example.com/x.csv': /never from another address/,
      '//evil/x.csv': /never from another address/,
      'data:text/csv,1,2': /never from another address/,
      'file:///etc/passwd': /never from another address/,
      'C:\\x.csv': /never from another address/,
      '%2e%2e/x.csv': /letters, digits/,
      '.hidden.csv': /letters, digits/,
      'a\\..\\x.csv': /letters, digits/,
      'x.csv?y=1': /letters, digits/,
      'my points.csv': /letters, digits/,
      'secrets.json': /reads a \.csv file/,
      '/': /never an absolute path/,
      '': /letters, digits/,
    };
    for (const [path, why] of Object.entries(refusals)) expect(refusedPath(path), path).to.match(why);
  });

  it('resolves beside the workbook on its own origin, and nowhere else', () => {
    expect(dataURL('points.csv', 'http://localhost:8000/workbooks/11-x.md?page-test=1')).to.equal('http://localhost:8000/workbooks/points.csv');
    expect(dataURL('data/p.csv', 'https://site.org/course/a.md')).to.equal('https://site.org/course/data/p.csv');
    expect(() => dataURL('p.csv', 'data:text/markdown;base64,IyBY')).to.throw(
      'this workbook was opened from a data: address, which has no folder to read data files from',
    );
    expect(() => dataURL('p.csv', 'file:///home/me/a.md')).to.throw('file: address');
    expect(() => dataURL('../p.csv', 'http://localhost:8000/workbooks/a.md')).to.throw("must be in the workbook's folder");
    expect(() => dataURL('http://evil/x.csv', 'http://localhost:8000/workbooks/a.md')).to.throw('never from another address');
  });
});

describe('a data cell in a workbook', () => {
  it('holds the numbers of its file; formulas read it as any matrix', () => {
    const v = evaluate('D = csv("points.csv")\nX = D[:, 1:2]\ny = D[:, 3]\nn = size(D)', { 'points.csv': 'x1,x2,c\n0.5,1,1\n-2,3,2\n' });
    expect(v.D).to.deep.equal([
      [0.5, 1, 1],
      [-2, 3, 2],
    ]);
    expect(v.X).to.deep.equal([
      [0.5, 1],
      [-2, 3],
    ]);
    expect(v.y).to.deep.equal([[1], [2]]);
    expect(v.n).to.deep.equal([[2, 3]]);
  });

  it('reads each file once, by the path as written, and names every readable file in file order', () => {
    const spec = readWorkbook(workbook('A = csv("b.csv")\nB = csv(\'a.csv\')\nC = csv("b.csv")\nU = csv("../u.csv")'), 'w.md');
    expect(spec.cells.map((c) => c.data?.file)).to.deep.equal(['b.csv', 'a.csv', 'b.csv', '../u.csv']);
    expect(dataFiles(spec)).to.deep.equal(['b.csv', 'a.csv']);
    expect(spec.cells[0].data).to.deep.equal({ file: 'b.csv', line: 4, col: 10 });
  });

  it("is an E_DATA error at the file name, with the file's own place, for a bad row; its dependents name it", () => {
    const v = evaluate('D = csv("data.csv")\nX = D * 2\nok = 1 + 1', { 'data.csv': '1,2\n3,abc\n' });
    expect(v.D).to.deep.include({ code: 'E_DATA', root: 'D', loc: { line: 4, col: 10 } });
    expect((v.D as { message: string }).message).to.match(/^data\.csv line 2, column 2: "abc" is not a number/);
    expect(v.X).to.deep.include({ code: 'E_DATA', root: 'D' });
    expect(v.ok).to.equal(2);
  });

  it('is an E_DATA error for a refused path, a missing file, a file never read, and csv(…) inside a formula', () => {
    const v = evaluate(
      [
        'U = csv("../x.csv")',
        'P = csv("/etc/passwd")',
        'H = csv("http://evil/x.csv")',
        'Q = csv("data:text/csv,1")',
        'M = csv("missing.csv")',
        'N = csv("never.csv")',
        'Z = 1 + csv("p.csv")',
      ].join('\n'),
      { 'missing.csv': new Error('there is no such file beside the workbook') },
    );
    const message = (name: string) => {
      expect(v[name]).to.deep.include({ code: 'E_DATA', root: name });
      return (v[name] as { message: string }).message;
    };
    expect(message('U')).to.contain('"../x.csv" is refused');
    expect(message('P')).to.contain('"/etc/passwd" is refused');
    expect(message('H')).to.contain('"http://evil/x.csv" is refused');
    expect(message('Q')).to.contain('"data:text/csv,1" is refused');
    expect(message('M')).to.equal('missing.csv could not be read: there is no such file beside the workbook.');
    expect(message('N')).to.match(/^never\.csv has not been read/);
    expect(message('Z')).to.match(/^csv\("…"\) is a whole formula of its own/);
  });

  it('is an error, not a value, when the workbook is evaluated without its data files', () => {
    const { plan, results } = evaluateWorkbook(workbook('D = csv("points.csv")'), 'w.md');
    const r = results[plan.byName.get('D')!.index];
    expect(isCellError(r) && r.code).to.equal('E_DATA');
  });

  it('never reads a file named in a formula a student typed (or a share link carried): an E_DATA error, nothing loaded', () => {
    const spec = withData(readWorkbook(workbook('D = csv("points.csv")\nE = 1'), 'w.md'), new Map([['points.csv', '1,2\n']]));
    const checked = checkWorkbook(
      spec,
      new Map([
        ['D', 'csv("secret.csv")'],
        ['E', '2 * csv("points.csv")'],
      ]),
    );
    for (const name of ['D', 'E']) expect(checked.byName.get(name)!.error, name).to.deep.include({ code: 'E_DATA', root: name });
    for (const name of ['D', 'E']) expect(checked.byName.get(name)!.error!.message, name).to.match(/^Data files are named in the workbook file only/);
    expect(dataFiles(spec)).to.deep.equal(['points.csv']);
    // Restoring the workbook's own formula brings the data back.
    expect(toJSON(checkWorkbook(spec).byName.get('D')!.data as Value)).to.deep.equal([[1, 2]]);
  });

  it('refuses csv as a cell name', () => {
    const v = evaluate('csv = 1', {});
    expect(v.csv).to.deep.include({ code: 'E_NAME_RESERVED' });
  });
});
