// Registers every gradsheet element: <gs-workbook>, <gs-cell>, <gs-gallery>, <gs-train>, <gs-plot>, <gs-figure>, <gs-network>.
// (<gs-graph> is loaded when a workbook's graph is opened; its type is here for pages that use it.)
export { GsCell } from './gs-cell.ts';
export { GsWorkbook } from './gs-workbook.ts';
export { GsGallery } from './gs-gallery.ts';
export { GsTrain } from './gs-train.ts';
export { GsPlot } from './gs-plot.ts';
export { GsFigure } from './gs-figure.ts';
export { GsNetwork } from './gs-network.ts';
export type { GsGraph } from './gs-graph.ts';
// The details of the events the elements fire (HTMLElementEventMap), and what their properties take.
export type { GsChangeDetail, GsJumpDetail } from './gs-cell.ts';
export type { GsReloadDetail } from './gs-workbook.ts';
export type { GsHistoryDetail } from './workbook-tools.ts';
export type { PlotSpec, PlotData } from './gs-plot.ts';
export type { Theme } from './styles.ts';
export type { JsonValue } from '../src/formula/value.ts';
