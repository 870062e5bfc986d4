import { expect } from 'chai';
import { toJSON, type JsonValue, type Value } from '../../src/formula/value.ts';

/** Asserts that two numbers agree to `digits` significant digits. */
export function expectSignificant(actual: number, expected: number, digits = 6, what = ''): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  const tolerance = 0.5 * Math.pow(10, Math.floor(Math.log10(scale)) - digits + 1);
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).to.be.at.most(tolerance);
}

/** Same, entry by entry, for a number or an array of rows. */
export function expectValue(actual: Value | JsonValue | undefined, expected: JsonValue, digits = 6, what = ''): void {
  expect(actual, `${what} has a value`).to.not.equal(undefined);
  const a = typeof actual === 'number' || Array.isArray(actual) ? actual : toJSON(actual as Value);
  if (typeof expected === 'number') {
    expect(a, `${what} is a number`).to.be.a('number');
    expectSignificant(a as number, expected, digits, what);
    return;
  }
  expect(a, `${what} is a matrix`).to.be.an('array');
  const rows = a as number[][];
  expect(rows.length, `${what} rows`).to.equal(expected.length);
  expected.forEach((row, i) => {
    expect(rows[i].length, `${what} row ${i + 1} length`).to.equal(row.length);
    row.forEach((v, j) => expectSignificant(rows[i][j], v, digits, `${what}[${i + 1},${j + 1}]`));
  });
}
