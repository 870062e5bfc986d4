// `gradsheet check`: a workbook evaluated by the batch driver, under Node, with no browser.
// Every located problem, every cell that fails while computing, every slide value the cell
// does not agree with and every failing gradient check becomes a Finding
// "file:line:col CODE cell: message", as the page lists them. What the author marks as known
// to be wrong ("slide-wrong:", "check-fails:") is reported, never failed.

import { isCellError, type CellError } from '../errors.ts';
import { formatApart } from '../format/number.ts';
import type { Problem } from '../format/spec.ts';
import { LoadBudget } from '../formula/budget.ts';
import { toJSON, type JsonValue } from '../formula/value.ts';
import { compare, type Comparison } from '../graph/expect.ts';
import { runChecks } from '../graph/run.ts';
import type { GradCheck } from '../grad/check.ts';
import { codes, messages, type Code } from '../messages.ts';
import type { CellResult } from '../graph/compile.ts';
import type { WorkbookPlan } from '../workbook.ts';
import { trainStep } from '../train/batch.ts';
import { evaluateWorkbook } from '../workbook.ts';
import type { DataTexts } from '../format/data.ts';
import { entryPlace, inFileOrder, problemOf } from '../problems.ts';
import { checkExercises, type ExerciseReport } from '../exercise/check.ts';

export interface Finding {
  file: string;
  line: number;
  col: number;
  code: Code;
  /** Errors fail the check; warnings (W_ codes: a slide known to be wrong) are only reported. */
  severity: 'error' | 'warning';
  cell?: string;
  message: string;
}

export interface CellReport {
  name: string;
  line: number;
  kind: 'input' | 'formula';
  status: 'ok' | 'error';
  /** A number, or an array of rows (as `<gs-cell>.value`). */
  value?: JsonValue;
  /** `root` is the cell where the error happened (this one, or a cell it depends on). */
  error?: { code: Code; message: string; root: string; line?: number; col?: number };
  slide?: { text: string; agrees: boolean; knownWrong: boolean; reason?: string };
  /** "check: grad(E, Theta2)": the cell against autodiff. */
  check?: { of: string; wrt: string; pass: boolean; expectedToFail?: string; relativeDifference: number };
}

export interface FileReport {
  file: string;
  title: string;
  /** No error-severity finding. */
  ok: boolean;
  errors: number;
  warnings: number;
  findings: Finding[];
  cells: CellReport[];
  /** The cells marked "exercise:" (src/exercise/check.ts); absent when there are none. */
  exercises?: ExerciseReport[];
}

/** Checks one workbook text; `file` is how locations name it; `data`, its data files as read (cli/read-file.ts). */
export function checkWorkbookText(text: string, file: string, data?: DataTexts): FileReport {
  // One pool for the whole workbook, as on the page (formula/budget.ts).
  const load = new LoadBudget();
  const { spec, plan, results } = load.run(() => evaluateWorkbook(text, file, data));
  // Every problem of the file, its cells, their slide and check attributes, its training rules.
  const findings: Finding[] = plan.problems.map((p) => finding(file, p, 'error'));
  const checks = load.run(() => runChecks(plan, results));
  const cells = plan.cells.map((pc, i): CellReport => {
    const result = results[i];
    const report: CellReport = { name: pc.name, line: pc.checked.spec.line, kind: pc.kind, status: isCellError(result) ? 'error' : 'ok' };
    if (isCellError(result)) {
      report.error = { ...result.toJSON(), ...(result.loc ?? {}) };
      // A failure while computing is this cell's own (checking problems are listed already);
      // a dependent passes the same error on, and is not reported again.
      if (!pc.checked.error && result.root === pc.name) findings.push(errorFinding(file, result, pc.checked.spec.line, pc.checked.spec.formulaCol));
    } else {
      report.value = toJSON(result);
    }
    const slide = pc.checked.spec.slide;
    if (pc.expectation && slide && !isCellError(result)) {
      const c = compare(result, pc.expectation);
      report.slide = { text: c.slideText, agrees: c.agrees, knownWrong: c.knownWrong, ...(c.reason ? { reason: c.reason } : {}) };
      const verdict = slideFinding(c);
      if (verdict) findings.push({ file, line: slide.line, col: slide.col, cell: pc.name, ...verdict });
    }
    const check = checks.get(i);
    const checkSpec = pc.checked.spec.check;
    if (check && checkSpec && !isCellError(check)) {
      const { of, wrt, pass, relativeDifference, expectedToFail } = check;
      report.check = { of, wrt, pass, relativeDifference, ...(expectedToFail !== undefined ? { expectedToFail } : {}) };
      const verdict = checkFinding(check);
      if (verdict) findings.push({ file, line: checkSpec.line, col: checkSpec.col, cell: pc.name, ...verdict });
    }
    // A check that cannot run because of an error is reported where that error is; one that
    // fails on its own (grad of a non-number, no derivative) fails here, at its line.
    if (isCellError(check) && checkSpec && !pc.checkError && !isCellError(result) && check.root === pc.name) {
      findings.push({ file, line: checkSpec.line, col: checkSpec.col, cell: pc.name, code: check.code, severity: 'error', message: check.message });
    }
    return report;
  });
  // A plot that cannot be drawn with the values the cells have (channels of different lengths,
  // a value ≤ 0 on a log scale); a plot that fails because a cell does is reported at the cell.
  for (const plot of plan.plots.values()) {
    const values = plot.inputs.map((name) => results[plan.byName.get(name)!.index]);
    if (values.some(isCellError)) continue;
    const drawn = plot.run(...values);
    if (isCellError(drawn)) {
      const at = drawn.loc ?? { line: plot.block.line, col: 1 };
      findings.push({ file, line: at.line, col: at.col, code: drawn.code, severity: 'error', message: `${messages.plotCannotDraw()} ${drawn.message}` });
    }
  }
  // The same for a network diagram (a layer whose shape does not fit its weight matrix).
  for (const network of plan.networks.values()) {
    const values = network.inputs.map((name) => results[plan.byName.get(name)!.index]);
    if (values.some(isCellError) || network.problems.length) continue;
    const drawn = network.run(...values);
    if (isCellError(drawn)) {
      const at = drawn.loc ?? { line: network.block.line, col: 1 };
      findings.push({ file, line: at.line, col: at.col, code: drawn.code, severity: 'error', message: `${messages.networkCannotDraw()} ${drawn.message}` });
    }
  }
  findings.push(...trainFindings(file, plan, results));
  const exercises = load.run(() => checkExercises(plan, results));
  findings.push(...exercises.findings.map((f): Finding => ({ file, ...f, severity: 'error' })));
  inFileOrder(findings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    file,
    title: spec.title,
    ok: errors === 0,
    errors,
    warnings: findings.length - errors,
    findings,
    cells,
    ...(exercises.exercises.length ? { exercises: exercises.exercises } : {}),
  };
}

