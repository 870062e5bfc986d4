// Plots (components/gs-plot.ts, vega): a chart draws only the data it is given. It loads nothing
// from a URL (data, images), makes no javascript: link, runs expressions through vega's
// interpreter (never new Function: see plots-csp.browser.test.ts), injects no style into the
// host page and attaches nothing to window (the invariants check globals after the file; one
// known exception, vega-lite's Set.prototype.toJSON, is named in invariants.ts).
import { expect } from 'chai';
import '../../components/gs-plot.ts';
import type { GsPlot } from '../../components/gs-plot.ts';
import '../../components/index.ts';
import { guardGlobalState } from './invariants.ts';

guardGlobalState();

const schema = 'https://vega.github.io/schema/vega-lite/v6.json';

async function draw(spec: Record<string, unknown>, data: GsPlot['data'] = {}): Promise<GsPlot> {
  const plot = document.createElement('gs-plot') as GsPlot;
  plot.spec = { $schema: schema, ...spec };
  plot.data = data;
  document.body.append(plot);
  await plot.drawn;
  return plot;
}

/** Requests this page made to anywhere but the test server. */
const offsite = () =>
  performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((n) => new URL(n).origin !== location.origin);

const points = {
  pts: [
    { x: 1, y: 2 },
    { x: 2, y: 3 },
  ],
};

describe('vega plots draw only the data they are given', () => {
  it('draws a chart from named data (so the refusals below mean something)', async () => {
    const plot = await draw(
      { data: { name: 'pts' }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
      points,
    );
    try {
      expect(plot._error).to.equal(undefined);
      expect(plot.shadowRoot!.querySelectorAll('svg path, svg .mark-symbol path').length).to.be.greaterThan(0);
    } finally {
      plot.remove();
    }
  });

  for (const url of ['https://example.com/data.json', '//example.com/data.csv', 'data.json', 'data:text/csv,x%0A1']) {
    it(`loads no data from ${url}`, async () => {
      const plot = await draw({ data: { url }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' } } });
      try {
        await new Promise((r) => setTimeout(r, 50));
        expect(plot.shadowRoot!.querySelectorAll('.mark-symbol path').length, 'no point drawn').to.equal(0);
        expect(offsite()).to.deep.equal([]);
        expect(performance.getEntriesByType('resource').some((e) => e.name.endsWith('data.json'))).to.equal(false);
      } finally {
        plot.remove();
      }
    });
  }

  it('loads no image of an image mark', async () => {
    const plot = await draw({
      data: { values: [{ x: 1, u: 'https://example.com/i.png' }] },
      mark: 'image',
      encoding: { x: { field: 'x', type: 'quantitative' }, url: { field: 'u', type: 'nominal' } },
    });
    try {
      await new Promise((r) => setTimeout(r, 50));
      expect(offsite()).to.deep.equal([]);
      expect(plot.shadowRoot!.querySelectorAll('image[href^="http"], image[*|href^="http"]').length).to.equal(0);
    } finally {
      plot.remove();
    }
  });

  it('makes no link of an href channel, javascript: or not', async () => {
    const plot = await draw({
      data: {
        values: [
          { x: 1, h: 'javascript:window.pwned=1' },
          { x: 2, h: 'https://example.com' },
        ],
      },
      mark: 'point',
      encoding: { x: { field: 'x', type: 'quantitative' }, href: { field: 'h', type: 'nominal' } },
    });
    try {
      const hrefs = [...plot.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? a.getAttribute('xlink:href'));
      expect(hrefs.filter((h) => h && /^\s*javascript:/i.test(h))).to.deep.equal([]);
      for (const mark of plot.shadowRoot!.querySelectorAll('path')) mark.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      expect((window as unknown as Record<string, unknown>).pwned).to.equal(undefined);
    } finally {
      plot.remove();
    }
  });

  for (const expr of [
    "constructor.constructor('window.pwned=1')()",
    "this.constructor.constructor('window.pwned=1')()",
    "(0)['constructor']['constructor']('window.pwned=1')()",
    'window.pwned = 1',
    'eval("window.pwned=1")',
  ]) {
    it(`runs no JavaScript from the expression ${expr}`, async () => {
      const plot = await draw(
        { data: { name: 'pts' }, transform: [{ calculate: expr, as: 'z' }], mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' } } },
        points,
      );
      try {
        expect((window as unknown as Record<string, unknown>).pwned).to.equal(undefined);
      } finally {
        plot.remove();
      }
    });
  }

  it('injects no style into the host page, and no tooltip or actions menu', async () => {
    const styles = document.querySelectorAll('style, link[rel="stylesheet"]').length;
    const plot = await draw({ data: { name: 'pts' }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, tooltip: { field: 'y' } } }, points);
    try {
      expect(document.querySelectorAll('style, link[rel="stylesheet"]').length).to.equal(styles);
      expect(plot.shadowRoot!.querySelector('details, .vega-actions')).to.equal(null);
      expect(document.querySelector('#vg-tooltip-element')).to.equal(null);
    } finally {
      plot.remove();
    }
  });

  it('shows the title and names of a hostile plot block as text', async () => {
    const workbook = [
      '```cells',
      'z = linspace(-1, 1, 5)',
      '```',
      '',
      '```plot',
      'title: <img src=x onerror="window.pwned=1"> javascript:alert(1)',
      'x: z',
      'line: sigmoid(z) as <script>window.pwned=1</script>',
      'caption: <img src=x onerror="window.pwned=1"> [c](javascript:window.pwned=1)',
      '```',
      '',
    ].join('\n');
    const wb = document.createElement('gs-workbook');
    wb.src = URL.createObjectURL(new Blob([workbook], { type: 'text/markdown' }));
    document.body.append(wb);
    try {
      await wb.settled();
      const figure = wb.querySelector('gs-figure') as (HTMLElement & { plot: GsPlot | null; updateComplete: Promise<unknown> }) | null;
      expect(figure, 'the plot block is shown').to.not.equal(null);
      await figure!.updateComplete;
      await figure!.plot?.drawn;
      await new Promise((r) => setTimeout(r, 50));
      const roots = [figure!.shadowRoot!, figure!.plot?.shadowRoot].filter((r): r is ShadowRoot => !!r);
      for (const root of roots) {
        expect(root.querySelectorAll('img, script, a[href^="javascript"]').length).to.equal(0);
        for (const el of root.querySelectorAll('*')) expect([...el.attributes].filter((a) => /^on/i.test(a.name)).length).to.equal(0);
      }
      expect((window as unknown as Record<string, unknown>).pwned).to.equal(undefined);
    } finally {
      wb.remove();
    }
  });
});
