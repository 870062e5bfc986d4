// Embedded cells take the colour scheme of the page they are on, not the operating system's: a
// white course page keeps light cards when the student's system is dark, and a dark page dark
// ones when it is light. A `theme` attribute on <gs-cell> or <gs-workbook> overrides the page.
import { expect } from 'chai';
import { emulateMedia } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsPlot } from '../../components/gs-plot.ts';
import { usedScheme } from '../../components/styles.ts';
import { runId } from '../helpers/mount.ts';
import { until } from '../helpers/wait.ts';

const lecture = '/workbooks/07-backpropagation.md';

// The palette's defaults (components/styles.ts), as getComputedStyle reports them.
const light = { card: 'rgb(251, 252, 254)', text: 'rgb(29, 35, 48)' };
const dark = { card: 'rgb(28, 33, 43)', text: 'rgb(228, 232, 240)' };

const root = document.documentElement;

/** The colours of a cell's card. */
function card(cell: GsCell): { card: string; text: string } {
  const section = cell.shadowRoot!.querySelector('section.cell')!;
  const style = getComputedStyle(section);
  return { card: style.backgroundColor, text: style.color };
}

describe('an embedded cell follows the colour scheme of its page', function () {
  this.timeout(60_000);
  const placed: Element[] = [];

  async function cell(attributes: Record<string, string> = {}): Promise<GsCell> {
    const el = document.createElement('gs-cell');
    el.setAttribute('workbook', lecture);
    el.setAttribute('name', 'Theta1');
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
    document.body.append(el);
    placed.push(el);
    await until(() => el.status === 'ok', 'the cell loaded');
    await el.updateComplete;
    return el;
  }

  afterEach(async () => {
    placed.splice(0).forEach((el) => el.remove());
    root.style.colorScheme = '';
    await emulateMedia({ colorScheme: 'no-preference' });
  });

  it('a light page in a dark system shows a light cell', async () => {
    root.style.colorScheme = 'light';
    await emulateMedia({ colorScheme: 'dark' });
    expect(matchMedia('(prefers-color-scheme: dark)').matches, 'the system is dark').to.equal(true);
    expect(card(await cell())).to.deep.equal(light);
  });

  it('a dark page in a light system shows a dark cell', async () => {
    root.style.colorScheme = 'dark';
    await emulateMedia({ colorScheme: 'light' });
    expect(card(await cell())).to.deep.equal(dark);
  });

  it('a page that sets no colour scheme is white: its cells are light in a dark system', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect(getComputedStyle(root).colorScheme).to.equal('normal');
    expect(card(await cell())).to.deep.equal(light);
  });

  it('a page that supports both ("light dark") follows the system, and changes with it', async () => {
    root.style.colorScheme = 'light dark';
    await emulateMedia({ colorScheme: 'dark' });
    const el = await cell();
    expect(card(el)).to.deep.equal(dark);
    await emulateMedia({ colorScheme: 'light' });
    expect(card(el)).to.deep.equal(light);
  });

  it('the theme attribute wins over the page: dark on a light page, light on a dark one, auto follows the system', async () => {
    root.style.colorScheme = 'light';
    await emulateMedia({ colorScheme: 'light' });
    const darkCell = await cell({ theme: 'dark' });
    expect(card(darkCell)).to.deep.equal(dark);
    expect(darkCell.theme).to.equal('dark');
    root.style.colorScheme = 'dark';
    const lightCell = await cell({ theme: 'light' });
    expect(card(lightCell)).to.deep.equal(light);
    root.style.colorScheme = 'light';
    const auto = await cell({ theme: 'auto' });
    expect(card(auto), 'auto, in a light system').to.deep.equal(light);
    await emulateMedia({ colorScheme: 'dark' });
    expect(card(auto), 'auto, in a dark system').to.deep.equal(dark);
    expect(card(placed[0] as GsCell), 'the dark cell stays dark').to.deep.equal(dark);
  });

  it('the theme property sets the attribute, and unsetting it gives the page its say again', async () => {
    root.style.colorScheme = 'light';
    const el = await cell();
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(card(el)).to.deep.equal(dark);
    el.theme = undefined;
    await el.updateComplete;
    expect(el.hasAttribute('theme')).to.equal(false);
    expect(card(el)).to.deep.equal(light);
  });

  it('a page rule on the cell itself does not beat its theme attribute', async () => {
    const style = document.createElement('style');
    style.textContent = 'gs-cell.forced { color-scheme: dark; }';
    document.head.append(style);
    try {
      const el = await cell({ theme: 'light', class: 'forced' });
      expect(card(el)).to.deep.equal(light);
      el.removeAttribute('theme');
      await el.updateComplete;
      expect(card(el), 'without the attribute, the page rule applies').to.deep.equal(dark);
    } finally {
      style.remove();
    }
  });
});

