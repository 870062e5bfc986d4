// What <gs-workbook> adds to a sheet, as a reactive controller of the element: undo and redo
// (toolbar and keys), saving every edit in the browser, Share and Reset all, tracing what a
// focused cell reads and what reads it, and the dependency-graph view. The toolbar it renders
// is in ./workbook-toolbar.ts; the state behind it (history, storage) is src/store.
//
// Keys, anywhere in the workbook (and on the page's body when it shows one workbook):
//   Ctrl+Z / Cmd+Z                          undo
//   Ctrl+Shift+Z / Cmd+Shift+Z / Ctrl+Y      redo
// In an entry, the workbook's undo is the one that makes sense: entries are committed as they
// are typed, so undo takes back the typing in the entry (all of it, as one step) and then the
// edits before it. In a formula field with text not yet committed (before Enter) and in any
// other text field (the training controls), the keys are left to the browser's own text undo.

import type { ReactiveController } from 'lit';
import type { GsWorkbook } from './gs-workbook.ts';
import type { GsCell } from './gs-cell.ts';
import type { Edit, Session } from '../src/reactive/session.ts';
import type { Trace } from '../src/graph/trace.ts';
import { describeEdit } from '../src/store/history.ts';
import { storeFor, type WorkbookStore } from '../src/store/workbook-store.ts';
import { listenForPageLeave } from './page-life.ts';
import { ShareError, decodeShare, shareLink, sharedInHash, shareParam, workbookPath } from '../src/store/share.ts';
import { messages } from '../src/messages.ts';
import { isEmpty } from '../src/store/persist.ts';
import { writeClipboard } from './cell-copy.ts';
import { toolbar, toolbarSheet } from './workbook-toolbar.ts';
import { adoptStyles } from './light-dom.ts';

/** What a `gs-history` event says: an undo, a redo, a Reset all, or a shared link applied. */
export interface GsHistoryDetail {
  action: 'undo' | 'redo' | 'reset' | 'shared';
  /** What was undone or redone ("Theta1[1,3]", "Step"). */
  label: string;
}

/** Shared links already applied on this page, so a second element for the same workbook does not apply one again. */
const appliedLinks = new WeakSet<WorkbookStore>();

export class WorkbookTools implements ReactiveController {
  store: WorkbookStore | undefined;
  /** The selected cell: what it reads and what reads it. */
  trace: Trace | undefined;
  graphOpen = false;
  /** Where the page was scrolled when the graph was opened. */
  private graphScroll: number | undefined;
  /** The last thing done, for the live region ("Undone: Theta1[1,3]."). */
  announcement = '';
  /** A shared link was applied, or could not be. */
  shareNotice = '';
  /** The link made by Share, and whether it was copied. */
  link: { href: string; copied: boolean } | undefined;
  private unlisten: (() => void) | undefined;
  private unlistenEdits: (() => void) | undefined;
  private listenedSession: Session | undefined;
  /** What the cells were last marked for (markTrace). */
  private marked: { trace?: Trace; session?: Session } = {};

  constructor(readonly host: GsWorkbook) {
    host.addController(this);
  }

  // ---- Wiring ------------------------------------------------------------------------------

  /** What this controller listens to while its element is in the page. */
  private get listeners(): [EventTarget, string, EventListener, boolean?][] {
    return [
      [this.host, 'keydown', this.onKeyDown as EventListener],
      // Captured, so a button's own action (Undo, Reset all) announces after the old message is gone.
      [this.host, 'click', this.onAction, true],
      [this.host, 'focusin', this.onFocusIn as EventListener],
      [this.host, 'focusout', this.onFocusOut],
      [this.host, 'gs-jump', this.onJump as EventListener],
      [document, 'keydown', this.onPageKeyDown as EventListener],
      // Another tab saved (src/store/workbook-store.ts merges it by cell).
      [window, 'storage', this.onStorage as EventListener],
      // A share link reached without reloading (only the fragment changed) is applied like a fresh open.
      [window, 'hashchange', this.onHashChange],
      // Back from the back/forward cache: another tab may have saved meanwhile (no event came).
      [window, 'pageshow', this.onPageShow as EventListener],
    ];
  }

