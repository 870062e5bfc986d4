// `npm run build`: dist/gradsheet.js, one ES module a course page loads with
//   <script type="module" src="…/gradsheet.js"></script>
// It registers every gradsheet element (components/index.ts: <gs-workbook>, <gs-cell>, <gs-gallery>,
// <gs-train>, <gs-plot>, <gs-figure>) and nothing
// else: no globals on window. Code reached only through import() (vega, for plots) is split
// into chunks under dist/chunks/ that load when first needed. Prints each file's size, raw and
// gzipped, and what a page downloads before any plot is shown.
//
// `buildBundle({ outdir })` is also what the embedding test uses, into a directory of its own.

import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Lit records its version in globals (litHtmlVersions, litElementVersions,
 * reactiveElementVersions) to warn about duplicate copies, and keeps decorator metadata in a
 * global WeakMap. An embedded widget must not add names to the host page's window: the version
 * pushes are dropped and the WeakMap becomes module-local (we use no decorators; lit reads it
 * only to merge decorator metadata). The embedding test fails if a global appears again.
 */
function noLitGlobals() {
  const versions = /\(\w+\.(?:litHtml|litElement|reactiveElement)Versions\?\?=\[\]\)\.push\("[^"]*"\)/g;
  const metadata = /\w+\.litPropertyMetadata\?\?=new WeakMap/;
  return {
    name: 'no-lit-globals',
    setup(b) {
      b.onLoad({ filter: /[\\/](lit-html|lit-element|@lit[\\/]reactive-element)[\\/][^\\/]+\.js$/ }, async (args) => {
        let code = await readFile(args.path, 'utf8');
        code = code.replace(versions, 'void 0');
        if (metadata.test(code)) code = 'const litPropertyMetadata=new WeakMap;\n' + code.replace(metadata, 'void 0');
        return { contents: code, loader: 'js' };
      });
    },
  };
}

/**
 * Reading a workbook needs only markdown-it's block parser (src/format/fences.ts), which comes
 * with every page; rendering prose needs all of markdown-it (src/render/markdown.ts), which
 * loads on demand. Two things keep the entity tables and the inline parser out of the page:
 * - markdown-it and the packages it imports have no side effects when loaded but do not say so
 *   (no "sideEffects": false), so esbuild would keep every top-level statement of each module it
 *   reaches; they are marked pure, and only what is used is bundled;
 * - esbuild splits by module: a module both parts import (markdown-it's utils, which imports the
 *   entity tables) would go to a chunk the page loads up front. So the renderer gets markdown-it's
 *   own single-file build of the same version (dist/index.cjs.js), and shares nothing with the
 *   block parser.
 */
function splitMarkdown() {
  const pure = /[\\/]node_modules[\\/](markdown-it|mdurl|uc\.micro|entities|linkify-it|punycode\.js)[\\/]/;
  const packages = /^(markdown-it|mdurl|uc\.micro|entities|linkify-it|punycode\.js)(\/|$)/;
  const renderer = /[\\/]src[\\/]render[\\/]markdown\.ts$/;
  return {
    name: 'split-markdown',
    setup(b) {
      b.onResolve({ filter: /^markdown-it$/ }, (args) =>
        renderer.test(args.importer) ? { path: path.join(root, 'node_modules/markdown-it/dist/index.cjs.js') } : undefined,
      );
      b.onResolve({ filter: /.*/ }, async (args) => {
        // Only imports of those packages, or from inside them (the others resolve as usual).
        if (args.pluginData?.resolving || !(packages.test(args.path) || pure.test(args.importer))) return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
        return !r.errors.length && pure.test(r.path) ? { ...r, sideEffects: false } : undefined;
      });
    },
  };
}

/**
 * esbuild's options for the embed bundle: one ES module per entry, chunks split on dynamic
 * imports, production Lit, no globals. The benchmark builds its page with them too.
 */
export function bundleOptions({ entryPoints, outdir, minify = true }) {
  return {
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['browser', 'production'],
    chunkNames: 'chunks/[name]-[hash]',
    minify,
    sourcemap: false,
    legalComments: 'eof',
    logLevel: 'warning',
    tsconfig: path.join(root, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [noLitGlobals(), splitMarkdown()],
  };
}

export async function buildBundle({ outdir = path.join(root, 'dist'), minify = true } = {}) {
  await rm(outdir, { recursive: true, force: true });
  const started = performance.now();
  const result = await build({ ...bundleOptions({ entryPoints: { gradsheet: 'components/index.ts' }, outdir, minify }), metafile: true });
  const ms = performance.now() - started;
  return { outdir, ms, files: await sizes(result.metafile, outdir) };
}

/**
 * Everything a page can load, into `outdir`: the split bundle (gradsheet.js, chunks/), the same
 * elements as one file with no chunks (gradsheet.single.js: inlined into a single HTML file that
 * works from file://, where a module cannot import its chunks), and the page `gradsheet serve`
 * gives (serve/app.js: the elements and live reload, components/app.ts).
 */
export async function buildAll({ outdir = path.join(root, 'dist'), minify = true } = {}) {
  const split = await buildBundle({ outdir, minify });
  const single = bundleOptions({ entryPoints: { 'gradsheet.single': 'components/index.ts' }, outdir, minify });
  const serve = bundleOptions({ entryPoints: { app: 'components/app.ts' }, outdir: path.join(outdir, 'serve'), minify });
  await Promise.all([build({ ...single, splitting: false }), build(serve)]);
  return split;
}

/** Each output file's size, raw and gzipped, and whether the page loads it up front. */
async function sizes(metafile, outdir) {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((f) => outputs[f].entryPoint);
  // Up front: the entry and every chunk it reaches by static imports.
  const eager = new Set();
  const visit = (file) => {
    if (eager.has(file)) return;
    eager.add(file);
    for (const imp of outputs[file].imports) if (imp.kind === 'import-statement' && outputs[imp.path]) visit(imp.path);
  };
  visit(entry);
  const files = [];
  for (const file of Object.keys(outputs)) {
    const bytes = await readFile(path.join(root, file));
    files.push({ file: path.relative(outdir, path.join(root, file)), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, eager: eager.has(file) });
  }
  return files.sort((a, b) => Number(b.eager) - Number(a.eager) || b.bytes - a.bytes);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

export function report({ outdir, ms, files }) {
  const lines = [`gradsheet bundle → ${path.relative(root, outdir) || '.'}/ in ${Math.round(ms)} ms`, `${'file'.padEnd(40)}      size      gzip  loads`];
  for (const f of files) lines.push(`${f.file.padEnd(40)} ${kb(f.bytes)} ${kb(f.gzip)}  ${f.eager ? 'with the page' : 'on demand'}`);
  const eager = files.filter((f) => f.eager);
  lines.push(
    `up front: ${eager.length} file(s), ${kb(eager.reduce((n, f) => n + f.gzip, 0)).trim()} gzipped; on demand: ${files.length - eager.length} chunk(s)`,
  );
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(report(await buildBundle()));
}
