// Checking a workbook: names, references and cycles, each problem located.
import { expect } from 'chai';
import { readWorkbook } from '../../src/format/read.ts';
import { checkWorkbook } from '../../src/graph/check.ts';
import { sheet } from '../helpers/sheet.ts';

const check = (...lines: string[]) => checkWorkbook(readWorkbook('```cells\n' + lines.join('\n') + '\n```\n', 'w.md'));

describe('checking a workbook', () => {
  it('reports an unknown name at its column, with a suggestion', () => {
    const { problems } = check('Theta1 = [1, 2]', 'h = Theta + 1');
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ code: 'E_NAME_UNKNOWN', line: 3, col: 5, cell: 'h' });
    expect(problems[0].message).to.contain('"Theta"').and.to.contain('Theta1');
  });

  it('reports a cycle with both names', () => {
    const { problems } = check('a = b + 1', 'b = 2 * a');
    expect(problems.map((p) => p.code)).to.deep.equal(['E_CYCLE', 'E_CYCLE']);
    for (const p of problems) expect(p.message).to.contain('a').and.to.contain('b').and.to.contain('→');
  });

  it('reports a cell that reads itself', () => {
    const { problems } = check('a = a + 1');
    expect(problems[0]).to.include({ code: 'E_CYCLE', cell: 'a' });
  });

  it('reports a duplicate name at the second definition, naming the first line', () => {
    const { problems } = check('x = 1', 'y = x', 'x = 2');
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ code: 'E_NAME_DUPLICATE', line: 4, col: 1 });
    expect(problems[0].message).to.contain('line 2');
  });

  it('keeps the first definition of a duplicate name working', () => {
    const s = sheet('x = 1', 'y = x + 1', 'x = 2');
    expect(s.value('y')).to.equal(2);
  });

  it('reports an invalid name', () => {
    const { problems } = check('2x = 1');
    expect(problems[0]).to.include({ code: 'E_NAME_INVALID', line: 2 });
  });

  it('lets every other cell work when one has a problem', () => {
    const s = sheet('a = 1', 'b = nope + 1', 'c = a + 1', 'd = b + c');
    expect(s.value('c')).to.equal(2);
    expect(s.error('d').root).to.equal('b');
    expect(s.error('d').code).to.equal('E_NAME_UNKNOWN');
  });
});
