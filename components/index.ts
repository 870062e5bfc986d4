// Registers every gradsheet element: <gs-workbook>, <gs-cell>, <gs-gallery>.
export { GsCell } from './gs-cell.ts';
export { GsWorkbook } from './gs-workbook.ts';
export { GsGallery } from './gs-gallery.ts';
