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
  /** The URL of the page's one script. */
  entry: string;
  /** The script or chunk at `urlPath`, or undefined if it is not one. Waits for a first build. */
  get(urlPath: string): Promise<{ body: string | Uint8Array; type: string } | undefined>;
  close(): Promise<void>;
}

const JS = 'text/javascript; charset=utf-8';

/** The gallery page's script (components/app.ts: the elements and live reload) and its chunks. */
export async function servedBundle(): Promise<Served> {
  const root = packageRoot();
  if (!fromSources(root)) {
    const dir = path.join(root, 'dist', 'serve');
    const prefix = '/__gradsheet__/';
    return {
      entry: `${prefix}app.js`,
      get: async (urlPath) => {
        if (!urlPath.startsWith(prefix)) return undefined;
        const body = await readFile(path.join(dir, path.normalize('/' + urlPath.slice(prefix.length)))).catch(() => undefined);
        return body && { body, type: JS };
      },
      close: async () => {},
    };
  }
  // The repository: the development server's own plugins (scripts/dev-plugins.mjs): our code
  // bundled by esbuild and rebuilt when a source changes, the heavy libraries prebundled once
  // and cached on disk, so a fresh start is interactive in well under a second.
  const plugins = (await import(pathToFileURL(path.join(root, 'scripts', 'dev-plugins.mjs')).href)) as {
    appBundlePlugin(): DevPlugin;
    prebundlePlugin(): DevPlugin;
  };
  const served = [plugins.appBundlePlugin(), plugins.prebundlePlugin()];
  for (const p of served) await p.serverStart?.({ logger: console });
  return {
    entry: '/components/app.ts',
    get: async (urlPath) => {
      for (const p of served) {
        const r = await p.serve?.({ path: urlPath });
        if (r) return { body: r.body, type: r.type === 'json' ? 'application/json' : JS };
      }
      return undefined;
    },
    close: async () => {
      for (const p of served) await p.serverStop?.();
    },
  };
}

interface DevPlugin {
  serverStart?(args: { logger: { log(text: string): void } }): unknown;
  serverStop?(): unknown;
  serve?(context: { path: string }): Promise<{ body: string; type: string } | undefined> | { body: string; type: string } | undefined;
}
