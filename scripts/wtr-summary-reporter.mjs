// Prints "wtr: N passed, N failed, N skipped" last, so scripts/test.mjs (and CI) can read it.
// A test file that fails to load counts as one failed test, and so does each line that
// `extraFailures` returns at the end (the network guard's requests to elsewhere).

function count(suite, totals) {
  for (const t of suite.tests ?? []) {
    if (t.skipped) totals.skipped++;
    else if (t.passed) totals.passed++;
    else totals.failed++;
  }
  for (const s of suite.suites ?? []) count(s, totals);
}

export function summaryReporter({ extraFailures = () => [] } = {}) {
  let totals = { passed: 0, failed: 0, skipped: 0 };
  return {
    onTestRunFinished({ sessions }) {
      totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const before = totals.passed + totals.failed + totals.skipped;
        if (session.testResults) count(session.testResults, totals);
        const none = totals.passed + totals.failed + totals.skipped === before;
        if (!session.passed && (none || (session.errors ?? []).length)) totals.failed++;
      }
    },
    stop() {
      const extra = extraFailures();
      for (const line of extra) console.log(`✗ ${line}`);
      console.log(`wtr: ${totals.passed} passed, ${totals.failed + extra.length} failed, ${totals.skipped} skipped`);
    },
  };
}
