// The printed handout (components/print-styles.ts and each element's @media print rules), as
// Chromium lays out the page for print: the prose, every cell with its value, the charts and the
// loss curve are shown; no button, slider or toolbar is; each section starts a new page. Also when
// the page is printed from present mode: the whole workbook prints, not the slide shown.
import { expect } from 'chai';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell } from '../helpers/find.ts';
import { drawn } from '../helpers/charts.ts';

/** Every element of the workbook, through the shadow roots of its cells, charts and training block. */
function everything(root: ParentNode): Element[] {
  return [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? everything(el.shadowRoot) : [])]);
}

/** Is the element laid out (printed) at all? */
const shown = (el: Element) => el.getClientRects().length > 0 && el.getBoundingClientRect().width > 0;

describe('printing a workbook gives a handout', () => {
  let wb: GsWorkbook | undefined;
  afterEach(async () => {
    wb?.present.leave();
    wb?.remove();
    wb = undefined;
    await emulateMedia({ media: 'screen' });
    await setViewport({ width: 800, height: 600 });
  });

  it('shows the prose, every value and the charts, no control, and starts each section on a new page', async () => {
    wb = await mount('workbooks/07-backpropagation.md');
    await drawn(wb, 0);
    const onScreen = everything(wb).filter((el) => el.matches('button, input[type="range"]') && shown(el));
    expect(onScreen.length, 'on screen, the buttons are there (the check itself)').to.be.greaterThan(20);

    await emulateMedia({ media: 'print' });
    await settle(wb);
    const controls = everything(wb).filter((el) => el.matches('button, input[type="range"], .gs-toolbar, .gs-notice, progress') && shown(el));
    expect(controls.map((c) => `${c.localName}.${c.className} ${c.textContent?.trim().slice(0, 20)}`)).to.deep.equal([]);

    const sections = [...wb.querySelectorAll<HTMLElement>('.gs-section')];
    expect(sections.map((s) => s.querySelector('h1, h2')?.textContent)).to.deep.equal([
      'Forward and back propagation',
      'Forward propagation',
      'The error',
      'Back propagation to Θ2',
      'Back propagation to Θ1',
      'Gradient descent',
      'Your turn: a second sample',
    ]);
    expect(sections.map((s) => getComputedStyle(s).breakBefore)).to.deep.equal(['auto', 'page', 'page', 'page', 'page', 'page', 'page']);
    expect(sections.every(shown), 'every section printed').to.equal(true);

    // Every cell is printed with its value: entries as typed, computed values as the page shows them.
    for (const c of wb.querySelectorAll('gs-cell')) expect(shown(c), c.getAttribute('name')!).to.equal(true);
    const theta1 = [...cell(wb, 'Theta1').shadowRoot!.querySelectorAll<HTMLInputElement>('input.entry')];
    expect(theta1.map((i) => i.value)).to.deep.equal(['1.2', '2.1', '-1.5', '-0.3', '-0.7', '0.3']);
    expect(theta1.every(shown)).to.equal(true);
    const h1 = cell(wb, 'h1').shadowRoot!.querySelector<HTMLElement>('.body')!;
    expect(shown(h1)).to.equal(true);
    expect(h1.textContent!.replace(/\s+/g, ' ')).to.match(/0\.79413\s*0\.920561\s*0\.161109/);
    const prose = wb.querySelector('.gs-prose p')!;
    expect(shown(prose) && prose.textContent!.startsWith('One input')).to.equal(true);

    // The chart is drawn (SVG) and printed, its curve with it.
    const plot = await drawn(wb, 0);
    const svg = plot.shadowRoot!.querySelector('svg')!;
    expect(shown(svg), 'the error curve printed').to.equal(true);
    expect([...svg.querySelectorAll('.mark-line.role-mark path')].filter(shown).length, 'its lines').to.be.at.least(2);
  });

  it('prints the whole workbook from present mode, not only the slide shown', async () => {
    await setViewport({ width: 1024, height: 768 });
    wb = await mount('workbooks/07-backpropagation.md');
    wb.present.enter(4);
    await settle(wb);
    const slides = () => [...wb!.querySelectorAll<HTMLElement>('.gs-section')].map(shown);
    expect(slides()).to.deep.equal([false, false, false, true, false, false, false]);
    await emulateMedia({ media: 'print' });
    await settle(wb);
    expect(slides()).to.deep.equal([true, true, true, true, true, true, true]);
    expect(shown(wb.querySelector('.gs-present-bar')!), 'no slide bar on paper').to.equal(false);
    expect(
      everything(wb)
        .filter((el) => el.matches('[data-fit]'))
        .map((el) => getComputedStyle(el).zoom),
      'no slide zoom on paper',
    ).to.satisfy((z: string[]) => z.every((v) => v === '1'));
    expect(getComputedStyle(wb.querySelector('.gs-section.gs-current')!).zoom).to.equal('1');
  });
});
