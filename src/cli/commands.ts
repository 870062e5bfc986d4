// `gradsheet new | serve | build`: their options read, their work done (new.ts, serve.ts,
// build.ts), their outcome said. Same exit statuses as `check` (main.ts).

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { buildSingleFile, buildSite } from './build.ts';
import { buildPdf } from './pdf.ts';
import { newCourse } from './new.ts';
import { serveCourse } from './serve.ts';

interface Output {
  write(text: string): unknown;
}

/** `--name value` options and the other arguments; undefined for a bad command line. */
function parse(args: string[], valued: string[]): { options: Map<string, string>; rest: string[]; bad?: string } {
  const options = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-')) rest.push(a);
    else if (!valued.includes(a)) return { options, rest, bad: `unknown option "${a}"` };
    else if (args[i + 1] === undefined) return { options, rest, bad: `${a} needs a value` };
    else options.set(a, args[++i]);
  }
  return { options, rest };
}

export async function courseCommand(command: 'new' | 'serve' | 'build', args: string[], out: Output, err: Output): Promise<number> {
  const valued = { new: [], serve: ['--port', '--host'], build: ['--out', '--base', '--single-file', '--pdf'] }[command];
  // --answers (build --pdf): the instructor's handout; the one option without a value.
  const answers = command === 'build' && args.includes('--answers');
  const { options, rest, bad } = parse(command === 'build' ? args.filter((a) => a !== '--answers') : args, valued);
  const usageError = (why: string) => {
    err.write(`gradsheet ${command}: ${why}. See gradsheet --help.\n`);
    return 2;
  };
  if (bad) return usageError(bad);
  if (rest.length !== 1) return usageError('name one course folder');
  const [dir] = rest;
  if (command === 'new') {
    try {
      const files = await newCourse(dir);
      out.write(`gradsheet new: wrote ${files.join(', ')}\nNext: npx gradsheet serve ${dir}\n`);
      return 0;
    } catch (e) {
      err.write(`gradsheet new: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (command === 'serve') {
    if (!isDir) return usageError(`${dir} is not a folder`);
    const port = Number(options.get('--port') ?? process.env.PORT ?? 8000);
    if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(`--port ${options.get('--port')} is not a port number`);
    const serving = await serveCourse({ dir, port, host: options.get('--host') ?? process.env.HOST ?? 'localhost' });
    out.write(`gradsheet serve: ${path.resolve(dir)} on ${serving.url} (live reload; Ctrl+C stops)\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await serving.close();
    return 0;
  }
  const single = options.get('--single-file');
  const site = options.get('--out');
  const pdf = options.get('--pdf');
  if ([single, site, pdf].filter((o) => o !== undefined).length !== 1) return usageError(pdf === undefined ? 'give --out DIR or --single-file FILE.html' : 'give one of --out DIR, --single-file FILE.html or --pdf FILE.pdf');
  if (answers && pdf === undefined) return usageError('--answers goes with --pdf');
  if (!isDir && !((single ?? pdf) && (await stat(dir).then((s) => s.isFile(), () => false)))) return usageError(`${dir} is not a course folder`);
  let base = options.get('--base');
  if (base !== undefined) base = ('/' + base + '/').replace(/\/{2,}/g, '/');
  const result = pdf !== undefined ? await buildPdf({ dir, out: pdf, answers })
    : single ? await buildSingleFile({ dir, out: single }) : await buildSite({ dir, out: site!, base });
  if (!result.ok) {
    for (const line of result.errors) err.write(line + '\n');
    err.write(`gradsheet build: not built: ${result.errors.length === 1 ? '1 error' : `${result.errors.length} errors`} (gradsheet check ${dir})\n`);
    return 1;
  }
  out.write(`gradsheet build: ${pdf !== undefined ? `${pdf}${answers ? ' (with the answers)' : ''}` : single ?? `${site}/ (${result.files.length} files)`}${base ? ` for ${base}` : ''}\n`);
  return 0;
}
