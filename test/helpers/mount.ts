// A <gs-workbook> mounted in the test page (from a workbook file or from its text) and waiting
// until it has computed and rendered: the one `settle` every browser test uses.
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsCell } from '../../components/gs-cell.ts';

let counter = 0;

/** A unique suffix per test run (localStorage may outlive one test file, never one run). */
export const runId = Math.random().toString(36).slice(2, 8);

/**
 * A fresh workbook element (a path from the repository root, or the workbook's text) at a URL no
 * other test uses, so its session and its saved edits are its own; every cell computed and rendered.
 */
export async function mount(pathOrText: string, options: { text?: boolean } = {}): Promise<GsWorkbook> {
  const wb = document.createElement('gs-workbook');
  wb.src = options.text ? URL.createObjectURL(new Blob([pathOrText], { type: 'text/markdown' })) : `/${pathOrText}?page-test=${runId}-${++counter}`;
  document.body.append(wb);
  await wb.loaded;
  await settle(wb);
  return wb;
}

/** Waits until the sheet has recomputed and every cell and the workbook itself have rendered it. */
export async function settle(wb: GsWorkbook): Promise<void> {
  await wb.settled();
  await Promise.all([...wb.querySelectorAll<GsCell>('gs-cell')].map((c) => c.updateComplete));
  await wb.updateComplete;
}