  hostConnected(): void {
    adoptStyles(this.host, toolbarSheet);
    for (const [target, type, listener, capture] of this.listeners) target.addEventListener(type, listener, capture);
  }

  hostDisconnected(): void {
    for (const [target, type, listener, capture] of this.listeners) target.removeEventListener(type, listener, capture);
  }

  hostUpdated(): void {
    // The cells are rendered again only for a new session (gs-workbook guards them).
    const session = this.store?.session;
    if (this.trace === this.marked.trace && session === this.marked.session) return;
    this.marked = { trace: this.trace, session };
    this.markTrace();
  }

  /**
   * Follows the store of the workbook at `url` (absolute). Called before the element watches
   * the session, so that saved edits are restored before the sheet is first shown.
   */
  follow(url: string): void {
    this.unlisten?.();
    listenForPageLeave();
    this.store = storeFor(url);
    this.trace = undefined;
    this.unlisten = this.store.onChange(() => this.changed());
    this.changed();
  }

  /** The store changed (a session arrived, the history moved, saving started or stopped). */
  private changed(): void {
    const store = this.store!;
    const session = store.session;
    if (session && session !== this.listenedSession) {
      this.unlistenEdits?.();
      this.listenedSession = session;
      // A formula edit can change what reads what: trace again (an entry changes nothing of it).
      this.unlistenEdits = session.onEdit((edit) => {
        // A new edit (typing, a training Step or Run, a Reset) makes the last announcement stale;
        // an undo or redo reports its own after its edit.
        this.clearAnnouncement();
        if (changesFormula(edit)) this.retrace();
      });
      this.retrace();
      this.applySharedLink();
    }
    this.host.requestUpdate();
  }

  // ---- Actions --------------------------------------------------------------------------------

  undo(): void {
    const edit = this.store?.undo();
    this.announce(edit ? messages.undone(describeEdit(edit)) : messages.nothingToUndo());
    if (edit) this.tell({ action: 'undo', label: describeEdit(edit) });
  }

  redo(): void {
    const edit = this.store?.redo();
    this.announce(edit ? messages.redone(describeEdit(edit)) : messages.nothingToRedo());
    if (edit) this.tell({ action: 'redo', label: describeEdit(edit) });
  }

  resetAll(): void {
    const session = this.store?.session;
    if (!session) return;
    const edited = !isEmpty(session.edits());
    this.store!.resetAll();
    this.announce(edited ? messages.reset() : messages.nothingToReset());
    this.tell({ action: 'reset', label: messages.editReset() });
  }

  async share(): Promise<void> {
    if (!this.store?.session) return;
    const href = shareLink(location.href, this.store.shareState());
    let copied = true;
    try {
      await writeClipboard(href);
    } catch {
      copied = false;
    }
    this.link = { href, copied };
    this.host.requestUpdate();
    // The link opens in the toolbar, which stays in view: focus goes to it (its text selected).
    await this.host.updateComplete;
    this.host.querySelector<HTMLInputElement>('.gs-share input')?.focus();
  }

  /** Closes the share link; focus goes back to the Share button. */
  closeShare(): void {
    if (!this.link) return;
    this.link = undefined;
    this.host.requestUpdate();
    this.toolButton('share')?.focus();
  }

  async toggleGraph(): Promise<void> {
    if (this.graphOpen) return this.closeGraph();
    await import('./gs-graph.ts');
    // The panel is under the toolbar, at the top of the workbook: it is scrolled into view, and
    // closing it brings the student back to where they were.
    this.graphScroll = typeof scrollY === 'number' ? scrollY : undefined;
    this.graphOpen = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const panel = this.host.querySelector<HTMLElement>('.gs-graph-panel');
    const graph = panel?.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('gs-graph');
    if (!panel || !graph) return;
    await graph.updateComplete;
    if (!this.graphOpen) return;
    const bar = this.host.querySelector<HTMLElement>('.gs-toolbar');
    panel.style.scrollMarginTop = `${(bar?.offsetHeight ?? 0) + 8}px`;
    panel.scrollIntoView({ block: 'start' });
    const node = graph.shadowRoot?.querySelector<HTMLElement>('button.node[tabindex="0"]');
    if (node) node.focus({ preventScroll: true });
    else panel.focus({ preventScroll: true });
  }

