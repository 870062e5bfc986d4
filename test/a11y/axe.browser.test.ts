// An automated accessibility check (axe-core, every rule it runs by default) of every page a
// student opens: the gallery and each workbook listed by /workbooks/index.json (whatever is
// there when the tests run), in the light and the dark colour scheme, each page as the site
// serves it (index.html in an iframe). Also the workbook page with its graph view, a trace and a
// share link showing, and in present mode, slide by slide. Any violation fails, listing the
// rule, the element and what is wrong.
import { expect } from 'chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { settle } from '../helpers/mount.ts';
import { openFrame } from '../helpers/frames.ts';

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: unknown[]; failureSummary: string }[] }[];
}

const files = (await (await fetch('/workbooks/index.json', { cache: 'no-cache' })).json()) as string[];

/** Runs axe-core inside the frame's page (loaded there as a classic script, as a page would). */
async function axe(frame: HTMLIFrameElement): Promise<string[]> {
  const win = frame.contentWindow as Window & { axe?: { run(context: Document, options: object): Promise<AxeResult> } };
  if (!win.axe) {
    const script = frame.contentDocument!.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    frame.contentDocument!.head.append(script);
    await loaded;
  }
  const result = await win.axe!.run(frame.contentDocument!, { resultTypes: ['violations'] });
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${JSON.stringify(n.target)}: ${v.help}. ${n.failureSummary}`));
}

describe('accessibility (axe-core) of every page', function () {
  this.timeout(60_000);
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());
  after(() => emulateMedia({ colorScheme: 'no-preference' }));

  it('finds the workbooks to check', () => {
    expect(files.length).to.be.greaterThan(0);
    expect(files).to.include('07-backpropagation.md');
  });

  for (const scheme of ['light', 'dark'] as const) {
    describe(`in the ${scheme} colour scheme`, () => {
      before(() => emulateMedia({ colorScheme: scheme }));

      it('the gallery has no violations', async () => {
        frame = await openFrame('/index.html');
        expect(await axe(frame)).to.deep.equal([]);
      });

      for (const file of files) {
        it(`${file} has no violations`, async () => {
          frame = await openFrame(`/index.html?w=${encodeURIComponent(file)}`);
          expect(frame.contentDocument!.querySelector('gs-workbook') !== null, file).to.equal(true);
          expect(await axe(frame)).to.deep.equal([]);
        });
      }

      it('a workbook with its graph open, a cell traced and a share link shown has no violations', async () => {
        frame = await openFrame('/index.html?w=07-backpropagation.md');
        const wb = frame.contentDocument!.querySelector('gs-workbook') as GsWorkbook;
        const button = (text: string) => [...wb.querySelectorAll<HTMLButtonElement>('.gs-toolbar button')].find((b) => b.textContent!.trim() === text)!;
        Object.defineProperty(frame.contentWindow!.navigator.clipboard, 'writeText', { configurable: true, value: async () => undefined });
        frame.contentWindow!.focus();
        wb.querySelector('gs-cell[name="h1"]')!.shadowRoot!.querySelector<HTMLInputElement>('input.formula')!.focus();
        await sendKeys({ press: 'End' });
        await wb.tools.toggleGraph();
        await wb.tools.share();
        await settle(wb);
        await wb.querySelector('gs-graph')!.updateComplete;
        expect(wb.querySelector('gs-graph')!.shadowRoot!.querySelectorAll('button.node').length).to.be.greaterThan(10);
        expect(wb.querySelector('.gs-trace') !== null, 'a cell is traced').to.equal(true);
        expect(button('Graph').getAttribute('aria-expanded')).to.equal('true');
        expect(await axe(frame)).to.deep.equal([]);
      });

      it('a network diagram with both switches on, an edge focused and its entry outlined has no violations', async () => {
        frame = await openFrame('/index.html?w=07-backpropagation.md');
        const wb = frame.contentDocument!.querySelector('gs-workbook') as GsWorkbook;
        const net = wb.querySelector('gs-network')!;
        net.gradients = true;
        net.details = true;
        await net.drawn;
        frame.contentWindow!.focus();
        net.shadowRoot!.querySelector<SVGGElement>('g.edge[aria-label="Theta1[2,3]"]')!.focus();
        await net.updateComplete;
        expect(net.shadowRoot!.querySelector('.status')!.textContent).to.contain('Theta1[2,3]');
        expect(net.shadowRoot!.querySelectorAll('g.unit text.value').length, 'each neuron shows s, h and δ').to.be.greaterThan(12);
        expect(await axe(frame)).to.deep.equal([]);
      });

      it('a workbook in present mode has no violations on any of its slides', async () => {
        frame = await openFrame('/index.html?w=07-backpropagation.md&present=1', { width: 1024, height: 768 });
        const wb = frame.contentDocument!.querySelector('gs-workbook') as GsWorkbook;
        expect(wb.present.active).to.equal(true);
        for (let slide = 1; slide <= wb.present.count; slide++) {
          wb.present.go(slide);
          await settle(wb);
          expect(await axe(frame), `slide ${slide}`).to.deep.equal([]);
        }
      });

      it('a workbook with the Explain view of a gradient open has no violations', async () => {
        frame = await openFrame('/index.html?w=07-backpropagation.md');
        const wb = frame.contentDocument!.querySelector('gs-workbook') as GsWorkbook;
        await settle(wb);
        const cell = wb.querySelector('gs-cell[name="dE_dTheta1"]')!;
        cell.shadowRoot!.querySelector<HTMLButtonElement>('button.explain')!.click();
        for (let i = 0; i < 200 && !(cell.shadowRoot!.querySelector('gs-explain') as { isOpen?: boolean } | null)?.isOpen; i++)
          await new Promise((r) => setTimeout(r, 10));
        const view = cell.shadowRoot!.querySelector('gs-explain')!;
        expect(view.shadowRoot!.querySelectorAll('tr.factor').length, 'the factors are shown').to.equal(5);
        expect(await axe(frame)).to.deep.equal([]);
      });
    });
  }
});
