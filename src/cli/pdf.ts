// `gradsheet build DIR-or-FILE --pdf OUT.pdf [--answers]`: the printed handout, with no service
// but the machine's own Chromium. The course is built as one file (build.ts, --single-file) in a
// temporary folder; Chromium opens it headless, the CLI talks to it over the DevTools protocol
// on a pipe (--remote-debugging-pipe: no port, no WebSocket, no dependency), waits until every
// workbook has computed and drawn its charts, and prints it to PDF in print media (the
// handout's styles: components/print-styles.ts). `--answers` opens the page with ?answers,
// the instructor's copy (exercise cells print their answers; without it they print blank).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSingleFile, type BuildResult } from './build.ts';
import { messages } from '../messages.ts';

/** A4 with 1 cm margins (inches), and the width of its printable area in CSS pixels, which the page is laid out at. */
const paper = { width: 8.27, height: 11.69, margin: 0.4 };
const printableWidth = Math.floor((paper.width - 2 * paper.margin) * 96);
/** How long the page may take to load and compute before printing gives up. */
const pageDeadline = 120_000;

/** The Chromium to print with: $CHROMIUM or $CHROME_PATH, else the first of the usual places that exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env.CHROMIUM ?? env.CHROME_PATH;
  if (named) return named;
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ].find((p) => existsSync(p));
}

export async function buildPdf({ dir, out, answers = false }: { dir: string; out: string; answers?: boolean }): Promise<BuildResult> {
  const chromium = findChromium();
  if (!chromium) return { ok: false, errors: [messages.pdfNoChromium()], files: [] };
  const work = await mkdtemp(path.join(tmpdir(), 'gradsheet-pdf-'));
  try {
    const html = path.join(work, 'handout.html');
    const built = await buildSingleFile({ dir, out: html });
    if (!built.ok) return built;
    const url = `${pathToFileURL(html).href}${answers ? '?answers' : ''}`;
    const pdf = await printToPdf(chromium, url, path.join(work, 'profile'));
    await writeFile(out, pdf);
    return { ok: true, errors: [], files: [out] };
  } catch (e) {
    return { ok: false, errors: [messages.pdfFailed(e instanceof Error ? e.message : String(e))], files: [] };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

// ---- The DevTools protocol over a pipe ----------------------------------------------------------

interface Reply {
  id?: number;
  method?: string;
  sessionId?: string;
  result?: Record<string, unknown>;
  error?: { message: string };
  params?: Record<string, unknown>;
}

/** Chromium headless, driven over --remote-debugging-pipe: messages are JSON, each ended by a NUL byte. */
class Browser {
  private next = 0;
  private pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private listeners: ((m: Reply) => void)[] = [];
  private buffer = '';
  readonly exited: Promise<string>;

  constructor(private readonly child: ChildProcess) {
    const input = child.stdio[4] as NodeJS.ReadableStream;
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let end = this.buffer.indexOf('\0'); end >= 0; end = this.buffer.indexOf('\0')) {
        const message = JSON.parse(this.buffer.slice(0, end)) as Reply;
        this.buffer = this.buffer.slice(end + 1);
        this.receive(message);
      }
    });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        const why = messages.pdfBrowserExited(String(code ?? signal), stderr.trim().split('\n').pop() ?? '');
        for (const p of this.pending.values()) p.reject(new Error(why));
        this.pending.clear();
        resolve(why);
      }),
    );
  }

  private receive(message: Reply): void {
    if (message.id !== undefined) {
      const p = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) p?.reject(new Error(message.error.message));
      else p?.resolve(message.result ?? {});
    } else {
      for (const l of [...this.listeners]) l(message);
    }
  }

  send(method: string, params: object = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = ++this.next;
    const output = this.child.stdio[3] as NodeJS.WritableStream;
    output.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** The next event `method` of the session. */
  event(method: string, sessionId: string): Promise<Reply> {
    return new Promise((resolve) => {
      const l = (m: Reply) => {
        if (m.method !== method || m.sessionId !== sessionId) return;
        this.listeners = this.listeners.filter((x) => x !== l);
        resolve(m);
      };
      this.listeners.push(l);
    });
  }
}

