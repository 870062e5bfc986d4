// Present mode (components/present-mode.ts), as a lecturer uses it on a projector: every slide of
// every lecture workbook fits a 1024×768 window (no cell, chart or block wider or taller than the
// slide: each is inside it, zoomed down where it had to be), the keys move between slides unless
// focus is in a control that uses them, cells stay editable and training runs on a slide, and the
// address keeps the slide shown.
import { expect } from 'chai';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { storageKey } from '../../src/store/persist.ts';
import { mount, runId, settle } from '../helpers/mount.ts';
import { cell, control, deepActive } from '../helpers/find.ts';
import { navigateFrame, openFrame } from '../helpers/frames.ts';
import { button } from '../helpers/train-block.ts';
import { until } from '../helpers/wait.ts';
import { lectureWorkbooks } from '../helpers/lecture.ts';

const lecture = lectureWorkbooks;

/** The workbook of a frame's page. */
const workbookOf = (frame: HTMLIFrameElement) => frame.contentDocument!.querySelector('gs-workbook') as GsWorkbook;

/** The gallery page at `file` in present mode (at a workbook address of its own, so its saved edits are its own). */
const presentAddress = (file: string, slide = 1) => `/index.html?w=${encodeURIComponent(`${file}?present-test=${runId}`)}&present=${slide}`;

/** Waits until the slide shown has kept its size and place, and every item of it theirs, for five frames in a row. */
async function stable(wb: GsWorkbook): Promise<void> {
  const win = wb.ownerDocument.defaultView!;
  const frame = () => new Promise((r) => win.requestAnimationFrame(() => win.setTimeout(r, 0)));
  const shape = () => {
    const slide = wb.querySelector('.gs-section.gs-current');
    return JSON.stringify([slide, ...items(wb)].map((e) => e && e.getBoundingClientRect()));
  };
  let last = '',
    same = 0;
  for (let i = 0; i < 400 && same < 5; i++) {
    await frame();
    const now = shape();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  expect(same, 'the slide stopped changing size').to.equal(5);
}

/** The cells, charts and blocks of the slide shown. */
function items(wb: GsWorkbook): HTMLElement[] {
  const slide = wb.querySelector('.gs-section.gs-current');
  if (!slide) return [];
  return [...slide.children].flatMap((c) => (c.matches('.gs-row, .gs-figures') ? [...c.children] : [c])) as HTMLElement[];
}

/** How many pixels of a cell's value, heading or training block are scrolled out of sight sideways. */
function hiddenSideways(item: HTMLElement): number {
  const scrollers = [...(item.shadowRoot?.querySelectorAll<HTMLElement>('.body, .tex, .train') ?? [])];
  return Math.max(0, ...scrollers.map((el) => el.scrollWidth - el.clientWidth));
}

/**
 * Each item of the slide shown that is not inside the window's room for a slide (below the bar),
 * or that hides part of itself sideways (a cell never grows wider than its room: its value would
 * scroll inside it).
 */
function overflowing(wb: GsWorkbook): { item: string; rect: string }[] {
  const bar = wb.querySelector('.gs-present-bar')!.getBoundingClientRect();
  const room = { width: wb.clientWidth, height: wb.clientHeight - bar.height };
  return items(wb)
    .filter((item) => {
      const r = item.getBoundingClientRect();
      return r.left < -0.5 || r.right > room.width + 0.5 || r.height > room.height + 0.5 || hiddenSideways(item) > 1;
    })
    .map((item) => {
      const r = item.getBoundingClientRect();
      return {
        item: `${item.localName}${item.getAttribute('name') ? ` ${item.getAttribute('name')}` : ''}`,
        rect: `${r.left.toFixed(0)}–${r.right.toFixed(0)} × ${r.height.toFixed(0)} in ${room.width}×${room.height}, ${hiddenSideways(item)} px hidden sideways`,
      };
    });
}

describe('present mode: every slide of every lecture workbook fits a 1024×768 window', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());
  after(() => {
    for (const file of lecture) localStorage.removeItem(storageKey(`${location.origin}/workbooks/${file}?present-test=${runId}`));
  });

  for (const file of lecture) {
    it(`${file}: no cell, chart or block of any slide is wider or taller than the slide, each zoomed down where it had to be`, async () => {
      frame = await openFrame(presentAddress(file), { width: 1024, height: 768 });
      const wb = workbookOf(frame);
      expect(wb.present.active, 'opened as slides by ?present').to.equal(true);
      const count = wb.present.count;
      expect(count, 'one slide per ## section, and the title slide').to.be.greaterThan(1);
      expect(wb.querySelectorAll('.gs-section')).to.have.length(count);
      for (let k = 1; k <= count; k++) {
        wb.present.go(k);
        await wb.updateComplete;
        await stable(wb);
        const shown = [...wb.querySelectorAll<HTMLElement>('.gs-section')].filter((s) => s.getBoundingClientRect().height > 0);
        expect(shown, `slide ${k}: only it is shown`).to.deep.equal([wb.querySelectorAll('.gs-section')[k - 1]]);
        expect(items(wb).length, `slide ${k} shows something`).to.be.greaterThan(0);
        expect(overflowing(wb), `slide ${k} of ${file}`).to.deep.equal([]);
        expect(frame.contentDocument!.querySelector('.gs-present-number')!.textContent).to.equal(`${k} / ${count}`);
      }
    });
  }
});

