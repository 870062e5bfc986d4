// Plugins shared by the dev server (npm start) and the test runner (npm test).
//
// 1. prebundle: mathjs, KaTeX, markdown-it and vega-embed are served as single ES modules built
//    once with esbuild and cached under node_modules/.cache. Unbundled, mathjs alone is 1,057
//    requests and ~8 s before a workbook can compute; bundled it is one request.
// 2. workbookIndex: GET /workbooks/index.json lists the workbook files, in file-name order.
// 3. typescript: .ts files are compiled by esbuild as they are served (target set explicitly;
//    'auto' sniffs the user agent and breaks non-browser clients).
// 4. liveReload: saving a workbook file is announced to open pages (Server-Sent Events), which
//    read it again and keep the student's edits (components/live-reload.ts). The dev server's
//    own `watch` would reload the whole page and lose them, so it stays off.
// 5. appBundle: the gallery page's one script, components/app.ts, is served as an esbuild
//    bundle (with code splitting, rebuilt when a source file changes). Served module by module,
//    the page made ~110 requests, each compiled on first request: a fresh `npm start` took
//    about a second to a first edit. Tests import modules one by one and are not affected.

import { build, context } from 'esbuild';
import { bundleOptions } from './build.mjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { readFile, readdir, mkdir, writeFile, stat } from 'node:fs/promises';
import { existsSync, readFileSync, watch } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'gradsheet-prebundle');

/**
 * Packages served prebundled; `default` when the package has a default export, `names` when
 * only those exports are wanted, `package` when the entry is a file inside a package.
 */
export const prebundled = {
  // Only what src/formula/mathjs.ts imports (its parser): all of mathjs takes ~250 ms to
  // load, since its entry builds every one of its functions.
  mathjs: { default: false, names: mathjsImports },
  katex: { default: true },
  'markdown-it': { default: true },
  '@mdit/plugin-tex': { default: false },
  'vega-embed': { default: true },
  'vega-interpreter': { default: false },
  // Reading a workbook needs only markdown-it's block parser (src/format/fences.ts); unbundled
  // it is ~30 more modules on the way to the first cell.
  'markdown-it/lib/parser_block.mjs': { default: true, package: 'markdown-it' },
};

/** The names src/formula/mathjs.ts imports from mathjs (the only module that does). */
function mathjsImports() {
  const source = readFileSync(path.join(root, 'src/formula/mathjs.ts'), 'utf8');
  const list = /import\s*\{([^}]*)\}\s*from\s*'mathjs'/.exec(source)?.[1] ?? '';
  return list
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n && !n.startsWith('type '));
}

const PREFIX = '/__prebundled__/';

