// TeX → MathML with KaTeX, locked down (GUIDE §4): no \href or \url except to http(s), no
// \htmlClass/\htmlStyle/\includegraphics, sizes capped, macro expansion capped, and a fresh
// macros object per call so a \gdef in one formula cannot leak into another.
// MathML output renders in Chromium without KaTeX's CSS or fonts, also inside shadow roots.
// Pure (a string in, HTML out, no DOM): the page (components/tex.ts) and `gradsheet build`'s
// static pages use the same renderer.

import katex from 'katex';
import { limits } from '../limits.ts';
import { messages } from '../messages.ts';
import { texRefusal } from '../format/tex-bounds.ts';

// What is refused before KaTeX runs (macro definitions, TeX too long) is one rule with reading a
// workbook, which reports the same texts as located problems (src/format/tex-bounds.ts).

/** A refusal shown where the math or text would be: visible, located by its place, and cheap. */
export function refusedHTML(message: string): string {
  return `<span class="katex-error gs-tex-refused" style="color: var(--gs-error, #b00020)">${escapeHTML(message)}</span>`;
}

/** The symbols (leaves) of KaTeX's MathML output. */
function symbolCount(html: string): number {
  return html.match(/<(mi|mn|mo|mtext|ms|mspace)[\s>]/g)?.length ?? 0;
}

const cache = new Map<string, string>();

export function texToHTML(tex: string, displayMode = false): string {
  const key = (displayMode ? 'D' : 'I') + tex;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let html: string;
  const refusal = texRefusal(tex);
  if (refusal) html = refusedHTML(refusal);
  else
    try {
      html = katex.renderToString(tex, {
        displayMode,
        output: 'mathml',
        throwOnError: false,
        errorColor: 'var(--gs-error, #b00020)',
        trust: (ctx: { command: string; protocol?: string }) =>
          (ctx.command === '\\href' || ctx.command === '\\url') && (ctx.protocol === 'http' || ctx.protocol === 'https'),
        maxSize: 10,
        maxExpand: limits.maxTexExpand,
        strict: 'ignore',
        macros: {},
      });
      // Chromium's MathML layout of a long row grows faster than linearly: refused before it is laid out.
      if (symbolCount(html) > limits.maxTexSymbols) html = refusedHTML(messages.texTooManySymbols(limits.maxTexSymbols));
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
  const shown = (html: string) =>
    html
      .replace(/<annotation[\s\S]*?<\/annotation>/g, '')
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, '');
  return shown(a) === shown(b);
}
