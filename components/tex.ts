// TeX → MathML with KaTeX, locked down (GUIDE §4): no \href or \url except to http(s), no
// \htmlClass/\htmlStyle/\includegraphics, sizes capped, macro expansion capped, and a fresh
// macros object per call so a \gdef in one formula cannot leak into another.
// MathML output renders in Chromium without KaTeX's CSS or fonts, also inside shadow roots.

import katex from 'katex';

const cache = new Map<string, string>();

export function texToHTML(tex: string, displayMode = false): string {
  const key = (displayMode ? 'D' : 'I') + tex;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let html: string;
  try {
    html = katex.renderToString(tex, {
      displayMode,
      output: 'mathml',
      throwOnError: false,
      errorColor: 'var(--gs-error, #b00020)',
      trust: (ctx: { command: string; protocol?: string }) =>
        (ctx.command === '\\href' || ctx.command === '\\url') && (ctx.protocol === 'http' || ctx.protocol === 'https'),
      maxSize: 10,
      maxExpand: 200,
      strict: 'ignore',
      macros: {},
    });
  } catch {
    html = escapeHTML(tex);
  }
  if (cache.size > 2000) cache.clear();
  cache.set(key, html);
  return html;
}

export function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
