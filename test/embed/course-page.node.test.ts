// The example course page as a course site serves it: the bundle built by `npm run build`
// (into a directory of its own), served with examples/ and workbooks/ by a plain static file
// server (no dev server, no transforms), loaded in Chromium, and typed into.
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { buildBundle, type Bundle } from '../../scripts/build.mjs';
import { defaultMounts, serveStatic } from '../../scripts/serve-static.mjs';
import { notes, yHatWithPrinted15 } from '../helpers/lecture.ts';
import { expectValue } from '../helpers/numbers.ts';
import { collectPageErrors, launch } from './chromium.ts';

const LECTURE = '../../workbooks/07-backpropagation.md';
const NEURON = 'one-neuron.md';
const PAGE = '/examples/course-page/index.html';

const cellSelector = (workbook: string, name: string) => `gs-cell[workbook="${workbook}"][name="${name}"]`;

/** Every embedded cell has its session and has computed. */
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

/** Waits until every session on the page has recomputed and every cell has rendered. */
async function settle(page: Page): Promise<void> {
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

async function valueOf(page: Page, workbook: string, name: string): Promise<unknown> {
  return page.$eval(cellSelector(workbook, name), (el) => (el as unknown as { value: unknown }).value);
}

/** Types over an entry as a student does: focus it, select its text, type on the keyboard. */
async function typeEntry(page: Page, workbook: string, cell: string, label: string, text: string): Promise<void> {
  const input = await page.$(`${cellSelector(workbook, cell)} >>> input[aria-label="${label}"]`);
  if (!input) throw new Error(`no entry ${label} in ${cell} of ${workbook}`);
  await input.evaluate((el) => {
    (el as HTMLInputElement).focus();
    (el as HTMLInputElement).select();
  });
  await page.keyboard.type(text);
  await settle(page);
}

describe('the example course page, built and served statically', function () {
  let bundle: Bundle;
  let outdir: string;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let requested: string[];

  before(async () => {
    outdir = await mkdtemp(path.join(tmpdir(), 'gradsheet-dist-'));
    bundle = await buildBundle({ outdir });
    server = await serveStatic({ mounts: { ...defaultMounts, '/dist/': outdir } });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (outdir) await rm(outdir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage();
    errors = collectPageErrors(page);
    requested = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(server.url + PAGE);
    await ready(page);
  });

  afterEach(async () => {
    expect(errors, 'errors logged by the page').to.deep.equal([]);
    await page.close();
  });

  it('loads one script tag and shows every embedded cell with its value', async () => {
    const html = await readFile(path.join(defaultMounts['/examples/'], 'course-page/index.html'), 'utf8');
    expect(html.match(/<script\b/g)).to.have.length(1);
    expect(html).to.contain('<script type="module" src="../../dist/gradsheet.js"></script>');
    const statuses = await page.$$eval('gs-cell', (cells) => cells.map((c) => `${c.getAttribute('name')}:${(c as unknown as { status: string }).status}`));
    expect(statuses).to.have.length(13);
    expect(statuses.filter((s) => !s.endsWith(':ok'))).to.deep.equal([]);
    for (const name of ['x', 'Theta1', 'h1', 'y_hat', 'E', 'dE_dTheta1'] as const) {
      expectValue((await valueOf(page, LECTURE, name)) as never, notes[name] as never, 6, name);
    }
    expect(await valueOf(page, NEURON, 's')).to.equal(1.25);
    expectValue((await valueOf(page, NEURON, 'h')) as never, 0.7773, 4, 'h');
    expectValue((await valueOf(page, NEURON, 'dE_dw')) as never, [[-0.0385505], [0.0192752]], 6, 'dE_dw');
  });

  it('loads only the files the page needs: no plot, so no vega; captions, so the Markdown chunk', async () => {
    const eager = bundle.files.filter((f) => f.eager).map((f) => `/dist/${f.file}`);
    const markdown = bundle.files.filter((f) => f.file.startsWith('chunks/markdown-')).map((f) => `/dist/${f.file}`);
    expect(markdown).to.have.length(1);
    const scripts = requested.filter((p) => p.startsWith('/dist/'));
    expect(scripts).to.have.members([...eager, ...markdown]);
    expect(requested.filter((p) => p.endsWith('.md')).sort()).to.deep.equal(['/examples/course-page/one-neuron.md', '/workbooks/07-backpropagation.md']);
  });

  it('shares one runtime per workbook: an edit of Θ1 in one cell updates h1 and ŷ in others', async () => {
    // (No named functions inside evaluate(): tsx would wrap them in a helper the page lacks.)
    const sameSession = await page.evaluate(
      (selectors) => {
        const [a, b, c] = selectors.map((sel) => (document.querySelector(sel) as unknown as { session: unknown }).session);
        return { lecture: a === b, across: a === c };
      },
      [cellSelector(LECTURE, 'Theta1'), cellSelector(LECTURE, 'y_hat'), cellSelector(NEURON, 'x')],
    );
    expect(sameSession).to.deep.equal({ lecture: true, across: false });

    await typeEntry(page, LECTURE, 'Theta1', 'Theta1[1,3]', '1.5');
    expect(await valueOf(page, LECTURE, 'Theta1')).to.deep.equal([
      [1.2, 2.1, 1.5],
      [-0.3, -0.7, 0.3],
    ]);
    expectValue((await valueOf(page, LECTURE, 'y_hat')) as never, yHatWithPrinted15, 6, 'y_hat');
    // s1[3] = 1.5·1 + 0.3·(−0.5) = 1.35, so h1[3] = σ(1.35).
    const h1 = (await valueOf(page, LECTURE, 'h1')) as number[][];
    expectValue(h1[2][0], 1 / (1 + Math.exp(-1.35)), 9, 'h1[3]');
    // The rendered text follows the value, not only the property.
    const shown = await page.$eval(`${cellSelector(LECTURE, 'y_hat')} >>> output`, (o) => o.textContent);
    expect(shown).to.equal('0.791472');
  });

  it('keeps two workbooks apart: x of one neuron is not x of the lecture', async () => {
    await typeEntry(page, NEURON, 'x', 'x[1,1]', '2');
    expect(await valueOf(page, NEURON, 'x')).to.deep.equal([[2], [-0.5]]);
    expect(await valueOf(page, NEURON, 's')).to.equal(1.75);
    expect(await valueOf(page, LECTURE, 'x')).to.deep.equal([[1], [-0.5]]);
    expectValue((await valueOf(page, LECTURE, 'y_hat')) as never, notes.y_hat, 6, 'y_hat');

    await typeEntry(page, LECTURE, 'x', 'x[2,1]', '0');
    expect(await valueOf(page, NEURON, 'x')).to.deep.equal([[2], [-0.5]]);
    expect(await valueOf(page, NEURON, 's')).to.equal(1.75);
    expect(await valueOf(page, LECTURE, 'x')).to.deep.equal([[1], [0]]);
  });

  it('takes the host page’s custom properties and ::part rules', async () => {
    const looks = await page.$eval(cellSelector(NEURON, 'x'), (el) => {
      const section = el.shadowRoot!.querySelector('[part="cell"]')!;
      const caption = el.shadowRoot!.querySelector('[part="caption"]')!;
      return {
        border: getComputedStyle(section).borderTopColor,
        background: getComputedStyle(section).backgroundColor,
        caption: getComputedStyle(caption).fontStyle,
      };
    });
    // The page sets --gs-border: #e0d8c8, --gs-cell-bg: #fff and gs-cell::part(caption) { font-style: italic }.
    expect(looks).to.deep.equal({ border: 'rgb(224, 216, 200)', background: 'rgb(255, 255, 255)', caption: 'italic' });
  });

  it('is not broken by hostile host CSS, and its styles do not leak into the page', async () => {
    await page.addStyleTag({
      content: `* { color: rgb(255, 0, 0) !important; font-family: monospace !important; text-transform: uppercase !important; }
        input, table, section, header, output { display: none !important; }`,
    });
    const inside = await page.$eval(cellSelector(LECTURE, 'Theta1'), (el) => {
      const root = el.shadowRoot!;
      const entry = root.querySelector('input[aria-label="Theta1[1,3]"]') as HTMLInputElement;
      const section = root.querySelector('[part="cell"]')!;
      const caption = root.querySelector('[part="caption"]')!;
      return {
        entryShown: getComputedStyle(entry).display !== 'none' && entry.getBoundingClientRect().width > 0,
        sectionShown: getComputedStyle(section).display,
        color: getComputedStyle(section).color,
        caption: getComputedStyle(caption).textTransform,
      };
    });
    expect(inside.entryShown).to.equal(true);
    expect(inside.sectionShown).to.equal('block');
    expect(inside.color).to.not.equal('rgb(255, 0, 0)');
    expect(inside.caption).to.equal('none');

    // Outwards: the page's own elements keep the page's styles; gradsheet added no <style> or
    // <link> to the document, and any stylesheet it adopts only names its own elements.
    const outside = await page.evaluate(() => ({
      styles: document.querySelectorAll('style, link[rel="stylesheet"]').length,
      adopted: document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => (r as CSSStyleRule).selectorText ?? '')),
    }));
    expect(outside.styles).to.equal(2); // the page's own <style> and the one added above
    for (const selector of outside.adopted) expect(selector, selector).to.match(/^(gs-[a-z-]+)( |$|,)/);
  });

  it('attaches nothing to window', async () => {
    const names = () => Object.getOwnPropertyNames(window).sort();
    const withBundle = await page.evaluate(names);
    // The same origin and browser, without the bundle: a text file has a window of its own.
    const blank = await browser.newPage();
    await blank.goto(server.url + '/examples/course-page/one-neuron.md');
    const without = await blank.evaluate(names);
    await blank.close();
    // puppeteer's own query helpers appear on whichever page it has queried with >>>.
    const added = withBundle.filter((n) => !without.includes(n) && !/^(puppeteer_)?_*ariaQuerySelector/.test(n));
    expect(added).to.deep.equal([]);
  });
});
