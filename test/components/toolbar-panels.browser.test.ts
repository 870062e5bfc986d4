// Share and Graph open where the student is: scrolled far down a workbook, the share link and the
// dependency graph are in view and focused, and Escape closes them with focus back on their button.
import { expect } from 'chai';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { mount } from '../helpers/mount.ts';
import { deepActive, toolbarButton } from '../helpers/find.ts';
import { until } from '../helpers/wait.ts';

const inView = (el: Element) => {
  const r = el.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.top < innerHeight && r.bottom > 0;
};

describe('the toolbar panels, opened far down the page', () => {
  let wb: GsWorkbook;
  beforeEach(async () => {
    await setViewport({ width: 1000, height: 700 });
    wb = await mount('workbooks/07-backpropagation.md');
    scrollTo({ top: document.documentElement.scrollHeight });
    expect(scrollY, 'the page is scrolled').to.be.above(1000);
  });
  afterEach(() => {
    wb.remove();
    scrollTo({ top: 0 });
  });

  it('opens the share link in view with focus in it; Escape closes it and focuses Share', async () => {
    const share = toolbarButton(wb, 'Share');
    share.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!wb.querySelector('.gs-share input'), 'the share link opens');
    const input = wb.querySelector<HTMLInputElement>('.gs-share input')!;
    await until(() => deepActive() === input, 'focus moves into the share link');
    expect(inView(input), 'the share link is in view').to.equal(true);
    expect(input.value).to.contain('#gs=');
    await sendKeys({ press: 'Escape' });
    await wb.updateComplete;
    expect(wb.querySelector('.gs-share')).to.equal(null);
    expect(deepActive()).to.equal(share);
  });

  it('scrolls the graph into view with focus on a node; Escape closes it, focuses Graph and scrolls back', async () => {
    const at = scrollY;
    const graphButton = toolbarButton(wb, 'Graph');
    graphButton.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => (deepActive() as HTMLElement | null)?.matches('button.node') === true, 'focus moves to a node of the graph');
    const panel = wb.querySelector<HTMLElement>('.gs-graph-panel')!;
    expect(inView(panel), 'the graph is in view').to.equal(true);
    expect(inView(deepActive()!), 'the focused node is in view').to.equal(true);
    expect(graphButton.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await wb.updateComplete;
    expect(panel.hidden).to.equal(true);
    expect(graphButton.getAttribute('aria-expanded')).to.equal('false');
    expect(deepActive()).to.equal(graphButton);
    expect(Math.abs(scrollY - at), 'back where the student was').to.be.below(2);
  });
});