describe('a <gs-workbook> follows the colour scheme of its page', function () {
  this.timeout(60_000);
  let wb: GsWorkbook | undefined;
  afterEach(async () => {
    wb?.remove();
    root.style.colorScheme = '';
    await emulateMedia({ colorScheme: 'no-preference' });
  });

  async function workbook(theme?: string): Promise<GsWorkbook> {
    wb = document.createElement('gs-workbook');
    if (theme) wb.setAttribute('theme', theme);
    wb.src = `${lecture}?theme-test=${runId}-${theme ?? 'page'}`;
    document.body.append(wb);
    await wb.settled();
    return wb;
  }
  const toolbar = (w: GsWorkbook) => getComputedStyle(w.querySelector('.gs-toolbar')!).backgroundColor;

  it('on a light page in a dark system: light toolbar and light cells; theme="dark" makes both dark', async () => {
    root.style.colorScheme = 'light';
    await emulateMedia({ colorScheme: 'dark' });
    const w = await workbook();
    const theta1 = w.querySelector<GsCell>('gs-cell[name="Theta1"]')!;
    await theta1.updateComplete;
    expect({ toolbar: toolbar(w), ...card(theta1) }).to.deep.equal({ toolbar: 'rgb(255, 255, 255)', ...light });
    w.theme = 'dark';
    await w.updateComplete;
    expect({ toolbar: toolbar(w), ...card(theta1) }).to.deep.equal({ toolbar: 'rgb(17, 20, 26)', ...dark });
    expect(usedScheme(theta1), 'what a chart of the workbook is drawn in').to.equal('dark');
  });

  it("a cell's own theme wins over its workbook's", async () => {
    root.style.colorScheme = 'dark';
    const w = await workbook();
    const h1 = w.querySelector<GsCell>('gs-cell[name="h1"]')!;
    await h1.updateComplete;
    expect(card(h1)).to.deep.equal(dark);
    h1.setAttribute('theme', 'light');
    await h1.updateComplete;
    expect(card(h1)).to.deep.equal(light);
  });
});

describe('the scheme a chart is drawn in (usedScheme)', () => {
  afterEach(async () => {
    root.style.colorScheme = '';
    await emulateMedia({ colorScheme: 'no-preference' });
  });

  it("is the page's, the system's only where the page supports both, and light where it says nothing", async () => {
    const el = document.createElement('div');
    document.body.append(el);
    await emulateMedia({ colorScheme: 'dark' });
    const seen: Record<string, string> = {};
    for (const scheme of ['', 'light', 'dark', 'light dark', 'only light']) {
      root.style.colorScheme = scheme;
      seen[scheme || 'unset'] = usedScheme(el);
    }
    el.remove();
    expect(seen).to.deep.equal({ unset: 'light', light: 'light', dark: 'dark', 'light dark': 'dark', 'only light': 'light' });
  });
});

describe('a chart is drawn in the colour scheme of its page', function () {
  this.timeout(60_000);
  let plot: GsPlot | undefined;
  afterEach(async () => {
    plot?.remove();
    root.style.colorScheme = '';
    await emulateMedia({ colorScheme: 'no-preference' });
  });

  /** A line chart; vega's light theme writes axis labels black, its dark theme white. */
  async function chart(): Promise<GsPlot> {
    plot = document.createElement('gs-plot');
    plot.spec = {
      width: 120,
      height: 60,
      data: { name: 'd' },
      mark: 'line',
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
    };
    plot.data = {
      d: [
        { x: 0, y: 0 },
        { x: 1, y: 1 },
      ],
    };
    document.body.append(plot);
    await plot.drawn;
    return plot;
  }
  const labelFill = (p: GsPlot) => p.shadowRoot!.querySelector('.role-axis-label text')!.getAttribute('fill');

  it('light on a light page in a dark system, dark on a dark page in a light one', async () => {
    root.style.colorScheme = 'light';
    await emulateMedia({ colorScheme: 'dark' });
    expect(labelFill(await chart())).to.equal('#000');
    plot!.remove();
    root.style.colorScheme = 'dark';
    await emulateMedia({ colorScheme: 'light' });
    expect(labelFill(await chart())).to.equal('#fff');
  });

  it('on a page that follows the system, is drawn again when the system changes', async () => {
    root.style.colorScheme = 'light dark';
    await emulateMedia({ colorScheme: 'light' });
    const p = await chart();
    expect(labelFill(p)).to.equal('#000');
    await emulateMedia({ colorScheme: 'dark' });
    await until(() => p.view !== undefined && p.shadowRoot!.querySelector('.role-axis-label text')?.getAttribute('fill') === '#fff', 'drawn dark');
  });
});
