// The printed workbook: a handout. Printing a page (or `gradsheet build --pdf`) gives the prose,
// every cell with its current value, the charts and the training block's loss curve, without the
// controls (the toolbar, the notices, present mode's bar, every button and slider), each section
// (src/format/sections.ts) on a new page. The cells, charts and training block print their own
// parts the same way (their @media print rules); this sheet is the workbook's, adopted by each
// <gs-workbook> like its other light-DOM styles (light-dom.ts), every rule scoped to it.

export const printSheet = new CSSStyleSheet();
printSheet.replaceSync(`
  @media print {
    gs-workbook .gs-toolbar, gs-workbook .gs-notice, gs-workbook .gs-graph-panel, gs-workbook .gs-reload,
    gs-workbook .gs-present-bar, gs-workbook button { display: none !important; }
    gs-workbook gs-cell::part(slider), gs-workbook gs-cell::part(copy) { display: none; }
    /* Each section on a page of its own; a heading stays with what follows it. */
    gs-workbook .gs-section + .gs-section { break-before: page; }
    gs-workbook h1, gs-workbook h2, gs-workbook h3 { break-after: avoid; }
    gs-workbook .gs-prose pre { white-space: pre-wrap; overflow: visible; }
    gs-workbook .gs-prose math[display="block"] { overflow: visible; }
    gs-workbook .gs-row, gs-workbook .gs-figures { break-inside: auto; }
    gs-workbook gs-figure, gs-workbook gs-train { break-inside: avoid; }
    /* One file of several workbooks (gradsheet build --single-file): each starts a page. */
    section:has(> gs-workbook) + section > gs-workbook { break-before: page; }
  }
`);
