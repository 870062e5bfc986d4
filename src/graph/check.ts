// WorkbookSpec → CheckedWorkbook. Phase 2: names valid and unique, formulas parsed and allowed,
// references known, cycles found. Every problem is located (line:col in the file) and attached
// to its cell, which then evaluates to that error while the rest of the workbook works.

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import type { CellSpec, Problem, WorkbookSpec } from '../format/spec.ts';
import { columnOf, parseFormula, type Literal, type ParsedFormula } from '../formula/parse.ts';
import { closest } from '../formula/spelling.ts';
import { compileExpr } from '../formula/evaluate.ts';
import { collapse, firstNonFinite, matFromRows, toJSON, type Value } from '../formula/value.ts';
import { dataCall, dataFiles, refusedPath, usesCsvInside } from '../format/data.ts';
import { limits } from '../limits.ts';
import type { DataFile } from '../format/spec.ts';
import { invalidCharacter, isValidName, reservedBecause, skeleton } from './names.ts';
import { atEntry, inFileOrder, problemOf } from '../problems.ts';

export interface CheckedCell {
  /** Position in spec.cells. */
  index: number;
  spec: CellSpec;
  name: string;
  /** An input holds numbers the student edits; a formula computes. */
  kind: 'input' | 'formula';
  /** The formula text in force (the workbook's, or the student's edit). */
  formula: string;
  parsed?: ParsedFormula;
  literal?: Literal;
  /** The cells this one reads. */
  deps: string[];
  /** A problem that makes this cell an error; it still shows, with the error. */
  error?: CellError;
  /** `D = csv("points.csv")`: the numbers of the data file, the cell's value (it reads no cell). */
  data?: Value;
  /** False for a second cell of the same name: it is shown, but nothing can refer to it. */
  primary: boolean;
}

export interface CheckedWorkbook {
  spec: WorkbookSpec;
  cells: CheckedCell[];
  /** The cell each name refers to. */
  byName: Map<string, CheckedCell>;
  /** The file's problems and the cells' problems, in file order. */
  problems: Problem[];
  /**
   * Names whose cell is refused (`e`, `sum`, a duplicate look-alike): the cell still owns its
   * name, so a formula that reads it depends on that cell's error, never on the built-in.
   */
  refused: Map<string, CheckedCell>;
}

/**
 * `overrides` are formulas the student typed in place of the workbook's, by cell name;
 * an overridden cell is always a formula (typing "5" makes a constant formula, not an input).
 */
