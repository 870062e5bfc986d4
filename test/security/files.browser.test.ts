// Files, in the page: <gs-workbook> loading each hostile file (served from a blob: URL, so the
// exact bytes reach fetch) shows its located problem — file:line:col and the code — and never
// a blank page; a file that cannot be fetched at all says so. Nothing in the file runs.
import { expect } from 'chai';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { hostileFiles } from './hostile-files.ts';
import { guardGlobalState } from './invariants.ts';

guardGlobalState();

async function mount(src: string): Promise<GsWorkbook> {
  const wb = document.createElement('gs-workbook');
  wb.src = src;
  document.body.append(wb);
  await wb.loaded.catch(() => undefined);
  await wb.settled().catch(() => undefined);
  await wb.updateComplete;
  return wb;
}

describe('<gs-workbook> with a hostile file', () => {
  for (const file of hostileFiles) {
    it(`shows where the problem is in ${file.what}`, async () => {
      const url = URL.createObjectURL(new Blob([file.bytes() as BlobPart], { type: 'text/markdown' }));
      const wb = await mount(url);
      try {
        const name = new URL(url).pathname.split('/').pop();
        const { code, line, col, says } = file.expected;
        const items = [...wb.querySelectorAll('.gs-problems li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
        const item = items.find((t) => t.includes(code));
        expect(item, items.join('\n')).to.not.equal(undefined);
        expect(item).to.contain(`${name}:${line}:${col}`);
        expect(item).to.contain(says);
        expect(wb.textContent!.trim().length, 'not a blank page').to.be.greaterThan(20);
        expect([...wb.querySelectorAll('gs-cell')].map((c) => c.getAttribute('name'))).to.deep.equal(file.cells ?? []);
        expect(wb.querySelectorAll('script').length).to.equal(0);
        expect((window as unknown as Record<string, unknown>).pwned).to.equal(undefined);
      } finally {
        wb.remove();
        URL.revokeObjectURL(url);
      }
    });
  }

  it('says a workbook that cannot be fetched cannot be loaded, and why', async () => {
    const wb = await mount('/test/security/no-such-workbook.md');
    try {
      const alert = wb.querySelector('.gs-load-error[role="alert"]');
      expect(alert?.textContent).to.contain('HTTP 404');
    } finally {
      wb.remove();
    }
  });
});
