// Building matrices from blocks ([a, b; c, d]) and reading parts of them (A[i, j], A[:, 2]),
// each with its derivative beside it: the gradient of an assembled matrix is sliced back into
// its blocks; the gradient of an index is scattered back into the indexed matrix.

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { spend } from './budget.ts';
import { ShapeError, alloc } from './kernels.ts';
import { Mat, collapse, describeShape, shapeOf, type Shape, type Value } from './value.ts';

/** Stack blocks: each row of blocks side by side, then the rows on top of each other. */
export function assemble(rows: Value[][], texts: string[][]): Value {
  const rowHeights = rows.map((blocks, r) => {
    if (blocks.length === 0) return 0; // [] and [[], []]: an empty matrix
    const h = shapeOf(blocks[0])[0];
    blocks.forEach((b, c) => {
      if (shapeOf(b)[0] !== h) {
        throw new CellError(
          codes.E_SHAPE,
          messages.shape(texts[r][0], describeShape(shapeOf(blocks[0])), texts[r][c], describeShape(shapeOf(b)), messages.shapeBlockRows()),
        );
      }
    });
    return h;
  });
  const rowWidths = rows.map((blocks) => blocks.reduce<number>((w, b) => w + shapeOf(b)[1], 0));
  rowWidths.forEach((w, r) => {
    if (w !== rowWidths[0]) {
      throw new CellError(codes.E_SHAPE, messages.shapeOne(messages.matrixRow(r + 1, texts), messages.wide(w), messages.shapeRowWidths(rowWidths[0])));
    }
  });
  const R = rowHeights.reduce<number>((a, b) => a + b, 0),
    C = rowWidths[0];
  const out = alloc(R, C, 'This matrix');
  let top = 0;
  rows.forEach((blocks, r) => {
    let left = 0;
    for (const b of blocks) {
      const [h, w] = shapeOf(b);
      if (w === 0) spend(h); // its rows are walked over, even when it has no entries
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) out.data[(top + i) * C + left + j] = typeof b === 'number' ? b : b.data[i * w + j];
      left += w;
    }
    top += rowHeights[r];
  });
  return collapse(out);
}

/** The gradient of each block, given the gradient of the assembled matrix. */
export function assembleBackward(g: Value, shapes: Shape[][]): Value[][] {
  const C = typeof g === 'number' ? 1 : g.cols;
  const at = (i: number, j: number) => (typeof g === 'number' ? g : g.data[i * C + j]);
  let top = 0;
  return shapes.map((row) => {
    let left = 0;
    const grads = row.map(([h, w]) => {
      const out = new Mat(h, w);
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) out.data[i * w + j] = at(top + i, left + j);
      left += w;
      return collapse(out);
    });
    top += row.length ? row[0][0] : 0;
    return grads;
  });
}

/**
 * The positions an index selects, 0-based, per dimension. With one index the target must be a
 * vector and the index runs along it.
 */
export interface Selection {
  rows: number[];
  cols: number[];
  /** Shape of the result before collapsing. */
  shape: Shape;
}

export function select(target: Value, dims: number[][], targetText: string): Selection {
  const [R, C] = shapeOf(target);
  const check = (list: number[], size: number, what: 'entry' | 'row' | 'column') =>
    list.map((k) => {
      if (!Number.isInteger(k) || k < 1 || k > size) {
        throw new CellError(codes.E_INDEX, messages.index(messages.indexOutside(targetText, size, what, k)));
      }
      return k - 1;
    });
  if (dims.length === 1) {
    if (R !== 1 && C !== 1) {
      throw new ShapeError(messages.shapeOneIndex(targetText), [0]);
    }
    if (R === 1) {
      const cols = check(dims[0], C, 'entry');
      return { rows: [0], cols, shape: [1, cols.length] };
    }
    const rows = check(dims[0], R, 'entry');
    return { rows, cols: [0], shape: [rows.length, 1] };
  }
  const rows = check(dims[0], R, 'row'),
    cols = check(dims[1], C, 'column');
  return { rows, cols, shape: [rows.length, cols.length] };
}

export function gather(target: Value, sel: Selection): Value {
  const C = shapeOf(target)[1];
  const out = alloc(sel.shape[0], sel.shape[1], 'This index');
  const w = sel.cols.length;
  sel.rows.forEach((r, i) => sel.cols.forEach((c, j) => (out.data[i * w + j] = typeof target === 'number' ? target : target.data[r * C + c])));
  return collapse(out);
}

export function scatter(g: Value, targetShape: Shape, sel: Selection): Value {
  const [R, C] = targetShape;
  const out = new Mat(R, C);
  const w = sel.cols.length;
  sel.rows.forEach((r, i) => sel.cols.forEach((c, j) => (out.data[r * C + c] += typeof g === 'number' ? g : g.data[i * w + j])));
  return collapse(out);
}
