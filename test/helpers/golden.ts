// Golden files (test/golden/): a test's output compared with the committed one, text for text.
// `UPDATE_GOLDEN=1 npm test -- --node` writes the outputs anew instead (never when CI=true, so a
// CI run can only compare); review the diff of test/golden/ like code before committing it.
import { expect } from 'chai';
import { isNode, readText, writeText } from './files.ts';

const env: Record<string, string | undefined> = isNode ? (globalThis as { process?: { env: Record<string, string | undefined> } }).process!.env : {};

/** Whether this run writes the golden files instead of only reading them. */
export const updatingGolden = isNode && env.UPDATE_GOLDEN === '1' && env.CI !== 'true';

/** Where two texts first differ, with a few lines of each around it (a golden file is long). */
export function firstDifference(actual: string, expected: string): string | null {
  if (actual === expected) return null;
  const a = actual.split('\n'),
    e = expected.split('\n');
  let i = 0;
  while (i < a.length && i < e.length && a[i] === e[i]) i++;
  const around = (lines: string[]) =>
    lines
      .slice(Math.max(0, i - 3), i + 4)
      .map((l, k) => `${Math.max(0, i - 3) + k + 1}: ${l}`)
      .join('\n');
  return `first difference at line ${i + 1}\n--- golden\n${around(e)}\n--- actual\n${around(a)}`;
}

/** Fails unless `actual` is the golden file's text exactly (after writing it, when updating). */
export async function expectGolden(path: string, actual: string): Promise<void> {
  if (updatingGolden) await writeText(path, actual);
  let expected: string;
  try {
    expected = await readText(path);
  } catch {
    expect.fail(`no golden file ${path}: write it with UPDATE_GOLDEN=1 npm test -- --node, then review it`);
  }
  const difference = firstDifference(actual, expected);
  expect(difference, `${path} differs from the output (UPDATE_GOLDEN=1 writes it anew)\n${difference}`).to.equal(null);
}
