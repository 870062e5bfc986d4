// What a course does outside this repository: the package packed (`npm pack`, which builds
// dist/), installed from its tarball into a fresh folder, and used only through its command
// and its files: `gradsheet new`, a workbook added, `check`, `build --base /sub/` served by a
// plain static server under /sub/, the single file opened from file://, `serve` with live
// reload, the bundle loaded by one script tag, the engine imported in Node, and the
// declarations compiled against by a consumer's TypeScript.
import { expect } from 'chai';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'puppeteer-core';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { collectPageErrors, launch } from '../embed/chromium.ts';

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const npm = { env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } };

const SECOND = `---
title: Two numbers
summary: A sum and its double.
---

# Two numbers

\`\`\`cells
a = 2
b = 3
c = a + b
  slide: 5
d = 2 * c
\`\`\`

\`\`\`plot
title: The numbers
point: x = [a, b], y = [c, d]
\`\`\`
`;

/** w descends on (w − 3)²: 0 → 1.5 → 2.25. */
const FIT = '# Fit\n\n```cells\nw = 0\nE = (w - 3)^2\n```\n\n```train\nloss: E\nw <- w - 0.25 * grad(E, w)\n```\n';

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

/** Every <gs-cell> on the page has its session and has computed. */
async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('gs-cell')] as unknown as {
      session: { settled(): Promise<void> };
      status: string;
      updateComplete: Promise<unknown>;
    }[];
    return cells.length > 0 && cells.every((c) => c.session && c.status !== 'pending');
  });
}

/** Every plot on the page has drawn (vega, a chunk of its own, or inlined in the single file). */
async function plotsDrawn(page: Page): Promise<number> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('gs-figure')].every((f) => f.shadowRoot?.querySelector('gs-plot')?.shadowRoot?.querySelector('svg')),
  );
  return page.$$eval('gs-figure', (f) => f.length);
}

async function value(page: Page, name: string): Promise<unknown> {
  return page.$eval(`gs-cell[name="${name}"]`, (el) => (el as unknown as { value: unknown }).value);
}

/** Types over an entry as a student does, then waits for the sheet to recompute. */
async function type(page: Page, cell: string, label: string, text: string): Promise<void> {
  const input = await page.$(`gs-cell[name="${cell}"] >>> input[aria-label="${label}"]`);
  if (!input) throw new Error(`no entry ${label} in ${cell}`);
  await input.evaluate((el) => {
    (el as HTMLInputElement).focus();
    (el as HTMLInputElement).select();
  });
  await page.keyboard.type(text);
  await page.evaluate(async () => {
    const cells = [...document.querySelectorAll('gs-cell')] as unknown as {
      session: { settled(): Promise<void> };
      status: string;
      updateComplete: Promise<unknown>;
    }[];
    await Promise.all([...new Set(cells.map((c) => c.session))].map((s) => s.settled()));
    await Promise.all(cells.map((c) => c.updateComplete));
  });
}

