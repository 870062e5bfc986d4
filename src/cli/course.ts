// A course is a folder of workbook files (*.md). Its order: the optional index.json in the
// folder (a JSON array of file names; the files it does not name follow, in file-name order),
// else file-name order (01-…, 02-…). Each workbook's title and summary: its front matter.

import { existsSync, readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readWorkbook } from '../format/read.ts';

export const INDEX_FILE = 'index.json';

export interface CourseEntry {
  file: string;
  title: string;
  summary: string;
  text: string;
}

/** The workbook files of `dir`, in the course's order. */
export async function courseOrder(dir: string): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md').sort();
  let listed: unknown = [];
  try {
    listed = JSON.parse(await readFile(path.join(dir, INDEX_FILE), 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`${path.join(dir, INDEX_FILE)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const named = Array.isArray(listed) ? listed.filter((f): f is string => typeof f === 'string' && files.includes(f)) : [];
  return [...new Set([...named, ...files])];
}

/** Every workbook of the course with its title and summary. */
export async function readCourse(dir: string): Promise<CourseEntry[]> {
  const entries: CourseEntry[] = [];
  for (const file of await courseOrder(dir)) {
    const text = await readFile(path.join(dir, file), 'utf8');
    let title = file.replace(/\.md$/i, '');
    let summary = '';
    try {
      const spec = readWorkbook(text, file);
      title = spec.title;
      summary = spec.meta.summary ?? '';
    } catch {
      // `check` reports it
    }
    entries.push({ file, title, summary, text });
  }
  return entries;
}

/** The course's name: the first heading of its README.md, else the folder's name. */
export async function courseTitle(dir: string): Promise<string> {
  const readme = await readFile(path.join(dir, 'README.md'), 'utf8').catch(() => '');
  return /^#\s+(.+)$/m.exec(readme)?.[1].trim() ?? path.basename(path.resolve(dir));
}

/** The package's own folder (the repository, or node_modules/gradsheet once installed). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) || !isGradsheet(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('gradsheet: cannot find its own package.json');
    dir = up;
  }
  return dir;
}

function isGradsheet(file: string): boolean {
  try {
    return JSON.parse(readFileSync(file, 'utf8')).name === 'gradsheet';
  } catch {
    return false;
  }
}

/** In the repository the sources are here and the bundles are built from them, as they change. */
export function fromSources(root = packageRoot()): boolean {
  return existsSync(path.join(root, 'components', 'app.ts'));
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHTML = (s: string): string => s.replace(/[&<>"']/g, (c) => htmlEscapes[c]);
