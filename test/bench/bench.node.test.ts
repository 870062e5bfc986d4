// `npm run bench` measures on a real machine and judges nothing in CI; this only checks that the
// runner starts, runs figures and prints its table (the quick --smoke counts, two fast figures).
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function bench(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.mjs', ...args], { cwd: root });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('the benchmark', function () {
  this.timeout(120_000);

  it('is npm run bench', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(pkg.scripts.bench).to.equal('node --import tsx bench/run.mjs');
  });

  it('runs the training and size figures with --smoke and prints them in one table', async () => {
    const { code, stdout, stderr } = await bench('--smoke', 'training', 'size');
    expect(code, stderr).to.equal(0);
    expect(stdout).to.match(/^machine: \d+ CPUs/m);
    expect(stdout).to.match(/^figure\s+case\s+measured\s+target/m);
    // Each network against its floor, after both reached the same loss.
    for (const net of ['XOR 2-2-1 sigmoid', '1-64-1 tanh', '2-64-64-1 tanh']) {
      expect(stdout).to.match(new RegExp(`^training\\s+${net}.*: batch driver\\s+[\\d,.]+ steps/s`, 'm'));
      expect(stdout).to.match(new RegExp(`^training\\s+${net}.*: ratio to the floor\\s+[\\d.]+× \\(losses agree`, 'm'));
    }
    expect(stdout).to.match(/^size\s+gradsheet\.js \(up front, the entry\)\s+[\d.]+ KB gz/m);
    expect(stdout).to.match(/^size\s+up front, without plots\s+[\d.]+ KB gz\s+≤ 200 KB gz\s+\(smoke\)/m);
  });

  it('refuses a figure it does not know, with status 2', async () => {
    const { code, stderr } = await bench('--smoke', 'speed');
    expect(code).to.equal(2);
    expect(stderr).to.contain('no figure named speed');
  });
});
