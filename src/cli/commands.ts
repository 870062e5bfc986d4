// `gradsheet new | serve | build`: their options read, their work done (new.ts, serve.ts,
// build.ts), their outcome said. Same exit statuses as `check` (main.ts).

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { buildSingleFile, buildSite } from './build.ts';
import { buildPdf } from './pdf.ts';
import { newCourse } from './new.ts';
import { serveCourse } from './serve.ts';
import { messages } from '../messages.ts';

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
    else if (!valued.includes(a)) return { options, rest, bad: messages.cliUnknownOption(a) };
    else if (args[i + 1] === undefined) return { options, rest, bad: messages.cliNeedsValue(a) };
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
    err.write(messages.cliUsageError(command, why) + '\n');
    return 2;
  };
  if (bad) return usageError(bad);
  if (rest.length !== 1) return usageError(messages.cliNameOneFolder());
  const [dir] = rest;
  if (command === 'new') {
    try {
      const files = await newCourse(dir);
      out.write(messages.cliNewWrote(files, dir) + '\n');
      return 0;
    } catch (e) {
      err.write(messages.cliFailed(command, e instanceof Error ? e.message : String(e)) + '\n');
      return 1;
    }
  }
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (command === 'serve') {
    if (!isDir) return usageError(messages.cliNotAFolder(dir));
    const port = Number(options.get('--port') ?? process.env.PORT ?? 8000);
    if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(messages.cliNotAPort(options.get('--port')));
    const serving = await serveCourse({ dir, port, host: options.get('--host') ?? process.env.HOST ?? 'localhost' });
    out.write(messages.cliServing(path.resolve(dir), serving.url) + '\n');
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
  if ([single, site, pdf].filter((o) => o !== undefined).length !== 1)
    return usageError(pdf === undefined ? messages.cliOutOrSingle() : messages.cliOneOutput());
  if (answers && pdf === undefined) return usageError(messages.cliAnswersWithPdf());
  if (
    !isDir &&
    !(
      (single ?? pdf) &&
      (await stat(dir).then(
        (s) => s.isFile(),
        () => false,
      ))
    )
  )
    return usageError(messages.cliNotACourse(dir));
  let base = options.get('--base');
  if (base !== undefined) base = ('/' + base + '/').replace(/\/{2,}/g, '/');
  const result =
    pdf !== undefined
      ? await buildPdf({ dir, out: pdf, answers })
      : single
        ? await buildSingleFile({ dir, out: single })
        : await buildSite({ dir, out: site!, base });
  if (!result.ok) {
    for (const line of result.errors) err.write(line + '\n');
    err.write(messages.cliNotBuilt(result.errors.length, dir) + '\n');
    return 1;
  }
  out.write(
    messages.cliBuilt(pdf !== undefined ? messages.cliPdfBuilt(pdf, answers) : (single ?? messages.cliSiteFiles(site!, result.files.length)), base) + '\n',
  );
  return 0;
}