export function checkWorkbook(spec: WorkbookSpec, overrides: ReadonlyMap<string, string> = new Map()): CheckedWorkbook {
  const byName = new Map<string, CheckedCell>();
  const refused = new Map<string, CheckedCell>();
  const looks = new Map<string, CheckedCell>();
  const cells: CheckedCell[] = spec.cells.map((cellSpec, index) => {
    const formula = overrides.get(cellSpec.name) ?? cellSpec.formula;
    const cell: CheckedCell = { index, spec: cellSpec, name: cellSpec.name, kind: 'formula', formula, deps: [], primary: false };
    const fail = (code: CellError['code'], message: string, col = cellSpec.col) => {
      if (!cell.error) cell.error = located(new CellError(code, message, cell.name), cellSpec.line, col);
    };
    // 1. The name.
    if (!isValidName(cell.name)) fail(codes.E_NAME_INVALID, invalidCharacter(cell.name) ?? messages.nameInvalid(cell.name));
    else {
      const why = reservedBecause(cell.name);
      if (why) fail(codes.E_NAME_RESERVED, messages.nameReserved(cell.name, why));
    }
    const first = byName.get(cell.name) ?? refused.get(cell.name);
    if (first) fail(codes.E_NAME_DUPLICATE, messages.nameDuplicate(cell.name, first.spec.line));
    const alike = looks.get(skeleton(cell.name));
    if (alike && alike.name !== cell.name) fail(codes.E_NAME_DUPLICATE, messages.nameConfusable(cell.name, alike.name, alike.spec.line));
    if (!alike) looks.set(skeleton(cell.name), cell);
    if (first) return cell;
    if (cell.error) refused.set(cell.name, cell);
    else {
      byName.set(cell.name, cell);
      cell.primary = true;
    }
    return cell;
  });

  // 2. The formulas, now that every name is known.
  const ctx = { isCell: (n: string) => byName.has(n) || refused.has(n), cellNames: () => byName.keys() };
  const readable = dataFiles(spec);
  for (const cell of cells) {
    const overridden = overrides.has(cell.name);
    const col = cell.spec.formulaCol;
    const data = cell.spec.data;
    if (data && !overridden) {
      // A data cell: its value is its file's numbers, computed from no cell (format/data.ts).
      const got = dataValue(data.file, spec, readable);
      if (typeof got === 'string') {
        if (!cell.error) cell.error = located(new CellError(codes.E_DATA, got, cell.name), data.line, data.col);
      } else cell.data = got;
      continue;
    }
    // csv(…) anywhere else: inside a formula, or typed by a student (or in a share link), which
    // never makes the page fetch anything: only the workbook file names its data files.
    if ((usesCsvInside(cell.formula) || (overridden && dataCall(cell.formula))) && !cell.error) {
      const message = overridden ? messages.dataTyped() : messages.dataNotWhole();
      cell.error = located(new CellError(codes.E_DATA, message, cell.name), cell.spec.line, col + Math.max(0, cell.formula.search(/csv\s*\(/)));
      continue;
    }
    try {
      // The workbook's own literal is data: the formula length limit does not apply to it.
      const parsed = parseFormula(cell.formula, ctx, { longLiteral: !overridden });
      cell.parsed = parsed;
      if (parsed.literal && !overridden) {
        cell.kind = 'input';
        cell.literal = parsed.literal;
      } else if (cell.spec.input && !overridden) {
        // "input:": the formula is the start of an input, computed here once.
        cell.kind = 'input';
        if (parsed.refs.length) {
          const at = cell.spec.input;
          if (!cell.error) cell.error = located(new CellError(codes.E_ATTRIBUTE, messages.inputStartReads(parsed.refs[0]), cell.name), at.line, at.col);
        } else cell.literal = startOf(parsed);
      }
      for (const ref of parsed.refs) {
        const owner = refused.get(ref);
        if (owner && !cell.error) {
          // The refused cell's own error, passed on: "Depends on e, which has an error".
          cell.error = located(new CellError(owner.error!.code, owner.error!.message, owner.name), owner.spec.line, owner.spec.col);
        } else if (!byName.has(ref) && !owner) {
          const near = closest(ref, byName.keys());
          const err = new CellError(codes.E_NAME_UNKNOWN, messages.nameUnknown(ref, near), cell.name);
          if (!cell.error) cell.error = located(err, cell.spec.line, col - 1 + columnOf(cell.formula, ref));
        } else if (ref === cell.name && !cell.error) {
          cell.error = located(new CellError(codes.E_CYCLE, messages.cycle([ref, ref]), cell.name), cell.spec.line, cell.spec.col);
        }
      }
      cell.deps = parsed.refs.filter((r) => byName.has(r));
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      e.root = cell.name;
      if (!cell.error) cell.error = located(e, cell.spec.line, col - 1 + (e.col ?? 1));
      // An unparsable formula: keep the kind the workbook gave it, so an input stays editable.
      if (!overridden && parseLiteralKind(cell.spec.formula)) cell.kind = 'input';
    }
  }

  // 3. Cycles: every cell on a loop is an error that names the loop.
  for (const loop of findCycles(
    cells.filter((c) => c.primary),
    byName,
  )) {
    for (const name of loop) {
      const cell = byName.get(name)!;
      if (cell.error) continue;
      const at = loop.indexOf(name);
      const path = [...loop.slice(at), ...loop.slice(0, at), name];
      cell.error = located(new CellError(codes.E_CYCLE, messages.cycle(path), name), cell.spec.line, cell.spec.col);
    }
  }

  const problems = [
    ...spec.problems,
    // A cell that reads a refused name passes that cell's error on, and is not reported again.
    ...cells.filter((c) => c.error && (c.error.root === c.name || !c.error.root)).map((c) => problemOf(c.error!, c.name)),
  ];
  inFileOrder(problems);
  return { spec, cells, byName, problems, refused };
}

/** Each data file's matrix, made once (a workbook is planned again on every formula edit). */
const dataValues = new WeakMap<DataFile, Value>();

/** The value of a data cell, or the message of its E_DATA error. */
function dataValue(file: string, spec: WorkbookSpec, readable: readonly string[]): Value | string {
  const refusal = refusedPath(file);
  if (refusal) return refusal;
  if (!readable.includes(file)) return messages.dataTooManyFiles(new Set(spec.cells.flatMap((c) => (c.data ? [c.data.file] : []))).size, limits.maxDataFiles);
  const read = spec.data?.[file];
  if (!read) return messages.dataNotRead(file);
  if ('error' in read) return read.error;
  let value = dataValues.get(read);
  if (value === undefined) dataValues.set(read, (value = collapse(matFromRows(read.rows))));
  return value;
}

function located(err: CellError, line: number, col: number): CellError {
  err.loc = { line, col };
  return err;
}

/** Does the text look like a number or matrix of numbers, even if it does not parse? */
function parseLiteralKind(text: string): boolean {
  return /^[\s\d.,;[\]eE+-]*$/.test(text) && /\d/.test(text);
}

/** Tarjan's strongly connected components: each loop of two or more cells, in dependency order. */
function findCycles(cells: CheckedCell[], byName: Map<string, CheckedCell>): string[][] {
  let counter = 0;
  const index = new Map<string, number>(),
    low = new Map<string, number>();
  const stack: string[] = [],
    onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of byName.get(v)!.deps) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) loops.push(component.reverse());
    }
  };
  for (const c of cells) if (!index.has(c.name)) visit(c.name);
  return loops;
}

/**
 * The value of an input's start formula (one that reads no cell), as the literal an input
 * holds: the numbers and their full-precision texts. Its errors are the cell's, thrown.
 */
function startOf(parsed: ParsedFormula): Literal {
  const value = compileExpr(parsed.expr, () => -1)([]);
  const bad = firstNonFinite(value);
  if (bad) throw new CellError(codes.E_NONFINITE, messages.nonFinite(bad.value, atEntry(value, bad.index)));
  const rows = toJSON(value);
  return { value, entries: typeof rows === 'number' ? [[String(rows)]] : rows.map((r) => r.map(String)) };
}
