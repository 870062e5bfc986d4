// A plain static file server, to see a course page as a course site serves it: files as they
// are on disk, no transforms, no dev server. `npm run example` builds the bundle and serves
// dist/, examples/ and workbooks/ on http://localhost:8080/examples/course-page/.
//
// `serveStatic({ mounts })` maps URL prefixes to directories; nothing outside them is served.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export const defaultMounts = {
  '/dist/': path.join(root, 'dist'),
  '/examples/': path.join(root, 'examples'),
  '/workbooks/': path.join(root, 'workbooks'),
};

/** The file a URL path names under one of the mounts, or null. */
function resolve(mounts, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  for (const [prefix, dir] of Object.entries(mounts)) {
    if (!decoded.startsWith(prefix)) continue;
    const file = path.resolve(dir, '.' + decoded.slice(prefix.length - 1));
    // No way out of the mounted directory ("/examples/../package.json").
    return file === dir || file.startsWith(dir + path.sep) ? file : null;
  }
  return null;
}

/** Starts the server; resolves with `{ url, close }` once it listens. Port 0 picks a free one. */
export function serveStatic({ mounts = defaultMounts, port = 0, host = '127.0.0.1' } = {}) {
  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed\n');
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    let file = resolve(mounts, urlPath);
    if (!file) return send(404, 'Not found\n');
    try {
      if ((await stat(file)).isDirectory()) {
        if (!urlPath.endsWith('/')) {
          res.writeHead(301, { location: urlPath + '/' });
          return res.end();
        }
        file = path.join(file, 'index.html');
      }
      send(200, await readFile(file), types[path.extname(file)] ?? 'application/octet-stream');
    } catch {
      send(404, 'Not found\n');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolvePromise({
        url: `http://${host}:${actual}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { url } = await serveStatic({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? 'localhost' });
  console.log(`Serving dist/, examples/ and workbooks/ statically: ${url}/examples/course-page/`);
}
