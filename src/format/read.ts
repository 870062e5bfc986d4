// Workbook text → WorkbookSpec. Phase 1 of the pipeline (see src/workbook.ts).
//
// A workbook is Markdown. Top-level fenced blocks whose info string names a gradsheet block
// (```cells) declare cells; everything else is prose. Every problem is reported with its line
// and column, and reading never stops at the first one: a workbook with a typo still shows
// everything else.

import { codes, messages, type Code } from '../messages.ts';
import { limits } from '../limits.ts';
import { closest } from '../formula/spelling.ts';
import type { Block, Problem, WorkbookSpec } from './spec.ts';
import { readCells } from './cells-block.ts';
import { readTrain } from './train-block.ts';
import { readPlot } from './plot-block.ts';
import { readNetwork } from './network-block.ts';
import type { BlockReader } from './block-reader.ts';
import { blockTokens } from './fences.ts';
import { boundRendering } from './render-bounds.ts';
import { inFileOrder } from '../problems.ts';

/**
 * Block types gradsheet reads, each by its own reader; other fenced blocks are code listings
 * in the prose. A reader gets the block's lines [from, to) (0-based) and reports problems.
 */
export const blockReaders: Record<string, BlockReader> = {
  cells: readCells,
  train: readTrain,
  plot: readPlot,
  network: readNetwork,
};
export const blockKinds = Object.keys(blockReaders);
/** Front-matter keys. */
export const metaKeys = ['title', 'summary', 'author', 'source', 'hints'] as const;

