import { codes, messages, type Code } from './messages.ts';
import { limits } from './limits.ts';

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

/** Places an error in the file: `at` is where its formula starts, `err.col` a column inside it. */
export function withLoc(err: CellError, at: Loc): CellError {
  if (!err.loc) err.loc = { line: at.line, col: at.col - 1 + (err.col ?? 1) };
  return err;
}

export function isCellError(v: unknown): v is CellError {
  return v instanceof CellError;
}

/**
 * Anything thrown while evaluating becomes a CellError: a stack overflow becomes E_TOO_DEEP,
 * anything else unforeseen E_INTERNAL, and a thrown non-Error is described, never re-thrown.
 * This function itself never throws, whatever it is given (a Proxy, an object whose message
 * getter throws, a Symbol, null).
 */
export function toCellError(thrown: unknown, root: string): CellError {
  try {
    if (thrown instanceof CellError) {
      if (!thrown.root) thrown.root = root;
      return thrown;
    }
    const error = thrown instanceof Error ? thrown : undefined;
    const message = error ? String(error.message) : '';
    // V8 says "Maximum call stack size exceeded"; Firefox throws InternalError "too much recursion".
    if (error && (error.name === 'RangeError' || error.name === 'InternalError') && /call stack|recursion/i.test(message)) {
      return new CellError(codes.E_TOO_DEEP, messages.tooDeepChain(limits.maxDepth), root);
    }
    return new CellError(codes.E_INTERNAL, messages.internal(clip(error ? message : describeThrown(thrown))), root);
  } catch {
    return new CellError(codes.E_INTERNAL, messages.internal(messages.thrownUnreadable()), root);
  }
}

function describeThrown(thrown: unknown): string {
  try {
    return messages.thrownNonError(typeof thrown === 'symbol' ? thrown.toString() : String(thrown));
  } catch {
    return messages.thrownUnreadable();
  }
}

/** A message is shown in a cell: a thrown megabyte of text must not be. */
function clip(s: string): string {
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}
