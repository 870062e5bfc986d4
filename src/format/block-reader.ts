import type { Code } from '../messages.ts';
import type { Block, WorkbookSpec } from './spec.ts';

/** Reports a problem at a line (1-based) and column, optionally belonging to a cell. */
export type Report = (code: Code, message: string, line: number, col?: number, cell?: string) => void;

/** Reads the body of one fenced block: lines [from, to), 0-based indices into `lines`. */
export type BlockReader = (lines: string[], from: number, to: number, spec: WorkbookSpec, problem: Report) => Block;
