// Live reload as an author meets it: the workbook file is saved on disk while a student has
// edited the page. The whole path is real: the file is written (a test-runner command), the
// dev plugin's watcher announces it on its event stream, the page reads the file again and
// carries the edits over to a new session.
import { expect } from 'chai';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import { followWorkbookChanges, type LiveReload } from '../../components/live-reload.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import type { Reload } from '../../src/reactive/registry.ts';

const v1 = `# Live reload

\`\`\`cells
x = [1; 2]
w = [3; 4]
gone = [7, 8]
s = w' * x
\`\`\`
`;

// The author changes the formula of s, removes "gone", adds "t".
const v2 = `# Live reload

\`\`\`cells
x = [1; 2]
w = [3; 4]
s = w' * x + 100
t = 2 * s
\`\`\`
`;

const save = (name: string, text: string) => executeServerCommand('gs-save-workbook', { name, text });

function cell(wb: GsWorkbook, name: string): GsCell | null {
  return wb.querySelector<GsCell>(`gs-cell[name="${name}"]`);
}

async function typeInto(wb: GsWorkbook, cellName: string, label: string, text: string): Promise<void> {
  const input = cell(wb, cellName)!.shadowRoot!.querySelector<HTMLInputElement>(`[aria-label="${label}"]`)!;
  input.focus();
  input.select();
  await sendKeys({ type: text });
  await wb.settled();
}

async function settle(wb: GsWorkbook): Promise<void> {
  await wb.settled();
  await Promise.all([...wb.querySelectorAll<GsCell>('gs-cell')].map((c) => c.updateComplete));
}

describe('live reload of a workbook file', () => {
  let live: LiveReload;
  let wb: GsWorkbook;
  // Unique per run: engineers running the tests at once share test-results/live-reload/.
  const name = `edits-survive-${crypto.randomUUID().slice(0, 8)}.md`;

  before(async () => {
    live = followWorkbookChanges();
    await live.ready;
  });
  after(async () => {
    live.close();
    await executeServerCommand('gs-delete-workbook', { name });
  });

  it('keeps the edits to cells that still exist and names those it could not keep', async () => {
    await save(name, v1);
    wb = document.createElement('gs-workbook');
    wb.src = `/test-results/live-reload/${name}`;
    document.body.append(wb);
    await wb.loaded;
    await settle(wb);
    expect(cell(wb, 's')!.value).to.equal(11);

    await typeInto(wb, 'x', 'x[1,1]', '5');
    await typeInto(wb, 'gone', 'gone[1,2]', '9');
    expect(cell(wb, 's')!.value).to.equal(23);
    const before = wb.session;

    const reloaded = new Promise<Reload>((resolve) => wb.addEventListener('gs-reload', (e) => resolve((e as CustomEvent<Reload>).detail), { once: true }));
    await save(name, v2);
    const reload = await reloaded;
    await settle(wb);

    expect(reload.dropped).to.deep.equal(['gone']);
    expect(wb.session).to.not.equal(before);
    // The new formula, computed from the student's x: 3·5 + 4·2 + 100.
    expect(cell(wb, 'x')!.value).to.deep.equal([[5], [2]]);
    expect(cell(wb, 's')!.value).to.equal(123);
    expect(cell(wb, 't')!.value).to.equal(246);
    expect(cell(wb, 'gone')).to.equal(null);
    // The entry shows what the student typed, and the page says which edit was lost.
    const entry = cell(wb, 'x')!.shadowRoot!.querySelector<HTMLInputElement>('[aria-label="x[1,1]"]')!;
    expect(entry.value).to.equal('5');
    const notice = wb.querySelector('.gs-reload')!;
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.textContent).to.contain('Your edits to gone could not be kept');

    // Edits go on working on the new session.
    await typeInto(wb, 'x', 'x[2,1]', '0');
    expect(cell(wb, 't')!.value).to.equal(2 * (15 + 100));
    wb.remove();
  });

  it('lets go of its stream while hidden, and reads a file saved meanwhile when shown again', async () => {
    const hiddenName = `hidden-${crypto.randomUUID().slice(0, 8)}.md`;
    const visibility = (state: DocumentVisibilityState) => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    try {
      await save(hiddenName, v1);
      const page = document.createElement('gs-workbook');
      page.src = `/test-results/live-reload/${hiddenName}`;
      document.body.append(page);
      await page.loaded;
      await settle(page);
      expect(live.connected).to.equal(true);
      visibility('hidden');
      expect(live.connected, 'a hidden page holds no connection').to.equal(false);
      await save(hiddenName, v2);
      await new Promise((r) => setTimeout(r, 300));
      expect(cell(page, 't'), 'nothing is announced to a hidden page').to.equal(null);
      const reloaded = new Promise<void>((resolve) => page.addEventListener('gs-reload', () => resolve(), { once: true }));
      visibility('visible');
      expect(live.connected).to.equal(true);
      await reloaded;
      await settle(page);
      expect(cell(page, 't')!.value).to.equal(2 * (11 + 100));
      page.remove();
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      await executeServerCommand('gs-delete-workbook', { name: hiddenName });
    }
  });
});