describe('present mode', () => {
  let frame: HTMLIFrameElement | undefined;
  let wb: GsWorkbook | undefined;
  afterEach(async () => {
    frame?.remove();
    frame = undefined;
    wb?.present.leave();
    wb?.remove();
    wb = undefined;
    await setViewport({ width: 800, height: 600 });
  });
  after(() => localStorage.removeItem(storageKey(`${location.origin}/workbooks/07-backpropagation.md?present-test=${runId}`)));

  it('zooms a cell too wide for the slide down to fit, rather than letting it overflow', async () => {
    await setViewport({ width: 1024, height: 768 });
    const row = Array.from({ length: 40 }, (_, i) => (i + 0.125).toFixed(3)).join(', ');
    wb = await mount(`# Wide\n\n## A wide row\n\n\`\`\`cells\nw = [${row}]\ns = sum(w)\n\`\`\`\n`, { text: true });
    expect(hiddenSideways(cell(wb, 'w')), 'on the page, the row scrolls inside its cell').to.be.greaterThan(100);
    wb.present.enter(2);
    await wb.updateComplete;
    await stable(wb);
    const fit = Number(cell(wb, 'w').dataset.fit);
    expect(fit, 'zoomed down').to.be.lessThan(1);
    expect(overflowing(wb)).to.deep.equal([]);
    expect(cell(wb, 's').dataset.fit, 'a cell that fits keeps its size').to.equal(undefined);
    // Still an editable cell: an entry typed recomputes the sum.
    const entry = control(wb, 'w', 'w[1,1]');
    entry.focus();
    entry.select();
    await sendKeys({ type: '10' });
    await until(() => cell(wb!, 's').value === 10 + Array.from({ length: 39 }, (_, i) => i + 1.125).reduce((a, b) => a + b, 0), 's recomputed');
    expect(wb.present.slide, 'typing did not move the slide').to.equal(2);
  });

  it('moves with → PageDown Space ← PageUp End Home, keeps the slide in the address, and Escape leaves', async () => {
    frame = await openFrame(presentAddress('07-backpropagation.md'), { width: 1024, height: 768 });
    const doc = frame.contentDocument!;
    const w = workbookOf(frame);
    const at = () => [w.present.slide, new URLSearchParams(frame!.contentWindow!.location.search).get('present')];
    expect(w.present.count).to.equal(7);
    expect(at()).to.deep.equal([1, '1']);
    frame.contentWindow!.focus();
    (doc.activeElement as HTMLElement | null)?.blur();
    for (const [key, slide] of [
      ['ArrowRight', 2],
      ['PageDown', 3],
      ['Space', 4],
      ['ArrowLeft', 3],
      ['PageUp', 2],
      ['End', 7],
      ['Home', 1],
    ] as const) {
      await sendKeys({ press: key });
      await w.updateComplete;
      expect(at(), key).to.deep.equal([slide, String(slide)]);
    }
    expect(doc.querySelector('.gs-present-announce')!.textContent).to.equal('Slide 1 of 7: Forward and back propagation');
    await sendKeys({ press: 'ArrowRight' });
    await w.updateComplete;
    expect(doc.querySelector('.gs-present-announce')!.textContent).to.equal('Slide 2 of 7: Forward propagation');
    expect(doc.querySelector('.gs-section.gs-current h2')!.textContent).to.equal('Forward propagation');
    expect(doc.querySelector('.gs-present-title')!.textContent).to.equal('Forward and back propagation');
    await sendKeys({ press: 'Escape' });
    await w.updateComplete;
    expect(w.present.active).to.equal(false);
    expect(w.hasAttribute('data-present')).to.equal(false);
    expect(frame.contentWindow!.location.search, 'the address no longer says present').to.not.contain('present=');
    expect(
      [...doc.querySelectorAll('.gs-section')].every((s) => s.getBoundingClientRect().height > 0),
      'every section shown again',
    ).to.equal(true);
  });

  it('opens at the slide the address names, and leaves arrows, Space and Escape to an entry being edited', async () => {
    frame = await openFrame(presentAddress('07-backpropagation.md', 1), { width: 1280, height: 720 });
    const w = workbookOf(frame);
    expect(w.present.slide).to.equal(1);
    const entry = control(w, 'Theta1', 'Theta1[1,1]');
    entry.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(deepActive(frame.contentDocument!)?.getAttribute('aria-label'), 'the arrow moved in the grid').to.equal('Theta1[1,2]');
    await sendKeys({ type: '3' });
    await settle(w);
    expect(cell(w, 'Theta1').value).to.deep.equal([
      [1.2, 3, -1.5],
      [-0.3, -0.7, 0.3],
    ]);
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Escape' });
    await settle(w);
    expect(w.present.active, 'Escape in the entry kept its own meaning').to.equal(true);
    expect(w.present.slide, 'neither the arrow nor Space moved the slide').to.equal(1);
    expect(cell(w, 'Theta1').value, 'Escape put back the text the entry had').to.deep.equal([
      [1.2, 2.1, -1.5],
      [-0.3, -0.7, 0.3],
    ]);
    await settle(w);

    await navigateFrame(frame, presentAddress('07-backpropagation.md', 3));
    const again = workbookOf(frame);
    expect([again.present.slide, again.querySelector('.gs-section.gs-current h2')!.textContent]).to.deep.equal([3, 'The error']);
  });

  it('runs training on the Gradient descent slide, the error falling', async () => {
    frame = await openFrame(presentAddress('07-backpropagation.md', 6), { width: 1024, height: 768 });
    const w = workbookOf(frame);
    expect(w.present.slide).to.equal(6);
    const before = cell(w, 'E').value as number;
    const run = button(w, 'Run');
    expect(run.getBoundingClientRect().height, 'Run is on the slide').to.be.greaterThan(0);
    run.click();
    const trainer = w.querySelector('gs-train')!;
    await until(() => trainer.trainer!.state.status !== 'running' && trainer.trainer!.state.step > 0, 'the run ends');
    await settle(w);
    expect(trainer.trainer!.state.step).to.equal(200);
    expect(cell(w, 'E').value as number).to.be.lessThan(before / 10);
    expect(w.present.slide, 'still on the slide').to.equal(6);
  });

  it("enters from the toolbar's Present button with focus on the slide, and leaves back to the button", async () => {
    await setViewport({ width: 1024, height: 768 });
    wb = await mount('workbooks/07-backpropagation.md');
    const present = [...wb.querySelectorAll<HTMLButtonElement>('.gs-toolbar button')].find((b) => b.textContent!.trim() === 'Present')!;
    present.focus();
    present.click();
    await wb.updateComplete;
    await wb.updateComplete;
    expect(wb.present.active).to.equal(true);
    expect(present.getBoundingClientRect().height, 'the toolbar is hidden while presenting').to.equal(0);
    expect(document.activeElement).to.equal(wb.querySelector('.gs-section.gs-current'));
    const leave = [...wb.querySelectorAll<HTMLButtonElement>('.gs-present-bar button')].map((b) => b.textContent!.trim());
    expect(leave).to.deep.equal(['Previous', 'Next', 'Leave']);
    await sendKeys({ press: 'Escape' });
    await wb.updateComplete;
    await wb.updateComplete;
    expect(wb.present.active).to.equal(false);
    expect(document.activeElement).to.equal(present);
  });
});
