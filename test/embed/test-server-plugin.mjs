// The test server's own addresses.
// For the loading tests, addresses that misbehave as real servers do:
//   /test-server/stalled.md          sends its headers and the first line, then never finishes
//   /test-server/moved.md            redirects (302) to the gallery's HTML page
//   /test-server/page-as-text.md     an HTML page sent as text/plain
// Nothing else is served from /test-server/.
// And the gallery's index lists, after the lecture's workbooks, the file a test saved into
// test-results/live-reload/ when the gallery page asking for it opens that file
// (?w=../test-results/live-reload/x.md): the gallery opens only workbooks of its index, and
// the tests of a file that changes open such a file in it. Other pages see the lecture only.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { liveReloadDir } from './live-reload-plugin.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mdFiles = async (dir) => (await readdir(path.join(root, dir)).catch(() => [])).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();

const stalled = new Set();

/** Koa middleware for the test server's `middleware` option (it runs before the files are served). */
export async function testServer(ctx, next) {
  if (ctx.path === '/workbooks/index.json') {
    let opened = null;
    try {
      opened = new URL(ctx.get('referer')).searchParams.get('w');
    } catch {
      // no page, or not a URL: the lecture only
    }
    const saved = (await mdFiles(liveReloadDir)).map((f) => `../${liveReloadDir}/${f}`).filter((f) => opened?.split('?')[0] === f);
    ctx.status = 200;
    ctx.type = 'json';
    ctx.set('cache-control', 'no-cache');
    ctx.body = JSON.stringify([...(await mdFiles('workbooks')), ...saved]);
    return;
  }
  if (!ctx.path.startsWith('/test-server/')) return next();
  if (ctx.path === '/test-server/stalled.md') {
    const body = new PassThrough();
    stalled.add(body);
    body.write('# Stalled\n\n');
    ctx.status = 200;
    ctx.type = 'text/markdown';
    ctx.body = body;
  } else if (ctx.path === '/test-server/moved.md') {
    ctx.redirect('/index.html');
  } else if (ctx.path === '/test-server/page-as-text.md') {
    ctx.status = 200;
    ctx.type = 'text/plain';
    ctx.body = '<!doctype html>\n<html><head><title>Sign in</title></head><body>Sign in</body></html>\n';
  } else if (ctx.path === '/test-server/inline.html') {
    // A course page with a workbook written inline (its id from the query), for real reloads.
    const id = String(ctx.query.id ?? 'inline').replace(/[^\w-]/g, '');
    ctx.status = 200;
    ctx.type = 'html';
    ctx.set('cache-control', 'no-cache');
    ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inline</title>
<script type="module" src="/components/index.ts"></script></head><body>
<gs-workbook id="${id}"><script type="text/x-gradsheet">
# An inline neuron

\`\`\`cells
x = [1.0; -0.5]
w = [0.5; -1]
b = 0.25
s = w' * x + b
\`\`\`
</script></gs-workbook></body></html>`;
  } else {
    ctx.status = 404;
  }
}

/** Ends the stalled responses when the server stops, so it can. */
export function testServerPlugin() {
  return {
    name: 'gradsheet-test-server',
    serverStop() {
      for (const body of stalled) body.end();
    },
  };
}
