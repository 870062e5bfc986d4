// Embedding: a workbook in someone's page. Element ids of the host page, and the page's globals,
// are "not defined" to formulas, also through the Observable runtime (whose default would
// resolve an unknown name to window[name]); a hostile workbook cannot run script, load from
// elsewhere, or restyle the host page.
import { expect } from 'chai';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import { readWorkbook } from '../../src/format/read.ts';
import { Session } from '../../src/reactive/session.ts';
import { htmlProblems } from './html-checks.ts';
import { guardGlobalState } from './invariants.ts';

guardGlobalState();

async function mount(text: string): Promise<GsWorkbook> {
  const wb = document.createElement('gs-workbook');
  wb.src = URL.createObjectURL(new Blob([text], { type: 'text/markdown' }));
  document.body.append(wb);
  await wb.loaded;
  await wb.settled();
  await Promise.all([...wb.querySelectorAll<GsCell>('gs-cell')].map((c) => c.updateComplete));
  return wb;
}

const cell = (wb: GsWorkbook, name: string) => wb.querySelector<GsCell>(`gs-cell[name="${name}"]`)!;

describe('a workbook embedded in a page with element ids of its own', () => {
  const ids = ['bias', 'x', 'w', 'document', 'output'];
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    host.id = 'host-page';
    host.innerHTML = ids.map((id) => `<div id="${id}">${id}</div>`).join('');
    document.body.append(host);
    expect((window as unknown as Record<string, unknown>).bias, 'the page really has window.bias').to.be.instanceOf(HTMLElement);
  });
  afterEach(() => host.remove());

  it('says a formula naming an element id of the page is not defined', async () => {
    const wb = await mount('```cells\nx = 3\ny = bias + 1\nz = output * 2\n```\n');
    try {
      for (const [name, missing] of [
        ['y', 'bias'],
        ['z', 'output'],
      ]) {
        expect(cell(wb, name).status).to.equal('error');
        expect(cell(wb, name).error).to.deep.include({ code: 'E_NAME_UNKNOWN', root: name });
        expect(cell(wb, name).error!.message).to.contain(`"${missing}" is not defined`);
      }
    } finally {
      wb.remove();
    }
  });

  it('reads a cell, not the element, when a cell has the name of an element id', async () => {
    const wb = await mount('```cells\nx = 3\nw = [1; 2]\nsum_ = x * w\n```\n');
    try {
      expect(cell(wb, 'sum_').value).to.deep.equal([[3], [6]]);
    } finally {
      wb.remove();
    }
  });

  it('has the runtime refuse names it does not know, instead of reading window', async () => {
    const session = new Session(readWorkbook('```cells\nx = 3\n```\n', 'embed.md'));
    try {
      await session.settled();
      // the runtime module (src/reactive/binding.ts)
      const module = (session as unknown as { binding: { module: unknown } }).binding.module as { value(name: string): Promise<unknown> };
      for (const name of ['bias', 'document', 'window', 'fetch', 'x']) {
        let outcome: unknown;
        try {
          outcome = await module.value(name);
        } catch (e) {
          outcome = e;
        }
        expect(outcome, name).to.be.instanceOf(Error);
        expect((outcome as Error).message, name).to.contain(`${name} is not defined`);
      }
      // The cell itself is there, under its runtime name.
      expect(await module.value('cell:x')).to.equal(3);
    } finally {
      session.dispose();
    }
  });
});

describe('a hostile workbook in the page', () => {
  const hostile = [
    '---',
    'title: <img src=x onerror="window.pwned = 1">',
    '---',
    '# Hello <script>window.pwned = 1</script>',
    '',
    '<style>body { display: none !important; background: red !important }</style>',
    '<div id="host-page" style="position:fixed;inset:0;background:red">cover</div>',
    '[click](javascript:window.pwned=1) ![x](https://example.com/track.png) $\\href{javascript:window.pwned=1}{x}$',
    '$\\htmlStyle{position:fixed;inset:0}{\\rule{1000em}{1000em}}$ $$\\gdef\\x{1}$$',
    '',
    '```cells',
    'x = 2',
    '  label: \\href{javascript:window.pwned=1}{x}\\htmlClass{gs-problems}{y}',
    '  caption: <img src=x onerror="window.pwned=1"> [c](javascript:window.pwned=1) ![t](//example.com/t.png)',
    '  slide: 2',
    '  slide-wrong: <script>window.pwned = 1</script>',
    'y = x + 1',
    '```',
    '',
  ].join('\n');

  it('runs nothing, loads nothing from elsewhere, and leaves the host page as it was', async () => {
    const marker = document.createElement('p');
    marker.id = 'host-page';
    marker.textContent = 'the host page';
    document.body.append(marker);
    const before = {
      body: getComputedStyle(document.body).display + getComputedStyle(document.body).backgroundColor,
      title: document.title,
      href: location.href,
    };
    const wb = await mount(hostile);
    expect(wb.querySelector('h1')?.textContent, 'the workbook rendered').to.contain('Hello');
    try {
      await new Promise((r) => setTimeout(r, 50)); // give any image or handler a chance to fire
      expect((window as unknown as Record<string, unknown>).pwned).to.equal(undefined);
      expect(getComputedStyle(document.body).display + getComputedStyle(document.body).backgroundColor).to.equal(before.body);
      expect([document.title, location.href]).to.deep.equal([before.title, before.href]);
      expect(document.querySelectorAll('#host-page').length, "no element took the host's id").to.equal(1);
      expect(wb.querySelectorAll('script, style, iframe, object, embed, link, meta, base, form').length).to.equal(0);
      // What the author wrote enters the page only through trustedHTML: the prose, and in each
      // cell its label, formula and caption. Each of those fragments passes the check.
      const shadows = [...wb.querySelectorAll('gs-cell')].map((c) => c.shadowRoot!);
      const fragments = [...wb.querySelectorAll('.gs-prose'), ...shadows.flatMap((r) => [...r.querySelectorAll('.label, .tex, .caption')])];
      expect(fragments.length).to.be.greaterThan(3);
      for (const f of fragments) expect(htmlProblems(f.innerHTML), f.className).to.deep.equal([]);
      expect(wb.querySelector('.gs-prose math'), 'the TeX was typeset').to.not.equal(null);
      // And nowhere, in the light DOM or a shadow root, is there a handler or a remote image.
      for (const root of [wb, ...shadows]) {
        for (const el of root.querySelectorAll('*')) {
          expect(
            [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name),
            el.localName,
          ).to.deep.equal([]);
        }
        for (const img of root.querySelectorAll('img')) expect(new URL(img.src).origin).to.equal(location.origin);
      }
      expect(cell(wb, 'y').value).to.equal(3);
    } finally {
      wb.remove();
      marker.remove();
    }
  });
});
