// Registers every gradsheet element: <gs-workbook>, <gs-cell>, <gs-gallery>, <gs-train>, <gs-plot>, <gs-figure>.
export { GsCell } from './gs-cell.ts';
export { GsWorkbook } from './gs-workbook.ts';
export { GsGallery } from './gs-gallery.ts';
export { GsTrain } from './gs-train.ts';
export { GsPlot } from './gs-plot.ts';
export { GsFigure } from './gs-figure.ts';
