// The block structure of a workbook's Markdown, for finding its top-level fenced blocks:
// markdown-it's own block parser with CommonMark's block rules, as
// `new MarkdownIt('commonmark', { html: false }).parse(text)` runs it, without the rest of
// markdown-it (its inline parser, renderer, link normalizer and HTML entity table). Reading a
// workbook needs only this; rendering prose (components/markdown.ts) needs all of markdown-it,
// and loads it separately, when there is prose to show. That keeps ~50 KB gzipped out of what an
// embedding page downloads before its first cell appears.
//
// One difference: a link reference definition ("[x]: /url 'title'") is read as a paragraph,
// since recognizing one needs markdown-it's link helpers and with them the entity table. A
// fence ends a paragraph as it ends a definition, so the fences found are the same, except in
// a definition whose destination or title continues onto a line that looks like a fence
// (test/format/fences.test.ts compares the two on every workbook and on generated text).

import ParserBlock from 'markdown-it/lib/parser_block.mjs';
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

const parser = new ParserBlock();
// The block rules of markdown-it's 'commonmark' preset, less reference definitions (above).
parser.ruler.enableOnly(['blockquote', 'code', 'fence', 'heading', 'hr', 'html_block', 'lheading', 'list', 'paragraph']);

/** What the block rules read of a MarkdownIt instance ('commonmark' preset, raw HTML off). */
const md = { block: parser, options: { html: false, maxNesting: 20 } } as unknown as MarkdownIt;

/** The block-level tokens of a Markdown text (fences, headings, paragraphs, lists, …). */
export function blockTokens(text: string): Token[] {
  const tokens: Token[] = [];
  parser.parse(text, md, {}, tokens);
  return tokens;
}
