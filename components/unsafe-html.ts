// WARNING: the only place where an HTML string enters the page. Everything passed here must
// come from our own renderers, which escape or sanitize what an author wrote: KaTeX with a
// restrictive trust function (tex.ts) and markdown-it with raw HTML off (markdown.ts).
// Never pass user text here directly.

import { unsafeHTML } from 'lit/directives/unsafe-html.js';

/** Marks HTML produced by tex.ts or markdown.ts as safe to insert. */
export function trustedHTML(html: string) {
  return unsafeHTML(html);
}