describe('gradsheet as a course installs it: packed, installed from the tarball, used from a folder of its own', function () {
  this.timeout(300_000);
  let work: string;
  let project: string;
  let packed: Packed;
  let installLog: string;
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  let page: Page;
  let errors: string[];
  const gradsheet = (...args: string[]) => run('npx', ['--no-install', 'gradsheet', ...args], { cwd: project, ...npm });

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'gradsheet-package-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo, ...npm, maxBuffer: 1 << 26 });
    packed = (JSON.parse(stdout.slice(stdout.indexOf('[\n'))) as Packed[])[0];
    // The build reports its size; so does the test.
    console.log(
      `      tarball ${packed.filename}: ${(packed.size / 1024).toFixed(1)} KB (${(packed.unpackedSize / 1024).toFixed(1)} KB unpacked, ${packed.files.length} files)`,
    );
    project = path.join(work, 'my-course');
    await mkdir(project);
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'my-course', private: true, type: 'module' }));
    const installed = await run('npm', ['install', path.join(work, packed.filename), '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'warn'], {
      cwd: project,
      ...npm,
    });
    installLog = installed.stdout + installed.stderr;
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage();
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    expect(errors, 'errors logged by the page').to.deep.equal([]);
    await page.close();
  });

  it('packs the bundle, the engine, the command, the declarations and the manifest, and no tests', () => {
    const files = packed.files.map((f) => f.path);
    for (const f of [
      'package.json',
      'README.md',
      'custom-elements.json',
      'dist/gradsheet.js',
      'dist/gradsheet.single.js',
      'dist/serve/app.js',
      'dist/engine.js',
      'dist/cli.js',
      'src/cli/gradsheet.mjs',
      'dist/types/components/index.d.ts',
      'dist/types/src/engine.d.ts',
    ]) {
      expect(files, f).to.include(f);
    }
    expect(files.filter((f) => f.startsWith('test/') || /\.test\.ts$/.test(f) || f.startsWith('bench/'))).to.deep.equal([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).to.deep.equal([]);
    expect(files.filter((f) => f.startsWith('dist/chunks/'))).to.not.be.empty;
  });

  it('installs with no engine warning on this Node, and brings no library but Lit', async () => {
    expect(installLog).to.not.match(/EBADENGINE|ERR!/);
    const { stdout } = await run('npm', ['ls', '--all', '--parseable'], { cwd: project, ...npm });
    const names = stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((p) => path.relative(path.join(project, 'node_modules'), p))
      .sort();
    expect(names).to.deep.equal(['@lit-labs/ssr-dom-shim', '@lit/reactive-element', '@types/trusted-types', 'gradsheet', 'lit', 'lit-element', 'lit-html']);
  });

  it('names a custom-elements manifest that lists every element', async () => {
    const pkg = JSON.parse(await readFile(path.join(project, 'node_modules/gradsheet/package.json'), 'utf8'));
    expect(pkg.private).to.equal(undefined);
    expect(pkg.customElements).to.equal('custom-elements.json');
    const manifest = JSON.parse(await readFile(path.join(project, 'node_modules/gradsheet', pkg.customElements), 'utf8'));
    const tags = (manifest.modules as { declarations?: { customElement?: boolean; tagName?: string }[] }[])
      .flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement).map((d) => d.tagName!))
      .sort();
    expect(tags).to.include.members(['gs-cell', 'gs-figure', 'gs-gallery', 'gs-plot', 'gs-train', 'gs-workbook']);
  });

  it('makes a course with `new` that checks clean, and refuses to build one with an error, listing it', async () => {
    const made = await gradsheet('new', 'course');
    expect(made.stdout).to.contain('01-one-neuron.md');
    expect((await readdir(path.join(project, 'course'))).sort()).to.deep.equal(['01-one-neuron.md', 'README.md']);
    await writeFile(path.join(project, 'course', '02-two-numbers.md'), SECOND);
    const checked = await gradsheet('check', 'course');
    expect(checked.stdout).to.contain('gradsheet check: 2 workbooks, 12 cells: 0 errors');

    await mkdir(path.join(project, 'broken'));
    await writeFile(path.join(project, 'broken', 'x.md'), SECOND.replace('d = 2 * c', 'd = 2 * zz'));
    const refused = await gradsheet('build', 'broken', '--out', 'broken-site').then(
      () => null,
      (e) => e as { code: number; stderr: string },
    );
    expect(refused?.code).to.equal(1);
    expect(refused?.stderr).to.match(/^broken\/x\.md:13:\d+ E_\w+ d: /m);
    expect(refused?.stderr).to.contain('gradsheet build: not built: 1 error');
    expect(await readdir(project)).to.not.include('broken-site');
  });

  it('imports the engine in Node: reads, checks, evaluates and trains a workbook text', async () => {
    const script = `import { checkWorkbookText, trainWorkbook } from 'gradsheet/engine';
      const r = checkWorkbookText(${JSON.stringify(SECOND)}, 'two.md');
      const t = trainWorkbook(${JSON.stringify(FIT)}, { steps: 2 });
      console.log(JSON.stringify({ ok: r.ok, d: r.cells.find((c) => c.name === 'd').value, w: t.inputs.get('w').valueOf(), loss: t.history.map(([, l]) => l) }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
    // w: 0 → 1.5 → 2.25 (a step of 0.25 · 2(w − 3)); the loss after 0, 1 and 2 steps.
    expect(JSON.parse(stdout)).to.deep.equal({ ok: true, d: 10, w: 2.25, loss: [9, 2.25, 0.5625] });
  });

  it('compiles a consumer’s TypeScript against the shipped declarations', async () => {
    await cp(path.join(repo, 'test/package/consumer.ts'), path.join(project, 'consumer.ts'));
    await writeFile(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['es2023', 'dom'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = await run(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project }).then(
      () => '',
      (e) => String((e as { stdout: string }).stdout),
    );
    expect(tsc).to.equal('');
  });

  describe('the site built with --base /sub/, served statically under /sub/', () => {
    before(async () => {
      const built = await gradsheet('build', 'course', '--out', 'site', '--base', '/sub/');
      expect(built.stdout).to.contain('gradsheet build: site/');
      await mkdir(path.join(project, 'plain'));
      await writeFile(
        path.join(project, 'plain', 'index.html'),
        `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>plain</title>
        <script type="module" src="/pkg/dist/gradsheet.js"></script>
        <p>A course page of its own.</p><gs-cell workbook="two.md" name="a"></gs-cell><gs-cell workbook="two.md" name="d"></gs-cell>`,
      );
      await writeFile(path.join(project, 'plain', 'two.md'), SECOND);
      server = await serveStatic({
        mounts: { '/sub/': path.join(project, 'site'), '/plain/': path.join(project, 'plain'), '/pkg/': path.join(project, 'node_modules/gradsheet') },
      });
    });

    it('writes every page with the values already in it, before any script runs', async () => {
      const html = await readFile(path.join(project, 'site', '02-two-numbers.html'), 'utf8');
      expect(html).to.contain('<base href="/sub/" />');
      expect(html).to.match(/<figure data-cell="d"><figcaption><b>d<\/b><\/figcaption><table><tr><td>10<\/td><\/tr><\/table><\/figure>/);
      await page.setJavaScriptEnabled(false);
      await page.goto(server.url + '/sub/01-one-neuron.html');
      const text = await page.$eval('gs-workbook', (el) => (el as HTMLElement).innerText);
      expect(text).to.contain('One neuron');
      expect(text).to.contain('1.25'); // s = w'x + b
    });

    it('opens the gallery, opens a workbook, and an edited entry changes its dependents', async () => {
      await page.goto(server.url + '/sub/');
      const titles = await page.$$eval('ol.gs-list a', (as) => as.map((a) => a.textContent));
      expect(titles).to.deep.equal(['One neuron', 'Two numbers']);
      await Promise.all([page.waitForNavigation(), page.click('ol.gs-list li:nth-child(2) a')]);
      expect(new URL(page.url()).pathname).to.equal('/sub/02-two-numbers.html');
      await ready(page);
      expect(await value(page, 'd')).to.equal(10);
      expect(await plotsDrawn(page)).to.equal(1);
      // The live sheet has replaced the written-out copy.
      expect(await page.$eval('gs-workbook > .gs-static', (el) => getComputedStyle(el).display)).to.equal('none');
      await type(page, 'a', 'a', '7');
      expect(await value(page, 'c')).to.equal(10);
      expect(await value(page, 'd')).to.equal(20);
      // The pager leads back to the first workbook.
      expect(await page.$eval('a[rel="prev"]', (a) => a.getAttribute('href'))).to.equal('01-one-neuron.html');
    });

    it('takes an address of the development server (?w=FILE.md) to the workbook’s page', async () => {
      await page.goto(server.url + '/sub/?w=01-one-neuron.md');
      await page.waitForFunction(() => location.pathname.endsWith('/01-one-neuron.html'));
      await ready(page);
      expect(await value(page, 's')).to.equal(1.25);
    });

    it('loads dist/gradsheet.js of the installed package by one script tag on a plain page', async () => {
      await page.goto(server.url + '/plain/');
      await ready(page);
      expect(await value(page, 'd')).to.equal(10);
      await type(page, 'a', 'a', '4');
      expect(await value(page, 'd')).to.equal(14);
    });
  });

  it('writes one file that works opened from disk, and a cell edited in it recomputes', async () => {
    await gradsheet('build', 'course', '--single-file', 'course.html');
    const html = await readFile(path.join(project, 'course.html'), 'utf8');
    expect(html.match(/<script\b/g)).to.have.length(1);
    expect(html).to.not.match(/<script[^>]*\ssrc=/);
    await page.goto(pathToFileURL(path.join(project, 'course.html')).href);
    await ready(page);
    expect(await page.$$eval('gs-workbook', (w) => w.length)).to.equal(2);
    expect(await plotsDrawn(page)).to.equal(1);
    expect(await value(page, 'd')).to.equal(10);
    await type(page, 'a', 'a', '4');
    expect(await value(page, 'd')).to.equal(14);
  });

  it('serves the course with `gradsheet serve`, and a saved file updates the open page', async () => {
    const file = path.join(project, 'course', '02-two-numbers.md');
    const child: ChildProcess = spawn(
      process.execPath,
      [path.join(project, 'node_modules/.bin/gradsheet'), 'serve', 'course', '--port', '0', '--host', '127.0.0.1'],
      { cwd: project },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let said = '';
        child.stdout!.on('data', (d) => {
          said += String(d);
          const m = /on (http:\/\/\S+\/)/.exec(said);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`gradsheet serve exited (${code})`)));
      });
      await page.goto(url + '?w=02-two-numbers.md');
      await ready(page);
      expect(await value(page, 'd')).to.equal(10);
      expect(await page.$$eval('nav.gs-pager a[rel="prev"]', (a) => a.length)).to.be.greaterThan(0);
      // Live reload: saving the file recomputes the open page (saved again until the page's
      // stream, opened with the page, has seen a save).
      let seen = false;
      for (let attempt = 0; attempt < 20 && !seen; attempt++) {
        await writeFile(file, SECOND.replace('d = 2 * c', 'd = 3 * c') + '\n'.repeat(attempt));
        seen = await page
          .waitForFunction(() => (document.querySelector('gs-cell[name="d"]') as unknown as { value?: unknown } | null)?.value === 15, { timeout: 500 })
          .then(
            () => true,
            () => false,
          );
      }
      expect(seen, 'the page recomputed d after the file was saved').to.equal(true);
    } finally {
      child.kill('SIGTERM');
      await writeFile(file, SECOND);
    }
  });
});
