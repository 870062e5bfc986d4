// Workbook 11 as a student meets it: opened from the gallery, its data set fetched from the CSV
// beside it over the server, Step and Run pressed, and the accuracy read from its cell.
import { expect } from 'chai';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import { mount } from '../helpers/mount.ts';
import { cell } from '../helpers/find.ts';
import { drawn, rows } from '../helpers/charts.ts';
import { button, run } from '../helpers/train-block.ts';
import { openFrame } from '../helpers/frames.ts';

const path = 'workbooks/11-softmax-classifier.md';

describe('workbook 11 on the page: a softmax classifier on a CSV data set', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount(path)));
  afterEach(() => wb.remove());

  it('reads its sixty points from the CSV over the server and starts at accuracy 46/60', () => {
    const d = cell(wb, 'D').value as number[][];
    expect(d.length).to.equal(60);
    expect(d[0]).to.deep.equal([0.494, -0.286, 2]);
    expect(cell(wb, 'acc').value).to.equal(46 / 60);
    expect(cell(wb, 'L').value as number).to.be.closeTo(0.66944, 1e-5);
  });

  it('lowers the loss with one Step, and reaches accuracy 0.967 with one Run of 200 steps', async () => {
    const before = cell(wb, 'L').value as number;
    button(wb, 'Step').click();
    await wb.settled();
    const t = wb.querySelector('gs-train')!;
    await (t as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(cell(wb, 'L').value as number).to.be.below(before);
    button(wb, 'Reset').click();
    await wb.settled();
    expect(cell(wb, 'L').value).to.equal(before);
    const state = await run(wb);
    expect(state.step).to.equal(200);
    expect(cell(wb, 'acc').value).to.equal(58 / 60);
    expect(cell(wb, 'L').value as number).to.be.closeTo(0.087428, 1e-6);
    const plot = await drawn(wb, 0);
    expect(rows(plot, 0).length).to.equal(41 * 41);
    expect(rows(plot, 1).length).to.equal(60);
  });
});

describe('workbook 11 from the gallery', () => {
  it('is listed, opens, and shows the accuracy computed from its data file', async () => {
    const frame = await openFrame('/index.html?w=11-softmax-classifier.md');
    try {
      const acc = frame.contentDocument!.querySelector<GsCell>('gs-cell[name="acc"]')!;
      expect(acc.value).to.equal(46 / 60);
      expect((frame.contentDocument!.querySelector<GsCell>('gs-cell[name="D"]')!.value as number[][]).length).to.equal(60);
    } finally {
      frame.remove();
    }
  });
});
