// A page's script as a course author writes it, checked by `tsc --noEmit` (tsconfig includes
// test/): the elements come typed from querySelector and createElement (HTMLElementTagNameMap),
// the events with their details (HTMLElementEventMap). The @ts-expect-error lines prove the
// types are not `any`: tsc fails if any of them stops being an error. Never run, only compiled.
import type { GsCell, GsWorkbook, GsChangeDetail, GsHistoryDetail, GsJumpDetail, GsReloadDetail, Theme } from '../../components/index.ts';

export function consume(): void {
  const cell = document.querySelector('gs-cell');
  if (cell) {
    const typed: GsCell = cell;
    const status: 'pending' | 'ok' | 'error' = typed.status;
    const theme: Theme | undefined = typed.theme;
    typed.theme = 'dark';
    // @ts-expect-error: not a theme
    typed.theme = 'sepia';
    typed.workbook = '#intro';
    void [status, theme, typed.value, typed.error?.root];
    cell.addEventListener('gs-change', (e) => {
      const detail: GsChangeDetail = e.detail;
      const name: string = e.detail.name;
      const kind: 'entry' | 'formula' = e.detail.kind;
      const row: number | undefined = e.detail.row;
      // @ts-expect-error: a gs-change detail has no "cell" field
      void e.detail.cell;
      void [detail, name, kind, row];
    });
    cell.addEventListener('gs-jump', (e) => {
      const to: GsJumpDetail['name'] = e.detail.name;
      void to;
    });
  }

  const wb: GsWorkbook = document.createElement('gs-workbook');
  wb.text = '# A workbook\n';
  wb.theme = 'auto';
  wb.addEventListener('gs-history', (e) => {
    const action: GsHistoryDetail['action'] = e.detail.action;
    // @ts-expect-error: a gs-history action is one of four words
    const wrong: 'redone' = e.detail.action;
    void [action, wrong];
  });
  wb.addEventListener('gs-reload', (e) => {
    const detail: GsReloadDetail = e.detail;
    const dropped: string[] = e.detail.dropped;
    // @ts-expect-error: dropped is a list of names, not a count
    const count: number = e.detail.dropped;
    void [detail, dropped, count];
  });
  // Listeners on the document see the events bubble up from every element.
  document.addEventListener('gs-change', (e) => void e.detail.text);
  void wb.loaded.then((session) => session.spec.title);

  // Every element the package registers is in the tag map.
  const elements = [
    document.querySelector('gs-gallery')?.index,
    document.querySelector('gs-plot')?.label,
    document.querySelector('gs-figure')?.plot,
    document.querySelector('gs-train')?.trainer,
    document.querySelector('gs-graph')?.selected,
  ];
  void elements;
}
