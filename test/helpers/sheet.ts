import { evaluateWorkbook } from '../../src/workbook.ts';
import type { CellError } from '../../src/errors.ts';
import { isCellError } from '../../src/errors.ts';
import { toJSON, type JsonValue } from '../../src/formula/value.ts';

export interface SheetResult {
  value(name: string): JsonValue;
  error(name: string): CellError;
  has(name: string): boolean;
}

/** Evaluates a one-block workbook whose cells are the given lines ("name = formula"). */
export function sheet(...lines: string[]): SheetResult {
  const { plan, results } = evaluateWorkbook('```cells\n' + lines.join('\n') + '\n```\n', 'test.md');
  const get = (name: string) => {
    const cell = plan.byName.get(name) ?? plan.cells.find((c) => c.name === name);
    if (!cell) throw new Error(`no cell ${name}`);
    return results[cell.index];
  };
  return {
    value(name) {
      const r = get(name);
      if (isCellError(r)) throw new Error(`${name} is an error: ${r.code} ${r.message}`);
      return toJSON(r);
    },
    error(name) {
      const r = get(name);
      if (!isCellError(r)) throw new Error(`${name} is not an error: ${JSON.stringify(toJSON(r))}`);
      return r;
    },
    has: (name) => plan.cells.some((c) => c.name === name),
  };
}
