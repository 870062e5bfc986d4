// The rendering a workbook asks of the page, bounded as a whole when it is read (issue 12,
// "rendering that amplifies"). Each TeX string and each Markdown text is bounded on its own
// (tex-bounds.ts); 5,000 labels of 999 symbols each are not, and would keep the tab laying out
// math for minutes. So the texts are counted in reading order, their TeX (characters and
// symbols) and their Markdown (characters): a text that does not fit in what is left is
// refused, marked on the spec (`refused`) so the page shows the reason in its place, and
// reported as a located problem. The rest of the workbook renders and computes as usual.
//
// The texts: the prose (its headings and paragraphs with their $…$ math), each cell's label
// (written, or the name it is derived from) and caption, each plot's caption. A text the page
// refuses on its own (a macro definition, TeX over 4,000 characters, Markdown over 20,000) is
// reported here at its line with the page's own rule, and costs nothing: the page shows a short
// note in its place.

import { codes, messages, type Code } from '../messages.ts';
import { limits } from '../limits.ts';
import { attributesAt, type Block, type WorkbookSpec } from './spec.ts';
import { markdownRefusal, mathSegments, texProblem, texSymbols } from './tex-bounds.ts';

type Report = (code: Code, message: string, line: number, col?: number, cell?: string) => void;

/** What the page will render of a workbook, in all. */
export interface RenderCost {
  texChars: number;
  texSymbols: number;
  markdownChars: number;
}

/**
 * Counts the workbook's texts, reports those refused on their own, and refuses (on the spec)
 * those beyond the workbook's totals, at the lines the block readers found them (attributesAt).
 * Returns what is left to render.
 */
export function boundRendering(spec: WorkbookSpec, problem: Report): RenderCost {
  const used: RenderCost = { texChars: 0, texSymbols: 0, markdownChars: 0 };

  /** The cost of a text, after reporting what the page refuses of it on its own; null if refused whole. */
  const markdownCost = (text: string, inline: boolean, line: number, col: number, cell?: string): RenderCost | null => {
    const whole = markdownRefusal(text);
    if (whole) {
      problem(codes.E_TOO_LONG, whole, line, col, cell);
      return null;
    }
    const cost: RenderCost = { texChars: 0, texSymbols: 0, markdownChars: text.length };
    for (const segment of mathSegments(text, inline)) {
      const refused = texProblem(segment.tex);
      // Inline text (a caption) is one line: its math is located at the text's column.
      if (refused) problem(refused.code, refused.message, line + segment.line, segment.line ? 1 : col, cell);
      else add(cost, texCost(segment.tex));
    }
    return cost;
  };

  /** Takes `cost` from what is left, or says why the text is refused. */
  const admit = (cost: RenderCost, what: 'label' | 'caption' | 'prose'): string | undefined => {
    const texLeft = cost.texChars + used.texChars <= limits.maxWorkbookTexLength && cost.texSymbols + used.texSymbols <= limits.maxWorkbookTexSymbols;
    const markdownLeft = cost.markdownChars + used.markdownChars <= limits.maxWorkbookMarkdownLength;
    if (texLeft && markdownLeft) {
      add(used, cost);
      return undefined;
    }
    return texLeft
      ? messages.workbookMarkdownTotal(what, cost.markdownChars, limits.maxWorkbookMarkdownLength)
      : messages.workbookTexTotal(what, cost.texSymbols, limits.maxWorkbookTexLength, limits.maxWorkbookTexSymbols);
  };

  for (const block of spec.blocks) {
    if (block.kind === 'prose') {
      const cost = markdownCost(block.text, false, block.line, 1);
      const refused = cost && admit(cost, 'prose');
      if (refused) {
        block.refused = refused;
        problem(codes.E_TOO_LONG, refused, block.line, 1);
      }
    } else if (block.kind === 'cells') {
      for (const index of block.cells) {
        const cell = spec.cells[index];
        const at = attributesAt.get(cell) ?? new Map<string, { line: number; col: number }>();
        // A derived label (Theta1 → \Theta_{1}) is about as long as the name.
        const label = cell.label ?? cell.name;
        const labelAt = cell.label !== undefined ? (at.get('label') ?? { line: cell.line, col: 1 }) : { line: cell.line, col: cell.col };
        const refusedAlone = cell.label !== undefined ? texProblem(label) : undefined;
        if (refusedAlone) problem(refusedAlone.code, refusedAlone.message, labelAt.line, labelAt.col, cell.name);
        else {
          const refused = admit({ ...texCost(label), markdownChars: 0 }, 'label');
          if (refused) {
            (cell.refused ??= {}).label = refused;
            problem(codes.E_TOO_LONG, refused, labelAt.line, labelAt.col, cell.name);
          }
        }
        if (cell.caption !== undefined) {
          const captionAt = at.get('caption') ?? { line: cell.line, col: 1 };
          const cost = markdownCost(cell.caption, true, captionAt.line, captionAt.col, cell.name);
          const refused = cost && admit(cost, 'caption');
          if (refused) {
            (cell.refused ??= {}).caption = refused;
            problem(codes.E_TOO_LONG, refused, captionAt.line, captionAt.col, cell.name);
          }
        }
      }
    } else if (block.kind === 'plot' && block.caption !== undefined) {
      const captionAt = attributesAt.get(block)?.get('caption') ?? { line: block.line, col: 1 };
      const cost = markdownCost(block.caption, true, captionAt.line, captionAt.col);
      const refused = cost && admit(cost, 'caption');
      if (refused) {
        (block as Extract<Block, { kind: 'plot' }>).refused = { caption: refused };
        problem(codes.E_TOO_LONG, refused, captionAt.line, captionAt.col);
      }
    }
  }
  return used;
}

function texCost(tex: string): RenderCost {
  return { texChars: tex.length, texSymbols: texSymbols(tex), markdownChars: 0 };
}

function add(to: RenderCost, cost: RenderCost): void {
  to.texChars += cost.texChars;
  to.texSymbols += cost.texSymbols;
  to.markdownChars += cost.markdownChars;
}
