// The toolbar of a <gs-workbook> (light DOM, like the workbook): Undo, Redo, Reset all, Share,
// Graph, whether edits are saved, what the selected cell reads and what reads it; below it,
// notices about saving, restoring and shared links, and the dependency-graph panel.
// Behaviour is in ./workbook-tools.ts; this file only renders.

import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Session, EditState } from '../src/reactive/session.ts';
import { toTSV } from '../src/store/clipboard.ts';
import { isEmpty } from '../src/store/persist.ts';
import { messages } from '../src/messages.ts';
import type { WorkbookTools } from './workbook-tools.ts';
import { paletteCSS } from './styles.ts';

let panels = 0;
const panelIds = new WeakMap<WorkbookTools, string>();

export function toolbar(tools: WorkbookTools, session: Session) {
  const store = tools.store;
  const history = store?.history;
  const save = store?.saveState;
  const trace = tools.trace;
  let panel = panelIds.get(tools);
  if (!panel) panelIds.set(tools, (panel = `gs-graph-panel-${++panels}`));
  const cellButton = (name: string) => html`<button type="button" class="gs-link" @click=${() => tools.jump(name)}>${name}</button>`;
  const names = (list: string[]) =>
    list.length ? list.map((n, k) => html`${k ? ', ' : ''}${cellButton(n)}`) : html`<span class="gs-none">${messages.traceNothing()}</span>`;
  return html`
    <div class="gs-toolbar" role="group" aria-label=${messages.toolbarLabel()}>
      <div class="gs-tools">
        <button type="button" aria-disabled=${history?.canUndo ? 'false' : 'true'} aria-keyshortcuts="Control+Z Meta+Z"
          title=${messages.undoTitle(history?.undoLabel)} @click=${() => tools.undo()}>${messages.undo()}</button>
        <button type="button" aria-disabled=${history?.canRedo ? 'false' : 'true'} aria-keyshortcuts="Control+Shift+Z Control+Y Meta+Shift+Z"
          title=${messages.redoTitle(history?.redoLabel)} @click=${() => tools.redo()}>${messages.redo()}</button>
        <button type="button" title=${messages.resetAllTitle()} @click=${() => tools.resetAll()}>${messages.resetAll()}</button>
        <button type="button" data-tool="share" title=${messages.shareTitle()} @click=${() => tools.share()}>${messages.share()}</button>
        <button type="button" data-tool="graph" aria-expanded=${tools.graphOpen ? 'true' : 'false'} aria-controls=${panel} title=${messages.graphTitle()}
          @click=${() => tools.toggleGraph()}>${messages.graph()}</button>
        <button type="button" data-tool="present" title=${messages.presentHint()} @click=${() => tools.host.present.enter()}>${messages.presentButton()}</button>
        <span class=${`gs-saved${save && !save.saving ? ' gs-off' : ''}`}>${save && !save.saving ? messages.notSaved() : messages.savedInBrowser()}</span>
        ${progress(session)}
      </div>
      ${
        trace
          ? html`<p class="gs-trace"><strong>${trace.name}</strong>
            <span class="gs-reads">${messages.traceReads()} ${names(trace.precedents)}</span>
            <span class="gs-readby">${messages.traceReadBy()} ${names(trace.dependents)}</span></p>`
          : nothing
      }
      <p class="gs-announce" role="status">${tools.announcement || nothing}</p>
      ${
        tools.link
          ? html`<div class="gs-notice gs-share">
            <label>${messages.shareLink()} <input type="text" readonly .value=${live(tools.link.href)} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} /></label>
            <span role="status">${tools.link.copied ? messages.shareCopied() : messages.shareNotCopied()}</span>
            <button type="button" @click=${() => tools.closeShare()}>${messages.close()}</button></div>`
          : nothing
      }
    </div>
    ${
      save && !save.saving
        ? html`<div class="gs-notice gs-warn" role="status">${save.message}${
            save.reason === 'corrupt' ? html` <button type="button" @click=${() => tools.discardUnreadable()}>${messages.discardCorrupt()}</button>` : nothing
          }</div>`
        : nothing
    }
    ${
      store?.restored
        ? html`<div class="gs-notice" role="status">${
            store.restored.changed
              ? messages.restoredChanged(store.restored.dropped)
              : store.restored.dropped.length
                ? messages.restoredDropped(store.restored.dropped)
                : nothing
          }
          ${store.restored.run ? messages.restoredRun() : nothing}
          ${store.restored.dropped.length ? lostEdits(store.restored.lost) : nothing}
          <button type="button" @click=${() => tools.dismissRestored()}>${messages.dismiss()}</button></div>`
        : nothing
    }
    ${
      store?.recovery
        ? html`<div class="gs-notice gs-warn gs-recovery" role="status">${messages.recoveryOffer(store.recovery.source, store.recovery.names)}
          ${lostEdits(store.recovery.edits, messages.recoveryDetails())}
          <button type="button" @click=${() => store.restoreRecovery()}>${messages.recoveryRestore(store.recovery.names)}</button>
          <button type="button" @click=${() => store.discardRecovery()}>${messages.recoveryDiscard()}</button></div>`
        : nothing
    }
    ${
      store?.backup
        ? html`<div class="gs-notice gs-backup" role="status">${messages.backupOffer()}
          <button type="button" @click=${() => store.restoreBackup()}>${messages.backupRestore(store.backup.names)}</button>
          <button type="button" @click=${() => store.discardBackup()}>${messages.backupDiscard()}</button></div>`
        : nothing
    }
    ${
      store?.otherTab
        ? html`<div class="gs-notice gs-other-tab" role="status">${store.otherTab.taken.length ? messages.otherTabTaken(store.otherTab.taken) : nothing}
          ${isEmpty(store.otherTab.kept) ? nothing : html`${messages.otherTabKept(Object.keys({ ...store.otherTab.kept.entries, ...store.otherTab.kept.formulas }))} ${lostEdits(store.otherTab.kept, messages.otherTabDetails())}`}
          <button type="button" @click=${() => store.dismissOtherTab()}>${messages.dismiss()}</button></div>`
        : nothing
    }
    ${
      tools.shareNotice
        ? html`<div class="gs-notice" role="status">${tools.shareNotice}
          <button type="button" @click=${() => {
            tools.shareNotice = '';
            tools.host.requestUpdate();
          }}>${messages.dismiss()}</button></div>`
        : nothing
    }
    <section class="gs-graph-panel" id=${panel} aria-label=${messages.graphPanelLabel()} tabindex="-1" ?hidden=${!tools.graphOpen}>
      ${tools.graphOpen ? html`<gs-graph .session=${session} .selected=${trace?.name}></gs-graph>` : nothing}
    </section>
  `;
}