  /** Closes the graph: back to where the page was scrolled, focus on the Graph button. */
  closeGraph(): void {
    if (!this.graphOpen) return;
    this.graphOpen = false;
    this.host.requestUpdate();
    const top = this.graphScroll;
    this.graphScroll = undefined;
    this.toolButton('graph')?.focus({ preventScroll: true });
    // Once the panel is hidden (the page is shorter then).
    if (top !== undefined) void this.host.updateComplete.then(() => scrollTo({ top }));
  }

  private toolButton(tool: 'share' | 'graph'): HTMLButtonElement | null {
    return this.host.querySelector<HTMLButtonElement>(`.gs-toolbar button[data-tool="${tool}"]`);
  }

  discardUnreadable(): void {
    this.store?.discardUnreadable();
  }

  dismissRestored(): void {
    this.store?.dismissRestored();
  }

  /** Scrolls to a cell and focuses it: its entry in the tab order, else its formula field, else the cell. */
  jump(name: string): void {
    const cell = [...this.host.querySelectorAll<GsCell>('gs-cell')].find((c) => c.name === name);
    if (!cell) return;
    cell.scrollIntoView({ block: 'center' });
    if (!cell.focusFirst()) {
      cell.focus({ preventScroll: true });
      this.select(name);
    }
  }

  render(session: Session) {
    return toolbar(this, session);
  }

  // ---- Keys and focus -----------------------------------------------------------------------

