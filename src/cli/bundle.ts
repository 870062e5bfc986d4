// Where the CLI finds the scripts pages load. An installed package has them built (dist/, made
// by `npm pack`); in the repository they are built from the sources when asked for, so a
// component edited a moment ago is what the page gets.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fromSources, packageRoot } from './course.ts';

/** scripts/build.mjs, only in the repository (a path, so the CLI bundle does not take it in). */
async function buildScript(root: string): Promise<typeof import('../../scripts/build.mjs')> {
  return import(pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href);
}

/** A directory with gradsheet.js, chunks/, gradsheet.single.js and serve/. */
export async function bundleDir(): Promise<string> {
  const root = packageRoot();
  if (!fromSources(root)) return path.join(root, 'dist');
  const outdir = path.join(root, 'node_modules', '.cache', 'gradsheet-cli-dist');
  await (await buildScript(root)).buildAll({ outdir });
  return outdir;
}

export interface Served {
  /** The file at `name` (e.g. "app.js", "chunks/x.js"), or undefined. Waits for a first build. */
  get(name: string): Promise<Uint8Array | undefined>;
  close(): Promise<void>;
}

/** The gallery page's script (components/app.ts) and its chunks, for `gradsheet serve`. */
export async function servedBundle(): Promise<Served> {
  const root = packageRoot();
  if (!fromSources(root)) {
    const dir = path.join(root, 'dist', 'serve');
    return {
      get: (name) => readFile(path.join(dir, path.normalize('/' + name))).catch(() => undefined),
      close: async () => {},
    };
  }
  // The repository: esbuild rebuilds the bundle in memory whenever a source file changes.
  const { bundleOptions } = await buildScript(root);
  const esbuild = await import('esbuild');
  const outdir = path.join(root, 'node_modules', '.cache', 'gradsheet-serve');
  let latest = new Map<string, Uint8Array>();
  let firstDone!: () => void;
  const first = new Promise<void>((resolve) => (firstDone = resolve));
  const base = bundleOptions({ entryPoints: { app: 'components/app.ts' }, outdir, minify: false });
  const ctx = await esbuild.context({
    ...base,
    write: false,
    logLevel: 'warning',
    plugins: [
      ...(base.plugins ?? []),
      {
        name: 'gradsheet-serve-latest',
        setup(b) {
          b.onEnd((result) => {
            if (!result.errors.length && result.outputFiles) {
              latest = new Map(result.outputFiles.map((f) => [path.relative(outdir, f.path).split(path.sep).join('/'), f.contents]));
            }
            firstDone();
          });
        },
      },
    ],
  });
  await ctx.watch();
  return {
    get: async (name) => {
      await first;
      return latest.get(name);
    },
    close: () => ctx.dispose(),
  };
}
