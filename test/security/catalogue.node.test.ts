// One message catalogue (src/messages.ts): no user-facing message is written anywhere else.
// A static check over the source, so a new hard-coded message fails here, not in a lecture.
import { expect } from 'chai';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
});
