import type { Code } from '../messages.ts';
import type { Block, WorkbookSpec } from './spec.ts';

/** Reports a problem at a line (1-based) and column, optionally belonging to a cell. */
export type Report = (code: Code, message: string, line: number, col?: number, cell?: string) => void;

/** Reads the body of one fenced block: lines [from, to), 0-based indices into `lines`. */
export type BlockReader = (lines: string[], from: number, to: number, spec: WorkbookSpec, problem: Report) => Block;

/** A line of a block that says something: not blank, not a "#" comment. */
export interface ContentLine {
  raw: string;
  /** 1-based line number in the file. */
  line: number;
  text: string;
  indent: number;
}

/** The lines [from, to) of a block that say something. */
export function* contentLines(lines: string[], from: number, to: number): Generator<ContentLine> {
  for (let i = from; i < to; i++) {
    const raw = lines[i];
    const text = raw.trim();
    if (!text || text.startsWith('#')) continue;
    yield { raw, line: i + 1, text, indent: raw.length - raw.trimStart().length };
  }
}
