// `gradsheet serve` in the repository (`npm start` is `gradsheet serve workbooks`): the first
// requests, made while the bundle is still building, wait for it instead of failing; the index
// follows the folder; a saved workbook file is announced on the live-reload stream.
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveCourse, WORKBOOK_CHANGES, type Serving } from '../../src/cli/serve.ts';

async function get(url: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

describe('gradsheet serve, from the repository’s sources', function () {
  this.timeout(120_000);
  let dir: string;
  let serving: Serving;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gradsheet-serve-'));
    await writeFile(path.join(dir, 'b.md'), '---\ntitle: B\n---\n\n```cells\nx = 1\n```\n');
    await writeFile(path.join(dir, 'a.md'), '---\ntitle: A\n---\n\n```cells\ny = 2\n```\n');
    await writeFile(path.join(dir, 'README.md'), '# My course\n');
    serving = await serveCourse({ dir, port: 0, host: '127.0.0.1', settleMs: 10 });
  });

  after(async () => {
    await serving?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers the first requests, made at once, with the page and its script, never an error', async () => {
    const [page, script] = await Promise.all([get(serving.url), get(serving.url + 'components/app.ts')]);
    expect(page.status).to.equal(200);
    // The course is also at /FOLDER/: its workbooks' addresses (and so their saved edits) are /FOLDER/FILE.md.
    expect(page.body).to.contain(`<gs-gallery index="${path.basename(dir)}/index.json"></gs-gallery>`);
    expect(page.body).to.contain('<script type="module" src="/components/app.ts"></script>');
    expect(page.body).to.contain('<title>My course</title>');
    expect(script.status).to.equal(200);
    expect(script.type).to.match(/javascript/);
    expect(script.body).to.contain('gs-gallery');
  });

  it('lists the workbooks in file-name order, or in the order of the folder’s index.json, leaving out the README', async () => {
    expect(JSON.parse((await get(serving.url + 'index.json')).body)).to.deep.equal(['a.md', 'b.md']);
    await writeFile(path.join(dir, 'index.json'), '["b.md"]');
    expect(JSON.parse((await get(serving.url + 'index.json')).body)).to.deep.equal(['b.md', 'a.md']);
    await rm(path.join(dir, 'index.json'));
  });

  it('serves the data files a workbook reads beside it, as CSV, at both of its addresses', async () => {
    await writeFile(path.join(dir, 'points.csv'), 'x,y\n1,2\n');
    for (const at of ['points.csv', `${path.basename(dir)}/points.csv`]) {
      const csv = await get(serving.url + at);
      expect([csv.status, csv.type, csv.body]).to.deep.equal([200, 'text/csv; charset=utf-8', 'x,y\n1,2\n']);
    }
    await rm(path.join(dir, 'points.csv'));
  });

  it('serves the folder’s files and nothing outside it', async () => {
    expect((await get(serving.url + 'a.md')).body).to.contain('y = 2');
    expect((await get(serving.url + `${path.basename(dir)}/a.md`)).body).to.contain('y = 2');
    expect(JSON.parse((await get(serving.url + `${path.basename(dir)}/index.json`)).body)).to.deep.equal(['a.md', 'b.md']);
    expect((await get(serving.url + '..%2Fpackage.json')).status).to.equal(404);
    expect((await get(serving.url + 'missing.md')).status).to.equal(404);
  });

  it('announces a saved workbook file on the live-reload stream', async () => {
    const event = await new Promise<string>((resolve, reject) => {
      const req = request(serving.url.slice(0, -1) + WORKBOOK_CHANGES, (res) => {
        let data = '';
        res.on('data', (chunk) => {
          data += String(chunk);
          if (data.startsWith(': following')) void writeFile(path.join(dir, 'b.md'), '---\ntitle: B\n---\n\n```cells\nx = 3\n```\n');
          const m = /event: workbook\ndata: (.*)\n\n/.exec(data);
          if (m) {
            resolve(m[1]);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(event)).to.deep.equal({ path: '/b.md' });
  });
});