/**
 * What the page is asked before printing: every workbook loaded, computed, its prose rendered
 * and its charts drawn. Runs in the page, sent as text (the CLI itself never touches a page).
 */
const readyScript = [
  '(async () => {',
  '  await customElements.whenDefined("gs-workbook");',
  '  const books = [...document.querySelectorAll("gs-workbook")];',
  '  const failed = [];',
  '  for (const wb of books) {',
  '    try { await wb.loaded; await wb.settled(); } catch (e) { failed.push(String(e && e.message || e)); continue; }',
  '    const holders = [...wb.querySelectorAll("gs-cell, gs-figure, gs-train")];',
  '    await Promise.all(holders.map((h) => h.updateComplete));',
  '    const plots = holders.flatMap((h) => [...(h.shadowRoot ? h.shadowRoot.querySelectorAll("gs-plot") : [])]);',
  '    await Promise.all(plots.map((p) => p.drawn));',
  '    await Promise.all([...wb.querySelectorAll("gs-network")].map((n) => n.drawn));',
  '  }',
  '  await document.fonts.ready;',
  '  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));',
  '  return { workbooks: books.length, failed };',
  '})()',
].join('\n');

async function printToPdf(chromium: string, url: string, profile: string): Promise<Buffer> {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const child = spawn(
    chromium,
    [
      '--headless',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--disable-dev-shm-usage',
      '--disable-renderer-backgrounding',
      '--disable-background-timer-throttling',
      '--allow-file-access-from-files',
      ...(root ? ['--no-sandbox'] : []),
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (e) => reject(new Error(messages.pdfBrowserMissing(chromium, e.message))));
  });
  await spawned;
  const browser = new Browser(child);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(messages.pdfTimeout(pageDeadline / 1000))), pageDeadline)));
  const exited = browser.exited.then((why) => Promise.reject(new Error(why)));
  try {
    return await Promise.race([print(browser, url), deadline, exited]);
  } finally {
    clearTimeout(timer);
    await browser.send('Browser.close').catch(() => undefined);
    if (child.exitCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      await gone;
    }
  }
}

async function print(browser: Browser, url: string): Promise<Buffer> {
  const { targetId } = (await browser.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
  const { sessionId } = (await browser.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
  const send = (method: string, params: object = {}) => browser.send(method, params, sessionId);
  await send('Page.enable');
  await send('Runtime.enable');
  // Laid out as it will be printed: the paper's width, print media (no controls), from the start,
  // so that the charts are drawn to the width they are printed at.
  await send('Emulation.setDeviceMetricsOverride', { width: printableWidth, height: 1000, deviceScaleFactor: 1, mobile: false });
  await send('Emulation.setEmulatedMedia', { media: 'print' });
  const loaded = browser.event('Page.loadEventFired', sessionId);
  const navigated = (await send('Page.navigate', { url })) as { errorText?: string };
  if (navigated.errorText) throw new Error(navigated.errorText);
  await loaded;
  const ready = (await send('Runtime.evaluate', { expression: readyScript, awaitPromise: true, returnByValue: true })) as {
    result: { value?: { workbooks: number; failed: string[] } };
    exceptionDetails?: { text: string; exception?: { description?: string } };
  };
  if (ready.exceptionDetails) throw new Error(ready.exceptionDetails.exception?.description ?? ready.exceptionDetails.text);
  const value = ready.result.value;
  if (!value || value.workbooks === 0) throw new Error(messages.pdfNoWorkbook());
  if (value.failed.length) throw new Error(value.failed.join('; '));
  const { data } = (await send('Page.printToPDF', {
    printBackground: true,
    paperWidth: paper.width,
    paperHeight: paper.height,
    marginTop: paper.margin,
    marginBottom: paper.margin,
    marginLeft: paper.margin,
    marginRight: paper.margin,
    displayHeaderFooter: false,
  })) as { data: string };
  return Buffer.from(data, 'base64');
}
