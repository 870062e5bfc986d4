// The input cells of a session: each one's grid (input-grid.ts), and the edits a student makes
// to them, reported to the session's edit log. `changed` recomputes a cell whose grid changed.

import type { CellError } from '../errors.ts';
import { shapeOf, type Mat, type Value } from '../formula/value.ts';
import type { CellResult } from '../graph/compile.ts';
import type { WorkbookPlan } from '../workbook.ts';
import type { EditLog } from './edit-log.ts';
import { InputGrid } from './input-grid.ts';

export class Inputs {
  private readonly grids = new Map<string, InputGrid>();

  constructor(
    private readonly log: EditLog,
    private readonly changed: (name: string) => void,
  ) {}

  private add(name: string, own: readonly (readonly string[])[], value: number | Mat): void {
    this.grids.set(name, new InputGrid(name, own, value));
  }

  /** A grid for every input cell of the plan whose numbers it could read (the first of each name). */
  addAll(plan: WorkbookPlan): void {
    for (const cell of plan.cells) {
      const literal = cell.checked.literal;
      if (cell.kind === 'input' && plan.byName.get(cell.name) === cell && !cell.error && literal) this.add(cell.name, literal.entries, literal.value);
    }
  }

  has(name: string): boolean {
    return this.grids.has(name);
  }

  /** Rows and columns of an input cell's grid ([0, 0] for any other name). */
  shape(name: string): [number, number] {
    const g = this.grids.get(name);
    return g ? [g.rows, g.cols] : [0, 0];
  }

  /** The grid of an input cell, to read (undefined for any other name). */
  grid(name: string): Readonly<Pick<InputGrid, 'text' | 'number' | 'error' | 'allTexts' | 'value'>> | undefined {
    return this.grids.get(name);
  }

  /** The current value of every input cell, as typed (for the batch driver). */
  values(): Map<string, CellResult> {
    return new Map([...this.grids].map(([name, g]) => [name, g.value()]));
  }

  /** One entry typed (1-based); returns its error. */
  setEntry(name: string, row: number, col: number, text: string): CellError | null {
    const g = this.grids.get(name);
    if (!g?.has(row, col)) throw new RangeError(`${name}[${row},${col}] is not an entry of an input cell`);
    this.log.begin();
    const before = g.text(row, col);
    const read = g.setText(row, col, text);
    this.changed(name);
    this.log.report({ kind: 'entry', name, row, col, before, after: text, scalar: g.rows === 1 && g.cols === 1 });
    return typeof read === 'number' ? null : read;
  }

  /** Every entry at once (a paste, a reset); `record: false` reports no edit. */
  setEntries(name: string, texts: readonly (readonly string[])[], record = true): void {
    const jagged = texts.some((r) => r.length !== texts[0].length);
    const g = this.sized(name, texts.length, jagged ? -1 : (texts[0]?.length ?? 0), 'the new entries are not');
    this.change(g, name, record, () => g.setTexts(texts));
  }

  /** Numbers of the grid's shape (a training step): texts are written from them only when asked for. */
  setValue(name: string, value: Value, record = true): void {
    const [r, c] = shapeOf(value);
    const g = this.sized(name, r, c, `the value is ${r}×${c}`);
    this.change(g, name, record, () => g.setNumbers(value));
  }

  /** The input cells some of whose entries differ from the workbook's. */
  editedNames(): string[] {
    return [...this.grids].filter(([, g]) => g.edited()).map(([name]) => name);
  }

  /** The entries of every input cell that differ from the workbook's. */
  edited(): Record<string, string[][]> {
    return Object.fromEntries(this.editedNames().map((name) => [name, this.grids.get(name)!.allTexts()]));
  }

  /** Saved entries applied again; returns the names of those that no longer fit (gone, or reshaped). */
  restore(entries: Record<string, unknown>): string[] {
    const dropped: string[] = [];
    for (const [name, texts] of Object.entries(entries)) {
      const g = this.grids.get(name);
      if (!g || !Array.isArray(texts) || texts.length !== g.rows || texts.some((r) => !Array.isArray(r) || r.length !== g.cols)) dropped.push(name);
      else
        this.setEntries(
          name,
          (texts as unknown[][]).map((r) => r.map(String)),
        );
    }
    return dropped;
  }

  private sized(name: string, rows: number, cols: number, what: string): InputGrid {
    const g = this.grids.get(name);
    if (!g) throw new RangeError(`${name} is not an input cell`);
    if (rows !== g.rows || cols !== g.cols) throw new RangeError(`${name} is ${g.rows}×${g.cols}; ${what}`);
    return g;
  }

  private change(g: InputGrid, name: string, record: boolean, fn: () => void): void {
    if (record) this.log.begin();
    const before = record ? g.allTexts() : [];
    fn();
    this.changed(name);
    if (record) this.log.report({ kind: 'entries', name, before, after: g.allTexts() });
  }
}
