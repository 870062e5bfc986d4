// What happens when a student types a formula or an entry: the same path as Session.setFormula
// and Session.setEntry (the workbook checked again with the typed formula in force), without
// the runtime, so the hostile-input tests run fast and in Node as well as in Chromium.
import { expect } from 'chai';
import { CellError, isCellError } from '../../src/errors.ts';
import { readWorkbook } from '../../src/format/read.ts';
import type { CellResult } from '../../src/graph/compile.ts';
import { runPlan } from '../../src/graph/run.ts';
import { withBudget, workSpent } from '../../src/formula/budget.ts';
import { codes } from '../../src/messages.ts';
import { planWorkbook } from '../../src/workbook.ts';

/** The cells every typed formula can see. */
export const neighbours = ['x = 2', 'A = [1, 2; 3, 4]', 'v = [1; 2; 3]'];

/** Every result of a workbook of `lines` in which the student typed `text` into the cell `bad`. */
export function typedResults(text: string, lines: readonly string[] = neighbours): Map<string, CellResult> {
  const spec = readWorkbook('```cells\n' + [...lines, 'bad = 0'].join('\n') + '\n```\n', 'typed.md');
  const plan = planWorkbook(spec, new Map([['bad', text]]));
  const results = runPlan(plan);
  return new Map(plan.cells.map((c) => [c.name, results[c.index]]));
}

/** The result of the cell `bad` after the student typed `text` into it. */
export function typed(text: string, lines?: readonly string[]): CellResult {
  return typedResults(text, lines).get('bad')!;
}

/**
 * The same, and the work the cell `bad` itself did (budget.ts units), measured by evaluating it
 * once more on its own after its inputs are computed: 0 when it was refused before any work.
 */
export function typedWork(text: string, lines: readonly string[] = neighbours): { result: CellResult; work: number } {
  const spec = readWorkbook('```cells\n' + [...lines, 'bad = 0'].join('\n') + '\n```\n', 'typed.md');
  const plan = planWorkbook(spec, new Map([['bad', text]]));
  const results = runPlan(plan);
  const cell = plan.byName.get('bad')!;
  withBudget(() => undefined); // starts the count afresh
  const result = cell.run(...cell.inputs.map((name) => results[plan.byName.get(name)!.index]));
  return { result, work: workSpent() };
}

const allCodes = new Set<string>(Object.values(codes));

/** Asserts that r is a CellError with a catalogued code (one of `expected`, if given) and returns it. */
export function expectCellError(r: unknown, expected?: readonly string[], what = ''): CellError {
  expect(isCellError(r), `${what} is an error, not ${JSON.stringify(r)}`).to.equal(true);
  const e = r as CellError;
  expect(allCodes.has(e.code), `${what}: ${e.code} is in the catalogue`).to.equal(true);
  expect(e.code, `${what}: never an internal error (${e.message})`).to.not.equal(codes.E_INTERNAL);
  if (expected) expect(expected, `${what}: ${e.code} ${e.message}`).to.include(e.code);
  expect(e.message.length, `${what} says something`).to.be.greaterThan(10);
  return e;
}

/** Calls f with console.log/info/warn/error spied on, and returns what f returned and whether any was called. */
export function watchingConsole<T>(f: () => T): { result: T; printed: unknown[][] } {
  const names = ['log', 'info', 'warn', 'error'] as const;
  const saved = names.map((n) => console[n]);
  const printed: unknown[][] = [];
  names.forEach((n) => (console[n] = (...args: unknown[]) => void printed.push(args)));
  try {
    return { result: f(), printed };
  } finally {
    names.forEach((n, k) => (console[n] = saved[k]));
  }
}
