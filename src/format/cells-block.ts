// The ```cells block: one cell per line, "name = formula", with indented "key: value"
// attribute lines under it. The cells of one block are shown side by side in a row.

import { codes, messages } from '../messages.ts';
import { closest } from '../formula/spelling.ts';
import { placeAttribute, type Block, type CellSpec, type ExerciseSpec, type SlideSpec, type SliderSpec, type WorkbookSpec } from './spec.ts';
import type { Report } from './block-reader.ts';
import { dataCall } from './data.ts';

/** Attributes a cell may have, one per indented line under it. */
export const cellAttributes = [
  'label',
  'caption',
  'slide',
  'slide-wrong',
  'slider',
  'check',
  'check-fails',
  'input',
  'exercise',
  'hint',
  'mistake',
  'hides',
] as const;

/** Attributes that may be given more than once, in order (an exercise's hints and mistakes). */
const repeatable: readonly string[] = ['hint', 'mistake'];

/** Lines [from, to) (0-based) of a ```cells block. */
export function readCells(lines: string[], from: number, to: number, spec: WorkbookSpec, problem: Report): Block {
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
      // (An empty value, which only "exercise:" may have, is located at its key.)
      const valueCol = value ? raw.indexOf(rawValue) + 1 + (rawValue.length - rawValue.trimStart().length) : col;
      if (!current) {
        problem(codes.E_ATTRIBUTE, messages.attributeOrphan(), lineNo, col);
        continue;
      }
      if (!(cellAttributes as readonly string[]).includes(key)) {
        const near = closest(key, cellAttributes);
        problem(codes.E_ATTRIBUTE, messages.attributeUnknown(key, cellAttributes) + (near ? ` Did you mean ${near}?` : ''), lineNo, col, current.name);
        continue;
      }
      if (seen.has(key) && !repeatable.includes(key)) {
        problem(codes.E_ATTRIBUTE, messages.attributeDuplicate(key), lineNo, col, current.name);
        continue;
      }
      if (!value && key !== 'exercise') {
        problem(codes.E_ATTRIBUTE, messages.attributeEmpty(key), lineNo, col + key.length + 1, current.name);
        continue;
      }
      seen.add(key);
      placeAttribute(current, key, lineNo, valueCol);
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
    // D = csv("points.csv"): the cell holds a data file's numbers (format/data.ts).
    const data = dataCall(m[2]);
    if (data) current.data = { file: data.file, line: lineNo, col: formulaCol + data.at };
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
    case 'check': {
      // "check: grad(E, Theta2)": this cell is a hand-written ∂E/∂Θ2; compare it with autodiff.
      const m = /^grad\(\s*([^\s,()]+)\s*,\s*([^\s,()]+)\s*\)$/.exec(value);
      if (!m) {
        problem(codes.E_ATTRIBUTE, messages.checkSyntax(value), line, col, cell.name);
        return;
      }
      cell.check = { of: m[1], wrt: m[2], line, col, ...(cell.check?.fails !== undefined ? { fails: cell.check.fails } : {}) };
      return;
    }
    case 'check-fails':
      // The author knows this derivation is wrong (a teaching example): the failing check is expected.
      cell.check = { ...(cell.check ?? { of: '', wrt: '', line, col }), fails: value };
      return;
    case 'input':
      // The formula is this input's start, computed once (graph/check.ts).
      cell.input = { note: value, line, col };
      return;
    case 'slide-wrong':
      // May come before or after "slide:"; a reason without a slide value is reported at the end.
      cell.slide = { ...(cell.slide ?? { text: '', line, col }), wrong: value };
      return;
    case 'exercise':
      // "exercise:" with an optional instruction; hint:, mistake: and hides: may come before it.
      cell.exercise = { ...exerciseOf(cell, col), instruction: value, line, col };
      return;
    case 'hint':
      exerciseOf(cell, col).hints.push({ text: value, line, col });
      return;
    case 'mistake': {
      // "mistake: dE_ds2 * Theta2 — You used Θ2 where h1 belongs": a formula, a dash, a message.
      const m = /^(.*?)\s+(?:—|–|--)\s+(.*)$/.exec(value);
      if (!m || !m[1].trim() || !m[2].trim()) {
        problem(codes.E_ATTRIBUTE, messages.mistakeSyntax(value), line, col, cell.name);
        return;
      }
      exerciseOf(cell, col).mistakes.push({ formula: m[1].trim(), message: m[2].trim(), line, col });
      return;
    }
    case 'hides':
      if (value !== 'dependents') {
        problem(codes.E_ATTRIBUTE, messages.hidesSyntax(value), line, col, cell.name);
        return;
      }
      exerciseOf(cell, col).hides = true;
      return;
    case 'slider': {
      const m = /^(\S+)\s+to\s+(\S+)(?:\s+step\s+(\S+))?$/.exec(value);
      const [min, max, step] = m ? [Number(m[1]), Number(m[2]), m[3] === undefined ? NaN : Number(m[3])] : [NaN, NaN, NaN];
      if (!m || !Number.isFinite(min) || !Number.isFinite(max) || min >= max || (m[3] !== undefined && !(step > 0))) {
        problem(codes.E_ATTRIBUTE, messages.sliderSyntax(), line, col, cell.name);
        return;
      }
      const slider: SliderSpec = { min, max, step: Number.isFinite(step) ? step : niceStep(max - min), line };
      cell.slider = slider;
      return;
    }
  }
  void spec;
}

/** The cell's exercise, made on its first line (line 0 until "exercise:" itself is read: read.ts reports one never given). */
function exerciseOf(cell: CellSpec, col: number): ExerciseSpec {
  return (cell.exercise ??= { instruction: '', hints: [], mistakes: [], line: 0, col });
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
