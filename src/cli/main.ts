// The `gradsheet` command (bin: src/cli/gradsheet.mjs). Exit status: 0 when every workbook
// checks, 1 when any has an error (a problem, a failing cell, a disagreeing slide or gradient
// check), 2 when the command line itself is wrong. Output goes to `out`, usage errors to `err`, so tests can run it in-process.

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { codes, messages } from '../messages.ts';
import { checkWorkbookText, formatFinding, type FileReport } from './check.ts';
import { readWorkbookData, readWorkbookFile } from './read-file.ts';
import { courseOrder } from './course.ts';
import { courseCommand } from './commands.ts';

export const usage = `Usage: gradsheet check [--json] <file.md | directory>…
       gradsheet new <directory>
       gradsheet serve <directory> [--port N]
       gradsheet build <directory> --out <site-directory> [--base /path/]
       gradsheet build <directory | file.md> --single-file <file.html>
       gradsheet build <directory | file.md> --pdf <file.pdf> [--answers]

Evaluates every cell of each workbook without a browser and reports, one per line,
  file:line:col CODE cell: message
every problem in the file, every cell that fails to compute, every slide value the cell does
not agree with, and every failing gradient check. What the author marks as known to be wrong
("slide-wrong:", "check-fails:") is reported with a W_ code but does not fail. A directory
stands for the .md files in it.

Options:
  --json   print every cell's value (a number, or an array of rows), status and error as JSON,
           and each exercise (its shape, hints, mistakes and whether they differ from the answer)
  --help   show this help

new    a course folder: one example workbook and a README; serve it as it is.
serve  the course on http://localhost:8000 (--port N): the gallery, each workbook at
       ?w=FILE.md, and live reload (a saved file updates open pages, keeping edits).
build  a static site: index.html (the gallery), FILE.html per workbook with its values
       written out, index.json, the workbook files, and gradsheet/ (the bundle); every
       address relative, --base /path/ for a site under that path. --single-file: one
       HTML file with everything inlined, to open from disk. --pdf: the printed
       handout (prose, every value, the charts, no controls, each section on a new
       page), printed by the machine's Chromium ($CHROME_PATH); --answers prints the
       instructor's copy, exercises with their answers. Checks first: a course with
       an error is not built.
The gallery's order: index.json in the folder (a JSON array of file names), else file
names; titles and summaries: each workbook's front matter.

Exit status: 0 all workbooks check, 1 any error (E_ code), 2 a usage error.
`;

interface Output {
  write(text: string): unknown;
}

export async function main(argv: string[], out: Output = process.stdout, err: Output = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    out.write(usage);
    return 0;
  }
  if (command === 'new' || command === 'serve' || command === 'build') return courseCommand(command, rest, out, err);
  if (command !== 'check') {
    err.write(command ? `gradsheet: unknown command "${command}".\n\n${usage}` : usage);
    return 2;
  }
  const options = rest.filter((a) => a.startsWith('-'));
  const args = rest.filter((a) => !a.startsWith('-'));
  if (options.includes('--help') || options.includes('-h')) {
    out.write(usage);
    return 0;
  }
  const unknown = options.find((o) => o !== '--json');
  if (unknown || args.length === 0) {
    err.write(`gradsheet check: ${unknown ? `unknown option "${unknown}"` : 'name at least one workbook file'}.\n\n${usage}`);
    return 2;
  }

  const reports: FileReport[] = [];
  for (const file of await expand(args)) reports.push(await checkFile(file));
  const failed = reports.filter((r) => !r.ok).length;

  if (options.includes('--json')) {
    out.write(JSON.stringify({ ok: failed === 0, files: reports }, null, 2) + '\n');
  } else {
    for (const r of reports) {
      for (const f of r.findings) out.write(formatFinding(f) + '\n');
    }
    out.write(summary(reports) + '\n');
  }
  return failed ? 1 : 0;
}

/** Directories stand for the workbooks in them, in file-name order (the lecture's order). */
async function expand(args: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const isDir = await stat(arg).then((s) => s.isDirectory(), () => false);
    if (!isDir) files.push(arg);
    else files.push(...(await courseOrder(arg)).map((f) => path.join(arg, f)));
  }
  return files;
}

async function checkFile(file: string): Promise<FileReport> {
  let text: string;
  try {
    text = await readWorkbookFile(file);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const finding = { file, line: 1, col: 1, code: codes.E_FILE, severity: 'error' as const, message: messages.fileUnreadable(file, detail) };
    return { file, title: '', ok: false, errors: 1, warnings: 0, findings: [finding], cells: [] };
  }
  return checkWorkbookText(text, file, await readWorkbookData(text, file));
}

function summary(reports: FileReport[]): string {
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const errors = reports.reduce((n, r) => n + r.errors, 0);
  const warnings = reports.reduce((n, r) => n + r.warnings, 0);
  const cells = reports.reduce((n, r) => n + r.cells.length, 0);
  return `gradsheet check: ${count(reports.length, 'workbook')}, ${count(cells, 'cell')}: ${count(errors, 'error')}, ${count(warnings, 'warning')}`;
}
