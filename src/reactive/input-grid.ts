// One input cell's entries: the numbers held once (a Float64Array, 0 where an entry is not a
// number), the entries that are not numbers with their errors, and the texts as typed. Numbers
// published by training replace the numbers only: the texts are then made from them when
// something shows or saves an entry, never once per frame. An entry typed costs the same
// whatever the size of the matrix.

import { isCellError, type CellError } from '../errors.ts';
import { Mat, collapse, type Value } from '../formula/value.ts';
import { parseEntry } from '../graph/entry.ts';
import type { CellResult } from '../graph/compile.ts';
import { entryName } from '../problems.ts';

export class InputGrid {
  readonly rows: number;
  readonly cols: number;
  /** The numbers, row by row. */
  private readonly data: Float64Array;
  /** The entries that are not numbers (by position row * cols + col), with their errors. */
  private readonly bad = new Map<number, CellError>();
  /** The texts as typed; while `fromNumbers`, each entry's text is its number written out. */
  private readonly texts: string[][];
  private fromNumbers = false;
  /** How many texts differ from the workbook's (undefined: not counted since numbers were published). */
  private differs: number | undefined = 0;

  /** `own`: the workbook's entries; `value`: the number they stand for. */
  constructor(
    private readonly name: string,
    private readonly own: readonly (readonly string[])[],
    value: number | Mat,
  ) {
    this.rows = own.length;
    this.cols = own[0].length;
    this.data = typeof value === 'number' ? Float64Array.of(value) : value.data.slice();
    this.texts = own.map((r) => [...r]);
  }

  has(row: number, col: number): boolean {
    return row >= 1 && row <= this.rows && col >= 1 && col <= this.cols && Number.isInteger(row) && Number.isInteger(col);
  }

  /** An entry's text (1-based). */
  text(row: number, col: number): string {
    if (!this.has(row, col)) return '';
    return this.fromNumbers ? String(this.data[(row - 1) * this.cols + col - 1]) : this.texts[row - 1][col - 1];
  }

  /** The number an entry stands for, or null while its text is not a number. */
  number(row: number, col: number): number | null {
    if (!this.has(row, col)) return null;
    const k = (row - 1) * this.cols + col - 1;
    return this.bad.has(k) ? null : this.data[k];
  }

  error(row: number, col: number): CellError | null {
    return this.has(row, col) ? (this.bad.get((row - 1) * this.cols + col - 1) ?? null) : null;
  }

  /** A copy of the texts, row by row. */
  allTexts(): string[][] {
    this.written();
    return this.texts.map((r) => [...r]);
  }

  /** The student typed `text` into one entry: it is kept as typed, and read. */
  setText(row: number, col: number, text: string): number | CellError {
    this.written();
    const own = this.own[row - 1][col - 1],
      before = this.texts[row - 1][col - 1];
    if (this.differs !== undefined) this.differs += Number(text !== own) - Number(before !== own);
    this.texts[row - 1][col - 1] = text;
    return this.read(row, col);
  }

  /** Every entry at once (a paste, a reset): only the texts that changed are read again. */
  setTexts(texts: readonly (readonly string[])[]): void {
    this.written();
    texts.forEach((row, i) =>
      row.forEach((t, j) => {
        if (t === this.texts[i][j]) return;
        this.texts[i][j] = t;
        this.read(i + 1, j + 1);
      }),
    );
    this.differs = undefined;
  }

  /** Numbers of the grid's shape (a training step): their texts are written when asked for. */
  setNumbers(value: Value): void {
    if (typeof value === 'number') this.data[0] = value;
    else this.data.set(value.data);
    this.bad.clear();
    this.fromNumbers = true;
    this.differs = undefined;
  }

  /** Whether any text differs from the workbook's. */
  edited(): boolean {
    if (this.differs === undefined) {
      let n = 0;
      for (let i = 1; i <= this.rows; i++) for (let j = 1; j <= this.cols; j++) if (this.text(i, j) !== this.own[i - 1][j - 1]) n++;
      this.differs = n;
    }
    return this.differs > 0;
  }

  /** The cell's value: the first entry that is not a number makes the whole cell an error. */
  value(): CellResult {
    if (this.bad.size) {
      let first = Infinity;
      for (const k of this.bad.keys()) first = Math.min(first, k);
      return this.bad.get(first)!;
    }
    // A copy: the value the runtime holds never changes under a cell that read it.
    return collapse(new Mat(this.rows, this.cols, this.data.slice()));
  }

  /** The texts are made from the numbers (if they were published) before a text is changed. */
  private written(): void {
    if (!this.fromNumbers) return;
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) this.texts[i][j] = String(this.data[i * this.cols + j]);
    this.fromNumbers = false;
  }

  private read(row: number, col: number): number | CellError {
    const at = entryName(this.name, row, col, this.rows === 1 && this.cols === 1);
    const parsed = parseEntry(this.texts[row - 1][col - 1], at, this.name);
    const k = (row - 1) * this.cols + col - 1;
    if (isCellError(parsed)) {
      this.bad.set(k, parsed);
      this.data[k] = 0;
    } else {
      this.bad.delete(k);
      this.data[k] = parsed;
    }
    return parsed;
  }
}

/** Two grids of entry texts are the same, entry by entry. */
export function sameTexts(a: readonly (readonly string[])[], b: readonly (readonly string[])[]): boolean {
  return a.length === b.length && a.every((row, i) => row.length === b[i].length && row.every((t, j) => t === b[i][j]));
}
