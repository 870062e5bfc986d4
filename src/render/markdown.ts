// The authors' prose and captions: Markdown with $…$ and $$…$$ math, rendered to HTML.
// Raw HTML is off, so an author's <script> is shown as text. Links may go to http(s), mailto
// or a relative address; javascript:, data: and every other scheme are dropped. Images load
// only from relative addresses (nothing remote is fetched). Pure (no DOM): the page loads it
// through components/markdown.ts (a chunk of its own), `gradsheet build` imports it directly.

import MarkdownIt from 'markdown-it';
import { tex } from '@mdit/plugin-tex';
import { texToHTML } from './tex.ts';
import { limits } from '../limits.ts';
import { markdownRefusal } from '../format/tex-bounds.ts';

const scheme = /^\s*([a-z][a-z0-9+.-]*):/i;

function isSafeLink(url: string): boolean {
  const m = scheme.exec(url);
  return !m || ['http', 'https', 'mailto'].includes(m[1].toLowerCase());
}

function isLocal(url: string): boolean {
  return !scheme.test(url) && !url.trim().startsWith('//');
}

const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
// The 'commonmark' preset already bounds nesting (maxNesting 20, limits.maxMarkdownNesting).
(md.options as { maxNesting?: number }).maxNesting = limits.maxMarkdownNesting;
md.validateLink = isSafeLink;
md.use(tex, { delimiters: 'dollars', render: (content: string, displayMode: boolean) => texToHTML(content, displayMode) });

const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const src = tokens[idx].attrGet('src') ?? '';
  if (!isLocal(src)) return md.utils.escapeHtml(tokens[idx].content || 'image');
  return defaultImage(tokens, idx, options, env, self);
};

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = tokens[idx].attrGet('href') ?? '';
  if (/^https?:/i.test(href)) {
    tokens[idx].attrSet('rel', 'noopener noreferrer');
    tokens[idx].attrSet('target', '_blank');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** A text too long to render, refused in place (each of its math segments is bounded by tex.ts). */
function tooLong(text: string): string | undefined {
  const refusal = markdownRefusal(text);
  return refusal === undefined ? undefined : `<span class="gs-markdown-refused" style="color: var(--gs-error, #b00020)">${md.utils.escapeHtml(refusal)}</span>`;
}

export function markdownToHTML(text: string): string {
  return tooLong(text) ?? md.render(text);
}

export function inlineMarkdownToHTML(text: string): string {
  return tooLong(text) ?? md.renderInline(text);
}
