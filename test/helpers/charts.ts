// The charts of a mounted workbook: its figures, a chart once it shows the current data, the rows
// vega holds for a layer, and the SVG marks drawn for the data.
import { expect } from 'chai';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsFigure } from '../../components/gs-figure.ts';
import type { GsPlot } from '../../components/gs-plot.ts';
import type { PlotRow } from '../../src/plot/compile.ts';
import { settle } from './mount.ts';

export const figures = (wb: GsWorkbook) => [...wb.querySelectorAll<GsFigure>('gs-figure')];

/** The k-th figure's chart once it shows the current data; fails if the figure shows an error. */
export async function drawn(wb: GsWorkbook, k: number): Promise<GsPlot> {
  await settle(wb);
  const figure = figures(wb)[k];
  await figure.updateComplete;
  const alert = figure.shadowRoot!.querySelector('[role=alert]');
  expect(alert, `figure ${k + 1}: ${alert?.textContent}`).to.equal(null);
  const plot = figure.plot!;
  await plot.drawn;
  return plot;
}

/** The rows vega holds for a layer of a chart. */
export const rows = (plot: GsPlot, layer: number) => plot.view!.data(`layer${layer}`) as PlotRow[];

/** How many SVG marks of a kind the chart draws for its data (not its legend): rects, symbols, line paths. */
export function marks(plot: GsPlot, kind: 'rect' | 'symbol' | 'line'): number {
  return plot.shadowRoot!.querySelectorAll(`svg .mark-${kind}.role-mark path`).length;
}

/** The marks drawn for the data: one path per point, one per line. */
export const points = (plot: GsPlot) => marks(plot, 'symbol');
export const lines = (plot: GsPlot) => marks(plot, 'line');
