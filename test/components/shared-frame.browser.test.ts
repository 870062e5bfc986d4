// A recompute reports "pending" for every cell it reaches, and each cell looks again in the next
// frame before it shows "pending": those looks share one animation-frame callback, however many
// cells there are, and an edit of the worked example that computes within the frame never takes
// a value off the page.
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import { inNextFrame } from '../../components/shared-frame.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { workbookPath } from '../helpers/lecture.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell, control } from '../helpers/find.ts';

const frame = () => new Promise<number>((r) => requestAnimationFrame(r));

/** Counts the page's requestAnimationFrame calls while `body` runs. */
async function countingFrames(body: () => Promise<void>): Promise<number> {
  const real = window.requestAnimationFrame;
  let calls = 0;
  window.requestAnimationFrame = (fn) => {
    calls++;
    return real.call(window, fn);
  };
  try {
    await body();
  } finally {
    window.requestAnimationFrame = real;
  }
  return calls;
}

describe('work for the next frame, in one callback', () => {
  it('runs a thousand callbacks queued in one task from one animation frame, in the order queued', async () => {
    const ran: number[] = [];
    const calls = await countingFrames(async () => {
      for (let k = 0; k < 1000; k++) inNextFrame(() => ran.push(k));
    });
    expect(calls).to.equal(1);
    expect(ran, 'nothing runs before the frame').to.have.length(0);
    await frame();
    expect(ran).to.deep.equal(Array.from({ length: 1000 }, (_, k) => k));
  });

  it('runs a function queued again before the frame once, where it was first queued', async () => {
    const order: string[] = [];
    const look = () => order.push('look');
    inNextFrame(look);
    inNextFrame(() => order.push('other'));
    inNextFrame(look);
    await frame();
    expect(order).to.deep.equal(['look', 'other']);
  });

  it('runs what a callback queues in the frame after, not in the same one', async () => {
    const order: string[] = [];
    inNextFrame(() => {
      order.push('first');
      inNextFrame(() => order.push('queued by first'));
    });
    await frame();
    expect(order).to.deep.equal(['first']);
    await frame();
    expect(order).to.deep.equal(['first', 'queued by first']);
  });
});

describe('an edit of the worked example', () => {
  let wb: GsWorkbook;
  beforeEach(async () => {
    wb = await mount(workbookPath);
  });
  afterEach(() => wb.remove());

  it('recomputes every dependent cell with one animation-frame callback for all of their pending looks, and no cell shows pending', async () => {
    const busy: string[] = [];
    const seen = new MutationObserver((ms) => {
      for (const m of ms)
        if ((m.target as Element).getAttribute('aria-busy') === 'true')
          busy.push(((m.target.getRootNode() as ShadowRoot).host as Element).getAttribute('name')!);
    });
    for (const c of wb.querySelectorAll('gs-cell')) seen.observe(c.shadowRoot!, { subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
    const before = JSON.stringify(cell(wb, 'y_hat').value);
    control(wb, 'Theta1', 'Theta1[1,1]').focus();
    const calls = await countingFrames(async () => {
      await sendKeys({ type: '9' });
      await settle(wb);
    });
    seen.disconnect();
    expect(cell(wb, 'y_hat').status).to.equal('ok');
    expect(JSON.stringify(cell(wb, 'y_hat').value), 'ŷ recomputed').to.not.equal(before);
    expect(busy, 'cells that showed pending').to.deep.equal([]);
    // 17 cells depend on Θ1; their looks share a callback (charts, the diagram and the settle wait take a few more).
    expect(calls).to.be.below(10);
  });
});
