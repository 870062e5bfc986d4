// Data files: a cell `D = csv("points.csv")` holds the numbers of a CSV file beside the
// workbook. Phase 1b, between reading the workbook and checking it:
//
//   workbook text ──read──▶ spec (cells name their files) ──load──▶ spec.data ──check──▶ …
//
// Reading the files is the driver's part (the page fetches them from the workbook's own folder,
// src/reactive/registry.ts; the command line reads them from disk, src/cli/read-file.ts); what
// may be read, and what the text must be, is decided here, the same for both. Nothing is ever
// silently wrong: a refused path, a missing or too large file and a bad row are each an E_DATA
// error in the cell that reads the file (graph/check.ts), never an empty or different matrix.

import { limits } from '../limits.ts';
import { messages } from '../messages.ts';
import { plainNumber } from './number.ts';
import type { DataFile, WorkbookSpec } from './spec.ts';

/** `csv("points.csv")` (or with single quotes), the whole formula: the path inside the quotes. */
const call = /^csv\s*\(\s*(["'])(.*)\1\s*\)$/;

/** The file a data cell's formula names, and the column (0-based, in the formula) where it starts; null if it names none. */
export function dataCall(formula: string): { file: string; at: number } | null {
  const m = call.exec(formula);
  return m ? { file: m[2], at: formula.indexOf(m[1]) + 1 } : null;
}

/** Does a formula use csv(…) other than as its whole formula? */
export function usesCsvInside(formula: string): boolean {
  return /(^|[^\w.])csv\s*\(/.test(formula) && !call.test(formula);
}

/**
 * Why a data file's path is refused, or null. Only a relative path inside the workbook's folder
 * is read: no scheme (http:, data:, file:, C:), no absolute path, no "." or ".." segment, no
 * hidden file, and only plain characters (no %, which URLs decode, so "%2e%2e" is "..").
 */
export function refusedPath(file: string): string | null {
  if (/^[A-Za-z][\w+.-]*:/.test(file) || file.startsWith('//')) return messages.dataPathAddress(file);
  if (file.startsWith('/') || file.startsWith('\\')) return messages.dataPathAbsolute(file);
  const segments = file.split('/');
  if (segments.some((s) => s === '.' || s === '..')) return messages.dataPathUp(file);
  if (!segments.every((s) => /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(s))) return messages.dataPathCharacters(file);
  if (!/\.csv$/i.test(file)) return messages.dataPathNotCsv(file);
  return null;
}

/** The data files a workbook reads that may be read, each once, in file order. */
export function dataFiles(spec: WorkbookSpec): string[] {
  const files: string[] = [];
  for (const cell of spec.cells) {
    if (cell.data && !refusedPath(cell.data.file) && !files.includes(cell.data.file)) files.push(cell.data.file);
  }
  return files.slice(0, limits.maxDataFiles);
}

/** What a driver read for each file: its text, or why it could not be read (an Error whose message says so). */
export type DataTexts = ReadonlyMap<string, string | Error>;

/** The spec with each data file read (spec.data); a file the driver could not read is an error there. */
export function withData(spec: WorkbookSpec, texts: DataTexts): WorkbookSpec {
  const data: Record<string, DataFile> = {};
  for (const file of dataFiles(spec)) {
    const text = texts.get(file);
    data[file] =
      text === undefined
        ? { error: messages.dataNotRead(file) }
        : typeof text === 'string'
          ? readCsv(text, file)
          : { error: messages.dataUnreadable(file, text.message) };
  }
  return { ...spec, data };
}

/** Reads every data file of the spec with `read` (which throws an Error saying why it cannot): each text, or why not. */
export async function readDataTexts(spec: WorkbookSpec, read: (file: string) => Promise<string>): Promise<DataTexts> {
  const texts = new Map<string, string | Error>();
  await Promise.all(
    dataFiles(spec).map(async (file) => {
      try {
        texts.set(file, await read(file));
      } catch (e) {
        texts.set(file, e instanceof Error ? e : new Error(String(e)));
      }
    }),
  );
  return texts;
}

/** Reads every data file of the spec with `read`, and attaches them. */
export async function loadData(spec: WorkbookSpec, read: (file: string) => Promise<string>): Promise<WorkbookSpec> {
  return withData(spec, await readDataTexts(spec, read));
}

/**
 * A strict numeric CSV: comma-separated numbers, one row per line, every row as long as the
 * first; optionally a first line of column names (every field of it not a number); a byte-order
 * mark, CRLF line ends, spaces around a value and blank lines at the end are allowed. Anything
 * else is an error naming the line and the column (the value's position in its row, from 1).
 */
export function readCsv(input: string, file: string): DataFile {
  if (input.length > limits.maxDataBytes) return { error: messages.dataTooLarge(file, input.length, limits.maxDataBytes) };
  if (input.includes('\u0000')) return { error: messages.dataBinary(file) };
  const lines = input.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  if (!lines.length) return { error: messages.dataEmpty(file) };
  if (/^\s*</.test(lines[0])) return { error: messages.dataUnreadable(file, messages.dataIsHtml()) };
  const fieldsOf = (line: string) => line.split(',').map((f) => f.trim());
  let header: string[] | undefined;
  let first = 0;
  const top = fieldsOf(lines[0]);
  if (top.every((f) => f !== '' && !plainNumber.test(f))) {
    header = top.map((f) => (/^"[^"]*"$/.test(f) ? f.slice(1, -1).trim() : f));
    const empty = header.findIndex((h) => !h);
    if (empty >= 0) return { error: messages.dataHeader(file, empty + 1) };
    first = 1;
  }
  const rows: number[][] = [];
  let width = header?.length ?? -1;
  for (let i = first; i < lines.length; i++) {
    const line = i + 1;
    if (!lines[i].trim()) return { error: messages.dataBlankLine(file, line) };
    const fields = fieldsOf(lines[i]);
    if (width < 0) width = fields.length;
    if (fields.length !== width) return { error: messages.dataRowLength(file, line, fields.length, width, 1) };
    if ((rows.length + 1) * width > limits.maxDataEntries)
      return { error: messages.dataTooManyEntries(file, lines.length - first, width, limits.maxDataEntries) };
    const row: number[] = new Array(width);
    for (let j = 0; j < width; j++) {
      const f = fields[j];
      if (!f) return { error: messages.dataEmptyValue(file, line, j + 1) };
      const v = plainNumber.test(f) ? Number(f) : NaN;
      if (!Number.isFinite(v)) return { error: messages.dataNotNumber(file, line, j + 1, f) };
      row[j] = v;
    }
    rows.push(row);
  }
  if (!rows.length) return { error: messages.dataEmpty(file) };
  return { rows, ...(header ? { header } : {}) };
}

/**
 * The address of a data file beside the workbook at `workbookUrl` (absolute). Throws an Error
 * saying why not: a workbook opened from a data:, blob: or file: address has no folder on a
 * site, and the result must stay on the workbook's own origin, in its folder or below it.
 */
export function dataURL(file: string, workbookUrl: string): string {
  const refusal = refusedPath(file);
  if (refusal) throw new Error(refusal);
  const base = new URL(workbookUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(messages.dataNoFolder(base.protocol));
  const url = new URL(file, base);
  const folder = new URL('.', base);
  if (url.origin !== base.origin || !url.pathname.startsWith(folder.pathname)) throw new Error(messages.dataOtherOrigin(url.href));
  return url.href;
}
