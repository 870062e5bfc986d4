// `gradsheet build DIR --out OUT [--base /path/]`: the course as a static site any file host
// serves, at its root or under a sub-path (GitHub Pages):
//   OUT/index.html       the gallery: every workbook's title and summary, linked
//   OUT/NAME.html        one page per workbook (NAME.md), its cells written out with their values
//   OUT/index.json       the workbook files, in the course's order
//   OUT/NAME.md          the workbook files the pages load
//   OUT/DATA.csv         the data files they read (csv("DATA.csv")), at the same paths
//   OUT/gradsheet/       the bundle (gradsheet.js and its chunks)
// Every address is relative; --base adds <base href> for a site served under that path.
// `gradsheet build DIR-or-FILE --single-file OUT.html`: one HTML file with everything inlined
// (the bundle without chunks, each workbook's text with its data files' numbers written into
// it), that works opened from disk (file://).
// Both run `check` first and write nothing when a workbook has an error.

import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleDir } from './bundle.ts';
import { checkWorkbookText, formatFinding, type FileReport } from './check.ts';
import { INDEX_FILE, courseTitle, escapeHTML, readCourse, type CourseEntry } from './course.ts';
import { galleryList, page, pager, siteHeader, staticWorkbook } from './pages.ts';
import { readWorkbookData } from './read-file.ts';
import { withData, type DataTexts } from '../format/data.ts';
import { readWorkbook } from '../format/read.ts';
import { limits } from '../limits.ts';
import { codes, messages } from '../messages.ts';

export interface BuildResult {
  ok: boolean;
  /** Errors of `check` (nothing was written), one line each. */
  errors: string[];
  files: string[];
}

const pageOf = (file: string) => file.replace(/\.md$/i, '.html');

/** Each workbook checked with its data files (read from beside it), and the errors that stop a build. */
async function checked(entries: CourseEntry[], dir: string): Promise<{ reports: FileReport[]; errors: string[]; data: DataTexts[] }> {
  const data = await Promise.all(entries.map((e) => readWorkbookData(e.text, path.join(dir, e.file))));
  const reports = entries.map((e, at) => checkWorkbookText(e.text, path.join(dir, e.file), data[at]));
  const errors = reports.flatMap((r) => r.findings.filter((f) => f.severity === 'error').map(formatFinding));
  return { reports, errors, data };
}

/** The workbooks of `source`: a course folder, or one workbook file. */
async function course(source: string): Promise<{ dir: string; name: string; entries: CourseEntry[] }> {
  if ((await stat(source)).isDirectory()) return { dir: source, name: await courseTitle(source), entries: await readCourse(source) };
  const dir = path.dirname(source);
  const file = path.basename(source);
  const entry = (await readCourse(dir)).find((e) => e.file === file) ?? { file, title: file, summary: '', text: await readFile(source, 'utf8') };
  return { dir, name: entry.title, entries: [entry] };
}

