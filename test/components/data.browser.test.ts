// Data cells on the page (csv("…")): the file is fetched over the dev server from beside the
// workbook, with its BOM and CRLF; a bad row, a missing file and a refused address are each an
// alert in the cell that reads it, naming the place, and its dependents name that cell; a
// refused address is never fetched (the network guard fails the run on any request elsewhere).
import { expect } from 'chai';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount } from '../helpers/mount.ts';
import { cell } from '../helpers/find.ts';

const alertOf = (wb: GsWorkbook, name: string) => cell(wb, name).shadowRoot!.querySelector('[role=alert]')?.textContent?.replace(/\s+/g, ' ').trim();

describe('a data cell on the page', () => {
  let wb: GsWorkbook;
  before(async () => (wb = await mount('test/input/data/sheet.md')));
  after(() => wb.remove());

  it('holds the numbers of the CSV beside the workbook, fetched over the server, header skipped', () => {
    expect(cell(wb, 'D').status).to.equal('ok');
    expect(cell(wb, 'D').value).to.deep.equal([
      [0.5, 1, 1],
      [-2, 3, 2],
    ]);
    expect(cell(wb, 'X').value).to.deep.equal([
      [0.5, 1],
      [-2, 3],
    ]);
    expect(cell(wb, 't').value).to.equal(5.5);
  });

  it('shows a bad row in the cell that reads the file, with its line and column there', () => {
    expect(cell(wb, 'B').error).to.deep.include({ code: 'E_DATA', root: 'B' });
    expect(alertOf(wb, 'B')).to.match(/^E_DATA bad\.csv line 3, column 2: "six" is not a number\..* line 10, column 10$/);
    const y = cell(wb, 'Y');
    expect(y.error).to.deep.include({ code: 'E_DATA', root: 'B' });
    expect(y.shadowRoot!.querySelector('.error.upstream')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Depends on B, which has an error.');
  });

  it("says a missing file could not be read, with the server's answer", () => {
    expect(alertOf(wb, 'M')).to.match(/^E_DATA missing\.csv could not be read: HTTP 404/);
  });

  it('refuses another origin without fetching it: an error in the cell, the rest of the sheet computed', () => {
    expect(cell(wb, 'H').error).to.deep.include({ code: 'E_DATA', root: 'H' });
    expect(alertOf(wb, 'H')).to.contain(
      '"http://evil.example/x.csv" is refused: a data file is read from the workbook\'s own folder, never from another address',
    );
    expect(performance.getEntriesByType('resource').some((r) => r.name.includes('evil'))).to.equal(false);
    expect(cell(wb, 'D').status).to.equal('ok');
  });

  it('cannot read a data file for a workbook opened from a blob: address, and says so in the cell', async () => {
    const text = '# Inline\n\n```cells\nD = csv("good.csv")\nn = 1 + 1\n```\n';
    const inline = await mount(text, { text: true });
    try {
      expect(alertOf(inline, 'D')).to.contain(
        'good.csv could not be read: this workbook was opened from a blob: address, which has no folder to read data files from',
      );
      expect(cell(inline, 'n').value).to.equal(2);
    } finally {
      inline.remove();
    }
  });
});