/** What the student had typed into cells whose edits could not be kept, so nothing is lost unseen. */
/** "3 of 5 exercises solved", when the workbook has exercises (src/exercise). */
function progress(session: Session) {
  const { solved, total } = session.exercises.progress();
  return total ? html`<span class="gs-progress">${messages.exerciseProgress(solved, total)}</span>` : nothing;
}

function lostEdits(lost: EditState, summary = messages.lostEdits()) {
  const items = [
    ...Object.entries(lost.entries).map(([name, grid]) => html`<li><strong>${name}</strong> <pre>${toTSV(grid)}</pre></li>`),
    ...Object.entries(lost.formulas).map(([name, text]) => html`<li><strong>${name}</strong> = <code>${text}</code></li>`),
  ];
  return html`<details><summary>${summary}</summary><ul>${items}</ul></details>`;
}

export const toolbarSheet = new CSSStyleSheet();
toolbarSheet.replaceSync(`
  ${paletteCSS('gs-workbook')}
  gs-workbook {
    --_gs-precedent: #1f6fb2;
    --_gs-dependent: #8a3ffc;
  }
  /* In the workbook's colour scheme, as the palette (styles.ts, paletteCSS). */
  @supports (color: light-dark(#000, #fff)) {
    gs-workbook {
      --_gs-precedent: light-dark(#1f6fb2, #6cb6ff);
      --_gs-dependent: light-dark(#8a3ffc, #c8a2ff);
    }
  }
  gs-workbook .gs-toolbar {
    position: sticky; top: 0; z-index: 3;
    background: var(--_bg); color: var(--_fg);
    border-bottom: 1px solid var(--_border);
    padding: 0.4rem 0 0.3rem; margin-bottom: 0.6rem;
  }
  gs-workbook .gs-tools { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
  gs-workbook .gs-toolbar button, gs-workbook .gs-notice button {
    font: inherit; font-size: 0.88rem; padding: 0.2rem 0.7rem; border-radius: 5px; cursor: pointer;
    border: 1px solid var(--_accent); background: transparent; color: var(--_accent);
  }
  gs-workbook .gs-toolbar button[aria-disabled="true"] { opacity: 0.55; cursor: default; }
  gs-workbook .gs-toolbar button[aria-expanded="true"] { background: color-mix(in srgb, var(--_accent) 15%, transparent); }
  gs-workbook .gs-toolbar button:focus-visible, gs-workbook .gs-notice button:focus-visible, gs-workbook .gs-notice input:focus-visible {
    outline: 2px solid var(--_accent); outline-offset: 1px;
  }
  gs-workbook .gs-saved { font-size: 0.8rem; color: var(--_muted); margin-left: 0.3rem; }
  gs-workbook .gs-saved.gs-off { color: var(--_differ); font-weight: 600; }
  gs-workbook .gs-trace { margin: 0.35rem 0 0; font-size: 0.85rem; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; align-items: baseline; }
  gs-workbook .gs-trace .gs-reads::before, gs-workbook .gs-trace .gs-readby::before {
    content: ''; display: inline-block; width: 1.4em; height: 0; vertical-align: middle; margin-right: 0.3em;
  }
  gs-workbook .gs-trace .gs-reads::before { border-top: 2px dashed var(--_gs-precedent); }
  gs-workbook .gs-trace .gs-readby::before { border-top: 2px solid var(--_gs-dependent); }
  gs-workbook .gs-toolbar button.gs-link {
    border: none; padding: 0 0.1rem; font-size: inherit; text-decoration: underline; font-family: var(--_mono);
  }
  gs-workbook .gs-none { color: var(--_muted); }
  gs-workbook .gs-announce { margin: 0.2rem 0 0; font-size: 0.8rem; color: var(--_muted); }
  gs-workbook .gs-announce:empty { margin: 0; }
  gs-workbook .gs-notice {
    border-left: 3px solid var(--_accent); padding: 0.35rem 0.7rem; margin: 0.6rem 0; max-width: 46rem; font-size: 0.9rem;
  }
  gs-workbook .gs-notice.gs-warn { border-left-color: var(--_differ); background: var(--_differ-bg); }
  gs-workbook .gs-notice pre { display: inline-block; margin: 0.2rem 0; vertical-align: top; }
  gs-workbook .gs-share label { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  gs-workbook .gs-share input { flex: 1; min-width: 14rem; font: inherit; font-size: 0.8rem; padding: 0.2rem 0.35rem; color: var(--_fg); background: var(--_bg); border: 1px solid var(--_border); border-radius: 4px; }
  gs-workbook .gs-graph-panel { margin: 0.6rem 0 1rem; }
  gs-workbook .gs-graph-panel:focus { outline: none; }
  /* The share link opens inside the toolbar, which stays in view however far the page is scrolled. */
  gs-workbook .gs-toolbar .gs-share { margin: 0.4rem 0 0.1rem; background: var(--_bg); }
  gs-workbook .gs-graph-panel[hidden] { display: none; }
  gs-workbook gs-cell[data-trace] { border-radius: 10px; outline-offset: 2px; }
  gs-workbook gs-cell[data-trace~="selected"] { outline: 3px solid var(--_accent); }
  gs-workbook gs-cell[data-trace~="precedent"] { outline: 2px dashed var(--_gs-precedent); }
  gs-workbook gs-cell[data-trace~="dependent"] { outline: 2px solid var(--_gs-dependent); }
  @media print {
    gs-workbook .gs-toolbar, gs-workbook .gs-notice, gs-workbook .gs-graph-panel { display: none; }
    gs-workbook gs-cell[data-trace] { outline: none; }
  }
`);
