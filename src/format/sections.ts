// A workbook's sections: its blocks cut at each `## heading` of its prose. The page wraps each
// section in an element of its own, so that present mode shows one section a slide and a
// printed handout starts each on a new page. A prose block with a heading in its middle is cut
// in two there (by markdown-it's own block rules, so a `## ` inside a code listing is no
// heading); a prose block the page refuses as a whole (too long, over the workbook's totals)
// stays one block, refused as before, in the section it starts in.

import type { Block } from './spec.ts';
import { blockTokens } from './fences.ts';
import { markdownRefusal } from './tex-bounds.ts';

export interface Section {
  /** The heading's text as written (its Markdown, `$…$` math included), or undefined before the first heading. */
  heading?: string;
  blocks: Block[];
}

/** The blocks, cut into sections at each top-level `##` heading (the first section is what comes before one). */
export function sections(blocks: readonly Block[]): Section[] {
  const out: Section[] = [{ blocks: [] }];
  for (const block of blocks) {
    if (block.kind !== 'prose' || block.refused || markdownRefusal(block.text) !== undefined) {
      out[out.length - 1].blocks.push(block);
      continue;
    }
    for (const part of proseParts(block)) {
      if (part.heading !== undefined) out.push({ heading: part.heading, blocks: [] });
      if (part.block.text.trim()) out[out.length - 1].blocks.push(part.block);
    }
  }
  // Nothing before the first heading (a workbook that opens with one): no empty first section.
  return out[0].blocks.length || out.length === 1 ? out : out.slice(1);
}

/** A prose block cut before each of its top-level h2 headings; each part after a cut carries that heading's text. */
function proseParts(block: Extract<Block, { kind: 'prose' }>): { heading?: string; block: Extract<Block, { kind: 'prose' }> }[] {
  const tokens = blockTokens(block.text);
  const cuts: { line: number; heading: string }[] = [];
  tokens.forEach((t, k) => {
    if (t.type === 'heading_open' && t.tag === 'h2' && t.level === 0 && t.map) cuts.push({ line: t.map[0], heading: tokens[k + 1]?.content ?? '' });
  });
  if (!cuts.length) return [{ block }];
  const lines = block.text.split('\n');
  const part = (from: number, to: number) => ({ ...block, text: lines.slice(from, to).join('\n'), line: block.line + from });
  const parts: { heading?: string; block: Extract<Block, { kind: 'prose' }> }[] = [{ block: part(0, cuts[0].line) }];
  cuts.forEach((c, k) => parts.push({ heading: c.heading, block: part(c.line, cuts[k + 1]?.line ?? lines.length) }));
  return parts;
}
