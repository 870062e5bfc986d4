// <gs-workbook src="workbooks/07-backpropagation.md">: a whole workbook, its prose and its cells
// row by row. It renders into the light DOM so that every cell is a plain <gs-cell name="…">
// that a page (or a test) can find with querySelector; each cell keeps its own shadow root.

import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Session } from '../src/reactive/session.ts';
import { holdWorkbookText, watchSession, type Reload } from '../src/reactive/registry.ts';
import type { Block } from '../src/format/spec.ts';
import { sections } from '../src/format/sections.ts';
import { markdown, markdownShown } from './markdown-lazy.ts';
import { refusedInPlace } from './tex.ts';
import './gs-cell.ts';
import './gs-train.ts';
import './gs-figure.ts';
import './gs-network.ts';
import { WorkbookTools, type GsHistoryDetail } from './workbook-tools.ts';
import { PresentMode } from './present-mode.ts';
import { printSheet } from './print-styles.ts';
import { adoptStyles } from './light-dom.ts';
import { paletteCSS, type Theme } from './styles.ts';
import { whenParsed, workbookSource } from './inline-workbook.ts';
import { messages } from '../src/messages.ts';
import { addressParams } from './address.ts';

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  ${paletteCSS('gs-workbook')}
  gs-workbook { display: block; color: var(--gs-fg, inherit); font-family: var(--_font); line-height: 1.5; }
  /* Each section paints as a layer of its own: an edit re-records the sections it changed, and
     the others reuse their last painting (about a fifth less per edit at 4× CPU throttling). */
  @media screen { gs-workbook .gs-section { position: relative; } }
  gs-workbook .gs-prose { max-width: 46rem; }
  gs-workbook .gs-prose math[display="block"] { max-width: 100%; overflow-x: auto; overflow-y: hidden; }
  gs-workbook .gs-prose pre { background: var(--gs-code-bg, rgba(127,127,127,0.1)); padding: 0.6rem 0.8rem; border-radius: 6px; overflow-x: auto; }
  gs-workbook .gs-row { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-start; margin: 0.9rem 0 1.2rem; }
  gs-workbook .gs-figures { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: flex-start; }
  gs-workbook .gs-problems { border: 1px solid var(--_error); border-radius: 8px; padding: 0.5rem 0.9rem; margin: 0.8rem 0; max-width: 46rem; }
  gs-workbook .gs-problems h2 { font-size: 1rem; margin: 0.2rem 0 0.4rem; color: var(--_error); }
  gs-workbook .gs-problems li { font-size: 0.9rem; margin: 0.15rem 0; }
  gs-workbook .gs-problems code { font-size: 0.8rem; }
  gs-workbook .gs-status { color: var(--_muted); }
  gs-workbook .gs-load-error { color: var(--_error); }
  gs-workbook .gs-reload { border-left: 3px solid var(--_differ); padding: 0.3rem 0.7rem; margin: 0.8rem 0; max-width: 46rem; font-size: 0.9rem; }
