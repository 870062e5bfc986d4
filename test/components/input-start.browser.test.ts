// An input that starts from a formula ("input:"), as a student meets it: editable entries that
// recompute the sheet, trained by Step, and returned to the computed start by Reset all.
import { expect } from 'chai';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { button, control, list, mountWorkbook, settle, typeInto, until } from '../helpers/workbook-page.ts';

const toolbarButton = (wb: GsWorkbook, name: string) =>
  [...wb.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === name)!;

describe('an input that starts from a formula, in the page', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mountWorkbook('test/input/input-start.md')));
  afterEach(() => wb.remove());

  it('shows editable entries holding the computed start, and an edit recomputes the sheet', async () => {
    const start = list(wb, 'W');
    expect(start).to.have.length(6);
    const entry = control(wb, 'W', 'W[1,1]');
    // Not being edited, the long computed number shows five significant digits; focused, all of it.
    expect(Number(entry.value)).to.equal(Number(start[0].toPrecision(5)));
    entry.focus();
    expect(Number(entry.value)).to.equal(start[0]);
    await typeInto(entry, '1');
    await settle(wb);
    const [x1, x2, x3] = [1, 2, 3];
    expect(list(wb, 'y')[0]).to.be.closeTo(1 * x1 + start[1] * x2 + start[2] * x3, 1e-12);
  });

  it('is trained by Step, and Reset all returns it to the computed start', async () => {
    const start = list(wb, 'W'), loss = list(wb, 'E')[0];
    button(wb, 'Step').click();
    await until(() => list(wb, 'W')[0] !== start[0], 'Step changed W');
    await settle(wb);
    expect(list(wb, 'E')[0]).to.be.lessThan(loss);
    toolbarButton(wb, 'Reset all').click();
    await until(() => list(wb, 'W')[0] === start[0], 'Reset all returned W');
    expect(list(wb, 'W')).to.deep.equal(start);
  });
});
