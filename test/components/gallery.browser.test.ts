// The gallery: every workbook in lecture order, and an open workbook with links to the
// previous and next ones, by title.
import { expect } from 'chai';
import { openFrame } from '../helpers/frames.ts';
import { until } from '../helpers/wait.ts';
import { lectureWorkbooks } from '../helpers/lecture.ts';

const lecture = lectureWorkbooks;

describe('the gallery', () => {
  it("lists the lecture's workbooks in lecture order, by title", async () => {
    const frame = await openFrame('/index.html');
    try {
      const links = [...frame.contentDocument!.querySelectorAll<HTMLAnchorElement>('gs-gallery ol.gs-list li > a')];
      expect(links.map((a) => decodeURIComponent(a.getAttribute('href')!.replace('?w=', '')))).to.deep.equal(lecture);
      expect(links[6].textContent).to.equal('Forward and back propagation');
      expect(links[0].closest('li')!.querySelector('p')!.textContent).to.contain('perceptron');
    } finally {
      frame.remove();
    }
  });

  it('opens a workbook between links to the previous and the next, named by their titles', async () => {
    const frame = await openFrame('/index.html?w=07-backpropagation.md');
    try {
      const doc = frame.contentDocument!;
      const link = (rel: string) => doc.querySelector<HTMLAnchorElement>(`nav.gs-pager a[rel=${rel}]`);
      await until(frame, () => !!link('next')?.textContent?.includes('Loss functions'), 'the next workbook is named by its title');
      expect(link('prev')!.textContent).to.contain('Universal approximation');
      expect(link('prev')!.getAttribute('href')).to.equal('?w=06-universal-approximation.md');
      expect(doc.querySelector('gs-cell[name="y_hat"]')).to.not.equal(null);
    } finally {
      frame.remove();
    }
  });

  for (const [what, w] of [
    ['a data: URL', 'data:text/markdown,%23%20Official%20notice%0A%0AVisit%20evil.example'],
    ['a file outside the workbooks', '../README.md'],
    ['a path outside the workbooks, spelled with %2e', '%2e%2e/README.md'],
    ['another origin', 'http://127.0.0.1:9/x.md'],
    ['another origin, without a scheme', '//example.com/07-backpropagation.md'],
    ['a file the index does not list', 'no-such-workbook.md'],
  ]) {
    it(`opens no workbook for ${what} in ?w=, and says it opens only its own`, async () => {
      // Not openFrame: it waits for a workbook or the list, and this page shows neither.
      const frame = document.createElement('iframe');
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.src = `/index.html?w=${encodeURIComponent(w)}`;
      document.body.append(frame);
      await loaded;
      try {
        const doc = frame.contentDocument!;
        await until(frame, () => !!doc.querySelector('gs-gallery [role="alert"]'), 'the gallery says why');
        expect(doc.querySelector('gs-gallery [role="alert"]')!.textContent).to.equal(
          `This site opens only its own workbooks, and "${w}" is not one of them: choose a workbook from the list of all workbooks.`,
        );
        expect(doc.querySelector('gs-workbook'), 'no workbook element').to.equal(null);
        expect(doc.querySelector<HTMLAnchorElement>('gs-gallery nav a')!.getAttribute('href')).to.equal('./');
        const fetched = (frame.contentWindow!.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => r.name);
        expect(
          fetched.filter((u) => u.includes('README') || u.startsWith('data:') || !u.startsWith(location.origin)),
          fetched.join('\n'),
        ).to.deep.equal([]);
      } finally {
        frame.remove();
      }
    });
  }

  it('still opens a listed workbook with a query after its name (?w=07-backpropagation.md?v=2)', async function () {
    this.timeout(60_000);
    const frame = await openFrame(`/index.html?w=${encodeURIComponent('07-backpropagation.md?v=2')}`);
    try {
      const doc = frame.contentDocument!;
      await until(frame, () => !!doc.querySelector('gs-cell[name="y_hat"]'), 'the workbook opens');
      expect(doc.querySelector('gs-workbook')!.getAttribute('src')).to.equal(`${location.origin}/workbooks/07-backpropagation.md?v=2`);
    } finally {
      frame.remove();
    }
  });
});
