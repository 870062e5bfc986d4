// `gradsheet serve DIR [--port N]`: the course in DIR on http://localhost:N/, as students see it,
// while it is written: the gallery (index.html, the list from index.json), each workbook at
// ?w=FILE.md, and live reload: a saved workbook file is announced on a Server-Sent Events
// stream and every open page reads it again, keeping the student's edits
// (components/live-reload.ts). A plain node:http server; the script is the built bundle (or,
// in the repository, built from the sources as they change: src/cli/bundle.ts).

import { createServer, type ServerResponse } from 'node:http';
import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { servedBundle } from './bundle.ts';
import { courseOrder, courseTitle, INDEX_FILE } from './course.ts';
import { page, siteHeader } from './pages.ts';

/** The stream pages follow; the same constant is in components/live-reload.ts. */
export const WORKBOOK_CHANGES = '/__gradsheet__/workbook-changes';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.csv': 'text/csv; charset=utf-8',
};

export interface Serving {
  url: string;
  close(): Promise<void>;
}

export async function serveCourse({
  dir,
  port = 8000,
  host = 'localhost',
  settleMs = 40,
}: {
  dir: string;
  port?: number;
  host?: string;
  settleMs?: number;
}): Promise<Serving> {
  const root = path.resolve(dir);
  // Listening at once: a request that comes while the first bundle builds waits for it.
  const bundle = servedBundle();
  bundle.catch(() => undefined);
  const clients = new Set<ServerResponse>();
  const pending = new Map<string, NodeJS.Timeout>();
  const course = await courseTitle(root);
  // The course is at /FOLDER/ (and, for short links, at /): a workbook's address is what its
  // saved edits are kept under, so the lecture's workbooks stay at /workbooks/…, where npm start
  // has always served them, and no student's saved work is left behind by a change of server.
  const mount = '/' + encodeURIComponent(path.basename(root)) + '/';
  const gallery = async () =>
    page({
      title: course,
      script: { src: (await bundle).entry },
      body: `${siteHeader(course)}\n    <main><gs-gallery index="${mount.slice(1)}${INDEX_FILE}"></gs-gallery></main>`,
    });

  // Editors save in bursts (write, rename, chmod): one event per file per burst.
  const watcher: FSWatcher = watch(root, (_event, file) => {
    if (!file || !file.endsWith('.md')) return;
    const urlPath = '/' + file.split(path.sep).map(encodeURIComponent).join('/');
    clearTimeout(pending.get(urlPath));
    pending.set(
      urlPath,
      setTimeout(() => {
        pending.delete(urlPath);
        const message = [urlPath, mount + urlPath.slice(1)].map((p) => `event: workbook\ndata: ${JSON.stringify({ path: p })}\n\n`).join('');
        for (const res of clients) res.write(message);
      }, settleMs),
    );
  });

  const server = createServer(async (req, res) => {
    const send = (status: number, body: string | Uint8Array, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      const asked = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      const urlPath = asked.startsWith(mount) ? '/' + asked.slice(mount.length) : asked;
      if (urlPath === WORKBOOK_CHANGES) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
        res.write(': following workbook changes\n\n');
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      if (urlPath === '/' || urlPath === '/index.html') return send(200, await gallery(), types['.html']);
      if (urlPath === '/' + INDEX_FILE) return send(200, JSON.stringify(await courseOrder(root)), types['.json']);
      const script = await (await bundle).get(urlPath);
      if (script) return send(200, script.body, script.type);
      const file = path.resolve(root, '.' + urlPath);
      if (
        !file.startsWith(root + path.sep) ||
        !(await stat(file).then(
          (s) => s.isFile(),
          () => false,
        ))
      )
        return send(404, 'Not found\n');
      return send(200, await readFile(file), types[path.extname(file)] ?? 'application/octet-stream');
    } catch (e) {
      // Said in one line, in the terminal and to the page; never a stack trace.
      const message = `gradsheet serve: ${req.url}: ${e instanceof Error ? e.message : String(e)}`;
      console.error(message);
      return send(500, message + '\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actual}/`,
    close: async () => {
      watcher.close();
      pending.forEach((t) => clearTimeout(t));
      for (const res of clients) res.end();
      clients.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await (await bundle.catch(() => undefined))?.close();
    },
  };
}
