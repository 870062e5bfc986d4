// "Did you mean …?" for misspelt names.

export function closest(word: string, candidates: Iterable<string>, maxDistance = 2): string | undefined {
  // A name this long is not a typo, and comparing it with thousands of long names would take
  // seconds (each comparison costs the product of the lengths).
  if (word.length > 64) return undefined;
  // Short names are only ever "corrected" for case: q is not a typo of x.
  const allowed = Math.min(maxDistance, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) > allowed || c === word) continue;
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
