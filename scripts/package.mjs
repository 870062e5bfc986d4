// `npm run build:package` (and `prepack`): everything the published package holds, built from
// the sources, so that a course needs neither TypeScript nor esbuild nor any dependency:
//   dist/gradsheet.js, dist/chunks/   the elements, one ES module (scripts/build.mjs)
//   dist/gradsheet.single.js          the same with no chunks, for `gradsheet build --single-file`
//   dist/serve/                       the page `gradsheet serve` gives (elements + live reload)
//   dist/engine.js                    `gradsheet/engine` for Node (src/engine.ts)
//   dist/cli.js                       the `gradsheet` command (src/cli/main.ts)
//   dist/types/                       declarations (tsc --emitDeclarationOnly)
//   custom-elements.json              the elements' manifest (@custom-elements-manifest/analyzer)
// Every runtime library (Lit, mathjs, vega, …) is bundled: the package has no dependencies.
// Prints each part's size and the total the tarball carries.

import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildAll, report } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const run = promisify(execFile);

/** Node bundles: no DOM, every library inside; `require` for the CommonJS ones esbuild keeps. */
function nodeBundle(entry, outfile, extra = {}) {
  return build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    legalComments: 'eof',
    tsconfig: path.join(root, 'tsconfig.json'),
    banner: { js: "import { createRequire as __gsRequire } from 'node:module'; const require = __gsRequire(import.meta.url);" },
    ...extra,
  });
}

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  return out;
}

export async function buildPackage() {
  const bundle = await buildAll({ outdir: dist });
  await Promise.all([
    nodeBundle('src/engine.ts', path.join(dist, 'engine.js')),
    nodeBundle('src/cli/bin.ts', path.join(dist, 'cli.js'), { external: ['esbuild'] }),
    run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.types.json'], { cwd: root }),
    run(
      process.execPath,
      [
        path.join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'),
        'analyze',
        '--litelement',
        '--globs',
        'components/gs-*.ts',
        '--outdir',
        '.',
        '--quiet',
      ],
      { cwd: root },
    ),
  ]);
  await declarationsForUsers();
  const parts = {};
  let raw = 0;
  let gz = 0;
  for (const file of [...(await files(dist)), path.join(root, 'custom-elements.json')]) {
    const rel = path.relative(root, file);
    const part = rel.startsWith('dist/types')
      ? 'dist/types/'
      : rel.startsWith('dist/serve')
        ? 'dist/serve/'
        : rel.startsWith('dist/chunks')
          ? 'dist/chunks/'
          : rel;
    const bytes = await readFile(file);
    const z = gzipSync(bytes, { level: 9 }).length;
    parts[part] = [(parts[part]?.[0] ?? 0) + bytes.length, (parts[part]?.[1] ?? 0) + z];
    raw += bytes.length;
    gz += z;
  }
  return { bundle, parts, raw, gz };
}

/**
 * The declarations name the sources' files ('./gs-cell.ts'): a user's TypeScript reads them as
 * './gs-cell.js' (→ gs-cell.d.ts). Two internal types come from libraries that are bundled, not
 * installed (mathjs's MathNode, markdown-it's Token): they stay opaque. Lit, which the elements'
 * classes extend, is the package's one dependency, for its types.
 */
async function declarationsForUsers() {
  const bundledOnly = /^import (?:type )?\{?\s*(?:type )?(\w+)\s*\}? from '(mathjs|markdown-it\/[^']*)';$/gm;
  for (const file of await files(path.join(dist, 'types'))) {
    const text = await readFile(file, 'utf8');
    const out = text
      .replace(/((?:from |import\()['"]\.{1,2}\/[^'"]*)\.ts(['"])/g, '$1.js$2')
      .replace(bundledOnly, (_m, name, lib) => `/** ${lib} is bundled into the package, not installed: its type stays opaque. */\ntype ${name} = object;`);
    if (out !== text) await writeFile(file, out);
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { bundle, parts, raw, gz } = await buildPackage();
  console.log(report(bundle));
  console.log(`\npackage contents (built)${' '.repeat(13)}size       gzip`);
  for (const [part, [b, z]] of Object.entries(parts).sort()) console.log(`${part.padEnd(32)} ${kb(b)} ${kb(z)}`);
  console.log(`${'total'.padEnd(32)} ${kb(raw)} ${kb(gz)}  (the tarball is about the gzip size; npm pack prints it)`);
  await stat(path.join(root, 'custom-elements.json'));
}
