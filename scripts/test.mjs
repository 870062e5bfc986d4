// npm test: every test, in three steps, then one line "N passed, N failed" for CI.
//   1. tsc --noEmit (strict), eslint and prettier --check, counted as one check each;
//   2. engine and command-line tests under Node (mocha, TypeScript through tsx);
//   3. engine and component tests in Chromium (web-test-runner).
// Exits 1 if anything failed. Pass --node or --browser to run one side only.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const only = process.argv[2];
if (process.argv.length > 3 || (only !== undefined && only !== '--node' && only !== '--browser')) {
  console.error(`npm test: unknown arguments ${process.argv.slice(2).join(' ')} (use --node or --browser, or nothing for every test)`);
  console.log('0 passed, 1 failed');
  process.exit(2);
}

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const relay = (stream, to) =>
      stream.on('data', (d) => {
        out += d;
        to.write(d);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
    child.on('error', (e) => resolve({ code: 1, out: String(e) }));
  });
}

const totals = { passed: 0, failed: 0 };

if (!only) {
  console.log('\n# tsc --noEmit');
  const tsc = await run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  if (tsc.code === 0) totals.passed++;
  else totals.failed++;
  console.log(tsc.code === 0 ? 'tsc: clean' : 'tsc: errors above');

  // The linter and the formatter, as `npm run lint` runs them (eslint.config.mjs, .prettierrc.json).
  console.log('\n# eslint');
  const eslint = await run(bin('eslint'), ['.']);
  if (eslint.code === 0) totals.passed++;
  else totals.failed++;
  console.log(eslint.code === 0 ? 'eslint: clean' : 'eslint: problems above');

  console.log('\n# prettier --check');
  const prettier = await run(bin('prettier'), ['--check', '.', '--log-level', 'warn']);
  if (prettier.code === 0) totals.passed++;
  else totals.failed++;
  console.log(prettier.code === 0 ? 'prettier: formatted' : 'prettier: the files above are not formatted (npm run format)');
}

if (!only || only === '--node') {
  console.log('\n# Node: mocha');
  const mocha = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
      '--reporter',
      'spec',
      '--timeout',
      '60000',
      'test/**/*.test.ts',
      '--ignore',
      'test/**/*.browser.test.ts',
    ],
    { FORCE_COLOR: '0' },
  );
  const passing = Number(/(\d+) passing/.exec(mocha.out)?.[1] ?? 0);
  const failing = Number(/(\d+) failing/.exec(mocha.out)?.[1] ?? 0);
  totals.passed += passing;
  totals.failed += failing + (mocha.code !== 0 && failing === 0 ? 1 : 0);
}

if (!only || only === '--browser') {
  console.log('\n# Chromium: web-test-runner');
  const wtr = await run(bin('wtr'), ['--config', 'test/web-test-runner.config.mjs'], { FORCE_COLOR: '0' });
  const m = /wtr: (\d+) passed, (\d+) failed/.exec(wtr.out);
  totals.passed += Number(m?.[1] ?? 0);
  totals.failed += Number(m?.[2] ?? 0) + (wtr.code !== 0 && !Number(m?.[2] ?? 0) ? 1 : 0);
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed ? 1 : 0);
