// `gradsheet build DIR --out OUT [--base /path/]`: the course as a static site any file host
// serves, at its root or under a sub-path (GitHub Pages):
//   OUT/index.html       the gallery: every workbook's title and summary, linked
//   OUT/NAME.html        one page per workbook (NAME.md), its cells written out with their values
//   OUT/index.json       the workbook files, in the course's order
//   OUT/NAME.md          the workbook files the pages load
//   OUT/gradsheet/       the bundle (gradsheet.js and its chunks)
// Every address is relative; --base adds <base href> for a site served under that path.
// `gradsheet build DIR-or-FILE --single-file OUT.html`: one HTML file with everything inlined
// (the bundle without chunks, each workbook's text), that works opened from disk (file://).
// Both run `check` first and write nothing when a workbook has an error.

import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleDir } from './bundle.ts';
import { checkWorkbookText, formatFinding, type FileReport } from './check.ts';
import { INDEX_FILE, courseTitle, escapeHTML, readCourse, type CourseEntry } from './course.ts';
import { galleryList, page, pager, siteHeader, staticWorkbook } from './pages.ts';

export interface BuildResult {
  ok: boolean;
  /** Errors of `check` (nothing was written), one line each. */
  errors: string[];
  files: string[];
}

const pageOf = (file: string) => file.replace(/\.md$/i, '.html');

async function checked(entries: CourseEntry[], dir: string): Promise<{ reports: FileReport[]; errors: string[] }> {
  const reports = entries.map((e) => checkWorkbookText(e.text, path.join(dir, e.file)));
  const errors = reports.flatMap((r) => r.findings.filter((f) => f.severity === 'error').map(formatFinding));
  return { reports, errors };
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
  const { reports, errors } = await checked(entries, dir);
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
  await write('index.html', page({ title: name, base, script, head: redirect, body: `${siteHeader(name)}\n    <main>\n    ${galleryList(entries, pageOf)}\n    </main>` }));
  for (const [at, entry] of entries.entries()) {
    const body = `${siteHeader(name)}
    <main>
      ${pager(entries, at, pageOf, 'above')}
      <gs-workbook src="${escapeHTML(entry.file)}">${staticWorkbook(entry, reports[at])}</gs-workbook>
      ${pager(entries, at, pageOf, 'below')}
    </main>`;
    await write(pageOf(entry.file), page({ title: `${entry.title} · ${name}`, base, script, body }));
    await write(entry.file, entry.text);
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
  const { reports, errors } = await checked(entries, dir);
  if (errors.length) return { ok: false, errors, files: [] };
  const code = await readFile(path.join(await bundleDir(), 'gradsheet.single.js'), 'utf8');
  const contents = entries.length > 1 ? `<nav aria-label="Workbooks">${galleryList(entries, (f) => `#${encodeURIComponent(f)}`)}</nav>\n` : '';
  const sheets = entries.map((e, at) =>
    `<section id="${escapeHTML(encodeURIComponent(e.file))}"><gs-workbook src="${escapeHTML(dataURL(e.text))}">${staticWorkbook(e, reports[at])}</gs-workbook></section>`);
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  await writeFile(out, page({ title: name, script: { code }, body: `    <main>\n${contents}${sheets.join('\n')}\n    </main>` }));
  return { ok: true, errors: [], files: [out] };
}

function dataURL(text: string): string {
  return `data:text/markdown;charset=utf-8;base64,${Buffer.from(text, 'utf8').toString('base64')}`;
}
