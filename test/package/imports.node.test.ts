// The engine's shape, as the README's "How it works" describes it: data flows one way through
// src/ (no import circle, type imports included), and the engine never depends on the page: it
// imports no component and names no page global (the page hands it frames and page-leave).
import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Each file's relative imports and re-exports (`import type` too), as repository paths. */
async function importGraph(files: string[]): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = await readFile(path.join(root, file), 'utf8');
    const targets = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/gms)].map((m) => path.normalize(path.join(path.dirname(file), m[1])));
    graph.set(file, targets);
  }
  return graph;
}

/** The circles of a graph (its strongly connected components of more than one file, or a file importing itself). */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>(),
    low = new Map<string, number>(),
    stack: string[] = [],
    on = new Set<string>(),
    found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the import graph of src/', () => {
  it('has no circle, counting type imports', async () => {
    const graph = await importGraph(await sources('src'));
    expect(graph.size).to.be.greaterThan(50);
    expect(circles(graph)).to.deep.equal([]);
  });

  it('finds a circle when there is one (the check itself)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(circles(graph)).to.deep.equal([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('never imports a component: the engine runs without the page', async () => {
    const graph = await importGraph(await sources('src'));
    const intoComponents = [...graph].flatMap(([file, targets]) => targets.filter((t) => t.startsWith('components/')).map((t) => `${file} → ${t}`));
    expect(intoComponents).to.deep.equal([]);
  });
});

describe('components/', () => {
  // Components read a cell's definition through the session's read-only view (session.view,
  // src/reactive/sheet-view.ts): labels, formula TeX, kind, slider, caption, who reads whom.
  it('read definitions through session.view, never the plan, graph/names or formula/tex', async () => {
    const reached: string[] = [];
    for (const file of await sources('components')) {
      const text = code(await readFile(path.join(root, file), 'utf8'));
      for (const m of text.matchAll(/^import (type )?[^;]*?from '\.\.\/src\/(graph\/names|graph\/compile|graph\/trace|formula\/tex|formula\/parse)\.ts'/gms)) {
        if (!(m[1] && m[2] === 'graph/trace')) reached.push(`${file} imports src/${m[2]}.ts`);
      }
      for (const m of text.matchAll(/\bsession!?\??\.plan\b|\.checked\.spec\b|\bplanCell\(/g)) reached.push(`${file}: ${m[0]}`);
    }
    expect(reached).to.deep.equal([]);
  });
});

/** The code of a file without its comments (a rough cut: enough to tell code from prose). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('the engine under src/', () => {
  it('names no page global: document, window, requestAnimationFrame', async () => {
    const named: string[] = [];
    for (const file of await sources('src')) {
      const lines = code(await readFile(path.join(root, file), 'utf8')).split('\n');
      lines.forEach((line, i) => {
        const m = /\b(document|window|requestAnimationFrame|navigator|location)\b/.exec(line.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, "''"));
        if (m) named.push(`${file}:${i + 1} ${m[1]}`);
      });
    }
    expect(named).to.deep.equal([]);
  });

  it('the rough cut keeps code and drops comments', () => {
    expect(code("a(); // document\n/* window */ b('http://x'); requestAnimationFrame(f)")).to.equal("a(); \n b('http://x'); requestAnimationFrame(f)");
  });
});

describe("the README's How it works", () => {
  it('names every folder of src/ and every file of src/reactive/, as the tree has them', async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## How it works'), readme.indexOf('\n## ', readme.indexOf('## How it works') + 1));
    const folders = (await readdir(path.join(root, 'src'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => `\`${e.name}/\``);
    const reactive = (await readdir(path.join(root, 'src/reactive'))).filter((f) => f.endsWith('.ts')).map((f) => `\`${f}\``);
    expect(
      [...folders, ...reactive].filter((name) => !section.includes(name)),
      'missing from How it works',
    ).to.deep.equal([]);
  });
});