function finding(file: string, p: Problem, severity: Finding['severity']): Finding {
  return { file, line: p.line, col: p.col, code: p.code, severity, ...(p.cell ? { cell: p.cell } : {}), message: p.message };
}

function errorFinding(file: string, err: CellError, line: number, col: number): Finding {
  return finding(file, problemOf(err, err.root, line, col), 'error');
}

/**
 * One step of every train block, from the workbook's own values, written nowhere: what Step
 * would fail on (a loss that is not a number, an update that changes a weight's shape, a NaN)
 * is reported at the update rule to blame, or at the block. A failure that is a cell's own
 * error is reported at that cell already.
 */
function trainFindings(file: string, plan: WorkbookPlan, results: readonly CellResult[]): Finding[] {
  const found: Finding[] = [];
  const inputs = new Map(plan.cells.filter((c) => c.kind === 'input').map((c) => [c.name, results[c.index]] as const));
  for (const tp of plan.trains.values()) {
    if (tp.problems.length) continue;
    const r = trainStep(plan, tp, inputs);
    if (!isCellError(r)) continue;
    const cell = r.root ? plan.byName.get(r.root) : undefined;
    if (cell && isCellError(results[cell.index])) continue;
    const rule = tp.block.updates.find((u) => u.target === r.root);
    const at = rule ? { line: rule.line, col: rule.col } : { line: r.root === tp.loss ? tp.block.lossLine : tp.block.line, col: 1 };
    found.push({ file, ...at, code: r.code, severity: 'error', ...(r.root ? { cell: r.root } : {}), message: messages.trainFirstStep(r.message) });
  }
  return found;
}

type Verdict = Pick<Finding, 'code' | 'severity' | 'message'> | null;

function slideFinding(c: Comparison): Verdict {
  if (c.agrees) return c.knownWrong ? { code: codes.W_SLIDE_AGREES, severity: 'warning', message: messages.slideWrongAgrees() } : null;
  const detail =
    c.shapeMismatch ??
    differences(
      c.entries.map((e) => ({ ...e, a: e.slide, b: e.computed })),
      'slide',
      'computed',
    );
  return c.knownWrong
    ? { code: codes.W_SLIDE_WRONG, severity: 'warning', message: messages.slideKnownWrong(detail, c.reason ?? '') }
    : { code: codes.E_SLIDE, severity: 'error', message: messages.slideDiffers(detail) };
}

function checkFinding(c: GradCheck): Verdict {
  const known = c.expectedToFail !== undefined;
  if (c.pass) return known ? { code: codes.W_CHECK_PASSES, severity: 'warning', message: messages.checkFailsPasses() } : null;
  const detail =
    c.shapeMismatch ??
    differences(
      c.entries.map((e) => ({ ...e, a: e.written, b: e.autodiff })),
      'this cell',
      'autodiff',
    );
  return known
    ? { code: codes.W_CHECK_FAILS, severity: 'warning', message: messages.checkKnownFails(detail, c.expectedToFail ?? '') }
    : { code: codes.E_CHECK, severity: 'error', message: messages.checkDiffers(c.of, c.wrt, detail) };
}

/** "slide 0.072, computed 0.0703063"; entry by entry for a matrix: "[1,3] slide 1.5, computed −1.5; …". */
export function differences(entries: { row: number; col: number; a: number; b: number; agrees: boolean }[], a: string, b: string): string {
  const wrong = entries.filter((e) => !e.agrees);
  const shown = wrong.slice(0, 4).map((e) => {
    const [x, y] = formatApart(e.a, e.b);
    return `${entries.length > 1 ? `${entryPlace(e.row, e.col)} ` : ''}${a} ${x}, ${b} ${y}`;
  });
  return shown.join('; ') + (wrong.length > shown.length ? `; and ${wrong.length - shown.length} more` : '');
}

/** One line, as the page lists problems: "file:line:col CODE cell: message". */
export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.col} ${f.code} ${f.cell ? `${f.cell}: ` : ''}${f.message}`;
}
