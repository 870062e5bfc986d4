// <gs-cell name="h1">: one cell of a workbook, live. It shows the cell's display name, its
// formula typeset and editable, its value (an editable grid for an input cell), what the slide
// says, and its error. It computes nothing: values, errors and comparisons come from the
// Session (src/reactive), which it observes.
//
// Public contract (README "Embedding"): attributes `name`, `workbook` (a URL, or "#id" of an
// inline workbook: inline-workbook.ts), `theme` (styles.ts); properties `value`
// (plain JSON), `status` ("pending" | "ok" | "error"), `error` ({code, message, root});
// entries are <input>s named "NAME[i,j]" (a scalar: "NAME"); the formula field is named
// "NAME formula"; a `gs-change` event {name, value, …} follows every edit.

import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { guard } from 'lit/directives/guard.js';
import type { Session, CellState } from '../src/reactive/session.ts';
import type { CellView } from '../src/reactive/sheet-view.ts';
import { toJSON, describeShape, shapeOf, type JsonValue, type Value } from '../src/formula/value.ts';
import { formatApart, formatNumber } from '../src/format/number.ts';
import { differsAt, type Comparison } from '../src/graph/expect.ts';
import type { GradCheck } from '../src/grad/check.ts';
import type { CellError } from '../src/errors.ts';
import { refusedHTML, refusedInPlace, sameSymbols, texToHTML } from './tex.ts';
import { inlineMarkdown } from './markdown-lazy.ts';
import { trustedHTML } from './unsafe-html.ts';
import { theme, type Theme } from './styles.ts';
import { holdWorkbookText, watchSession } from '../src/reactive/registry.ts';
import { cellWorkbookSource, whenParsed } from './inline-workbook.ts';
import { codes, messages } from '../src/messages.ts';
import { GridView, entryGrid, gridStyles, virtualAbove, virtualGrid } from './entry-grid.ts';
import { GridKeys } from './grid-keys.ts';
import { CellCopy, copyStyles } from './cell-copy.ts';
import { ExerciseView, exerciseGrid, exerciseStyles } from './exercise-grid.ts';
import type { GsExplain } from './gs-explain.ts';
import './gs-explain.ts';
import { addressParams } from './address.ts';
import { inNextFrame } from './shared-frame.ts';

export interface GsChangeDetail {
  name: string;
  /** An entry edit: the input cell's new value (null while an entry is not a number). A formula edit: the formula text. */
  value: JsonValue | string | null;
  kind: 'entry' | 'formula';
  /** The text as typed. */
  text: string;
  row?: number;
  col?: number;
}

/** What a `gs-jump` event says: go to the cell `name` ("Depends on h1", a node of the graph). */
export interface GsJumpDetail {
  name: string;
}