  private onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && !e.defaultPrevented && this.closePanelOf(e)) return;
    const action = shortcut(e);
    if (!action || e.defaultPrevented || !this.workbookUndoApplies(e)) return;
    e.preventDefault();
    this.store?.history.seal();
    if (action === 'undo') this.undo();
    else this.redo();
  };

  /** Escape in the share link or the graph closes it (focus back on its button). */
  private closePanelOf(e: KeyboardEvent): boolean {
    const path = e.composedPath();
    const inside = (selector: string) => path.some((n) => n instanceof HTMLElement && n.matches(selector) && this.host.contains(n));
    if (this.link && inside('.gs-share')) {
      e.preventDefault();
      this.closeShare();
      return true;
    }
    if (this.graphOpen && inside('.gs-graph-panel')) {
      e.preventDefault();
      this.closeGraph();
      return true;
    }
    return false;
  }

  /** Ctrl+Z with nothing focused (the page's body): the page's only workbook undoes. */
  private onPageKeyDown = (e: KeyboardEvent): void => {
    const target = e.target as Element | null;
    if (target !== document.body && target !== document.documentElement) return;
    if (document.querySelectorAll('gs-workbook').length !== 1) return;
    this.onKeyDown(e);
  };

  /** Does Ctrl+Z mean the workbook's undo here, or the browser's own text undo? (See the top of this file.) */
  private workbookUndoApplies(e: KeyboardEvent): boolean {
    const target = e.composedPath()[0];
    if (!(target instanceof HTMLElement)) return true;
    if (target.matches('input.entry, input.slider')) return true;
    if (target.matches('input.formula')) {
      const cell = (target.getRootNode() as ShadowRoot).host as GsCell | undefined;
      const session = this.store?.session;
      return !!cell && !!session && (target as HTMLInputElement).value === session.formula(cell.name);
    }
    return !target.matches('input, textarea, select, [contenteditable]:not([contenteditable="false"])');
  }

  private onFocusIn = (e: FocusEvent): void => {
    const cell = e.composedPath().find((n): n is GsCell => n instanceof HTMLElement && n.localName === 'gs-cell');
    if (cell && cell.closest('gs-workbook') === this.host) this.select(cell.name);
  };

  /** Leaving an entry ends its typing: the next keystroke there is a new undo step. */
  private onFocusOut = (): void => {
    this.store?.history.seal();
  };

  private onStorage = (e: StorageEvent): void => {
    if (e.storageArea !== sessionStorageOf()) this.store?.storageChanged(e.key, e.newValue);
  };

  private onPageShow = (e: PageTransitionEvent): void => {
    if (e.persisted && this.store) this.store.storageChanged(this.store.persistence.key, null);
  };

  private onHashChange = (): void => {
    if (!this.store?.session) return;
    appliedLinks.delete(this.store);
    this.applySharedLink();
    this.host.requestUpdate();
  };

  /** A button pressed anywhere in the workbook (Run, Stop, Share, Graph…) is a new action: the last one's message goes. */
  private onAction = (e: Event): void => {
    if (e.composedPath().some((n) => n instanceof HTMLButtonElement)) this.clearAnnouncement();
  };

  private clearAnnouncement(): void {
    if (this.announcement) this.announce('');
  }

  private onJump = (e: CustomEvent<{ name: string }>): void => {
    e.preventDefault();
    this.graphScroll = undefined; // the student went to a cell: closing the graph leaves them there
    this.jump(e.detail.name);
  };

  // ---- Trace -------------------------------------------------------------------------------------

  select(name: string): void {
    const session = this.store?.session;
    if (!session) return;
    if (this.trace?.name === name) return;
    this.trace = session.view.trace(name);
    this.host.requestUpdate();
  }

  private retrace(): void {
    const session = this.store?.session;
    if (!session || !this.trace) return;
    this.trace = session.view.trace(this.trace.name);
    this.host.requestUpdate();
  }

  /** Marks the selected cell, the cells it reads and the cells that read it (data-trace on each <gs-cell>). */
  private markTrace(): void {
    const t = this.trace;
    for (const cell of this.host.querySelectorAll<GsCell>('gs-cell')) {
      const marks = !t
        ? []
        : [
            cell.name === t.name ? 'selected' : '',
            t.precedents.includes(cell.name) ? 'precedent' : '',
            t.dependents.includes(cell.name) ? 'dependent' : '',
          ].filter(Boolean);
      if (marks.length) cell.dataset.trace = marks.join(' ');
      else delete cell.dataset.trace;
    }
  }

  // ---- Shared links ------------------------------------------------------------------------------

  /** Applies a shared state in the page's address (#gs=…) once, then takes it out of the address. */
  private applySharedLink(): void {
    const store = this.store!;
    const encoded = sharedInHash(location.hash);
    if (!encoded || appliedLinks.has(store)) return;
    try {
      const shared = decodeShare(encoded);
      if (shared.workbook !== workbookPath(store.url)) return; // a link to another workbook of the page
      appliedLinks.add(store);
      const { dropped, changed } = store.applyShared(shared);
      this.shareNotice = messages.sharedApplied(dropped, changed);
      this.tell({ action: 'shared', label: messages.editSharedLink() });
    } catch (e) {
      appliedLinks.add(store);
      this.shareNotice = messages.sharedUnreadable(e instanceof ShareError ? e.message : String(e));
    }
    // The state now lives in the sheet (and in saved edits): a reload must not apply it again.
    const params = new URLSearchParams(location.hash.slice(1));
    params.delete(shareParam);
    const rest = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  }

  private announce(text: string): void {
    this.announcement = text;
    this.host.requestUpdate();
  }

  private tell(detail: GsHistoryDetail): void {
    this.host.dispatchEvent(new CustomEvent<GsHistoryDetail>('gs-history', { detail, bubbles: true, composed: true }));
  }
}

/** The page's sessionStorage (its events are not another tab's saves), or undefined when blocked. */
function sessionStorageOf(): Storage | undefined {
  try {
    return sessionStorage;
  } catch {
    return undefined;
  }
}

/** Does an edit change a formula (and so, perhaps, what reads what)? */
function changesFormula(edit: Edit): boolean {
  return edit.kind === 'formula' || (edit.kind === 'group' && edit.edits.some(changesFormula));
}

function shortcut(e: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}
