// Workbook text → WorkbookSpec. Phase 1 of the pipeline (see src/workbook.ts).
//
// A workbook is Markdown. Top-level fenced blocks whose info string names a gradsheet block
// (```cells) declare cells; everything else is prose. Every problem is reported with its line
// and column, and reading never stops at the first one: a workbook with a typo still shows
// everything else.

import MarkdownIt from 'markdown-it';
import { codes, messages, type Code } from '../messages.ts';
import { limits } from '../limits.ts';
import { closest } from '../formula/spelling.ts';
import type { Block, CellSpec, Problem, SlideSpec, SliderSpec, WorkbookSpec } from './spec.ts';

/** Block types gradsheet reads; other fenced blocks are code listings in the prose. */
export const blockKinds = ['cells'] as const;
/** Attributes a cell may have, one per indented line under it. */
export const cellAttributes = ['label', 'caption', 'slide', 'slide-wrong', 'slider'] as const;
/** Front-matter keys. */
export const metaKeys = ['title', 'summary', 'author', 'source'] as const;

const markdown = new MarkdownIt('commonmark', { html: false });

export function readWorkbook(input: string, source = 'workbook.md'): WorkbookSpec {
  const problems: Problem[] = [];
  const problem = (code: Code, message: string, line: number, col = 1, cell?: string) =>
    problems.push({ code, message, line, col, ...(cell ? { cell } : {}) });
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

  // 3. Blocks: markdown-it finds the top-level fences (it knows CommonMark's rules for them).
  const body = lines.map((l, i) => (i < bodyStart ? '' : l)).join('\n');
  const fences = markdown.parse(body, {}).filter((t) => t.type === 'fence' && t.level === 0 && t.map);
  let proseFrom = bodyStart;
  const pushProse = (from: number, to: number) => {
    const chunk = lines.slice(from, to).join('\n');
    if (chunk.trim()) spec.blocks.push({ kind: 'prose', text: trimBlankLines(chunk), line: from + 1 + leadingBlankLines(chunk) });
  };
  for (const fence of fences) {
    const [start, end] = fence.map!;
    const kind = fence.info.trim().split(/\s+/)[0];
    if (!(blockKinds as readonly string[]).includes(kind)) {
      const near = kind ? closest(kind, blockKinds, 1) : undefined;
      if (near) problem(codes.E_BLOCK, messages.blockUnknown(kind, blockKinds), start + 1, 1);
      continue; // a code listing: part of the prose
    }
    pushProse(proseFrom, start);
    proseFrom = end;
    const closed = end - 1 > start && /^\s{0,3}(`{3,}|~{3,})\s*$/.test(lines[end - 1]);
    if (!closed) problem(codes.E_BLOCK, messages.blockUnclosed(kind), start + 1);
    const bodyEnd = closed ? end - 1 : end;
    spec.blocks.push(readCells(lines, start + 1, bodyEnd, spec, problem));
  }
  pushProse(proseFrom, lines.length);

  // 4. The title: front matter, else the first heading, else the file name.
  const heading = spec.blocks.find((b): b is Extract<Block, { kind: 'prose' }> => b.kind === 'prose' && /^#\s/m.test(b.text));
  spec.title = spec.meta.title ?? (heading ? /^#\s+(.*)$/m.exec(heading.text)![1].trim() : baseName(source));
  if (spec.cells.length > limits.maxCells) {
    problem(codes.E_FILE, messages.tooLarge('This workbook', spec.cells.length, limits.maxCells).replace('entries', 'cells'), 1);
  }
  return finish(spec);
}

type Report = (code: Code, message: string, line: number, col?: number, cell?: string) => void;

/** Lines [from, to) (0-based) of a ```cells block. */
function readCells(lines: string[], from: number, to: number, spec: WorkbookSpec, problem: Report): Block {
  const block: Block = { kind: 'cells', line: from, cells: [] };
  let current: CellSpec | null = null;
  const seen = new Set<string>();
  for (let i = from; i < to; i++) {
    const raw = lines[i];
    const lineNo = i + 1;
    if (!raw.trim() || raw.trim().startsWith('#')) continue;
    if (/^\s/.test(raw)) {
      // An attribute of the cell above: "  key: value".
      const m = /^(\s+)([A-Za-z][\w-]*)\s*:\s?(.*)$/.exec(raw);
      if (!m) {
        problem(codes.E_CELL_LINE, messages.cellLine(raw.trim()), lineNo, raw.length - raw.trimStart().length + 1);
        continue;
      }
      const [, indent, key, rawValue] = m;
      const value = rawValue.trim();
      const col = indent.length + 1;
      const valueCol = raw.indexOf(rawValue) + 1 + (rawValue.length - rawValue.trimStart().length);
      if (!current) {
        problem(codes.E_ATTRIBUTE, messages.attributeOrphan(), lineNo, col);
        continue;
      }
      if (!(cellAttributes as readonly string[]).includes(key)) {
        const near = closest(key, cellAttributes);
        problem(codes.E_ATTRIBUTE, messages.attributeUnknown(key, cellAttributes) + (near ? ` Did you mean ${near}?` : ''), lineNo, col, current.name);
        continue;
      }
      if (seen.has(key)) {
        problem(codes.E_ATTRIBUTE, messages.attributeDuplicate(key), lineNo, col, current.name);
        continue;
      }
      if (!value) {
        problem(codes.E_ATTRIBUTE, messages.attributeEmpty(key), lineNo, col + key.length + 1, current.name);
        continue;
      }
      seen.add(key);
      applyAttribute(current, key, value, lineNo, valueCol, spec, problem);
      continue;
    }
    const m = /^([^\s=]+)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!m) {
      problem(codes.E_CELL_LINE, messages.cellLine(raw.trim()), lineNo, 1);
      current = null;
      continue;
    }
    const formulaCol = m[2] ? raw.indexOf(m[2], m[1].length) + 1 : raw.length + 1;
    current = { name: m[1], formula: m[2], line: lineNo, col: 1, formulaCol };
    seen.clear();
    block.cells.push(spec.cells.length);
    spec.cells.push(current);
  }
  if (block.cells.length === 0) problem(codes.E_BLOCK, messages.blockEmpty(), from);
  return block;
}

function applyAttribute(cell: CellSpec, key: string, value: string, line: number, col: number, spec: WorkbookSpec, problem: Report): void {
  switch (key) {
    case 'label':
      cell.label = value;
      return;
    case 'caption':
      cell.caption = value;
      return;
    case 'slide': {
      const slide = readSlide(value, line, col, (msg, c) => problem(codes.E_ATTRIBUTE, msg, line, c, cell.name));
      if (slide) cell.slide = { ...slide, ...(cell.slide?.wrong !== undefined ? { wrong: cell.slide.wrong } : {}) };
      return;
    }
    case 'slide-wrong':
      // May come before or after "slide:"; a reason without a slide value is reported at the end.
      cell.slide = { ...(cell.slide ?? { text: '', line, col }), wrong: value };
      return;
    case 'slider': {
      const m = /^(\S+)\s+to\s+(\S+)(?:\s+step\s+(\S+))?$/.exec(value);
      const [min, max, step] = m ? [Number(m[1]), Number(m[2]), m[3] === undefined ? NaN : Number(m[3])] : [NaN, NaN, NaN];
      if (!m || !Number.isFinite(min) || !Number.isFinite(max) || min >= max || (m[3] !== undefined && !(step > 0))) {
        problem(codes.E_ATTRIBUTE, 'A slider reads "slider: -3 to 3" or "slider: 0 to 1 step 0.05", with the minimum below the maximum.', line, col, cell.name);
        return;
      }
      const slider: SliderSpec = { min, max, step: Number.isFinite(step) ? step : niceStep(max - min), line };
      cell.slider = slider;
      return;
    }
  }
  void spec;
}

function readSlide(value: string, line: number, col: number, report: (message: string, col: number) => void): SlideSpec | null {
  const split = /^(.*?)\s*(?:±|\+-|\+\/-)\s*(\S+)\s*$/.exec(value);
  const text = split ? split[1] : value;
  if (split) {
    const tolerance = Number(split[2]);
    if (!(tolerance > 0) || !Number.isFinite(tolerance)) {
      report(messages.slideTolerance(split[2]), col + value.lastIndexOf(split[2]));
      return null;
    }
    return { text, tolerance, line, col };
  }
  return { text, line, col };
}

/** A step of 1, 2 or 5 times a power of ten giving about a hundred positions. */
function niceStep(span: number): number {
  const raw = span / 100;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

function finish(spec: WorkbookSpec): WorkbookSpec {
  for (const cell of spec.cells) {
    if (cell.slide && !cell.slide.text) {
      spec.problems.push({ code: codes.E_ATTRIBUTE, message: 'slide-wrong needs a "slide:" value on this cell: what does the slide say?', line: cell.slide.line, col: 1, cell: cell.name });
      delete cell.slide;
    }
  }
  if (!spec.title) spec.title = baseName(spec.source);
  spec.problems.sort((a, b) => a.line - b.line || a.col - b.col);
  return spec;
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

function baseName(source: string): string {
  return source.replace(/[?#].*$/, '').split('/').pop()!.replace(/\.md$/i, '') || 'workbook';
}

function trimBlankLines(s: string): string {
  return s.replace(/^\s*\n/, '').replace(/\n\s*$/, '');
}

function leadingBlankLines(s: string): number {
  const m = /^(\s*\n)*/.exec(s);
  return m ? (m[0].match(/\n/g) ?? []).length : 0;
}
