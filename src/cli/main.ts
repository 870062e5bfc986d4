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

export const usage = messages.cliUsage();

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
    err.write(command ? `${messages.cliUnknownCommand(command)}\n\n${usage}` : usage);
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
    err.write(`${messages.cliCheckRefused(unknown ? messages.cliUnknownOption(unknown) : messages.cliNameAWorkbook())}\n\n${usage}`);
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
    const isDir = await stat(arg).then(
      (s) => s.isDirectory(),
      () => false,
    );
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
  const errors = reports.reduce((n, r) => n + r.errors, 0);
  const warnings = reports.reduce((n, r) => n + r.warnings, 0);
  const cells = reports.reduce((n, r) => n + r.cells.length, 0);
  return messages.cliCheckSummary(reports.length, cells, errors, warnings);
}
