// <gs-gallery index="workbooks/index.json">: the list of workbooks, in lecture order, and the
// open workbook (?w=file.md) with links to the previous and next ones. ?w= opens only a workbook
// the index lists, on the gallery's own origin: a link to the course's site can never show a
// data: URL, another site's text or a file outside the workbooks (?w=../README.md) under the
// course's name.

import { LitElement, html, nothing } from 'lit';
import { readWorkbook } from '../src/format/read.ts';
import { fetchWorkbookText } from '../src/reactive/registry.ts';
import { messages } from '../src/messages.ts';
import './gs-workbook.ts';
import { adoptStyles } from './light-dom.ts';
import { paletteCSS } from './styles.ts';

interface Entry {
  file: string;
  title: string;
  summary: string;
}

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  ${paletteCSS('gs-gallery')}
  gs-gallery { display: block; }
  gs-gallery nav.gs-pager { display: flex; justify-content: space-between; gap: 1rem; margin: 1rem 0; font-size: 0.95rem; }
  gs-gallery ol.gs-list { padding-left: 1.4rem; max-width: 46rem; }
  gs-gallery ol.gs-list li { margin: 0.7rem 0; }
  gs-gallery ol.gs-list a { font-weight: 600; font-size: 1.05rem; }
  gs-gallery ol.gs-list p { margin: 0.15rem 0 0; color: var(--_muted); }
  @media print { gs-gallery nav.gs-pager { display: none; } }
`);

/**
 * The list of workbooks named by an index file, in its order, each with its title and summary;
 * with ?w=FILE in the page's address, that workbook, with links to the previous and next.
 *
 * @summary The gallery of a course's workbooks, and the open one.
 *
 * @attr {string} index - The URL of the index: a JSON array of workbook file names, relative to it. Default "workbooks/index.json".
 *
 * @cssprop [--gs-muted=#5d6678] - Secondary text (in the dark scheme: #a3acbd).
 */
export class GsGallery extends LitElement {
  static override properties = {
    index: { type: String },
    _entries: { state: true, attribute: false },
    _error: { state: true, attribute: false },
  };

  declare index: string;
  /** @private (state) */
  declare _entries: Entry[] | undefined;
  /** @private (state) */
  declare _error: string | undefined;

  constructor() {
    super();
    this.index = 'workbooks/index.json';
  }

  protected override createRenderRoot() {
    adoptStyles(this, sheet);
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get base(): URL {
    return new URL('.', new URL(this.index, document.baseURI));
  }

  private async load(): Promise<void> {
    let files: string[];
    try {
      const response = await fetch(new URL(this.index, document.baseURI), { cache: 'no-cache' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      files = (await response.json()) as string[];
    } catch (e) {
      this._error = messages.galleryUnlisted(this.index, e instanceof Error ? e.message : String(e));
      return;
    }
    // Until a workbook's own title is read, its file name stands in for it.
    const standIns = files.map((file) => ({ file, title: file.replace(/\.md$/i, '').replace(/^\d+-/, '').replace(/-/g, ' '), summary: '' }));
    const open = new URLSearchParams(location.search).get('w');
    if (open) {
      this._entries = standIns;
      // A workbook is open: it comes first. Only its neighbours' titles are needed (for the
      // links to the previous and next), and only once it has computed.
      await this.updateComplete;
      await this.querySelector('gs-workbook')
        ?.settled()
        .catch(() => undefined);
      const at = files.indexOf(listedFile(open, files, this.base) ?? '');
      await this.readTitles([files[at - 1], files[at + 1]].filter((f): f is string => !!f));
    } else {
      await this.readTitles(files, standIns);
    }
  }

  /** Reads the title and summary of each file, in place of its stand-in. */
  private async readTitles(files: string[], entries = this._entries!): Promise<void> {
    const read = await Promise.all(
      files.map(async (file): Promise<Entry> => {
        try {
          const spec = readWorkbook(await fetchWorkbookText(new URL(file, this.base).href), file);
          return { file, title: spec.title, summary: spec.meta.summary ?? '' };
        } catch {
          return { file, title: file, summary: messages.galleryEntryUnloaded() };
        }
      }),
    );
    this._entries = entries.map((e) => read.find((r) => r.file === e.file) ?? e);
  }

  override render() {
    if (this._error) return html`<p role="alert">${this._error}</p>`;
    const open = new URLSearchParams(location.search).get('w');
    const entries = this._entries;
    if (open) {
      if (!entries) return html`<p aria-busy="true">${messages.loadingWorkbooks()}</p>`;
      const listed = listedFile(
        open,
        entries.map((e) => e.file),
        this.base,
      );
      if (!listed) {
        return html`<p class="gs-not-listed" role="alert">${messages.galleryNotListed(open)}</p><nav class="gs-pager" aria-label=${messages.workbooksNav()}><a href="./">${messages.allWorkbooks()}</a></nav>`;
      }
      const at = entries.findIndex((e) => e.file === listed);
      const prev = entries && at > 0 ? entries[at - 1] : undefined;
      const next = entries && at >= 0 && at < entries.length - 1 ? entries[at + 1] : undefined;
      // Two pagers, above and below: landmarks with different names, so each can be told apart.
      const pager = (where: string) => html`<nav class="gs-pager" aria-label=${messages.workbooksNavAt(where)}>
        <span>${prev ? html`<a href=${`?w=${encodeURIComponent(prev.file)}`} rel="prev">← ${prev.title}</a>` : nothing}</span>
        <a href="./">${messages.allWorkbooks()}</a>
        <span>${next ? html`<a href=${`?w=${encodeURIComponent(next.file)}`} rel="next">${next.title} →</a>` : nothing}</span>
      </nav>`;
      return html`${pager('above')}<gs-workbook src=${new URL(open, this.base).href}></gs-workbook>${pager('below')}`;
    }
    if (!entries) return html`<p aria-busy="true">${messages.loadingWorkbooks()}</p>`;
    return html`<ol class="gs-list">
      ${entries.map((e) => html`<li><a href=${`?w=${encodeURIComponent(e.file)}`}>${e.title}</a>${e.summary ? html`<p>${e.summary}</p>` : nothing}</li>`)}
    </ol>`;
  }
}

/**
 * The file of the index that `open` (a ?w= value) names, resolved against the index's folder:
 * the same origin and the same path as a listed file (a query such as ?persist=1 may follow).
 */
export function listedFile(open: string, files: readonly string[], base: URL): string | null {
  let url: URL;
  try {
    url = new URL(open, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  return files.find((file) => new URL(file, base).pathname === url.pathname) ?? null;
}

if (!customElements.get('gs-gallery')) customElements.define('gs-gallery', GsGallery);

declare global {
  interface HTMLElementTagNameMap {
    'gs-gallery': GsGallery;
  }
}
