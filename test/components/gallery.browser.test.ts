// The gallery: every workbook in lecture order, and an open workbook with links to the
// previous and next ones, by title.
import { expect } from 'chai';
import { openFrame } from '../helpers/page.ts';

const lecture = [
  '01-perceptron.md', '02-activation-functions.md', '03-logic-gates.md', '04-mlp-xor.md', '05-multiplication-gate.md',
  '06-universal-approximation.md', '07-backpropagation.md', '08-loss-functions.md', '09-gradient-descent.md', '10-vanishing-gradient.md',
];

async function until(frame: HTMLIFrameElement, condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => frame.contentWindow!.setTimeout(r, 25));
  expect(condition(), what).to.equal(true);
}

describe('the gallery', () => {
  it('lists the lecture\'s workbooks in lecture order, by title', async () => {
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
});