export function readWorkbook(input: string, source = 'workbook.md'): WorkbookSpec {
  const problems: Problem[] = [];
  const problem = (code: Code, message: string, line: number, col = 1, cell?: string) => problems.push({ code, message, line, col, ...(cell ? { cell } : {}) });
  const spec: WorkbookSpec = { version: 1, source, title: '', meta: {}, blocks: [], cells: [], problems };

  // 1. The file as a whole: size, binary content, encoding marks, line endings.
  if (input.length > limits.maxFileBytes) {
    problem(codes.E_FILE, messages.fileTooLarge(input.length, limits.maxFileBytes), 1);
    return finish(spec);
  }
  if (input.includes('\u0000')) {
    problem(codes.E_FILE, messages.fileBinary(), 1);
    return finish(spec);
  }
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // A server's error page or home page, sent in place of the workbook.
  if (/^\s*<(!doctype\s+html|html|head|body)[\s>]/i.test(text)) {
    problem(codes.E_FILE, messages.fileIsHtml(), 1);
    return finish(spec);
  }
  // Bytes that were not UTF-8 arrive as U+FFFD: say where the first one is, and read on.
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const before = text.slice(0, bad).split('\n');
    problem(codes.E_FILE, messages.fileNotUtf8(), before.length, before[before.length - 1].length + 1);
  }
  if (!text.trim()) {
    problem(codes.E_FILE, messages.fileEmpty(), 1);
    return finish(spec);
  }
  const lines = text.split('\n');

  // 2. Front matter: "---" on the first line, "key: value" lines, "---".
  let bodyStart = 0;
  if (lines[0].trim() === '---') {
    const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    if (close < 0) {
      problem(codes.E_FRONTMATTER, messages.frontmatterUnclosed(), 1);
    } else {
      for (let i = 1; i < close; i++) {
        const line = lines[i];
        if (!line.trim() || line.trim().startsWith('#')) continue;
        const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
        if (!m) problem(codes.E_FRONTMATTER, messages.frontmatterLine(line.trim()), i + 1);
        else if (!(metaKeys as readonly string[]).includes(m[1])) problem(codes.E_FRONTMATTER, messages.attributeUnknown(m[1], metaKeys), i + 1);
        else spec.meta[m[1]] = unquote(m[2].trim());
      }
      bodyStart = close + 1;
    }
  }

  // 3. Blocks: markdown-it's block parser finds the top-level fences (it knows CommonMark's rules for them).
  const body = lines.map((l, i) => (i < bodyStart ? '' : l)).join('\n');
  const fences = blockTokens(body).filter((t) => t.type === 'fence' && t.level === 0 && t.map);
  let proseFrom = bodyStart;
  const pushProse = (from: number, to: number) => {
    const chunk = lines.slice(from, to).join('\n');
    if (chunk.trim()) spec.blocks.push({ kind: 'prose', text: trimBlankLines(chunk), line: from + 1 + leadingBlankLines(chunk) });
  };
  for (const fence of fences) {
    const [start, end] = fence.map!;
    const kind = fence.info.trim().split(/\s+/)[0];
    if (!Object.hasOwn(blockReaders, kind)) {
      const near = kind ? closest(kind, blockKinds, 1) : undefined;
      if (near) problem(codes.E_BLOCK, messages.blockUnknown(kind, blockKinds), start + 1, 1);
      continue; // a code listing: part of the prose
    }
    pushProse(proseFrom, start);
    proseFrom = end;
    const closed = end - 1 > start && /^\s{0,3}(`{3,}|~{3,})\s*$/.test(lines[end - 1]);
    if (!closed) problem(codes.E_BLOCK, messages.blockUnclosed(kind), start + 1);
    const bodyEnd = closed ? end - 1 : end;
    spec.blocks.push(blockReaders[kind](lines, start + 1, bodyEnd, spec, problem));
  }
  pushProse(proseFrom, lines.length);

  // 4. The title: front matter, else the first heading, else the file name.
  const heading = spec.blocks.find((b): b is Extract<Block, { kind: 'prose' }> => b.kind === 'prose' && /^#\s/m.test(b.text));
  spec.title = spec.meta.title ?? (heading ? /^#\s+(.*)$/m.exec(heading.text)![1].trim() : baseName(source));
  if (spec.cells.length > limits.maxCells) {
    problem(codes.E_FILE, messages.tooManyCells(spec.cells.length, limits.maxCells), 1);
    // Refused, not only reported: checking and computing 70,000 cells takes seconds. The prose stays.
    spec.cells = [];
    spec.blocks = spec.blocks.filter((b) => b.kind === 'prose');
  }
  // 5. What the page renders: each text bounded alone, and the workbook's texts in all.
  boundRendering(spec, problem);
  return finish(spec);
}

function finish(spec: WorkbookSpec): WorkbookSpec {
  for (const cell of spec.cells) {
    if (cell.slide && !cell.slide.text) {
      spec.problems.push({ code: codes.E_ATTRIBUTE, message: messages.slideWrongAlone(), line: cell.slide.line, col: 1, cell: cell.name });
      delete cell.slide;
    }
    if (cell.exercise && !cell.exercise.line) {
      const first = cell.exercise.hints[0] ?? cell.exercise.mistakes[0];
      spec.problems.push({ code: codes.E_ATTRIBUTE, message: messages.exerciseAlone(), line: first?.line ?? cell.line, col: 1, cell: cell.name });
      delete cell.exercise;
    }
    if (cell.check && !cell.check.of) {
      spec.problems.push({ code: codes.E_ATTRIBUTE, message: messages.checkFailsAlone(), line: cell.check.line, col: 1, cell: cell.name });
      delete cell.check;
    }
  }
  if (!spec.title) spec.title = baseName(spec.source);
  inFileOrder(spec.problems);
  return spec;
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

function baseName(source: string): string {
  return (
    source
      .replace(/[?#].*$/, '')
      .split('/')
      .pop()!
      .replace(/\.md$/i, '') || 'workbook'
  );
}

function trimBlankLines(s: string): string {
  return s.replace(/^\s*\n/, '').replace(/\n\s*$/, '');
}

function leadingBlankLines(s: string): number {
  const m = /^(\s*\n)*/.exec(s);
  return m ? (m[0].match(/\n/g) ?? []).length : 0;
}
