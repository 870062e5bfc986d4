// Prose and captions, rendered by markdown.ts once it has loaded. markdown-it and its HTML
// entity table are a third of the bundle a course page downloads before its first cell shows
// (~50 KB gzipped), and a cell needs them only for its caption: so they are a chunk of their
// own, fetched the first time a caption or a paragraph of prose is rendered. Until then the
// caption or the prose is empty; it fills in when the chunk arrives, without re-rendering the
// element around it.

import { noChange, nothing } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { trustedHTML } from './unsafe-html.ts';

type Renderer = typeof import('./markdown.ts');

let renderer: Renderer | undefined;
let loading: Promise<Renderer> | undefined;

/** Loads the Markdown renderer (once); resolves when prose and captions can be rendered. */
function loadMarkdown(): Promise<Renderer> {
  return (loading ??= import('./markdown.ts').then((m) => (renderer = m)));
}

/** Resolves once every piece of prose or caption rendered so far shows its HTML. */
export async function markdownShown(): Promise<void> {
  if (loading) await loading;
}

class MarkdownDirective extends AsyncDirective {
  /** The text asked for last, and the text the part shows (rendered once, not on every update of the element). */
  private wanted: [string, boolean] | undefined;
  private shown: [string, boolean] | undefined;

  render(text: string, inline: boolean) {
    if (this.shown?.[0] === text && this.shown[1] === inline) return noChange;
    this.wanted = [text, inline];
    if (renderer) {
      this.shown = [text, inline];
      return html(renderer, text, inline);
    }
    void loadMarkdown().then((r) => {
      // Only the latest text, and only while the part is still on the page.
      if (this.wanted?.[0] !== text || this.wanted[1] !== inline || !this.isConnected) return;
      this.shown = [text, inline];
      this.setValue(html(r, text, inline));
    });
    return nothing;
  }
}

function html(r: Renderer, text: string, inline: boolean) {
  return trustedHTML(inline ? r.inlineMarkdownToHTML(text) : r.markdownToHTML(text));
}

/** A block of prose, as HTML (markdown.ts's rules: raw HTML off, safe links only). */
export const markdown = directive(MarkdownDirective);

/** `markdown(text, true)`: inline Markdown, for a caption. */
export const inlineMarkdown = (text: string) => markdown(text, true);
