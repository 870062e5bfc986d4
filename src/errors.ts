import { codes, messages, type Code } from './messages.ts';

/** A position in the workbook file, 1-based. */
export interface Loc {
  line: number;
  col: number;
}

/**
 * An error that belongs to a cell. Errors are *values* in gradsheet: a cell whose formula fails
 * evaluates to a CellError, and every dependent evaluates to that same error, so the page can
 * always say which cell is the root cause (`root`).
 */
export class CellError extends Error {
  readonly code: Code;
  /** The cell where the error happened. */
  root: string;
  /** Where in the workbook file, when known. */
  loc?: Loc;
  /** Column inside the formula text (1-based), when known. */
  col?: number;

  constructor(code: Code, message: string, root = '', col?: number) {
    super(message);
    this.name = 'CellError';
    this.code = code;
    this.root = root;
    if (col !== undefined) this.col = col;
  }

  toJSON(): { code: Code; message: string; root: string } {
    return { code: this.code, message: this.message, root: this.root };
  }
}

export function isCellError(v: unknown): v is CellError {
  return v instanceof CellError;
}

/**
 * Anything thrown while evaluating becomes a CellError: a stack overflow becomes E_TOO_DEEP,
 * anything else unforeseen E_INTERNAL, and a thrown non-Error is described, never re-thrown.
 */
export function toCellError(thrown: unknown, root: string): CellError {
  if (thrown instanceof CellError) {
    if (!thrown.root) thrown.root = root;
    return thrown;
  }
  if (thrown instanceof RangeError && /call stack/i.test(thrown.message)) {
    return new CellError(codes.E_TOO_DEEP, messages.tooDeep(40), root);
  }
  const detail = thrown instanceof Error ? thrown.message : describeThrown(thrown);
  return new CellError(codes.E_INTERNAL, messages.internal(detail), root);
}

function describeThrown(thrown: unknown): string {
  try {
    return `a non-Error was thrown: ${String(thrown)}`;
  } catch {
    return 'a non-Error was thrown';
  }
}
