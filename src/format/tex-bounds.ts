// What TeX and Markdown the page refuses to render, as a pure rule: no KaTeX, no markdown-it
// renderer, no DOM. The page (components/tex.ts, components/markdown.ts) refuses what this
// says before it typesets; reading a workbook (render-bounds.ts) reports the same texts as
// located problems, so `gradsheet check` and the page agree.
//
// mathSegments finds the $…$ and $$…$$ math of a Markdown text as the page's renderer does:
// the block and inline rules of @mdit/plugin-tex themselves, run by markdown-it's block parser
// (as fences.ts runs it) and by a small inline scanner that knows the inline rules that come
// before math or consume a `$` (backslash escapes, code spans). It stays out of markdown-it's
// inline parser and its entity table, which the page loads only to render prose.

import ParserBlock from 'markdown-it/lib/parser_block.mjs';
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { tex } from '@mdit/plugin-tex';
import { limits } from '../limits.ts';
import { codes, messages, type Code } from '../messages.ts';

// Commands that define macros. A definition is how a short text becomes a huge one (a chain of
// \def doubling its body), and workbooks never need one: refused before KaTeX runs.
const definition = /\\(def|gdef|edef|xdef|let|futurelet|global|newcommand|renewcommand|providecommand)(?![A-Za-z@])/;

/** Why this TeX is refused before it is typeset, with the code a located problem has; or undefined. */
export function texProblem(tex: string): { code: Code; message: string } | undefined {
  if (tex.length > limits.maxTexLength) return { code: codes.E_TOO_LONG, message: messages.texTooLong(tex.length, limits.maxTexLength) };
  const m = definition.exec(tex);
  return m ? { code: codes.E_FORBIDDEN, message: messages.texMacroDefinition(m[0]) } : undefined;
}

/** Why this TeX is refused before it is typeset, or undefined. */
export function texRefusal(tex: string): string | undefined {
  return texProblem(tex)?.message;
}

/** Why this Markdown text is refused as a whole before it is rendered, or undefined. */
export function markdownRefusal(text: string): string | undefined {
  return text.length > limits.maxMarkdownLength ? messages.markdownTooLong(text.length, limits.maxMarkdownLength) : undefined;
}

/**
 * The symbols a TeX string will lay out, counted from its source: each control word or symbol,
 * and each other character but spaces, braces, ^, _ and &. KaTeX's output has about as many
 * leaves or fewer (\frac, \left, \begin{…} make none); definitions, which could make more, are
 * refused. Used for the whole workbook's total, before anything is typeset.
 */
export function texSymbols(tex: string): number {
  return tex.match(/\\[A-Za-z]+|\\[^A-Za-z]|[^\s{}^_&\\]/g)?.length ?? 0;
}

export interface MathSegment {
  tex: string;
  display: boolean;
  /** Line of the segment's start, counted from the text's first line (0). */
  line: number;
}

// The plugin's own rules, taken from it as markdown.ts's markdown-it would get them.
type InlineRule = (state: InlineState, silent: boolean) => boolean;
type BlockRule = (...args: never[]) => boolean;
let inlineMath: InlineRule | undefined;
let blockMath: [BlockRule, { alt: string[] }] | undefined;
tex(
  {
    inline: { ruler: { after: (_at: string, _name: string, rule: InlineRule) => (inlineMath = rule), before: () => {} } },
    block: { ruler: { after: (_at: string, _name: string, rule: BlockRule, options: { alt: string[] }) => (blockMath = [rule, options]) } },
    renderer: { rules: {} },
  } as unknown as MarkdownIt,
  { delimiters: 'dollars', render: () => '' },
);

const parser = new ParserBlock();
// markdown.ts's blocks: the 'commonmark' preset and the plugin's $$ block, less reference
// definitions (as in fences.ts, they read as a paragraph here).
parser.ruler.enableOnly(['blockquote', 'code', 'fence', 'heading', 'hr', 'html_block', 'lheading', 'list', 'paragraph']);
parser.ruler.after('blockquote', 'math_block_dollar', blockMath![0] as never, blockMath![1]);
const md = { block: parser, options: { html: false, maxNesting: limits.maxMarkdownNesting } } as unknown as MarkdownIt;

interface InlineState {
  src: string;
  pos: number;
  pending: string;
  md: { utils: { isSpace: (code: number) => boolean } };
  push: (type: string, tag: string, nesting: number) => { markup: string; content: string };
}

const isSpace = (code: number) => code === 0x09 || code === 0x20;
const punctuation = /[!-/:-@[-`{-~]/;

/** The $…$ math of one inline text (a paragraph's, a heading's, a caption). */
function inlineSegments(src: string, line: number, out: MathSegment[]): void {
  const found: { markup: string; content: string; at: number }[] = [];
  const state: InlineState = {
    src,
    pos: 0,
    pending: '',
    md: { utils: { isSpace } },
    push: () => {
      const token = { markup: '', content: '', at: state.pos };
      found.push(token);
      return token;
    },
  };
  while (state.pos < src.length) {
    const ch = src[state.pos];
    if (ch === '\\') {
      // markdown-it's escape rule: a backslash before punctuation makes it text (an escaped $).
      state.pos += state.pos + 1 < src.length && punctuation.test(src[state.pos + 1]) ? 2 : 1;
    } else if (ch === '`') {
      // A code span: from a run of backticks to the next run of the same length, else the run is text.
      let end = state.pos;
      while (src[end] === '`') end++;
      const run = end - state.pos;
      let close = end;
      for (;;) {
        close = src.indexOf('`'.repeat(run), close);
        if (close < 0 || src[close + run] !== '`') break;
        while (src[close] === '`') close++;
      }
      state.pos = close < 0 ? end : close + run;
    } else if (ch === '$') {
      inlineMath!(state, false);
    } else {
      state.pos++;
    }
  }
  for (const f of found) {
    out.push({ tex: f.content, display: false, line: line + countNewlines(src, f.at) });
  }
}

function countNewlines(s: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The math of a Markdown text, in order, as the page renders it: a block of prose (`inline`
 * false), or a caption (inline Markdown).
 */
export function mathSegments(text: string, inline = false): MathSegment[] {
  const out: MathSegment[] = [];
  if (inline) {
    inlineSegments(text, 0, out);
    return out;
  }
  const tokens: Token[] = [];
  parser.parse(text, md, {}, tokens);
  for (const t of tokens) {
    if (t.type === 'math_block') out.push({ tex: t.content, display: true, line: t.map![0] });
    else if (t.type === 'inline') inlineSegments(t.content, t.map![0], out);
  }
  return out;
}