/**
 * One cell of a workbook, live: its label and formula typeset, its value (an editable grid for
 * an input cell), what the slide says, a gradient check, its error. Inside a <gs-workbook> the
 * workbook gives it its session; on its own in a page it needs `workbook`.
 *
 * @summary One live cell of a workbook: formula, value, slide value, error.
 *
 * @attr {string} name - The cell's name in its workbook ("Theta1").
 * @attr {string} workbook - Its workbook when the cell is on its own in a page: a URL relative to the page, or "#id", the id of a <gs-workbook> or of a <script type="text/x-gradsheet"> of the page.
 * @attr {"light" | "dark" | "auto"} theme - The colour scheme: "light", "dark", or "auto" (the system's). Unset: the page's CSS `color-scheme` (unset there too: light). Also the `theme` property.
 *
 * @fires {CustomEvent<GsChangeDetail>} gs-change - After every edit of an entry or a formula (bubbles, composed).
 * @fires {CustomEvent<GsJumpDetail>} gs-jump - "Depends on NAME" was clicked (bubbles, composed, cancelable); a <gs-workbook> answers it, otherwise the cell focuses NAME of the same workbook on the page.
 *
 * @csspart cell - The whole cell (its card).
 * @csspart header - The cell's name, formula and shape.
 * @csspart value - The value, or the grid of entries of an input cell.
 * @csspart entry - Each editable entry.
 * @csspart slider - The slider of a number with `slider:`.
 * @csspart viewport - The scrolling box of a large matrix.
 * @csspart formula - The formula bar.
 * @csspart slide - What the slide says, and whether the value agrees.
 * @csspart check - A gradient check.
 * @csspart error - The cell's error, or "Depends on …".
 * @csspart caption - The cell's caption.
 * @csspart copy - The Copy TSV and LaTeX buttons.
 *
 * @cssprop [--gs-fg=#1d2330] - Text (in the dark scheme: #e4e8f0).
 * @cssprop [--gs-muted=#5d6678] - Secondary text (in the dark scheme: #a3acbd).
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
export class GsCell extends LitElement {
  static override properties = {
    name: { type: String, reflect: true },
    workbook: { type: String },
    theme: { type: String, reflect: true },
    session: { attribute: false },
    index: { type: Number, attribute: false },
    _state: { state: true, attribute: false },
    _draft: { state: true, attribute: false },
    _loadError: { state: true, attribute: false },
    _expanded: { state: true, attribute: false },
    answers: { type: Boolean, reflect: true },
    _explaining: { state: true, attribute: false },
  };

  declare name: string;
  /** URL of a workbook, when the cell is embedded on its own in a page. */
  declare workbook: string;
  /** "light", "dark" or "auto" (the system's); unset: the page's colour scheme. */
  declare theme: Theme | undefined;
  declare session: Session | undefined;
  /** Position of the cell in its workbook (to tell apart two cells of the same name). */
  declare index: number;
  /** The state shown (see attach()). */
  /** @private (state) */
  declare _state: CellState | undefined;
  /** The state as the session last reported it; the public properties read this one. */
  private live: CellState | undefined;
  /** A frame after a recompute began: "pending" is shown if it is still pending (one look a frame, however many recomputes). */
  private readonly lookAgain = () => {
    if (this.live?.status === 'pending') this._state = this.live;
  };
  /** The typeset label and formula, made once per definition of the cell (KaTeX is the costliest part of a render). */
  private header: { cell: CellView; label: string; formula: string | null } | undefined;
  /** @private (state) */
  declare _draft: string | undefined;
  /** @private (state) */
  declare _loadError: string | undefined;
  /** Show every entry of a long value. */
  /** @private (state) */
  declare _expanded: boolean;
  /**
   * The instructor view: an exercise cell shows its value (and its formula), as any cell does.
   * Set by its <gs-workbook> (`answers`), or by `?answers` in the page's address.
   */
  declare answers: boolean;
  /** Unsubscribes from the exercises that hide this cell until they are solved ("hides: dependents"). */
  private unhide: (() => void)[] = [];
  /** The answer grid of an exercise cell ("exercise:"). */
  private readonly exercise = new ExerciseView(this, () =>
    this.session && this.index >= 0 ? { session: this.session, name: this.name, index: this.index } : undefined,
  );
  /** The Explain view has been opened (it stays in the shadow root, closed, afterwards). */
  /** @private (state) */
  declare _explaining: boolean;

  private unsubscribe: (() => void) | undefined;
  private unwatch: (() => void) | undefined;
  /** Spreadsheet keys and paste in the grid of an input cell. */
  private readonly keys = new GridKeys(this, {
    root: () => this.shadowRoot,
    shape: () => this.session?.view.entryShape(this.name) ?? [0, 0],
    entries: () => this.session?.entriesOf(this.name) ?? [],
    text: (row, col) => this.session?.entryText(this.name, row, col) ?? '',
    setEntry: (row, col, text) => this.onEntryInput(row, col, text),
    setEntries: (entries, row, col, text) => this.onEntriesPaste(entries, row, col, text),
  });
  /** Which part of a large grid is rendered (an input's entries, or a value shown in full). */
  private readonly view = new GridView(this, () => this.shadowRoot);
  /** Copy the value as TSV or LaTeX. */
  private readonly copier = new CellCopy(this);

  constructor() {
    super();
    this.name = '';
    this.workbook = '';
    this.index = -1;
    this._expanded = false;
    this.answers = false;
    this._explaining = false;
  }

  // ---- Off screen ----------------------------------------------------------------------------
  // An edit recomputes every cell that depends on it, and in a long sheet most of them are off
  // screen. Those re-render when the browser is idle (or as soon as they come into view), not in
  // the frame that shows the edit: a 1,000-cell sheet then answers an edit as fast as the cells
  // in view allow. The DOM is never more than an idle moment behind, and updateComplete waits
  // for it, as always.

  /** False once the cell is known to be out of view (with a margin); updates then wait. */
  private onscreen = true;
  private wake: (() => void) | undefined;

  /** Called by the shared IntersectionObserver. */
  private seen(onscreen: boolean): void {
    this.onscreen = onscreen;
    if (onscreen) this.wake?.();
  }

  protected override async scheduleUpdate(): Promise<unknown> {
    if (!this.onscreen && this.hasUpdated) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.wake = undefined;
          resolve();
        };
        this.wake = done;
        if (typeof requestIdleCallback === 'function') requestIdleCallback(done, { timeout: 250 });
        else setTimeout(done, 0);
      });
    }
    return super.scheduleUpdate();
  }

  // ---- Public contract -------------------------------------------------------------------

  /** The current value as plain JSON: a number, or an array of rows. Undefined while pending or on error. */
  get value(): JsonValue | undefined {
    return this.live?.status === 'ok' && this.live.value !== undefined ? toJSON(this.live.value) : undefined;
  }

  get status(): 'pending' | 'ok' | 'error' {
    if (this._loadError) return 'error';
    return this.live?.status ?? 'pending';
  }

  get error(): { code: string; message: string; root: string } | undefined {
    if (this._loadError) return { code: 'E_FILE', message: this._loadError, root: this.name };
    return this.live?.status === 'error' && this.live.error ? this.live.error.toJSON() : undefined;
  }

  // ---- Wiring ------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    watchVisibility(this);
    // workbook="#id" names an element of the page, perhaps further down than this cell.
    if (this.workbook && !this.unwatch) whenParsed(() => this.isConnected && !this.unwatch && this.watch());
    this.attach();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    visibility?.unobserve(this);
    this.seen(true);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.unhide.forEach((off) => off());
    this.unhide = [];
    this.unwatch?.();
    this.unwatch = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('workbook')) this.watch();
    if (changed.has('session') || changed.has('name') || changed.has('index')) this.attach();
    // A cell of a page needs a workbook (a <gs-workbook> gives its own cells their session).
    if (!this.session && !this.workbook) this._loadError = messages.embedNoWorkbook(this.name);
  }

  /** An embedded cell follows its workbook's session, including when it is replaced. */
  private watch(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this._loadError = undefined;
    if (!this.workbook || !this.isConnected) return;
    const source = cellWorkbookSource(this.workbook, this.getRootNode() as Document | ShadowRoot);
    if (source instanceof Error) {
      if (document.readyState !== 'loading') this._loadError = source.message; // else: once parsed (connectedCallback)
      return;
    }
    if (source.text !== undefined) holdWorkbookText(source.url, source.text);
    this.unwatch = watchSession(
      source.url,
      (session) => {
        this._loadError = undefined;
        this.session = session;
      },
      (e) => (this._loadError = e.message),
    );
  }

  private attach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.unhide.forEach((off) => off());
    this.unhide = [];
    const session = this.session;
    if (!session || !this.isConnected) return;
    const index = this.index >= 0 && session.state(this.index)?.name === this.name ? this.index : session.indexOf(this.name);
    if (index < 0) {
      // A file that is no workbook at all (a web page sent in its place): say that, not "no cell named x".
      const notAWorkbook = session.spec.problems.find((p) => p.code === codes.E_FILE && p.line === 1 && !session.spec.cells.length);
      if (notAWorkbook && this.workbook)
        this._loadError = messages.loadFailed(new URL(this.workbook, document.baseURI).href, lowerFirst(notAWorkbook.message.replace(/\.$/, '')));
      else this._loadError = this.name ? messages.embedNoCell(this.name, session.view.closestName(this.name)) : messages.embedNoName();
      return;
    }
    this._loadError = undefined;
    this.index = index;
    // An exercise upstream that hides its dependents: this cell shows once it is solved.
    this.unhide = session.exercises.hiding(index).map((i) => session.subscribe(i, () => this.requestUpdate()));
    this.unsubscribe = session.subscribe(index, (state) => {
      const next = (this.live = { ...state });
      // A recompute reports "pending", then the value, almost always in the same frame: showing
      // "pending" in between would take the value off the page and build it again (for a
      // 1,000-cell sheet, most of an edit's time). So it is shown only if it lasts a frame.
      if (next.status === 'pending' && this._state && this._state.status !== 'pending' && typeof requestAnimationFrame === 'function') {
        inNextFrame(this.lookAgain);
        return;
      }
      this._state = next;
    });
  }

  // ---- Edits ---------------------------------------------------------------------------------

  private onEntryInput(row: number, col: number, text: string): void {
    const session = this.session!;
    session.setEntry(this.name, row, col, text);
    this.requestUpdate();
    this.emitEntry(row, col, text);
  }

  /** A block pasted into the grid: every entry at once, one edit, one gs-change (at its top-left entry). */
  private onEntriesPaste(entries: string[][], row: number, col: number, text: string): void {
    const session = this.session!;
    session.setEntries(this.name, entries);
    this.requestUpdate();
    this.emitEntry(row, col, text);
  }

  /**
   * gs-change for an entry edit. Its `value` (the cell's new value as JSON) is made when a
   * listener first reads it: for a 256×256 matrix that is 65,536 numbers, on every keystroke.
   */
  private emitEntry(row: number, col: number, text: string): void {
    const state = this.session!.view.inputValue(this.name);
    let json: JsonValue | null | undefined;
    const detail = { name: this.name, kind: 'entry', text, row, col } as GsChangeDetail;
    Object.defineProperty(detail, 'value', {
      get: () => (json === undefined ? (json = state instanceof Error ? null : toJSON(state)) : json),
      enumerable: true,
    });
    this.emit(detail);
  }

  private commitFormula(): void {
    if (this._draft === undefined) return;
    const text = this._draft;
    this._draft = undefined;
    if (text === this.session!.formula(this.name)) return;
    this.session!.setFormula(this.name, text);
    this.emit({ name: this.name, value: text, kind: 'formula', text });
  }

  private onFormulaKey(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      this.commitFormula();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this._draft = undefined;
      (e.target as HTMLInputElement).value = this.session!.formula(this.name);
    }
  }

  private restore(): void {
    this._draft = undefined;
    this.session!.restoreFormula(this.name);
    this.emit({ name: this.name, value: this.session!.formula(this.name), kind: 'formula', text: this.session!.formula(this.name) });
  }

  private emit(detail: GsChangeDetail): void {
    this.dispatchEvent(new CustomEvent<GsChangeDetail>('gs-change', { detail, bubbles: true, composed: true }));
  }

  /**
   * Focuses the cell's entry in the tab order, else its formula field; false if it has neither
   * (a computed cell shown without a formula bar).
   */
  focusFirst(): boolean {
    const inner = this.shadowRoot?.querySelector<HTMLElement>('input.entry[tabindex="0"], input.formula');
    inner?.focus({ preventScroll: true });
    return !!inner;
  }

  /** "Depends on h1": a <gs-workbook> goes there (gs-jump); an embedded cell, to h1 of its workbook on the page. */
  private jumpTo(name: string): void {
    const jump = new CustomEvent<GsJumpDetail>('gs-jump', { detail: { name }, bubbles: true, composed: true, cancelable: true });
    if (!this.dispatchEvent(jump)) return;
    const root = this.getRootNode() as Document | ShadowRoot;
    const target = [...root.querySelectorAll<GsCell>('gs-cell')].find((c) => c.name === name && c.workbook === this.workbook);
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.focusFirst();
  }

  // ---- Explain (gs-explain.ts) -------------------------------------------------------------

  /** Opens the Explain view of a gradient cell; false for a cell with nothing to explain. Focus returns to `opener`. */
  async explain(opener: HTMLElement | null = this.shadowRoot?.activeElement as HTMLElement | null): Promise<boolean> {
    if (!this.session || !this.session.view.explains(this.name)) return false;
    if (this.shadowRoot?.querySelector<GsExplain>('gs-explain')?.isOpen) return true;
    this._explaining = true;
    await this.updateComplete;
    await this.shadowRoot!.querySelector<GsExplain>('gs-explain')!.open(opener ?? this.shadowRoot!.querySelector<HTMLElement>('button.explain'));
    return true;
  }

  /** Alt+Shift+E inside a gradient cell opens its Explain view. */
  private onCellKey(e: KeyboardEvent): void {
    if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyE') {
      e.preventDefault();
      void this.explain();
    }
  }

  // ---- Rendering -------------------------------------------------------------------------------

  override render() {
    if (this._loadError) return html`<section part="cell" class="cell status-error"><div class="error" role="alert">${this._loadError}</div></section>`;
    const session = this.session;
    const state = this._state;
    if (!session || !state)
      return html`<section part="cell" class="cell status-pending" aria-busy="true"><span class="muted">${messages.loadingCell(this.name)}</span></section>`;
    const cell = session.view.cell(this.index);
    const input = session.view.isInput(this.index);
    const instructor = this.instructorView();
    if (session.exercises.of(this.index) && !instructor) return this.renderExercise(session, cell, state);
    const hiddenBy = instructor ? undefined : this.hiddenBy(session);
    if (hiddenBy) return this.renderHidden(cell, hiddenBy);
    const header = this.typeset(cell, input);
    const value = state.status === 'ok' ? state.value : undefined;
    // A cell that fails only because a cell it reads does is quiet: the root cell says why.
    const upstream = state.status === 'error' && !!state.error?.root && state.error.root !== this.name;
    return html`
      <section part="cell" class="cell status-${state.status}${upstream ? ' upstream' : ''} kind-${input ? 'input' : 'formula'}" role="group" aria-label=${`${this.name} cell`} aria-busy=${state.status === 'pending' ? 'true' : 'false'} @keydown=${(e: KeyboardEvent) => this.onCellKey(e)}>
        <header part="header">${guard(
          [header, value === undefined ? '' : shapeText(value)],
          () => html`
          <span class="label" title=${this.name}>${trustedHTML(header.label)}</span>
          ${header.formula !== null ? html`<span class="eq">=</span><span class="tex">${trustedHTML(header.formula)}</span>` : nothing}
          ${value !== undefined ? html`<span class="shape" title="shape">${shapeText(value)}</span>` : nothing}`,
        )}
        </header>
        <div class="body" part="value">${
          input
            ? entryGrid({
                session,
                name: this.name,
                slider: cell.slider,
                comparison: state.comparison,
                onInput: (row, col, text) => this.onEntryInput(row, col, text),
                keys: this.keys,
                view: this.view,
              })
            : this.renderValue(value, state.comparison, state.status)
        }${this.copier.render(this.name, value)}</div>
        ${input ? nothing : guard([session.formula(this.name), session.isFormulaEdited(this.name), this._draft], () => this.renderFormulaBar(session))}
        ${state.comparison ? this.renderComparison(state.comparison) : nothing}
        ${state.gradCheck ? this.renderGradCheck(state.gradCheck) : nothing}
        ${
          session.view.explains(this.name)
            ? html`<div class="explain-row"><button type="button" class="explain" aria-label=${messages.explainButtonLabel(this.name)}
          aria-keyshortcuts="Alt+Shift+E" title=${messages.explainButtonTitle()} @click=${(e: Event) => void this.explain(e.currentTarget as HTMLElement)}>${messages.explainButton()}</button></div>`
            : nothing
        }
        ${this._explaining ? html`<gs-explain .session=${session} .cell=${this.name}></gs-explain>` : nothing}
        ${cell.expectationError ? html`<div class="note error-text">${messages.slideValueError(cell.expectationError.message)}</div>` : nothing}
        ${state.status === 'error' && state.error ? this.renderError(state) : nothing}
        ${cell.caption ? html`<p class="caption" part="caption">${cell.refused?.caption ? refusedInPlace(cell.refused.caption) : inlineMarkdown(cell.caption)}</p>` : nothing}
      </section>
    `;
  }

  /** The instructor view is on: the workbook's `answers`, or `?answers` in the page's address. */
  private instructorView(): boolean {
    return this.answers || addressParams().has('answers');
  }

  /** The first exercise upstream that hides this cell and is neither solved nor shown. */
  private hiddenBy(session: Session): string | undefined {
    for (const i of session.exercises.hiding(this.index)) {
      const name = session.view.cell(i).name;
      if (!session.exercises.grade(i)?.solved && !session.exercises.answerShown(name)) return name;
    }
    return undefined;
  }

  /** An exercise cell: its label and instruction, the answer grid; its value, formula and slide stay hidden. */
  private renderExercise(session: Session, cell: CellView, state: CellState) {
    const header = this.typeset(cell, false);
    const upstream = state.status === 'error' && !!state.error?.root && state.error.root !== this.name;
    return html`
      <section part="cell" class="cell exercise-cell status-${state.status}${upstream ? ' upstream' : ''} kind-formula" role="group" aria-label=${`${this.name} cell`} aria-busy=${state.status === 'pending' ? 'true' : 'false'}>
        <header part="header"><span class="label" title=${this.name}>${trustedHTML(header.label)}</span><span class="eq">=</span><span class="exercise-tag">?</span></header>
        <div class="body">${exerciseGrid({ session, name: this.name, index: this.index, view: this.exercise, answer: (v) => this.renderValue(v, undefined, 'ok') })}</div>
        ${state.status === 'error' && state.error ? this.renderError(state) : nothing}
        ${cell.caption ? html`<p class="caption" part="caption">${cell.refused?.caption ? refusedInPlace(cell.refused.caption) : inlineMarkdown(cell.caption)}</p>` : nothing}
      </section>`;
  }

  /** A cell that reads an unsolved exercise marked "hides: dependents": its label, and why it is not shown yet. */
  private renderHidden(cell: CellView, exercise: string) {
    const header = this.typeset(cell, true);
    return html`
      <section part="cell" class="cell hidden-cell" role="group" aria-label=${`${this.name} cell`}>
        <header part="header"><span class="label" title=${this.name}>${trustedHTML(header.label)}</span></header>
        <p class="hidden-until">${messages.exerciseHidden(exercise)}</p>
      </section>`;
  }

  /** The label and formula as MathML, typeset again only when the cell's definition changes. */
  private typeset(cell: CellView, input: boolean): { label: string; formula: string | null } {
    if (this.header?.cell !== cell) {
      const label = cell.refused?.label ? refusedHTML(cell.refused.label) : texToHTML(cell.label);
      const formula = !input && cell.formula !== null ? texToHTML(cell.formula) : null;
      // A label that says what the formula says ("σ(x)" for sigmoid(x)) is shown once.
      this.header = { cell, label, formula: formula !== null && sameSymbols(formula, label) ? null : formula };
    }
    return this.header;
  }

  private labelOf(name: string): string | undefined {
    return this.session?.view.labelOf(name);
  }

  private renderValue(value: Value | undefined, comparison: Comparison | undefined, status: CellState['status']) {
    if (value === undefined) return html`<span class="placeholder">${status === 'error' ? messages.noValue() : '…'}</span>`;
    const width = typeof value === 'number' ? 1 : value.cols;
    const differs = (i: number, j: number) => differsAt(comparison, i, j, width);
    if (typeof value === 'number') {
      return html`<output class=${`scalar-value${differs(1, 1) ? ' differs' : ''}`} title=${String(value)}>${formatNumber(value)}</output>`;
    }
    // Long values show their first and last rows (and columns) until the student asks for all.
    const less = html`<button type="button" class="expand" @click=${() => (this._expanded = false)}>${messages.showLess()}</button>`;
    if (this._expanded && value.rows * value.cols > virtualAbove) {
      // All of a large value: the rows and columns in view of a scrolling viewport, as a large input grid.
      const cell = (i: number, j: number) => {
        const v = value.data[(i - 1) * value.cols + (j - 1)];
        return html`<span class=${differs(i, j) ? 'differs' : ''} title=${`[${i},${j}] ${v}`}>${formatNumber(v)}</span>`;
      };
      return html`${virtualGrid({
        label: messages.cellValue(this.name),
        role: 'table',
        rows: value.rows,
        cols: value.cols,
        cell,
        shows: (_i, cols) => [value, comparison, cols.join()],
        view: this.view,
        className: 'values',
      })}${less}`;
    }
    const rows = shown(value.rows, 12, this._expanded),
      cols = shown(value.cols, 10, this._expanded);
    const cut = rows.includes(0) || cols.includes(0);
    return html`<table class="matrix" role="table" aria-label=${messages.cellValue(this.name)}>
      ${rows.map(
        (i) =>
          html`<tr>${cols.map((j) => {
            if (i === 0 || j === 0) return html`<td class="more" aria-hidden="true">${i === 0 ? '⋮' : '…'}</td>`;
            const v = value.data[(i - 1) * value.cols + (j - 1)];
            return html`<td class=${differs(i, j) ? 'differs' : ''} title=${`[${i},${j}] ${v}`}>${formatNumber(v)}</td>`;
          })}</tr>`,
      )}
    </table>${
      this._expanded
        ? less
        : cut
          ? html`<button type="button" class="expand" @click=${() => (this._expanded = true)}>${messages.showAll(value.rows, value.cols)}</button>`
          : nothing
    }`;
  }

  private renderFormulaBar(session: Session) {
    const formula = session.formula(this.name);
    const edited = session.isFormulaEdited(this.name);
    return html`<div class="formula-bar" part="formula">
      <span class="fx" aria-hidden="true">=</span>
      <input
        class="formula"
        aria-label=${messages.cellFormula(this.name)}
        spellcheck="false"
        autocomplete="off"
        .value=${live(this._draft ?? formula)}
        @input=${(e: Event) => (this._draft = (e.target as HTMLInputElement).value)}
        @change=${() => this.commitFormula()}
        @keydown=${(e: KeyboardEvent) => this.onFormulaKey(e)}
      />
      ${edited ? html`<button type="button" class="restore" aria-label=${messages.restoreFormula(this.name)} title=${messages.restoreFormulaTitle()} @click=${() => this.restore()}>${messages.restore()}</button>` : nothing}
    </div>`;
  }

  private renderComparison(c: Comparison) {
    // The slide's value as the author wrote it (0.593269992 stays 0.593269992), minus signs typeset.
    const slide = c.slideText.replace(/-/g, '−');
    const verdict = c.agrees
      ? html`<span class="verdict agree">${messages.slideAgreesVerdict()}</span>`
      : html`<span class="verdict differ">${messages.slideDiffersVerdict(c.knownWrong)}</span>`;
    const detail = c.shapeMismatch
      ? c.shapeMismatch
      : c.agrees
        ? agreement(c)
        : c.entries
            .filter((e) => !e.agrees)
            .slice(0, 4)
            .map((e) => {
              const [s, v] = formatApart(e.slide, e.computed);
              return `${c.entries.length > 1 ? `[${e.row},${e.col}] ` : ''}${messages.slideAgainstComputed(s, v)}`;
            })
            .join('; ');
    return html`<div class=${`slide ${c.agrees ? 'agree' : 'differ'}`} part="slide" role="note">
      <span class="slide-says">${messages.slideSays()} <span class="slide-value">${slide}</span></span>
      ${verdict}
      <span class="detail">${detail}</span>
      ${c.reason && !c.agrees ? html`<span class="reason">${c.reason}</span>` : nothing}
      ${c.knownWrong && c.agrees ? html`<span class="reason">${messages.slideMarkedButAgrees()}</span>` : nothing}
    </div>`;
  }

  private renderGradCheck(check: GradCheck | CellError) {
    if (check instanceof Error) {
      const upstream = check.root && check.root !== this.name;
      return html`<div class="check fail" part="check" role="note"><span class="verdict">${messages.gradCheckUnavailable()}</span>
        <span class="detail">${upstream ? messages.hasAnError(check.root!) : check.message}</span></div>`;
    }
    const of = this.labelOf(check.of) ?? check.of,
      wrt = this.labelOf(check.wrt) ?? check.wrt;
    const expected = check.expectedToFail !== undefined;
    const verdict = check.pass
      ? html`<span class="verdict pass">${messages.gradCheckPasses()}</span>`
      : html`<span class="verdict fail">${messages.gradCheckFails(expected)}</span>`;
    const many = check.entries.length > 12;
    const table = html`<table class="check-table">
      <thead><tr><th scope="col"><span class="visually-hidden">${messages.checkEntry()}</span></th><th scope="col">${messages.checkThisCell()}</th><th scope="col">${messages.checkAutodiff()}</th><th scope="col">${messages.checkFiniteDiff()}</th></tr></thead>
      <tbody>${check.entries.map(
        (e) => html`<tr class=${e.agrees ? '' : 'bad'}>
        <th scope="row">${check.entries.length > 1 ? `[${e.row},${e.col}]` : html`<span class="visually-hidden">${messages.checkValue()}</span>`}</th>
        <td>${formatNumber(e.written)}</td><td>${formatNumber(e.autodiff)}</td><td>${e.numeric === null ? '—' : formatNumber(e.numeric)}</td>
      </tr>`,
      )}</tbody>
    </table>`;
    return html`<div class=${`check ${check.pass ? 'pass' : 'fail'}${expected ? ' expected' : ''}`} part="check" role="note">
      ${verdict}
      <span class="detail">${messages.checkAgainst()} ${trustedHTML(texToHTML(`\\frac{\\partial ${of}}{\\partial ${wrt}}`))} ${messages.checkByAutodiff()}
        ${check.shapeMismatch ?? html`${messages.checkLargestDifference(formatNumber(check.relativeDifference, 2))}`}${
          check.numericDifference !== null
            ? html`${messages.checkAgreeTo(formatNumber(check.numericDifference, 2))}`
            : html`${messages.checkTooLargeForDifferences()}`
        }</span>
      ${expected && !check.pass ? html`<span class="reason">${check.expectedToFail}</span>` : nothing}
      ${check.entries.length ? (many ? html`<details><summary>${messages.checkCompareEntries(check.entries.length)}</summary>${table}</details>` : table) : nothing}
    </div>`;
  }

  private renderError(state: CellState) {
    const err = state.error!;
    if (err.root && err.root !== this.name) {
      // One alert, at the root; its dependents say where to look, without repeating it.
      return html`<div class="error upstream" part="error" title=${err.message}>
        ${messages.dependsOn()} <button type="button" class="root" @click=${() => this.jumpTo(err.root)}>${err.root}</button>${messages.whichHasAnError()}
      </div>`;
    }
    const where = err.loc ? html`<span class="loc">${messages.lineColumn(err.loc.line, err.loc.col)}</span>` : nothing;
    return html`<div class="error" role="alert" part="error">
      <span class="code">${err.code}</span>
      ${err.message}
      ${where}
    </div>`;
  }

  static override styles = [
    theme,
    gridStyles,
    copyStyles,
    exerciseStyles,
    css`
      :host {
        display: inline-block;
        vertical-align: top;
        font-family: var(--_font);
        color: var(--_fg);
        max-width: 100%;
        /* What changes inside a cell is laid out and painted inside it: without this, an edit of a
           1,000-cell sheet repainted the whole page (~30 ms), with it only the cells that changed. */
        contain: content;
      }
      .cell {
        /* Set here, not only on :host: a host page's rules on gs-cell (even "* { color: red }")
           beat :host, and would otherwise be inherited by everything inside. */
        color: var(--_fg);
        font-family: var(--_font);
        font-style: normal;
        font-weight: normal;
        text-align: start;
        text-transform: none;
        letter-spacing: normal;
        background: var(--_cell-bg);
        border: 1px solid var(--_border);
        border-radius: 8px;
        padding: 0.6rem 0.75rem;
        /* As wide as the value and the formula need; notes wrap inside that. */
        width: min-content;
        min-width: 9rem;
        box-sizing: border-box;
      }
      /* A narrow page (a phone, or 200% zoom) never scrolls sideways for a cell: a wide value scrolls inside it. */
      .cell { max-width: 100%; }
      .body { max-width: 100%; overflow-x: auto; }
      .status-error { border-color: var(--_error); }
      .status-pending .body { opacity: 0.55; }
      header {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        flex-wrap: nowrap;
        white-space: nowrap;
        font-size: 1.1rem;
        margin-bottom: 0.4rem;
      }
      .label { font-weight: 600; }
      .eq { color: var(--_muted); }
      /* A formula longer than the cell has room for scrolls inside its heading, the rest stays put. */
      .tex { color: var(--_fg); min-width: 0; overflow-x: auto; overflow-y: hidden; padding: 0.2rem 0; }
      .shape {
        margin-left: auto;
        font-size: 0.75rem;
        color: var(--_muted);
        border: 1px solid var(--_border);
        border-radius: 999px;
        padding: 0 0.45rem;
      }
      .matrix {
        border-collapse: separate;
        border-spacing: 0.35rem 0.1rem;
        border-left: 2px solid var(--_fg);
        border-right: 2px solid var(--_fg);
        border-radius: 4px;
        padding: 0.1rem 0.1rem;
        font-family: var(--_mono);
        font-variant-numeric: tabular-nums;
      }
      /* A number never breaks across lines (2.07931e-12 at its minus sign). */
      .matrix td { text-align: right; padding: 0.05rem 0.2rem; white-space: nowrap; }
      .matrix td.more { text-align: center; color: var(--_muted); }
      button.expand { margin-top: 0.3rem; }
      .scalar-value { font-family: var(--_mono); font-size: 1.05rem; white-space: nowrap; }
      .differs { background: var(--_differ-bg); color: var(--_differ); border-radius: 3px; font-weight: 600; }
      input.entry {
        font: inherit;
        font-family: var(--_mono);
        text-align: right;
        background: var(--_input-bg);
        color: var(--_fg);
        border: 1px solid var(--_border);
        border-radius: 4px;
        padding: 0.15rem 0.3rem;
        line-height: 1.4;
        /* A trained weight keeps all its digits; unfocused, a long one ends in … (the title has it all). */
        text-overflow: ellipsis;
      }
      input.entry:focus-visible, input.formula:focus-visible, button:focus-visible {
        outline: 2px solid var(--_accent);
        outline-offset: 1px;
      }
      .scalar { display: flex; align-items: center; gap: 0.5rem; }
      input.slider { width: 9rem; accent-color: var(--_accent); }
      input.entry.invalid { border-color: var(--_error); background: var(--_error-bg); color: var(--_error); }
      .formula-bar { display: flex; align-items: center; gap: 0.3rem; margin-top: 0.45rem; }
      .fx { font-family: var(--_mono); color: var(--_muted); }
      input.formula {
        flex: 1;
        min-width: 10rem;
        font-family: var(--_mono);
        font-size: 0.85rem;
        background: var(--_input-bg);
        color: var(--_fg);
        border: 1px solid var(--_border);
        border-radius: 4px;
        padding: 0.2rem 0.35rem;
        line-height: 1.5;
      }
      button {
        font: inherit;
        font-size: 0.8rem;
        background: transparent;
        color: var(--_accent);
        border: 1px solid var(--_border);
        border-radius: 4px;
        padding: 0.1rem 0.45rem;
        cursor: pointer;
      }
      .slide {
        margin-top: 0.45rem;
        font-size: 0.82rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.5rem;
        align-items: baseline;
        padding: 0.3rem 0.45rem;
        border-radius: 5px;
        min-width: 15rem;
      }
      .slide.agree { color: var(--_ok); background: color-mix(in srgb, var(--_ok) 8%, transparent); }
      .slide.differ { color: var(--_differ); background: var(--_differ-bg); }
      .slide-value { font-family: var(--_mono); }
      .verdict { font-weight: 600; }
      .detail { color: var(--_muted); }
      .slide.differ .detail { color: inherit; }
      .reason { flex-basis: 100%; color: var(--_fg); }
      .check {
        margin-top: 0.45rem;
        font-size: 0.82rem;
        padding: 0.3rem 0.45rem;
        border-radius: 5px;
        min-width: 15rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.2rem 0.5rem;
        align-items: baseline;
      }
      .check.pass { color: var(--_ok); background: color-mix(in srgb, var(--_ok) 8%, transparent); }
      .check.fail { color: var(--_error); background: var(--_error-bg); }
      .check.fail.expected { color: var(--_differ); background: var(--_differ-bg); }
      .check .detail { color: var(--_fg); }
      .check-table { font-family: var(--_mono); font-size: 0.78rem; border-collapse: collapse; flex-basis: 100%; }
      .check-table th, .check-table td { padding: 0.05rem 0.4rem; text-align: right; white-space: nowrap; }
      .check-table thead th { font-family: var(--_font); font-weight: 600; color: var(--_muted); }
      .check-table tr.bad td:first-of-type { font-weight: 700; }
      .error {
        margin-top: 0.45rem;
        font-size: 0.85rem;
        color: var(--_error);
        background: var(--_error-bg);
        border-radius: 5px;
        padding: 0.35rem 0.5rem;
        min-width: 15rem;
      }
      .error .code { font-family: var(--_mono); font-size: 0.75rem; margin-right: 0.3rem; opacity: 0.85; }
      .error .loc { display: block; font-size: 0.75rem; opacity: 0.85; }
      .error button.root { color: var(--_error); border-color: var(--_error); padding: 0 0.3rem; }
      .error-text { color: var(--_error); }
      .status-error.upstream { border-color: var(--_border); border-style: dashed; }
      .error.upstream { color: var(--_muted); background: none; border: 1px dashed var(--_border); min-width: 0; }
      .error.upstream button.root { color: var(--_accent); border-color: var(--_border); }
      .caption { margin: 0.4rem 0 0; font-size: 0.82rem; color: var(--_muted); }
      .muted, .placeholder { color: var(--_muted); }
      .note { font-size: 0.8rem; margin-top: 0.3rem; }
      .explain-row { margin-top: 0.4rem; }
      math { font-size: 1.05em; }
      .exercise-tag { font-family: var(--_mono); color: var(--_muted); }
      @media print {
        .formula-bar, button { display: none; }
        .cell { break-inside: avoid; }
      }
    `,
  ];
}