export async function buildSite({ dir, out, base }: { dir: string; out: string; base?: string }): Promise<BuildResult> {
  const { name, entries } = await course(dir);
  const { reports, errors, data } = await checked(entries, dir);
  if (errors.length) return { ok: false, errors, files: [] };
  const bundle = await bundleDir();
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  const write = async (file: string, text: string) => {
    await writeFile(path.join(out, file), text);
    written.push(file);
  };
  const script = { src: 'gradsheet/gradsheet.js' };
  // An address of the development server (?w=FILE.md) leads to the workbook's page.
  const redirect = `\n    <script>const w = new URLSearchParams(location.search).get('w'); if (w) location.replace(w.replace(/\\.md$/i, '.html'));</script>`;
  await write(
    'index.html',
    page({ title: name, base, script, head: redirect, body: `${siteHeader(name)}\n    <main>\n    ${galleryList(entries, pageOf)}\n    </main>` }),
  );
  for (const [at, entry] of entries.entries()) {
    const body = `${siteHeader(name)}
    <main>
      ${pager(entries, at, pageOf, 'above')}
      <gs-workbook src="${escapeHTML(entry.file)}">${staticWorkbook(entry, reports[at])}</gs-workbook>
      ${pager(entries, at, pageOf, 'below')}
    </main>`;
    await write(pageOf(entry.file), page({ title: `${entry.title} · ${name}`, base, script, body }));
    await write(entry.file, entry.text);
    // The data files it reads, at the same place beside it (checked: each was read, and is in the folder).
    for (const [file, text] of data[at]) {
      if (typeof text !== 'string' || written.includes(file)) continue;
      await mkdir(path.dirname(path.join(out, file)), { recursive: true });
      await write(file, text);
    }
  }
  await write(INDEX_FILE, JSON.stringify(entries.map((e) => e.file)) + '\n');
  await mkdir(path.join(out, 'gradsheet'));
  await cp(path.join(bundle, 'gradsheet.js'), path.join(out, 'gradsheet', 'gradsheet.js'));
  await cp(path.join(bundle, 'chunks'), path.join(out, 'gradsheet', 'chunks'), { recursive: true });
  written.push('gradsheet/');
  return { ok: true, errors: [], files: written };
}

/**
 * One file: the bundle as an inline module (no chunks: a page opened from disk cannot load
 * them), and each workbook's text as a data: address its <gs-workbook> reads, so nothing is
 * fetched from anywhere.
 */
export async function buildSingleFile({ dir, out }: { dir: string; out: string }): Promise<BuildResult> {
  const { name, entries } = await course(dir);
  const { reports, errors, data } = await checked(entries, dir);
  if (errors.length) return { ok: false, errors, files: [] };
  // A page opened from disk fetches nothing: each data cell gets its file's numbers written in.
  const texts = entries.map((e, at) => inlineData(e, data[at]));
  const tooLarge = texts.flatMap((t, at) =>
    t.length > limits.maxFileBytes
      ? [
          formatFinding({
            file: path.join(dir, entries[at].file),
            line: 1,
            col: 1,
            code: codes.E_DATA,
            severity: 'error',
            message: messages.dataTooLargeToInline(t.length, limits.maxFileBytes),
          }),
        ]
      : [],
  );
  if (tooLarge.length) return { ok: false, errors: tooLarge, files: [] };
  const code = await readFile(path.join(await bundleDir(), 'gradsheet.single.js'), 'utf8');
  const contents =
    entries.length > 1 ? `<nav aria-label="${escapeHTML(messages.workbooksNav())}">${galleryList(entries, (f) => `#${encodeURIComponent(f)}`)}</nav>\n` : '';
  const sheets = entries.map(
    (e, at) =>
      `<section id="${escapeHTML(encodeURIComponent(e.file))}"><gs-workbook src="${escapeHTML(dataURL(texts[at]))}">${staticWorkbook(e, reports[at])}</gs-workbook></section>`,
  );
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  await writeFile(out, page({ title: name, script: { code }, body: `    <main>\n${contents}${sheets.join('\n')}\n    </main>` }));
  return { ok: true, errors: [], files: [out] };
}

/**
 * The workbook's text with each `D = csv("points.csv")` written as the input `D = [1, 2; …]`
 * holding the file's numbers, on the same line (so every location stays where it was).
 */
function inlineData(entry: CourseEntry, texts: DataTexts): string {
  const spec = withData(readWorkbook(entry.text, entry.file), texts);
  const lines = entry.text.split('\n');
  for (const cell of spec.cells) {
    const read = cell.data && spec.data?.[cell.data.file];
    if (!read || 'error' in read) continue;
    const literal = `[${read.rows.map((r) => r.join(', ')).join('; ')}]`;
    const at = cell.line - 1;
    const from = cell.formulaCol - 1,
      line = lines[at];
    lines[at] = line.slice(0, from) + literal + line.slice(from + cell.formula.length);
  }
  return lines.join('\n');
}

function dataURL(text: string): string {
  return `data:text/markdown;charset=utf-8;base64,${Buffer.from(text, 'utf8').toString('base64')}`;
}
