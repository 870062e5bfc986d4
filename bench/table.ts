// What every figure of the benchmark returns, and the table the runner prints.

export interface Options {
  /** A quick run that only shows the harness works (CI): tiny counts, no targets judged. */
  smoke: boolean;
}

export interface Row {
  figure: string;
  case: string;
  value: string;
  target?: string;
  /** Whether the target is met; absent when the row has no target. */
  met?: boolean;
}

/** A seeded sequence of numbers in (0, 1) (Park and Miller's minimal standard generator). */
export function seeded(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** The p-th percentile (0–100), nearest rank. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : NaN;
}

/** A number with three significant digits, thousands separated. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function render(rows: readonly Row[], smoke: boolean): string {
  const verdict = (r: Row) => (r.target === undefined ? '' : smoke ? '(smoke)' : r.met ? 'met' : 'MISSED');
  const cols = [
    ['figure', ...rows.map((r) => r.figure)],
    ['case', ...rows.map((r) => r.case)],
    ['measured', ...rows.map((r) => r.value)],
    ['target', ...rows.map((r) => r.target ?? '')],
    ['', ...rows.map(verdict)],
  ];
  const widths = cols.map((c) => Math.max(...c.map((s) => [...s].length)));
  const line = (k: number) =>
    cols
      .map((c, i) => c[k] + ' '.repeat(widths[i] - [...c[k]].length))
      .join('  ')
      .trimEnd();
  return [line(0), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((_, k) => line(k + 1))].join('\n');
}
