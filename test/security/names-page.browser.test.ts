// A refused cell name, as a student meets it on the page: the cell that has the name shows why,
// and every cell that reads the name says it depends on that cell, never showing Euler's e.
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell, control } from '../helpers/find.ts';

describe('a refused cell name on the page', () => {
  it('shows "Depends on e, which has an error" under f = e^2, and e\'s own refusal at e', async () => {
    const wb = await mount('# Names\n\n```cells\ne = 2\nx = 1\nf = e^2\ng = x + 1\n```\n', { text: true });
    const e = cell(wb, 'e').shadowRoot!.querySelector('.error[role="alert"]')!;
    expect(e.textContent).to.contain('E_NAME_RESERVED').and.to.contain('"e" is a built-in constant');
    const f = cell(wb, 'f');
    expect(f.error).to.deep.include({ code: 'E_NAME_RESERVED', root: 'e' });
    expect(f.value).to.equal(undefined);
    const upstream = f.shadowRoot!.querySelector('.error.upstream')!;
    expect(upstream.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Depends on e, which has an error.');
    expect(cell(wb, 'g').value).to.equal(2);
    wb.remove();
  });

  it('makes a formula the student types that reads e depend on the refused cell', async () => {
    const wb = await mount('# Names\n\n```cells\ne = 2\nx = 1\nf = x + 1\n```\n', { text: true });
    expect(cell(wb, 'f').value).to.equal(2);
    const field = control(wb, 'f', 'f formula');
    field.focus();
    field.select();
    await sendKeys({ type: 'e^2' });
    await sendKeys({ press: 'Enter' });
    await settle(wb);
    const f = cell(wb, 'f');
    expect(f.value).to.equal(undefined);
    expect(f.error).to.deep.include({ root: 'e' });
    expect(f.shadowRoot!.querySelector('.error.upstream button.root')!.textContent).to.equal('e');
    expect(field.value).to.equal('e^2');
    wb.remove();
  });
});
