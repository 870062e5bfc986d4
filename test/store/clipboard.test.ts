// Blocks of cells as Excel, Google Sheets and LibreOffice put them on the clipboard, pasted
// into a matrix at an entry (what does not fit is said, never silently dropped); matrices out
// as tab-separated text and as a LaTeX bmatrix.
import { expect } from 'chai';
import { isBlock, latexNumber, parseBlock, pasteBlock, toLatex, toTSV } from '../../src/store/clipboard.ts';

describe('pasting a block of cells', () => {
  it('pastes the top of a 300,000×1 block into a 3×1 matrix and counts the rest, without overflowing the stack', () => {
    const block = parseBlock(Array.from({ length: 300_000 }, (_, i) => String(i)).join('\n'));
    const p = pasteBlock([['a'], ['b'], ['c']], block, 1, 1);
    expect(p.entries).to.deep.equal([['0'], ['1'], ['2']]);
    expect(p.message).to.equal('300000×1 pasted into a 3×1 matrix at [1,1]: 299997 rows did not fit (299997 entries left out).');
  });

  it('reads tabs and line breaks, with \\r\\n and a trailing line break', () => {
    expect(parseBlock('1\t2\t3\n4\t5\t6')).to.deep.equal([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(parseBlock('1\t2\t3\r\n4\t5\t6\r\n')).to.deep.equal([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(parseBlock('0.5\n-1\n')).to.deep.equal([['0.5'], ['-1']]);
    expect(parseBlock('1.5\r\n')).to.deep.equal([['1.5']]);
    expect(parseBlock(' 1 \t 2 ')).to.deep.equal([['1', '2']]);
  });

  it('keeps empty cells, and reads quoted cells as spreadsheets write them', () => {
    expect(parseBlock('1\t\t3\n')).to.deep.equal([['1', '', '3']]);
    expect(parseBlock('"1\t2"\t"say ""3"""\n4\t5')).to.deep.equal([
      ['1\t2', 'say "3"'],
      ['4', '5'],
    ]);
    expect(parseBlock('"unclosed\t2')).to.deep.equal([['"unclosed', '2']]);
  });

  it('tells a block from a single value', () => {
    expect(isBlock('1.5')).to.equal(false);
    expect(isBlock('1.5\n')).to.equal(true);
    expect(isBlock('1\t2')).to.equal(true);
  });

  const theta1 = [
    ['1.2', '2.1', '-1.5'],
    ['-0.3', '-0.7', '0.3'],
  ];

  it('pastes a block that fits at the focused entry, leaving the other entries as they were', () => {
    const p = pasteBlock(theta1, [['9', '8']], 2, 2);
    expect(p.entries).to.deep.equal([
      ['1.2', '2.1', '-1.5'],
      ['-0.3', '9', '8'],
    ]);
    expect(p).to.deep.include({ rows: 1, cols: 2, cut: false, message: 'Pasted 1×2 at [2,2].' });
  });

  it('says which rows and columns did not fit', () => {
    const p = pasteBlock(
      theta1,
      [
        ['1', '2'],
        ['3', '4'],
        ['5', '6'],
      ],
      1,
      1,
    );
    expect(p.entries).to.deep.equal([
      ['1', '2', '-1.5'],
      ['3', '4', '0.3'],
    ]);
    expect(p.message).to.equal('3×2 pasted into a 2×3 matrix at [1,1]: 1 row did not fit (2 entries left out).');
    expect(p.cut).to.equal(true);
    const q = pasteBlock(
      theta1,
      [
        ['1', '2', '3'],
        ['4', '5', '6'],
        ['7', '8', '9'],
      ],
      2,
      2,
    );
    expect(q.entries).to.deep.equal([
      ['1.2', '2.1', '-1.5'],
      ['-0.3', '1', '2'],
    ]);
    expect(q.message).to.equal('3×3 pasted into a 2×3 matrix at [2,2]: 2 rows and 1 column did not fit (7 entries left out).');
  });

  it('pastes a 3×2 block into a 2×3 matrix without silently truncating', () => {
    const p = pasteBlock(
      theta1,
      [
        ['1', '2'],
        ['3', '4'],
        ['5', '6'],
      ],
      1,
      2,
    );
    expect(p.entries).to.deep.equal([
      ['1.2', '1', '2'],
      ['-0.3', '3', '4'],
    ]);
    expect(p.message).to.contain('3×2 pasted into a 2×3 matrix at [1,2]').and.to.contain('1 row did not fit');
  });

  it('says when there is nothing to paste', () => {
    expect(pasteBlock(theta1, [], 1, 1).message).to.equal('The clipboard holds no numbers to paste.');
  });
});

describe('copying a matrix', () => {
  it('writes tab-separated text at full precision', () => {
    expect(
      toTSV([
        [1.2, 2.1, -1.5],
        [-0.3, -0.7, 0.3],
      ]),
    ).to.equal('1.2\t2.1\t-1.5\n-0.3\t-0.7\t0.3');
    expect(toTSV([[0.7941296281990528], [1e-7]])).to.equal('0.7941296281990528\n1e-7');
  });

  it('writes a bmatrix with six significant digits and TeX powers of ten', () => {
    expect(
      toLatex([
        [1.2, 2.1, -1.5],
        [-0.3, -0.7, 0.3],
      ]),
    ).to.equal('\\begin{bmatrix}\n  1.2 & 2.1 & -1.5 \\\\\n  -0.3 & -0.7 & 0.3\n\\end{bmatrix}');
    expect(toLatex([[0.7941296281990528], [0.0028736318]])).to.equal('\\begin{bmatrix}\n  0.79413 \\\\\n  0.00287363\n\\end{bmatrix}');
    expect(latexNumber(-0.0000123456789)).to.equal('-1.23457 \\times 10^{-5}');
    expect(latexNumber(2.5e9)).to.equal('2.5 \\times 10^{9}');
    expect(latexNumber(0)).to.equal('0');
  });
});
