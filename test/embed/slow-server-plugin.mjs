// For the loading tests: addresses of the test server that misbehave as real servers do.
//   /test-server/stalled.md          sends its headers and the first line, then never finishes
//   /test-server/moved.md            redirects (302) to the gallery's HTML page
//   /test-server/page-as-text.md     an HTML page sent as text/plain
// Nothing else is served from /test-server/.
import { PassThrough } from 'node:stream';

const stalled = new Set();

/** Koa middleware for the test server's `middleware` option (it runs before the files are served). */
export async function slowServer(ctx, next) {
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
  } else {
    ctx.status = 404;
  }
}

/** Ends the stalled responses when the server stops, so it can. */
export function slowServerPlugin() {
  return {
    name: 'gradsheet-slow-server',
    serverStop() {
      for (const body of stalled) body.end();
    },
  };
}
