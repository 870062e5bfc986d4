// Browser tests: every test/**/*.test.ts except the Node-only ones, in Debian's Chromium
// (no test tool downloads a browser). Each test file gets its own window: background tabs get
// no animation frames, and the Observable runtime computes only on animation frames.
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { chromiumArgs, executablePath } from '../scripts/chromium.mjs';
import { devPlugins } from '../scripts/dev-plugins.mjs';
import { summaryReporter } from '../scripts/wtr-summary-reporter.mjs';
import { liveReloadDir, saveWorkbookPlugin } from './embed/live-reload-plugin.mjs';
import { networkGuard } from './security/network-guard.mjs';
import { testServer, testServerPlugin } from './embed/test-server-plugin.mjs';

// Every request of every page is watched: one to anywhere but the test server fails the run.
const guard = networkGuard();

export default {
  rootDir: '.',
  files: ['test/**/*.test.ts', '!test/**/*.node.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  middleware: [testServer],
  plugins: [...devPlugins({ watch: ['workbooks', liveReloadDir] }), a11ySnapshotPlugin(), saveWorkbookPlugin(), testServerPlugin(), guard.plugin],
  concurrency: Number(process.env.WTR_CONCURRENCY ?? 2),
  concurrentBrowsers: 1,
  // The whole browser run takes about 3 minutes alone on 2 cores; a loaded machine needs more.
  testsFinishTimeout: 1_200_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: chromiumArgs,
      },
      createPage: async ({ context }) => guard.watch(await context.newPage({ type: 'window' })),
    }),
  ],
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), summaryReporter({ extraFailures: guard.failures })],
};
