// One message catalogue (src/messages.ts): no user-facing message is written anywhere else.
// A static check over the source, so a new hard-coded message fails here, not in a lecture.
import { expect } from 'chai';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { templateSentences } from './template-sentences.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Ways a message gets written in place instead of taken from the catalogue. */
const literalMessage = [
  /new CellError\(\s*codes\.\w+\s*,\s*[`'"]/, // new CellError(codes.X, 'text')
  /new (ShapeError|NaNError)\(\s*[`'"]/, // a kernel's detail
  /argError\([^,()]+,\s*[`'"]/, // argError(name, 'text')
  /messages\.(forbidden|syntax|index|internal)\(\s*[`'"]/, // messages.forbidden('text')
  /messages\.argument\([^,()]+,\s*[`'"]/, // messages.argument(name, 'text')
  /problem\(\s*codes\.\w+\s*,\s*[`'"]/, // problem(codes.X, 'text', …)
  /\{\s*code:\s*codes\.\w+\s*,\s*message:\s*[`'"]/, // { code: codes.X, message: 'text' }
];

/**
 * Messages still written in place in files other engineers are changing now, to be moved into
 * messages.ts with their next change there (each is named in the hardening report). An entry
 * that no longer matches anything may be deleted.
 */
const pending: [file: string, fragment: string][] = [];

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(rel)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

describe('the message catalogue', () => {
  it('is the only place a user-facing message is written (src/ and components/)', async () => {
    const found: string[] = [];
    for (const file of [...(await sources('src')), ...(await sources('components'))]) {
      if (file === path.join('src', 'messages.ts')) continue;
      const lines = (await readFile(path.join(root, file), 'utf8')).split('\n');
      lines.forEach((line, i) => {
        if (!literalMessage.some((re) => re.test(line))) return;
        if (pending.some(([f, fragment]) => f === file.split(path.sep).join('/') && line.includes(fragment))) return;
        found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).to.deep.equal([]);
  });

  it('writes no sentence into a component template: every text and read attribute comes from messages.ts', async () => {
    const found: string[] = [];
    for (const file of await sources('components')) {
      for (const { line, sentence } of templateSentences(await readFile(path.join(root, file), 'utf8'))) {
        found.push(`${file.split(path.sep).join('/')}:${line}: ${sentence}`);
      }
    }
    expect(found).to.deep.equal([]);
  });

  describe('the template scanner', () => {
    const scan = (src: string) => templateSentences(src).map((s) => s.sentence);

    it('finds a sentence planted in a text node, and in each read attribute', () => {
      expect(scan('const a = html`<p>Loading the workbook…</p>`;')).to.deep.equal(['text "Loading the workbook…"']);
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        expect(scan(`html\`<input ${attr}="Target loss">\``)).to.deep.equal([`${attr} "Target loss"`]);
      }
      expect(scan("html`<img alt='a chart'>`")).to.deep.equal(['alt "a chart"']);
    });

    it('finds the static text on either side of a ${…}, and inside templates nested in one', () => {
      expect(scan('html`<p>Depends on ${name}, which has an error.</p>`')).to.deep.equal(['text "Depends on"', 'text ", which has an error."']);
      const nested = 'html`<ul>${items.map((x) => html`<li title=${x.t}>${x.ok ? html`<b>well done</b>` : `${x}`}</li>`)}</ul>`';
      expect(scan(nested)).to.deep.equal(['text "well done"']);
      expect(scan('svg`<text>read by</text>`')).to.deep.equal(['text "read by"']);
    });

    it('is not fooled by braces, backticks and slashes in strings, comments and regular expressions', () => {
      const src = [
        "const s = '}`'; // a comment with ` and }",
        '/* a block ` comment } */',
        'const re = /[`}]+/g;',
        'const t = html`<p>${s.replace(/`/g, "}")}</p><p>Show less</p>`;',
      ].join('\n');
      expect(scan(src)).to.deep.equal(['text "Show less"']);
    });

    it('does not flag CSS, class names, other attributes, single words or text in ${…}', () => {
      const src = [
        'const styles = css`.train label { font-size: 0.9rem; margin: 0 auto }`;',
        'html`<style>.a b { color: red; font-family: sans serif }</style>',
        '<!-- a comment of words -->',
        '<div class="message big red" part="train plot" role="group" data-tool="share reset"',
        '  aria-label=${messages.gradientDescent()} title=${`Undo ${label}`}>${messages.loadingWorkbook()}',
        '  <button type="button" ?disabled=${busy}>Step</button> ${n} steps · ${"two words"}</div>`',
      ].join('\n');
      expect(scan(src)).to.deep.equal([]);
    });

    it('reads only tagged html and svg templates, not plain ones', () => {
      expect(scan('const a = `Plain template with words`; const b = css`a b c {}`;')).to.deep.equal([]);
    });
  });
});
