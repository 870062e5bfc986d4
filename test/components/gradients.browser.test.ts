// Issue 12, "wrong gradients reported as right", as a student meets it on the page: a gradient
// check through linspace against a hand-written 0, and grad(…) formulas typed into a cell.
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell, control } from '../helpers/find.ts';

const workbook = [
  '# Gradients through ranges',
  '',
  '```cells',
  'w = 2',
  'n = 5',
  'v = [1; 2]',
  'E = sum(linspace(0, w, n))',
  'dE_dw = 0',
  '  check: grad(E, w)',
  'g = grad(E, w)',
  '```',
  '',
].join('\n');

const text = (wb: GsWorkbook, name: string, selector: string) =>
  cell(wb, name).shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function typeFormula(wb: GsWorkbook, name: string, formula: string): Promise<void> {
  const field = control(wb, name, `${name} formula`);
  field.focus();
  field.select();
  await sendKeys({ type: formula });
  await sendKeys({ press: 'Enter' });
  await settle(wb);
}

describe('gradients on the page', () => {
  let wb: GsWorkbook;
  beforeEach(async () => {
    wb = await mount(workbook, { text: true });
  });
  afterEach(() => wb.remove());

  it('fails the check of a hand-written 0 against the gradient through linspace, showing 2.5', () => {
    expect(cell(wb, 'g').value).to.equal(2.5);
    const check = cell(wb, 'dE_dw').shadowRoot!.querySelector('.check')!;
    expect(check.classList.contains('fail')).to.equal(true);
    expect(text(wb, 'dE_dw', '.check .verdict')).to.contain('Gradient check fails');
    expect(text(wb, 'dE_dw', '.check-table tbody')).to.contain('2.5');
  });

  it('shows E_SHAPE for grad(v, v) typed into a cell, keeps the formula as typed, and the rest works', async () => {
    await typeFormula(wb, 'g', 'grad(v, v)');
    expect(control(wb, 'g', 'g formula').value).to.equal('grad(v, v)');
    expect(cell(wb, 'g').error).to.deep.include({ code: 'E_SHAPE', root: 'g' });
    expect(text(wb, 'g', '.error'))
      .to.contain('sum it first, e.g. sum(v)')
      .and.to.contain('line');
    expect(cell(wb, 'E').value).to.equal(5);
  });

  it("shows E_NO_DERIVATIVE for a gradient with respect to linspace's count typed into a cell", async () => {
    await typeFormula(wb, 'g', 'grad(E, n)');
    expect(cell(wb, 'g').error).to.deep.include({ code: 'E_NO_DERIVATIVE', root: 'g' });
    expect(text(wb, 'g', '.error'))
      .to.contain('with respect to n')
      .and.to.contain('whole number');
  });
});
