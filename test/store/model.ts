// A simple model of a small workbook and of its undo history, for the property tests of
// random edit/undo/redo sequences (under Node against the session, in Chromium against the page).
import fc from 'fast-check';
import type { StorageLike } from '../../src/store/persist.ts';

export const modelWorkbook = ['# Model', '', '```cells', 'a = [1, 2; 3, 4]', 'b = 5', 'c = a * b', 'd = sum(c)', '```', ''].join('\n');

export interface SheetState {
  a: string[][];
  b: string[][];
  c: string;
  d: string;
}

export const initialState: SheetState = {
  a: [
    ['1', '2'],
    ['3', '4'],
  ],
  b: [['5']],
  c: 'a * b',
  d: 'sum(c)',
};

export type Op =
  | { kind: 'type'; cell: 'a' | 'b'; row: number; col: number; text: string }
  | { kind: 'paste'; cell: 'a'; grid: string[][] }
  | { kind: 'formula'; cell: 'c' | 'd'; text: string }
  | { kind: 'seal' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'reset' };

const texts = ['0', '1', '-2', '2.5', '10', '1e1', 'oops'];
const cFormulas = ['a * b', 'a + b', 'a .* a', '2 * a'];
const dFormulas = ['sum(c)', 'max(c)', 'c[1, 1]', 'sum(q)'];

export const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      cell: fc.constant('a' as const),
      row: fc.integer({ min: 1, max: 2 }),
      col: fc.integer({ min: 1, max: 2 }),
      text: fc.constantFrom(...texts),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      cell: fc.constant('b' as const),
      row: fc.constant(1),
      col: fc.constant(1),
      text: fc.constantFrom(...texts),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('paste' as const),
      cell: fc.constant('a' as const),
      grid: fc.array(fc.array(fc.constantFrom(...texts), { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.record({ kind: fc.constant('formula' as const), cell: fc.constant('c' as const), text: fc.constantFrom(...cFormulas) }),
      fc.record({ kind: fc.constant('formula' as const), cell: fc.constant('d' as const), text: fc.constantFrom(...dFormulas) }),
    ),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'seal' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'redo' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
);

const copy = (s: SheetState): SheetState => ({ a: s.a.map((r) => [...r]), b: s.b.map((r) => [...r]), c: s.c, d: s.d });
const same = (x: SheetState, y: SheetState) => JSON.stringify(x) === JSON.stringify(y);

/** The positions at which two states differ: "a 0 1", "c". */
function diff(x: SheetState, y: SheetState): string[] {
  const out: string[] = [];
  for (const cell of ['a', 'b'] as const) x[cell].forEach((r, i) => r.forEach((t, j) => t !== y[cell][i][j] && out.push(`${cell} ${i} ${j}`)));
  for (const cell of ['c', 'd'] as const) if (x[cell] !== y[cell]) out.push(cell);
  return out;
}

/**
 * The history as a list of states and a position in it. Typing into one entry joins the step
 * before it while nothing sealed it (as the history merges keystrokes); an edit that changes
 * nothing is no step.
 */
export class HistoryModel {
  states: SheetState[] = [copy(initialState)];
  at = 0;
  private open: string | null = null;

  get current(): SheetState {
    return this.states[this.at];
  }

  apply(op: Op): void {
    const next = copy(this.current);
    switch (op.kind) {
      case 'seal':
        this.open = null;
        return;
      case 'undo':
        this.open = null;
        if (this.at > 0) this.at--;
        return;
      case 'redo':
        this.open = null;
        if (this.at < this.states.length - 1) this.at++;
        return;
      case 'type':
        next[op.cell][op.row - 1][op.col - 1] = op.text;
        break;
      case 'paste':
        next.a = op.grid.map((r) => [...r]);
        break;
      case 'formula':
        next[op.cell] = op.text;
        break;
      case 'reset':
        Object.assign(next, copy(initialState));
        break;
    }
    const changed = diff(this.current, next);
    if (!changed.length) return;
    const single = changed.length === 1 && op.kind !== 'formula' && op.kind !== 'reset' ? changed[0] : null;
    if (this.open !== null && single === this.open && this.at === this.states.length - 1 && this.at > 0) {
      this.states[this.at] = next;
      if (same(this.states[this.at - 1], next)) {
        this.states.pop();
        this.at--;
        this.open = null;
      }
      return;
    }
    this.states.splice(this.at + 1);
    this.states.push(next);
    this.at++;
    this.open = single;
  }
}

/** The value of d for a state, as the workbook computes it; null when it is an error. */
export function modelValue(s: SheetState): number | null {
  const a = s.a.map((r) => r.map(Number));
  const b = Number(s.b[0][0]);
  if (a.flat().some(Number.isNaN) || Number.isNaN(b)) return null;
  const c = {
    'a * b': a.map((r) => r.map((v) => v * b)),
    'a + b': a.map((r) => r.map((v) => v + b)),
    'a .* a': a.map((r) => r.map((v) => v * v)),
    '2 * a': a.map((r) => r.map((v) => 2 * v)),
  }[s.c]!;
  const flat = c.flat();
  const d = { 'sum(c)': flat.reduce((x, y) => x + y, 0), 'max(c)': Math.max(...flat), 'c[1, 1]': c[0][0], 'sum(q)': null }[s.d];
  return d === undefined ? null : d;
}

/** localStorage in memory: a quota to refuse writes past, a count of writes, and reads that can fail. */
export class MemoryStorage implements StorageLike {
  items = new Map<string, string>();
  /** Refuse writes of more than this many characters (a full storage). */
  quota = Infinity;
  /** Reads throw (storage the browser has made unreadable, as in some private modes). */
  unreadable = false;
  writes = 0;
  /** Writes by key (the record, and the small marker slots written around each edit computed). */
  writesOf = new Map<string, number>();
  getItem(key: string) {
    if (this.unreadable) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.writes++;
    this.writesOf.set(key, (this.writesOf.get(key) ?? 0) + 1);
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}
