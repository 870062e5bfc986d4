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
  html = boldLetters(html);
  if (cache.size > 2000) cache.clear();
  cache.set(key, html);
  return html;
}

// Chromium's MathML ignores mathvariant="bold" (MathML Core keeps only "normal"), so \mathbf{x}
// would show as a plain x. Use the Unicode mathematical bold letters instead.
const boldStarts: Record<string, [number, number, number]> = {
  bold: [0x1d400, 0x1d41a, 0x1d7ce],
  'bold-italic': [0x1d468, 0x1d482, 0x1d7ce],
};

function boldLetters(html: string): string {
  return html.replace(/<(mi|mn) mathvariant="(bold|bold-italic)">([A-Za-z0-9]+)<\/\1>/g, (_m, tag: string, variant: string, text: string) => {
    const [upper, lower, digit] = boldStarts[variant];
    const chars = [...text].map((c) => {
      const code = c.charCodeAt(0);
      if (c >= 'A' && c <= 'Z') return String.fromCodePoint(upper + code - 65);
      if (c >= 'a' && c <= 'z') return String.fromCodePoint(lower + code - 97);
      return String.fromCodePoint(digit + code - 48);
    });
    return `<${tag} mathvariant="normal">${chars.join('')}</${tag}>`;
  });
}

function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Do two pieces of typeset math show the same symbols (σ(x) written as \\sigma(x) or by formula)? */
export function sameSymbols(a: string, b: string): boolean {
  const shown = (html: string) => html.replace(/<annotation[\s\S]*?<\/annotation>/g, '').replace(/<[^>]*>/g, '').replace(/\s+/g, '');
  return shown(a) === shown(b);
}
