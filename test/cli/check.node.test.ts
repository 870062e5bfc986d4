// `gradsheet check` as a course's CI runs it: the bin from package.json, spawned under Node,
// judged by its exit status and its output.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { notes } from '../helpers/lecture.ts';
import { expectValue } from '../helpers/numbers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

function gradsheet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return gradsheetUnder([], ...args);
}

/** The bin under Node options (e.g. a heap limit). */
function gradsheetUnder(nodeOptions: string[], ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, pkg.bin.gradsheet, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    // A safety net against a hang (the tests assert on the output, never on time).
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

const fixture = (name: string) => `test/input/cli/${name}.md`;

describe('gradsheet check', () => {
  it('is the package bin, and --help explains it', async () => {
    expect(pkg.bin.gradsheet).to.equal('src/cli/gradsheet.mjs');
    const { code, stdout } = await gradsheet('--help');
    expect(code).to.equal(0);
    expect(stdout).to.match(/^Usage: gradsheet check \[--json\]/);
    expect(stdout).to.contain('file:line:col CODE cell: message');
  });

  it('exits 0 on a passing workbook and reports its known slide error without failing', async () => {
    const { code, stdout } = await gradsheet('check', fixture('passing'));
    expect(code).to.equal(0);
    const lines = stdout.trim().split('\n');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.equal(
      'test/input/cli/passing.md:16:10 W_SLIDE_WRONG E: The slide is marked as wrong (slide 0.031, computed 0.0247977): the slide used h = 0.75',
    );
    expect(lines[1]).to.equal('gradsheet check: 1 workbook, 6 cells: 0 errors, 1 warning');
  });

  it('exits 0 on the lecture, whose wrong slides and wrong derivation are marked', async () => {
    const { code, stdout } = await gradsheet('check', 'workbooks/07-backpropagation.md');
    expect(code, stdout).to.equal(0);
    const cellsWith = (c: string) =>
      stdout
        .split('\n')
        .filter((l) => l.includes(` ${c} `))
        .map((l) => l.split(' ')[2].replace(/:$/, ''));
    expect(cellsWith('W_SLIDE_WRONG')).to.include.members(['Theta1', 'E', 'dE_dTheta2', 'Theta2_new']);
    expect(cellsWith('W_CHECK_FAILS')).to.deep.equal(['dE_dTheta2_slide']);
    expect(stdout).to.not.match(/ E_[A-Z_]+ /);
  });

  it('exits 1 on a failed expectation, naming the slide line, both numbers and what to do', async () => {
    const { code, stdout } = await gradsheet('check', fixture('failed-expectation'));
    expect(code).to.equal(1);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).to.match(/^test\/input\/cli\/failed-expectation\.md:7:10 E_SLIDE s: The cell does not agree with the slide: slide 1\.25, computed 1\. /);
    expect(lines[0]).to.contain('add a line "slide-wrong: <why>"');
    expect(lines[1]).to.match(/^test\/input\/cli\/failed-expectation\.md:9:10 E_SLIDE h: .*the slide shows 2×1, the cell is 1×1/);
    expect(lines[2]).to.equal('gradsheet check: 1 workbook, 4 cells: 2 errors, 0 warnings');
  });

  it('exits 1 on a failing gradient check, with both gradients and what to do', async () => {
    const { code, stdout } = await gradsheet('check', fixture('failed-check'));
    expect(code).to.equal(1);
    const [first, summary] = stdout.trim().split('\n');
    // σ′(s) is missing: the cell is (σ(s) − 1)·x, autodiff (σ(s) − 1)·σ′(s)·x, at s = 1.
    const sig = 1 / (1 + Math.exp(-1));
    expect(first).to.match(/^test\/input\/cli\/failed-check\.md:8:10 E_CHECK dE_dw: The gradient check against grad\(E, w\) fails: /);
    expect(first).to.contain(`[1,1] this cell −${(1 - sig).toPrecision(6)}, autodiff −${((1 - sig) * sig * (1 - sig)).toPrecision(6)}`);
    expect(first).to.contain('add a line "check-fails: <why>"');
    expect(summary).to.equal('gradsheet check: 1 workbook, 4 cells: 1 error, 0 warnings');
  });

  it('exits 1 on an unknown name, located at the name in the formula', async () => {
    const { code, stdout } = await gradsheet('check', fixture('unknown-name'));
    expect(code).to.equal(1);
    expect(stdout.split('\n')[0]).to.equal('test/input/cli/unknown-name.md:7:13 E_NAME_UNKNOWN h: "z" is not defined: no cell or constant has that name.');
  });

  it('exits 1 on a syntax error, located at the offending character', async () => {
    const { code, stdout } = await gradsheet('check', fixture('syntax-error'));
    expect(code).to.equal(1);
    // "s = w' * * x": column 10 is the second *.
    expect(stdout.split('\n')[0]).to.match(/^test\/input\/cli\/syntax-error\.md:6:10 E_SYNTAX s: Syntax error: /);
  });

  it('checks several files and fails if any fails', async () => {
    const { code, stdout } = await gradsheet('check', fixture('passing'), fixture('unknown-name'));
    expect(code).to.equal(1);
    expect(stdout).to.contain('passing.md:16:10 W_SLIDE_WRONG');
    expect(stdout).to.contain('unknown-name.md:7:13 E_NAME_UNKNOWN');
    expect(stdout.trim().split('\n').pop()).to.equal('gradsheet check: 2 workbooks, 10 cells: 1 error, 1 warning');
  });

  it('reports a file it cannot read as an error, and a bad command line with status 2', async () => {
    const missing = await gradsheet('check', 'test/input/cli/no-such-file.md');
    expect(missing.code).to.equal(1);
    expect(missing.stdout).to.contain('test/input/cli/no-such-file.md:1:1 E_FILE Could not read test/input/cli/no-such-file.md: no such file.');
    const none = await gradsheet('check');
    expect(none.code).to.equal(2);
    expect(none.stderr).to.contain('name at least one workbook file');
    const option = await gradsheet('check', '--jsn', fixture('passing'));
    expect(option.code).to.equal(2);
    expect(option.stderr).to.contain('unknown option "--jsn"');
  });

  it('reports a FIFO, a device and a directory named *.md as E_FILE instead of waiting on them forever', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gradsheet-fifo-'));
    try {
      execFileSync('mkfifo', [path.join(dir, 'a-pipe.md')]);
      mkdirSync(path.join(dir, 'b-folder.md'));
      writeFileSync(path.join(dir, 'c-real.md'), '```cells\nx = 1\n```\n');
      const { code, stdout } = await gradsheet('check', dir, '/dev/null');
      expect(code).to.equal(1);
      expect(stdout).to.contain(
        `${path.join(dir, 'a-pipe.md')}:1:1 E_FILE Could not read ${path.join(dir, 'a-pipe.md')}: it is a FIFO (named pipe), not a regular file`,
      );
      expect(stdout).to.contain(
        `${path.join(dir, 'b-folder.md')}:1:1 E_FILE Could not read ${path.join(dir, 'b-folder.md')}: it is a directory, not a regular file`,
      );
      expect(stdout).to.contain('/dev/null:1:1 E_FILE Could not read /dev/null: it is a device, not a regular file');
      expect(stdout).to.contain('gradsheet check: 4 workbooks, 1 cell: 3 errors, 0 warnings');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 1 on a cell named e, and its dependent depends on that cell, never on Euler's e", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gradsheet-e-'));
    try {
      const file = path.join(dir, 'e.md');
      writeFileSync(file, '```cells\ne = 2\nf = e^2\ng = f + 1\n```\n');
      const { code, stdout } = await gradsheet('check', '--json', file);
      expect(code).to.equal(1);
      const [report] = JSON.parse(stdout).files;
      expect(report.findings.map((f: { line: number; code: string; cell: string }) => [f.line, f.code, f.cell])).to.deep.equal([[2, 'E_NAME_RESERVED', 'e']]);
      for (const name of ['f', 'g']) {
        const cell = report.cells.find((c: { name: string }) => c.name === name);
        expect(cell.status, name).to.equal('error');
        expect(cell.error, name).to.deep.include({ code: 'E_NAME_RESERVED', root: 'e' });
        expect(cell, name).to.not.have.property('value');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--json prints every cell value, status and error, and parses', async () => {
    const { code, stdout } = await gradsheet('check', '--json', 'workbooks/07-backpropagation.md', fixture('unknown-name'));
    expect(code).to.equal(1);
    const out = JSON.parse(stdout);
    expect(out.ok).to.equal(false);
    const [lecture, broken] = out.files;
    expect(lecture.ok).to.equal(true);
    const byName = Object.fromEntries(lecture.cells.map((c: { name: string }) => [c.name, c]));
    for (const [name, expected] of Object.entries(notes)) {
      expect(byName[name].status, name).to.equal('ok');
      expectValue(byName[name].value, expected as never, 6, name);
    }
    expect(byName.Theta1.value).to.deep.equal([
      [1.2, 2.1, -1.5],
      [-0.3, -0.7, 0.3],
    ]);
    expect(byName.Theta1.slide).to.include({ agrees: false, knownWrong: true });
    expect(byName.h1.slide).to.include({ text: '[0.79; 0.92; 0.16]', agrees: true, knownWrong: false });

    expect(broken.ok).to.equal(false);
    const h = broken.cells.find((c: { name: string }) => c.name === 'h');
    expect(h).to.deep.include({ status: 'error', line: 7, kind: 'formula' });
    expect(h.error).to.deep.include({ code: 'E_NAME_UNKNOWN', root: 'h', line: 7, col: 13 });
    expect(h).to.not.have.property('value');
    expect(broken.cells.find((c: { name: string }) => c.name === 's').value).to.equal(1);
    expect(broken.findings).to.deep.equal([
      {
        file: 'test/input/cli/unknown-name.md',
        line: 7,
        col: 13,
        code: 'E_NAME_UNKNOWN',
        severity: 'error',
        cell: 'h',
        message: '"z" is not defined: no cell or constant has that name.',
      },
    ]);
  });

  it('reports a cell that fails while computing once, at its formula, not again for its dependents', async () => {
    const { checkWorkbookText } = await import('../../src/cli/check.ts');
    const report = checkWorkbookText('```cells\nA = [1, 2; 3, 4]\nv = [1; 2; 3]\nu = A * v\nw = 2 * u\n```\n', 'shape.md');
    expect(report.findings.map((f) => [f.line, f.col, f.code, f.cell])).to.deep.equal([[4, 5, 'E_SHAPE', 'u']]);
    expect(report.cells.find((c) => c.name === 'w')!.error).to.deep.include({ code: 'E_SHAPE', root: 'u' });
  });

  it('reports a plot that cannot be drawn at its layer, and a plot whose cell fails only at the cell', async () => {
    const { checkWorkbookText } = await import('../../src/cli/check.ts');
    const text = [
      '```cells',
      'x = linspace(0.5, 2, 4)',
      'y = x .^ 2',
      "bad = [1; 2] * [1, 2, 3]'",
      '```',
      '',
      '```plot',
      'x: x',
      'line: y as fine',
      'point: [1; 2] as short',
      '```',
      '',
      '```plot',
      'y-scale: log',
      'line: x = x, y = x - 1',
      '```',
      '',
      '```plot',
      'line: x = x, y = bad',
      '```',
      '',
    ].join('\n');
    const report = checkWorkbookText(text, 'plots.md');
    expect(report.findings.map((f) => `${f.line}:${f.col} ${f.code} ${f.cell ?? '-'}`)).to.deep.equal([
      '4:7 E_SHAPE bad',
      '10:8 E_SHAPE -',
      '15:7 E_ARGUMENT -',
    ]);
    expect(report.findings[1].message).to.equal(
      'The plot cannot be drawn: short: y has 2 values but the x values have 4: every channel of a layer needs one value per point.',
    );
    expect(report.findings[2].message).to.contain('≤ 0, which a log scale cannot show');
    expect(report.ok).to.equal(false);
  });

  it('reports a failing cell named plot once, at the cell, not again as a plot', async () => {
    const { checkWorkbookText } = await import('../../src/cli/check.ts');
    const text = ['```cells', 'z = linspace(0, 1, 3)', 'plot = log(z - 2)', '```', '', '```plot', 'line: x = z, y = plot', '```', ''].join('\n');
    const report = checkWorkbookText(text, 'named-plot.md');
    expect(report.findings.map((f) => `${f.line} ${f.code} ${f.cell ?? '-'}`)).to.deep.equal(['3 E_NONFINITE plot']);
  });

  it('exits 1 on a check that compares a hand-written 0 with the gradient through linspace', async () => {
    const { code, stdout } = await gradsheet('check', fixture('grad-through-linspace'));
    expect(code, stdout).to.equal(1);
    const [first, summary] = stdout.trim().split('\n');
    expect(first).to.equal(
      'test/input/cli/grad-through-linspace.md:10:10 E_CHECK dE_dw: The gradient check against grad(E, w) fails: ' +
        'this cell 0, autodiff 2.5. Fix the derivation; if it is wrong on purpose (a teaching example), add a line "check-fails: <why>" under the cell.',
    );
    expect(summary).to.equal('gradsheet check: 1 workbook, 3 cells: 1 error, 0 warnings');
  });

  it('exits 1 on a check of grad of a column and a check through a count, each at its check line', async () => {
    const { code, stdout } = await gradsheet('check', fixture('grad-of-a-column'));
    expect(code, stdout).to.equal(1);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).to.equal(
      'test/input/cli/grad-of-a-column.md:6:10 E_SHAPE g: Shape mismatch: v is 2×1; ' +
        'grad(v, v) needs v to be a single number (a loss); sum it first, e.g. sum(v).',
    );
    expect(lines[1]).to.match(
      /^test\/input\/cli\/grad-of-a-column\.md:10:10 E_NO_DERIVATIVE dE_dn: no derivative of linspace\(0, 1, n\) with respect to n: it must be a whole number/,
    );
    expect(lines[2]).to.equal('gradsheet check: 1 workbook, 5 cells: 2 errors, 0 warnings');
  });

  it('ends with an error code on z = zeros(1e300, 0), an empty matrix with an absurd side, instead of growing for ever', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradsheet-'));
    const file = join(dir, 'empty-side.md');
    writeFileSync(file, "```cells\nz = zeros(1e300, 0)\nt = z'\n```\n");
    // A safety net only: the assertions are on what it prints.
    const child = gradsheet('check', file);
    const { code, stdout } = await child;
    expect(code).to.equal(1);
    expect(stdout).to.match(/empty-side\.md:2:\d+ E_TOO_LARGE z: zeros\(1e\+300, 0\) would be 1e\+300×0; a matrix may have at most 1,000,000 rows/);
  });

  it('reports a 20 KB label, a label defining a macro and a 100 KB body at their lines, under a 256 MB heap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradsheet-'));
    const file = join(dir, 'render.md');
    const chain = Array.from({ length: 12 }, (_, i) => `\\def\\m${'abcdefghijkl'[i]}{${i ? `\\m${'abcdefghijkl'[i - 1]}`.repeat(2) : 'x'}}`).join('') + '\\ml';
    const body = `$${chain}$ `.repeat(Math.ceil(100_000 / (chain.length + 3)));
    writeFileSync(file, `# Rendering\n\n\`\`\`cells\nx = 1\n  label: ${'x+'.repeat(10_000)}\ny = 2 * x\n  label: ${chain}\n\`\`\`\n\n${body}\n`);
    try {
      const { code, stdout, stderr } = await gradsheetUnder(['--max-old-space-size=256'], 'check', file);
      expect(stderr).to.not.contain('heap');
      expect(code, stdout).to.equal(1);
      expect(
        stdout
          .trim()
          .split('\n')
          .map((l) => (l.startsWith(file) ? l.slice(file.length) : l)),
      ).to.deep.equal([
        ':5:10 E_TOO_LONG x: This math is 20,000 characters of TeX; the limit is 4,000. Shorten it.',
        ':7:10 E_FORBIDDEN y: This math defines a macro (\\def); workbooks may not define macros. Write the TeX out.',
        `:10:1 E_TOO_LONG This text is ${body.length.toLocaleString('en-US')} characters; the limit is 20,000. Split it.`,
        'gradsheet check: 1 workbook, 2 cells: 3 errors, 0 warnings',
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
