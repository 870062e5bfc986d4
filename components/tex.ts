// TeX for the page: the renderer is src/render/tex.ts (pure, shared with `gradsheet build`).
// Here only what inserts its HTML into a Lit template.

import { refusedHTML } from '../src/render/tex.ts';
import { trustedHTML } from './unsafe-html.ts';

export { refusedHTML, sameSymbols, texToHTML } from '../src/render/tex.ts';

/** A label, caption or prose the workbook's reading refused (spec `refused`), shown in its place. */
export function refusedInPlace(message: string) {
  return trustedHTML(refusedHTML(message));
}