/** One observer for every cell of the page: which are in view, or near it. */
let visibility: IntersectionObserver | undefined;

function watchVisibility(cell: GsCell): void {
  if (typeof IntersectionObserver !== 'function') return;
  visibility ??= new IntersectionObserver((entries) => entries.forEach((e) => (e.target as unknown as { seen(on: boolean): void }).seen(e.isIntersecting)), {
    rootMargin: '50% 0px',
  });
  visibility.observe(cell);
}

/** Positions 1..n to show, with 0 where the middle is left out (when n is above `max`). */
function shown(n: number, max: number, all: boolean): number[] {
  if (all || n <= max) return Array.from({ length: n }, (_, k) => k + 1);
  const head = Math.ceil(max / 2),
    tail = max - head - 1;
  return [...Array.from({ length: head }, (_, k) => k + 1), 0, ...Array.from({ length: tail }, (_, k) => n - tail + k + 1)];
}

function shapeText(v: Value): string {
  const s = shapeOf(v);
  return s[0] === 1 && s[1] === 1 ? 'scalar' : describeShape(s);
}

/** How an agreeing comparison agreed: exactly, within the author's tolerance, or by the slide's digits. */
function agreement(c: Comparison): string {
  if (c.maxDifference < 1e-12) return messages.slideExactly();
  if (c.explicit) return messages.slideWithin(formatNumber(Math.max(...c.entries.map((e) => e.tolerance)), 2));
  const rounded = c.entries.some((e) => e.by === 'rounding'),
    truncated = c.entries.some((e) => e.by === 'truncation');
  return messages.slideAsPrinted(rounded && truncated ? 'rounded or truncated' : truncated ? 'truncated' : 'rounded');
}

if (!customElements.get('gs-cell')) customElements.define('gs-cell', GsCell);

declare global {
  interface HTMLElementTagNameMap {
    'gs-cell': GsCell;
  }
  interface HTMLElementEventMap {
    'gs-change': CustomEvent<GsChangeDetail>;
    'gs-jump': CustomEvent<GsJumpDetail>;
  }
  interface DocumentEventMap {
    'gs-change': CustomEvent<GsChangeDetail>;
    'gs-jump': CustomEvent<GsJumpDetail>;
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