`);

/** What a `gs-reload` event says: the workbook's file (or inline text) changed and was read again. */
export type GsReloadDetail = Reload;

/**
 * A whole workbook: its prose, its cells row by row, its plots and training controls, and its
 * toolbar (Undo, Redo, Reset all, Share, Graph). It renders into the page (light DOM), so each
 * cell is a <gs-cell name="…"> that querySelector finds. Every edit is saved in the browser.
 *
 * The workbook comes from `src`, or from the page: its `text` property, or a child
 * <script type="text/x-gradsheet"> holding the workbook's markdown (README "Embedding").
 *
 * @summary A whole workbook, live, with its toolbar; from a file or inline in the page.
 *
 * @attr {string} src - The workbook's URL, relative to the page. With inline text too, the text stands for that file (it is not fetched).
 * @attr {"light" | "dark" | "auto"} theme - The colour scheme: "light", "dark", or "auto" (the system's). Unset: the page's CSS `color-scheme` (unset there too: light). Also the `theme` property.
 * @attr {boolean} answers - The instructor view: every exercise shows its answer (as `?answers` in the page's address does). Also the `answers` property.
 *
 * @fires {CustomEvent<GsReloadDetail>} gs-reload - The workbook was read again (its file changed under `npm start`, or new `text`), with the cells whose edits could not be kept (bubbles, composed).
 * @fires {CustomEvent<GsHistoryDetail>} gs-history - After an undo, a redo, a Reset all, or a shared link applied (bubbles, composed).
 *
 * @cssprop [--gs-code-bg=rgba(127,127,127,0.1)] - Code listings in the prose.
 * @cssprop [--gs-fg=#1d2330] - Text (in the dark scheme: #e4e8f0).
 * @cssprop [--gs-muted=#5d6678] - Secondary text (in the dark scheme: #a3acbd).
 * @cssprop [--gs-bg=#ffffff] - The page background behind the sticky toolbar of a <gs-workbook> (in the dark scheme: #11141a).
 * @cssprop [--gs-cell-bg=#fbfcfe] - A card's background (cell, chart, training controls) (in the dark scheme: #1c212b).
 * @cssprop [--gs-border=#d5dae3] - Borders (in the dark scheme: #3a4252).
 * @cssprop [--gs-accent=#2d5bd7] - Focus rings, buttons, links (in the dark scheme: #8fb0ff).
 * @cssprop [--gs-ok=#1d7a46] - A slide value that agrees, a gradient check that passes (in the dark scheme: #6fd39b).
 * @cssprop [--gs-error=#b00020] - Errors (in the dark scheme: #ff8a9a).
 * @cssprop [--gs-error-bg=#fdecee] - The background of an error (in the dark scheme: #3a1d24).
 * @cssprop [--gs-differ=#a15c00] - A slide value that differs (in the dark scheme: #ffc46b).
 * @cssprop [--gs-differ-bg=#fff4e0] - The background of a value that differs (in the dark scheme: #3a2e17).
 * @cssprop [--gs-input-bg=#ffffff] - An entry's background (in the dark scheme: #11141a).
 * @cssprop [--gs-font=system-ui, -apple-system, 'Segoe UI', sans-serif] - The text font.
 * @cssprop [--gs-mono=ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace] - The font of numbers and formulas.
 */
export class GsWorkbook extends LitElement {
  static override properties = {
    src: { type: String, reflect: true },
    text: { attribute: false },
    theme: { type: String, reflect: true },
    session: { attribute: false },
    _error: { state: true, attribute: false },
    _reload: { state: true, attribute: false },
    answers: { type: Boolean, reflect: true },
  };

  declare src: string;
  /** The workbook's text, when the page holds it (instead of a child script, or of fetching src). */
  declare text: string | undefined;
  /** "light", "dark" or "auto" (the system's); unset: the page's colour scheme. */
  declare theme: Theme | undefined;
  declare session: Session | undefined;
  /** @private (state) */
  declare _error: string | undefined;
  /** The last live reload that could not keep every edit (or could not read the file). */
  /** @private (state) */
  declare _reload: Reload | undefined;

  /** The instructor view: every exercise shows its answer (also `?answers` in the page's address). */
  declare answers: boolean;
  /** Stops re-rendering the toolbar's exercise progress for the session before. */
  private unprogress: (() => void) | undefined;
  private unwatch: (() => void) | undefined;
  /** The address the workbook is known by (its file's URL, or an inline workbook's: inline-workbook.ts). */
  private url: string | undefined;
  /** Undo and redo, saved edits, Share, Reset all, tracing and the graph view (its toolbar). */
  readonly tools = new WorkbookTools(this);
  /** Present mode: one section a slide (?present, the toolbar's Present button). */
  readonly present = new PresentMode(this);
  private resolveLoaded!: (s: Session) => void;
  private rejectLoaded!: (e: Error) => void;
  /** Resolves with the session once the workbook has been read (rejects if it cannot be loaded). */
  loaded: Promise<Session>;

  constructor() {
    super();
    this.src = '';
    this.answers = false;
    this.loaded = this.freshLoaded();
  }

  private freshLoaded(): Promise<Session> {
    const p = new Promise<Session>((resolve, reject) => {
      this.resolveLoaded = resolve;
      this.rejectLoaded = reject;
    });
    p.catch(() => undefined);
    return p;
  }

  /** Resolves once every cell has finished computing. */
  async settled(): Promise<void> {
    const session = this.session ?? (await this.loaded); // the current one, after a live reload too
    await session.settled();
    await this.updateComplete;
    await markdownShown(); // the prose, once markdown-it has loaded
  }

  protected override createRenderRoot() {
    adoptStyles(this, sheet);
    adoptStyles(this, printSheet);
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // An inline workbook's <script> is parsed after the element itself.
    if (!this.unwatch) whenParsed(() => this.isConnected && !this.unwatch && this.watch());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch?.();
    this.unwatch = undefined;
    this.url = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') || changed.has('text')) this.watch();
    if (changed.has('session')) {
      // "3 of 5 exercises solved" in the toolbar follows every exercise's grade.
      this.unprogress?.();
      const session = this.session;
      this.unprogress = session?.view.onAnyChange((index) => session.exercises.of(index) && this.requestUpdate());
    }
  }

  /** The instructor view is on: the `answers` attribute, or `?answers` in the page's address. */
  get instructorView(): boolean {
    return this.answers || addressParams().has('answers');
  }

  /** Follows the workbook's session, including when it is replaced (the file changed). */
  private watch(): void {
    const source = this.isConnected ? workbookSource(this) : undefined;
    if (source?.text !== undefined) holdWorkbookText(source.url, source.text);
    // New text for the same workbook: a reload (holdWorkbookText), which keeps the edits.
    if (source && source.url === this.url && this.unwatch) return;
    this.unwatch?.();
    this.unwatch = undefined;
    this.url = undefined;
    if (!source) return;
    if (this.session) this.loaded = this.freshLoaded();
    this.session = undefined;
    this._error = undefined;
    this._reload = undefined;
    const url = (this.url = source.url);
    this.tools.follow(url); // first, so saved edits are restored before the sheet is shown
    this.unwatch = watchSession(
      url,
      (session, reload) => {
        this.session = session;
        this.resolveLoaded(session);
        if (reload) this.reloaded(reload);
      },
      (e) => {
        this._error = e.message;
        this.rejectLoaded(e);
      },
    );
  }

  /** The file changed and was read again: say which edits could not be kept; tell the page. */
  private reloaded(reload: Reload): void {
    this._reload = reload.dropped.length || reload.error ? reload : undefined;
    this.dispatchEvent(new CustomEvent<Reload>('gs-reload', { detail: reload, bubbles: true, composed: true }));
  }

  private renderReload(reload: Reload) {
    return html`<p class="gs-reload" role="status">${reload.error ? messages.reloadUnreadable(reload.error) : messages.reloadDropped(reload.dropped)}</p>`;
  }

  override render() {
    if (this._error) return html`<p class="gs-load-error" role="alert">${this._error}</p>`;
    const session = this.session;
    if (!session) return html`<p class="gs-status" aria-busy="true">${messages.loadingWorkbook()}</p>`;
    const spec = session.spec;
    const problems = session.view.problems;
    const startsWithTitle = spec.blocks[0]?.kind === 'prose' && /^#\s/.test(spec.blocks[0].text);
    return html`
      <article class="gs-workbook-body">
        ${this.tools.render(session)}
        ${this.present.render(spec.title)}
        ${startsWithTitle ? nothing : html`<h1>${spec.title}</h1>`}
        ${this._reload ? this.renderReload(this._reload) : nothing}
        ${this.instructorView && session.exercises.all().length ? html`<p class="gs-instructor" role="note">${messages.exerciseInstructor()}</p>` : nothing}
        ${problems.length ? this.renderProblems(problems) : nothing}
        ${guard([session, this.instructorView], () =>
          sections(spec.blocks).map(
            (s) =>
              html`<section class="gs-section">${sideBySide(s.blocks).map((b) =>
                Array.isArray(b) ? html`<div class="gs-figures">${b.map((p) => this.renderBlock(p, session))}</div>` : this.renderBlock(b, session),
              )}</section>`,
          ),
        )}
      </article>
    `;
  }

  private renderBlock(block: Block, session: Session) {
    if (block.kind === 'prose') return html`<div class="gs-prose">${block.refused ? refusedInPlace(block.refused) : markdown(block.text, false)}</div>`;
    if (block.kind === 'train') return html`<gs-train .session=${session} .block=${block}></gs-train>`;
    if (block.kind === 'plot') return html`<gs-figure .session=${session} .block=${block}></gs-figure>`;
    if (block.kind === 'network') return html`<gs-network .session=${session} .block=${block}></gs-network>`;
    return html`<div class="gs-row" role="group">
      ${block.cells.map((i) => html`<gs-cell name=${session.spec.cells[i].name} .index=${i} .session=${session} ?answers=${this.instructorView} tabindex="-1"></gs-cell>`)}
    </div>`;
  }

  private renderProblems(problems: Session['view']['problems']) {
    const file = decodeURIComponent(new URL(this.url ?? this.src, document.baseURI).pathname.split('/').pop() ?? '');
    return html`<section class="gs-problems" aria-label=${messages.problemsLabel()}>
      <h2>${messages.problemsIn(problems.length, file)}</h2>
      <ul>
        ${problems.map((p) => html`<li><code>${file}:${p.line}:${p.col}</code> <code>${p.code}</code> ${p.cell ? html`<strong>${p.cell}</strong>: ` : nothing}${p.message}</li>`)}
      </ul>
    </section>`;
  }
}

/** Consecutive ```plot blocks (nothing between them but blank lines) are shown side by side. */
function sideBySide(blocks: readonly Block[]): (Block | Block[])[] {
  const out: (Block | Block[])[] = [];
  blocks.forEach((b, k) => {
    const last = out[out.length - 1];
    if (b.kind !== 'plot' || blocks[k - 1]?.kind !== 'plot') out.push(b);
    else if (Array.isArray(last)) last.push(b);
    else out[out.length - 1] = [last, b];
  });
  return out;
}

if (!customElements.get('gs-workbook')) customElements.define('gs-workbook', GsWorkbook);

declare global {
  interface HTMLElementTagNameMap {
    'gs-workbook': GsWorkbook;
  }
  interface HTMLElementEventMap {
    'gs-reload': CustomEvent<GsReloadDetail>;
    'gs-history': CustomEvent<GsHistoryDetail>;
  }
  interface DocumentEventMap {
    'gs-reload': CustomEvent<GsReloadDetail>;
    'gs-history': CustomEvent<GsHistoryDetail>;
  }
}