async function packageVersion(name) {
  const pkg = JSON.parse(await readFile(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
  return pkg.version;
}

async function bundle(name) {
  const { names, package: pkg = name } = prebundled[name];
  const version = await packageVersion(pkg);
  const contents =
    (names ? `export { ${names().join(', ')} } from '${name}';` : `export * from '${name}';`) +
    (prebundled[name].default ? `export { default } from '${name}';` : '');
  const key = createHash('sha256').update(contents).digest('hex').slice(0, 8);
  const file = path.join(cacheDir, `${name.replace(/[@/.]/g, '_')}@${version}-${key}.js`);
  try {
    await stat(file);
    return readFile(file, 'utf8');
  } catch {
    // not cached yet
  }
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    external: ['crypto'],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = result.outputFiles[0].text;
  await mkdir(cacheDir, { recursive: true });
  await writeFile(file, code);
  return code;
}

export function prebundlePlugin() {
  const builds = new Map();
  const get = (name) => {
    if (!builds.has(name)) builds.set(name, bundle(name));
    return builds.get(name);
  };
  return {
    name: 'gradsheet-prebundle',
    serverStart() {
      // Build everything while the browser is still on its way.
      for (const name of Object.keys(prebundled)) get(name).catch(() => {});
    },
    resolveImport({ source }) {
      if (Object.hasOwn(prebundled, source)) return PREFIX + encodeURIComponent(source) + '.js';
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const name = decodeURIComponent(context.path.slice(PREFIX.length, -'.js'.length));
      if (!Object.hasOwn(prebundled, name)) return undefined;
      return { body: await get(name), type: 'js', headers: { 'cache-control': 'no-cache' } };
    },
  };
}

/** The workbook files, in file-name order (the lecture's order: 01-…, 02-…). */
export async function listWorkbooks(dir = path.join(root, 'workbooks')) {
  const files = await readdir(dir);
  // A folder's README.md is its description (the course title), not a workbook (src/cli/course.ts).
  return files.filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
}

export function workbookIndexPlugin() {
  return {
    name: 'gradsheet-workbook-index',
    async serve(context) {
      if (context.path !== '/workbooks/index.json') return undefined;
      return { body: JSON.stringify(await listWorkbooks()), type: 'json', headers: { 'cache-control': 'no-cache' } };
    },
  };
}

export function typescriptPlugin() {
  const plugin = esbuildPlugin({ ts: true, target: 'es2022', tsconfig: path.join(root, 'tsconfig.json') });
  // The app entry is already bundled JavaScript: no need to transform it again.
  const transform = plugin.transform.bind(plugin);
  plugin.transform = (context) => (context.path === APP_ENTRY ? undefined : transform(context));
  return plugin;
}

/** The stream pages follow; the same constant is in components/live-reload.ts. */
export const WORKBOOK_CHANGES = '/__gradsheet__/workbook-changes';

/**
 * Watches `dirs` (relative to the repository) for .md files being saved and sends each
 * change as an SSE event `workbook` with data {"path": "/workbooks/x.md"} to every page
 * following WORKBOOK_CHANGES. Editors save in bursts (write, rename, chmod): one event per
 * file per burst.
 */
export function liveReloadPlugin({ dirs = ['workbooks'], settleMs = 40 } = {}) {
  const clients = new Set();
  const watchers = [];
  const pending = new Map();
  const announce = (urlPath) => {
    const message = `event: workbook\ndata: ${JSON.stringify({ path: urlPath })}\n\n`;
    for (const res of clients) res.write(message);
  };
  return {
    name: 'gradsheet-live-reload',
    serverStart({ logger }) {
      for (const dir of dirs) {
        const abs = path.join(root, dir);
        if (!existsSync(abs)) {
          logger.log(`live reload: ${dir}/ does not exist; not watching it`);
          continue;
        }
        const watcher = watch(abs, (_event, file) => {
          if (!file || !file.endsWith('.md')) return;
          const urlPath = '/' + [...dir.split(/[\\/]/), file].filter(Boolean).map(encodeURIComponent).join('/');
          clearTimeout(pending.get(urlPath));
          pending.set(
            urlPath,
            setTimeout(() => {
              pending.delete(urlPath);
              announce(urlPath);
            }, settleMs),
          );
        });
        watcher.on('error', (e) => logger.log(`live reload: watching ${dir}/ failed: ${e.message}`));
        watchers.push(watcher);
      }
    },
    serverStop() {
      watchers.splice(0).forEach((w) => w.close());
      pending.forEach((t) => clearTimeout(t));
      for (const res of clients) res.end();
      clients.clear();
    },
    serve(context) {
      if (context.path !== WORKBOOK_CHANGES) return undefined;
      // An endless response: Koa must not buffer or transform it, so it is written directly.
      context.respond = false;
      const res = context.res;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write(': following workbook changes\n\n');
      clients.add(res);
      context.req.on('close', () => clients.delete(res));
      return { body: '', type: 'text/event-stream' };
    },
  };
}

/** The URL the gallery page loads; its chunks (chunk-*.js, …) are served beside it. */
const APP_ENTRY = '/components/app.ts';

export function appBundlePlugin({ entry = APP_ENTRY.slice(1) } = {}) {
  const entryUrl = '/' + entry;
  const chunksUrl = '/' + path.posix.dirname(entry) + '/';
  const outdir = path.join(root, path.posix.dirname(entry)); // nothing is written: the files are served from memory
  let latest = null; // Map of URL path → contents of the last build
  let first = null; // the first build, which requests may have to wait for
  let ctx = null;
  const started = () => {
    first ??= (async () => {
      const base = bundleOptions({ entryPoints: { app: entry }, outdir, minify: false });
      ctx = await context({
        ...base,
        chunkNames: '[name]-[hash]',
        write: false,
        sourcemap: 'linked',
        logLevel: 'silent',
        plugins: [
          ...base.plugins,
          {
            // The heavy packages stay the prebundled modules (built once, cached on disk), so
            // the app bundle is only our code, Lit and the runtime: it builds in tens of ms.
            name: 'gradsheet-app-prebundled',
            setup(b) {
              b.onResolve({ filter: /^[^./]/ }, (args) =>
                Object.hasOwn(prebundled, args.path) ? { path: PREFIX + encodeURIComponent(args.path) + '.js', external: true } : undefined,
              );
            },
          },
          {
            name: 'gradsheet-app-latest',
            setup(b) {
              b.onEnd((result) => {
                if (result.errors.length || !result.outputFiles) return;
                latest = new Map(result.outputFiles.map((f) => [chunksUrl + path.relative(outdir, f.path).split(path.sep).join('/'), f.contents]));
              });
            },
          },
        ],
      });
      await ctx.rebuild();
      await ctx.watch();
    })();
    return first;
  };
  return {
    name: 'gradsheet-app-bundle',
    serverStart() {
      started().catch(() => {});
    },
    async serverStop() {
      await ctx?.dispose();
    },
    // The server caches what plugins transform by file path, and components/app.ts never
    // changes on disk: cached, the first bundle would be served after a component is edited.
    transform(context) {
      if (context.path === entryUrl) return { transformCache: false };
      return undefined;
    },
    async serve(context) {
      const wanted = context.path === entryUrl ? chunksUrl + 'app.js' : context.path;
      if (wanted !== chunksUrl + 'app.js' && !latest?.has(wanted)) return undefined;
      await started();
      const body = latest?.get(wanted);
      if (!body) return undefined;
      return { body: Buffer.from(body).toString('utf8'), type: wanted.endsWith('.map') ? 'json' : 'js', headers: { 'cache-control': 'no-cache' } };
    },
  };
}

export function devPlugins({ watch: watched = ['workbooks'] } = {}) {
  return [appBundlePlugin(), prebundlePlugin(), workbookIndexPlugin(), typescriptPlugin(), liveReloadPlugin({ dirs: watched })];
}
