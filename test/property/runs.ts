// How many runs a property test makes: its default, or FC_RUNS for a long run. Under Node
// FC_RUNS is read from the environment; in Chromium the test runner's network-guard plugin
// hands it over (FC_RUNS=20000 npm test raises both sides).

export async function fcRuns(fallback: number): Promise<number> {
  const fromEnv = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env?.FC_RUNS;
  if (fromEnv) return Number(fromEnv);
  if (typeof window === 'undefined') return fallback;
  try {
    const { executeServerCommand } = await import('@web/test-runner-commands');
    const runs = await executeServerCommand<number | null, undefined>('gs-fc-runs');
    return typeof runs === 'number' && runs > 0 ? runs : fallback;
  } catch {
    return fallback;
  }
}
