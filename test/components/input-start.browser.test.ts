// An input that starts from a formula ("input:"), as a student meets it: editable entries that
// recompute the sheet, trained by Step, and returned to the computed start by Reset all.
import { expect } from 'chai';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount, settle } from '../helpers/mount.ts';
import { control, list, toolbarButton } from '../helpers/find.ts';
import { typeInto } from '../helpers/keys.ts';
import { button } from '../helpers/train-block.ts';
import { until } from '../helpers/wait.ts';

describe('an input that starts from a formula, in the page', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount('test/input/input-start.md')));
  afterEach(() => wb.remove());

  it('shows editable entries holding the computed start, and an edit recomputes the sheet', async () => {
    const start = list(wb, 'W');
    expect(start).to.have.length(6);
    const entry = control(wb, 'W', 'W[1,1]');
    entry.focus(); // a long number shows readably; focused, the entry holds its whole text
    await settle(wb);
    expect(Number(entry.value)).to.equal(start[0]);
    await typeInto(entry, '1');
    await settle(wb);
    const [x1, x2, x3] = [1, 2, 3];
    expect(list(wb, 'y')[0]).to.be.closeTo(1 * x1 + start[1] * x2 + start[2] * x3, 1e-12);
  });

  it('is trained by Step, and Reset all returns it to the computed start', async () => {
    const start = list(wb, 'W'),
      loss = list(wb, 'E')[0];
    button(wb, 'Step').click();
    await until(() => list(wb, 'W')[0] !== start[0], 'Step changed W');
    await settle(wb);
    expect(list(wb, 'E')[0]).to.be.lessThan(loss);
    toolbarButton(wb, 'Reset all').click();
    await until(() => list(wb, 'W')[0] === start[0], 'Reset all returned W');
    expect(list(wb, 'W')).to.deep.equal(start);
  });
});
