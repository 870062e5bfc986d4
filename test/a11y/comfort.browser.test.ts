// Comfort: every workbook readable at 200% zoom (a 640 px wide viewport is what a 1280 px
// window shows at 200%): no cell wider than the page, every entry's text whole; the colour
// scheme follows the system; and the page prints as a worked example, without controls.
import { expect } from 'chai';
import { emulateMedia } from '@web/test-runner-commands';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import { openFrame } from '../helpers/frames.ts';

const files = (await (await fetch('/workbooks/index.json', { cache: 'no-cache' })).json()) as string[];

describe('at 200% zoom', function () {
  this.timeout(60_000);
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  for (const file of files) {
    it(`${file}: no cell is wider than the page, and every entry shows its whole text`, async () => {
      frame = await openFrame(`/index.html?w=${encodeURIComponent(file)}`, { width: 640, height: 800 });
      const doc = frame.contentDocument!;
      const width = doc.documentElement.clientWidth;
      const cells = [...doc.querySelectorAll<GsCell>('gs-cell')];
      expect(cells.length).to.be.greaterThan(0);
      const wide = cells.filter((c) => c.getBoundingClientRect().right > width + 0.5).map((c) => c.name);
      expect(wide, 'cells wider than the page').to.deep.equal([]);
      const cut = cells.flatMap((c) =>
        [...c.shadowRoot!.querySelectorAll<HTMLInputElement>('input.entry')]
          .filter((i) => i.scrollWidth > i.clientWidth + 1 && i.value.length <= 10)
          .map((i) => `${i.getAttribute('aria-label')} "${i.value}"`),
      );
      expect(cut, 'entries whose text is cut').to.deep.equal([]);
      const tiny = cells.flatMap((c) =>
        [...c.shadowRoot!.querySelectorAll<HTMLElement>('input.entry, .matrix td, output')]
          .filter((e) => parseFloat(getComputedStyle(e).fontSize) < 12)
          .map(() => c.name),
      );
      expect([...new Set(tiny)], 'values set smaller than 12px').to.deep.equal([]);
    });
  }
});

describe('colour scheme and print', function () {
  this.timeout(60_000);
  let frame: HTMLIFrameElement | undefined;
  afterEach(async () => {
    frame?.remove();
    await emulateMedia({ colorScheme: 'no-preference', media: 'screen' });
  });

  const colours = (wb: GsWorkbook) => {
    const view = wb.ownerDocument.defaultView!;
    const cell = wb.querySelector<GsCell>('gs-cell[name="Theta1"]')!.shadowRoot!.querySelector('.cell')!;
    return {
      page: view.getComputedStyle(wb.ownerDocument.body).backgroundColor,
      toolbar: view.getComputedStyle(wb.querySelector('.gs-toolbar')!).backgroundColor,
      cellText: view.getComputedStyle(cell).color,
      cell: view.getComputedStyle(cell).backgroundColor,
    };
  };

  it('follows the system: light, then dark, for the page, the toolbar and the cells', async () => {
    await emulateMedia({ colorScheme: 'light' });
    frame = await openFrame('/index.html?w=07-backpropagation.md');
    const wb = frame.contentDocument!.querySelector('gs-workbook') as GsWorkbook;
    expect(colours(wb)).to.deep.equal({ page: 'rgba(0, 0, 0, 0)', toolbar: 'rgb(255, 255, 255)', cellText: 'rgb(29, 35, 48)', cell: 'rgb(251, 252, 254)' });
    await emulateMedia({ colorScheme: 'dark' });
    expect(colours(wb)).to.deep.equal({ page: 'rgb(17, 20, 26)', toolbar: 'rgb(17, 20, 26)', cellText: 'rgb(228, 232, 240)', cell: 'rgb(28, 33, 43)' });
  });

  it('prints the worked example without its controls', async () => {
    frame = await openFrame('/index.html?w=07-backpropagation.md');
    const doc = frame.contentDocument!;
    const wb = doc.querySelector('gs-workbook') as GsWorkbook;
    await wb.tools.toggleGraph();
    await emulateMedia({ media: 'print' });
    const view = frame.contentWindow!;
    const shown = (el: Element | null | undefined) => !!el && view.getComputedStyle(el).display !== 'none';
    const theta1 = wb.querySelector<GsCell>('gs-cell[name="Theta1"]')!.shadowRoot!;
    const h1 = wb.querySelector<GsCell>('gs-cell[name="h1"]')!.shadowRoot!;
    expect({
      toolbar: shown(wb.querySelector('.gs-toolbar')),
      graph: shown(wb.querySelector('.gs-graph-panel')),
      pager: shown(doc.querySelector('nav.gs-pager')),
      copy: shown(theta1.querySelector('.copy')),
      formula: shown(h1.querySelector('.formula-bar')),
      values: shown(h1.querySelector('table.matrix')),
      entries: shown(theta1.querySelector('input.entry')),
    }).to.deep.equal({ toolbar: false, graph: false, pager: false, copy: false, formula: false, values: true, entries: true });
    const entry = view.getComputedStyle(theta1.querySelector('input.entry')!);
    expect(entry.borderTopStyle, 'an entry prints as a plain number').to.equal('none');
  });
});
