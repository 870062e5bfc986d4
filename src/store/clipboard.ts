// Matrices in and out of the clipboard, as spreadsheets exchange them.
//
// In: Excel, Google Sheets and LibreOffice copy a block of cells as text, one row per line
// (\n or \r\n, often with a trailing line break), cells separated by tabs, and a cell holding a
// tab, a line break or a quote in double quotes ("a ""b"""). A block is pasted into a matrix
// starting at the focused entry; what does not fit is left out and said, never dropped quietly.
// Out: tab-separated text (full precision, so a copied matrix pastes back exactly) and a LaTeX
// bmatrix for slides (six significant digits, as the sheet shows them). No DOM here.

import { formatNumber } from '../format/number.ts';
import { limits } from '../limits.ts';
import { messages } from '../messages.ts';
import { entryPlace } from '../problems.ts';

/** Reads tab-separated text into rows of trimmed texts (rows may differ in length). */
export function parseBlock(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    row.push(field.trim());
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field.trim() === '') {
      // A quoted cell: up to the quote that is not doubled.
      let j = i + 1,
        quoted = '';
      for (; j < text.length; j++) {
        if (text[j] !== '"') quoted += text[j];
        else if (text[j + 1] === '"') quoted += text[j++];
        else break;
      }
      if (j < text.length) {
        field = quoted;
        i = j + 1;
        continue;
      }
    }
    if (c === '\t') endField();
    else if (c === '\r' || c === '\n') {
      endRow();
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  // A trailing line break ends the last row; it does not start an empty one.
  if (field !== '' || row.length) endRow();
  return rows;
}

/**
 * Characters of pasted text read at most: a million entries of up to ten characters. A larger
 * clipboard is refused with a message rather than read (reading it would hold up the page).
 */
export const maxPasteLength = 10 * limits.maxEntries;

/** True when pasted text is a block of cells (it has a tab or a line break), not a single value. */
export function isBlock(text: string): boolean {
  return /[\t\r\n]/.test(text);
}

export interface Pasted {
  /** The matrix's new entries. */
  entries: string[][];
  /** How many rows and columns of the block landed in the matrix. */
  rows: number;
  cols: number;
  /** What happened, for the student: always set, and says what did not fit. */
  message: string;
  /** Some of the block was left out. */
  cut: boolean;
}

/**
 * Pastes `block` into `entries` with its top-left at (row, col), 1-based. Entries outside the
 * block keep their text; cells of the block outside the matrix are left out and counted.
 */
export function pasteBlock(entries: readonly (readonly string[])[], block: readonly (readonly string[])[], row: number, col: number): Pasted {
  const rows = entries.length,
    cols = entries[0]?.length ? entries[0].length : 0;
  const out = entries.map((r) => [...r]);
  // A loop, not Math.max(...rows): a spread of 300,000 rows overflows the stack.
  const height = block.length;
  let width = 0;
  for (const r of block) if (r.length > width) width = r.length;
  let left = 0;
  block.forEach((cells, i) =>
    cells.forEach((text, j) => {
      const r = row - 1 + i,
        c = col - 1 + j;
      if (r < rows && c < cols) out[r][c] = text;
      else left++;
    }),
  );
  const fitRows = Math.min(height, rows - row + 1),
    fitCols = Math.min(width, cols - col + 1);
  const at = entryPlace(row, col);
  const message =
    !height || !width
      ? messages.pasteEmpty()
      : left
        ? messages.pastedCut(`${height}×${width}`, `${rows}×${cols}`, at, height - fitRows, width - fitCols, left)
        : messages.pasted(height, width, at);
  return { entries: out, rows: fitRows, cols: fitCols, message, cut: left > 0 };
}

/** Rows as tab-separated text, one line per row (numbers at full precision). */
export function toTSV(rows: readonly (readonly (number | string)[])[]): string {
  return rows.map((r) => r.map(String).join('\t')).join('\n');
}

/** Rows as a LaTeX bmatrix (amsmath), numbers with `digits` significant digits. */
export function toLatex(rows: readonly (readonly number[])[], digits = 6): string {
  const body = rows.map((r) => r.map((v) => latexNumber(v, digits)).join(' & ')).join(' \\\\\n  ');
  return `\\begin{bmatrix}\n  ${body}\n\\end{bmatrix}`;
}

/** 0.51, -1.5, 2.87363 \times 10^{-3}: as the sheet shows the number, in TeX. */
export function latexNumber(v: number, digits = 6): string {
  const text = formatNumber(v, digits).replace(/−/g, '-');
  if (text === '∞') return '\\infty';
  if (text === '-∞') return '-\\infty';
  const m = /^(-?[\d.]+)e([+-]?\d+)$/.exec(text);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : text;
}
