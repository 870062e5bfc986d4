// `npm start` serves the gallery's script as one esbuild bundle, rebuilt when a source file
// changes. The server caches what its plugins transform by file path, so the bundle's entry
// must never be cached: this test edits a module of a bundle served by the real dev-server
// configuration and waits for the edit to be served.
import { expect } from 'chai';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServer, type DevServerConfig } from '@web/dev-server';
import { appBundlePlugin } from '../../scripts/dev-plugins.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = `node_modules/.cache/gradsheet-test-app-bundle-${process.pid}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('npm start: the app bundle', function () {
  this.timeout(60_000);
  let server: Awaited<ReturnType<typeof startDevServer>> | undefined;
  let base = '';

  before(async () => {
    await mkdir(path.join(root, dir), { recursive: true });
    await writeFile(path.join(root, dir, 'part.ts'), "export const word: string = 'first-version';\n");
    await writeFile(path.join(root, dir, 'app.ts'), "import { word } from './part.ts';\nconsole.log(word);\n");
    // The configuration `npm start` uses (a variable specifier: the .mjs file has no types).
    const configFile = '../../web-dev-server.config.mjs';
    const config: DevServerConfig = (await import(configFile)).default;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await startDevServer({
      config: { ...config, port, hostname: '127.0.0.1', plugins: [appBundlePlugin({ entry: `${dir}/app.ts` }), ...(config.plugins ?? [])] },
      readCliArgs: false,
      readFileConfig: false,
      autoExitProcess: false,
      logStartMessage: false,
    });
  });

  after(async () => {
    await server?.stop();
    await rm(path.join(root, dir), { recursive: true, force: true });
  });

  const served = async () => {
    const res = await fetch(`${base}/${dir}/app.ts`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.contain('javascript');
    return res.text();
  };

  it('serves the entry bundled, and an edit of one of its modules once it is rebuilt', async () => {
    const first = await served();
    expect(first).to.contain('first-version');
    expect(first, 'bundled: the module is inlined, not imported').to.not.contain('./part.ts');
    await writeFile(path.join(root, dir, 'part.ts'), "export const word: string = 'second-version';\n");
    let body = first;
    for (let k = 0; k < 100 && !body.includes('second-version'); k++) {
      await new Promise((r) => setTimeout(r, 100));
      body = await served();
    }
    expect(body).to.contain('second-version');
    expect(body).to.not.contain('first-version');
  });
});
