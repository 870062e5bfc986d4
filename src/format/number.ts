// How numbers are shown: six significant digits, as NOTES.md recomputes the lecture, without
// trailing zeros; very large and very small numbers in scientific notation.

export function formatNumber(v: number, digits = 6): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  const text = abs >= 1e6 || abs < 1e-4 ? v.toExponential(digits - 1) : v.toPrecision(digits);
  const [mantissa, exponent] = text.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return (exponent ? `${trimmed}e${Number(exponent)}` : trimmed).replace(/^-/, '−');
}

/**
 * Two numbers shown with as many significant digits as it takes to tell them apart (six at
 * least, 17 at most): "0.291028" and "0.291028" become "0.2910281" and "0.2910276".
 */
export function formatApart(a: number, b: number): [string, string] {
  for (let digits = 6; digits < 17; digits++) {
    const x = formatNumber(a, digits),
      y = formatNumber(b, digits);
    if (x !== y) return [x, y];
  }
  return [formatNumber(a, 17), formatNumber(b, 17)];
}

/** A plain decimal number, as an entry or a data file writes it ("-1.5", "5.551115123125783e-17"). */
export const plainNumber = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * How an entry shows its text when it is not being edited: as typed when it fits in `width`
 * characters; a longer number (a trained weight, 5.551115123125783e-17) with five significant
 * digits and its exponent kept (5.5511e-17), never cut off. Anything else is shown as typed.
 * The text itself is never changed: the entry shows it in full when focused.
 */
export function entryDisplay(text: string, width = 10): string {
  if (text.length <= width || !plainNumber.test(text.trim())) return text;
  const v = Number(text);
  return Number.isFinite(v) ? formatNumber(v, 5).replace('−', '-') : text;
}
