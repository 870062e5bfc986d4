// Plots and sliders on the page: drawn from cells, redrawn when a cell changes.
import { expect } from 'chai';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import type { GsFigure } from '../../components/gs-figure.ts';
import type { GsPlot } from '../../components/gs-plot.ts';
import type { GsTrain } from '../../components/gs-train.ts';
import { mount as mountText } from '../helpers/mount.ts';
import { until } from '../helpers/wait.ts';

let counter = 0;
async function mount(path: string): Promise<GsWorkbook> {
  const wb = document.createElement('gs-workbook');
  wb.src = `/${path}?plot-test=${++counter}`;
  document.body.append(wb);
  await wb.settled();
  return wb;
}

const figures = (wb: GsWorkbook) => [...wb.querySelectorAll<GsFigure>('gs-figure')];
const cell = (wb: GsWorkbook, name: string) => wb.querySelector<GsCell>(`gs-cell[name="${name}"]`)!;

async function drawn(figure: GsFigure) {
  await figure.updateComplete;
  const plot = figure.plot!;
  await plot.drawn;
  return plot;
}

describe('plots and sliders in a workbook', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount('test/input/plots.md')));
  afterEach(() => wb.remove());

  it('draws every point of every layer', async () => {
    const plot = await drawn(figures(wb)[0]);
    expect(plot.view!.data('layer0')).to.have.length(41);
    expect(plot.view!.data('layer1')).to.have.length(41);
    expect(plot.shadowRoot!.querySelectorAll('svg path.mark-line, svg .mark-line path').length).to.be.at.least(2);
    const points = await drawn(figures(wb)[1]);
    expect(points.view!.data('layer0')).to.have.length(4);
    expect(points.shadowRoot!.querySelectorAll('svg .mark-symbol path')).to.have.length(4);
  });

  it('keeps a slider and its entry in step, and redraws the plot from the new value', async () => {
    const slider = cell(wb, 'lo').shadowRoot!.querySelector<HTMLInputElement>('[aria-label="lo slider"]')!;
    const entry = cell(wb, 'lo').shadowRoot!.querySelector<HTMLInputElement>('input[aria-label="lo"]')!;
    expect(slider.value).to.equal('-4');
    slider.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await wb.settled();
    expect(entry.value).to.equal('-4.5');
    expect(cell(wb, 'lo').value).to.equal(-4.5);
    const plot = await drawn(figures(wb)[0]);
    expect((plot.view!.data('layer0')[0] as { x: number }).x).to.equal(-4.5);

    entry.focus();
    entry.select();
    await sendKeys({ type: '-2' });
    await wb.settled();
    await cell(wb, 'lo').updateComplete;
    expect(slider.value).to.equal('-2');
    await drawn(figures(wb)[0]);
    expect((plot.view!.data('layer0')[0] as { x: number }).x).to.equal(-2);
  });

  it('shows why a plot cannot be drawn instead of drawing NaN', async () => {
    await figures(wb)[2].updateComplete;
    const alert = figures(wb)[2].shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('E_NONFINITE').and.to.contain('log(z)');
    expect(figures(wb)[2].plot).to.equal(null);
  });
});

describe('a chart before vega has drawn it', () => {
  it('holds its place with a placeholder of about its size, so the page does not jump', async () => {
    const plot = document.createElement('gs-plot') as GsPlot;
    plot.label = 'Plot: a line';
    plot.spec = {
      width: 300,
      height: 200,
      layer: [{ data: { name: 'layer0' }, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } }],
    };
    plot.data = {
      layer0: [
        { x: 0, y: 0 },
        { x: 1, y: 2 },
        { x: 2, y: 1 },
      ],
    };
    document.body.append(plot);
    try {
      await plot.updateComplete;
      const pending = plot.shadowRoot!.querySelector<HTMLElement>('.pending');
      expect(pending, 'a placeholder while vega loads and draws').to.not.equal(null);
      expect(pending!.textContent).to.equal('Drawing the chart…');
      const before = pending!.getBoundingClientRect();
      await plot.drawn;
      await plot.updateComplete;
      expect(plot.shadowRoot!.querySelector('.pending'), 'gone once drawn').to.equal(null);
      const svg = plot.shadowRoot!.querySelector('svg')!.getBoundingClientRect();
      expect(Math.abs(svg.width - before.width), `chart ${svg.width} wide, placeholder ${before.width}`).to.be.below(60);
      expect(Math.abs(svg.height - before.height), `chart ${svg.height} high, placeholder ${before.height}`).to.be.below(60);
    } finally {
      plot.remove();
    }
  });
});

describe('charts on a phone', () => {
  let wb: GsWorkbook | undefined;
  afterEach(async () => {
    wb?.remove();
    await setViewport({ width: 1000, height: 800 });
  });
  const svgOf = (plot: GsPlot) => plot.shadowRoot!.querySelector('svg')!;
  /** No part of the chart is hidden behind a horizontal scroll of its frame. */
  const fits = (frame: HTMLElement, plot: GsPlot) =>
    frame.scrollWidth <= frame.clientWidth && svgOf(plot).getBoundingClientRect().right <= frame.getBoundingClientRect().right + 0.5;

  it('fits each panel of workbook 06, legend included, into 390 px, and draws it at its own size again on a wide screen', async () => {
    await setViewport({ width: 1200, height: 800 });
    wb = await mount('workbooks/06-universal-approximation.md');
    const figure = figures(wb)[0];
    const plot = await drawn(figure);
    const wide = svgOf(plot).getBoundingClientRect().width;
    expect(wide, 'the chart with its legend').to.be.above(400);
    await setViewport({ width: 390, height: 800 });
    const frame = figure.shadowRoot!.querySelector<HTMLElement>('figure')!;
    await until(() => fits(frame, plot), 'the chart fits its frame at 390 px', 15_000);
    expect(frame.getBoundingClientRect().right, 'the frame is on the page').to.be.at.most(390);
    const legend = plot.shadowRoot!.querySelector('svg .role-legend')!.getBoundingClientRect();
    expect(legend.right, 'the legend is in view').to.be.at.most(frame.getBoundingClientRect().right);
    expect((plot.view!.data('layer0') as unknown[]).length, 'every point still drawn').to.equal(50);
    await setViewport({ width: 1200, height: 800 });
    await until(() => Math.abs(svgOf(plot).getBoundingClientRect().width - wide) < 1, 'the chart is drawn at its own size again', 15_000);
  });

  it('fits the loss curve into 390 px', async () => {
    await setViewport({ width: 390, height: 800 });
    wb = await mount('test/input/xor.md');
    const train = wb.querySelector<GsTrain>('gs-train')!;
    const steps = train.shadowRoot!.querySelector<HTMLInputElement>('[aria-label="Steps per run"]')!;
    steps.value = '50';
    steps.dispatchEvent(new Event('input'));
    [...train.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Run')!.click();
    await until(() => train.trainer!.state.status === 'done', 'the run ends');
    await train.updateComplete;
    const plot = train.shadowRoot!.querySelector<GsPlot>('gs-plot')!;
    await plot.drawn;
    const box = train.shadowRoot!.querySelector<HTMLElement>('.train')!;
    await until(() => !!plot.view && fits(box, plot), 'the loss curve fits the training block', 15_000);
  });
});

describe('values too large to draw', () => {
  let wb: GsWorkbook;
  afterEach(() => wb.remove());

  it('leaves out points beyond ±1e30, says how many, and draws the rest with plain numbers in its paths', async () => {
    wb = await mountText('# Huge\n\n```cells\nx = [1, 2, 3, 4, 5]\ny = [1, 1e154, -1e200, 2, 3]\n```\n\n```plot\nx: x\nline: y\npoint: y\n```\n', {
      text: true,
    });
    const figure = figures(wb)[0];
    const plot = await drawn(figure);
    expect((plot.view!.data('layer0') as { y: number }[]).map((r) => r.y)).to.deep.equal([1, 2, 3]);
    expect((plot.view!.data('layer1') as { y: number }[]).map((r) => r.y)).to.deep.equal([1, 2, 3]);
    expect(figure.shadowRoot!.querySelector('.beyond')!.textContent).to.equal('4 points beyond ±1e30 not drawn.');
    const paths = [...plot.shadowRoot!.querySelectorAll('svg .role-mark path')].map((p) => p.getAttribute('d') ?? '');
    expect(paths.length).to.be.above(0);
    for (const d of paths) expect(d, 'a path the browser can draw').to.not.match(/e[+-]?\d/);
    const [lo, hi] = (plot.view as unknown as { scale(n: string): { domain(): number[] } }).scale('y').domain();
    expect(lo).to.be.at.least(0);
    expect(hi).to.be.at.most(4);
  });
});
