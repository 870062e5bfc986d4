// Exercise cells as a student meets them: typing answers with the keyboard and reading the
// verdicts (right, wrong, the matching mistake, the hint), an upstream input changed making a
// right answer wrong, dependents hidden until solved, Show answer, undo, Reset all, the
// instructor view; in the lecture, answers restored after a reload and carried by a share link;
// axe-core with exercises open. The fixture workbook was written from docs/authoring.md alone.
import { expect } from 'chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { storageKey } from '../../src/store/persist.ts';
import { mount, runId, settle } from '../helpers/mount.ts';
import { cell as cellOf, control as controlOf, toolbarButton } from '../helpers/find.ts';
import { press } from '../helpers/keys.ts';
import { openFrame, reloadFrame } from '../helpers/frames.ts';

const fixture = 'test/exercise/fixtures/neuron-by-hand.md';

/** Focuses an entry and types over its text, as a student would. */
async function typeInto(wb: GsWorkbook, cell: string, label: string, text: string): Promise<void> {
  const input = controlOf(wb, cell, label);
  input.focus();
  input.select();
  await sendKeys({ type: text });
  await settle(wb);
}

const part = (wb: GsWorkbook, cell: string, selector: string) => cellOf(wb, cell).shadowRoot!.querySelector<HTMLElement>(selector);
const text = (wb: GsWorkbook, cell: string, selector: string) => part(wb, cell, selector)?.textContent!.replace(/\s+/g, ' ').trim() ?? null;
const invalid = (wb: GsWorkbook, cell: string, label: string) => controlOf(wb, cell, label).getAttribute('aria-invalid');
const progress = (wb: GsWorkbook) => wb.querySelector('.gs-progress')?.textContent;

describe('an exercise cell on the page', () => {
  let wb: GsWorkbook;
  beforeEach(async () => {
    wb = await mount(fixture);
  });
  afterEach(() => wb.remove());

  it("hides the value and formula and offers a grid of the value's shape, named NAME answer[i,j]", () => {
    expect(part(wb, 's', 'input.formula')).to.equal(null);
    expect(part(wb, 's', 'output.scalar-value')).to.equal(null);
    expect(controlOf(wb, 's', 's answer').value).to.equal('');
    expect(controlOf(wb, 'wx', 'wx answer[1,1]')).to.not.equal(null);
    expect(controlOf(wb, 'wx', 'wx answer[2,1]')).to.not.equal(null);
    expect(part(wb, 'wx', '[aria-label="wx answer[1,2]"]')).to.equal(null);
    expect(cellOf(wb, 's').value, 'the value is still computed, for the cells that read it').to.equal(-0.25);
    expect(progress(wb)).to.equal('0 of 3 exercises solved');
  });

  it('marks a wrong entry, names the matching mistake, offers the first hint, then marks it right', async () => {
    await typeInto(wb, 's', 's answer', '-0.5');
    expect(invalid(wb, 's', 's answer')).to.equal('true');
    expect(text(wb, 's', '.mistake')).to.equal('You left out the bias b.');
    expect(text(wb, 's', '.hints'))
      .to.contain('Hint 1 of 2:')
      .and.to.contain('Multiply entry by entry')
      .and.not.to.contain('Then add the bias');
    expect(text(wb, 's', '[role=status].exercise-status')).to.equal('s answer: not right yet. You left out the bias b.');
    part(wb, 's', 'button.next-hint')!.click();
    await settle(wb);
    expect(text(wb, 's', '.hints'))
      .to.contain('Hint 2 of 2:')
      .and.to.contain('Then add the bias');
    await typeInto(wb, 's', 's answer', '0.3');
    expect(invalid(wb, 's', 's answer')).to.equal('true');
    expect(part(wb, 's', '.mistake'), 'a wrong answer that is not the mistake names none').to.equal(null);
    await typeInto(wb, 's', 's answer', '-0.25');
    expect(invalid(wb, 's', 's answer')).to.equal('false');
    expect(text(wb, 's', '[role=status].exercise-status')).to.equal('s answer: right. Solved: every entry is right.');
    expect(text(wb, 's', '.exercise-progress')).to.contain('Solved');
    expect(part(wb, 's', '.hints')).to.equal(null);
    expect(progress(wb)).to.equal('1 of 3 exercises solved');
  });

  it('grades against the live value: changing an input upstream makes a right answer wrong', async () => {
    await typeInto(wb, 's', 's answer', '-0.25');
    expect(invalid(wb, 's', 's answer')).to.equal('false');
    await typeInto(wb, 'b', 'b', '1');
    expect(cellOf(wb, 's').value).to.equal(0.5);
    expect(invalid(wb, 's', 's answer')).to.equal('true');
    expect(progress(wb)).to.equal('0 of 3 exercises solved');
    await typeInto(wb, 's', 's answer', '0.5');
    expect(invalid(wb, 's', 's answer')).to.equal('false');
  });

  it('moves through a matrix answer with the keys of a matrix, grading each entry', async () => {
    controlOf(wb, 'wx', 'wx answer[1,1]').focus();
    await sendKeys({ type: '2.5' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: '0.5' });
    await settle(wb);
    expect([invalid(wb, 'wx', 'wx answer[1,1]'), invalid(wb, 'wx', 'wx answer[2,1]')]).to.deep.equal(['true', 'true']);
    expect(text(wb, 'wx', '.mistake')).to.equal('You added where you should multiply.');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ type: '1' });
    await press('Control+End');
    await sendKeys({ type: '-1.5' });
    await settle(wb);
    expect([invalid(wb, 'wx', 'wx answer[1,1]'), invalid(wb, 'wx', 'wx answer[2,1]')]).to.deep.equal(['false', 'false']);
    expect(text(wb, 'wx', '.exercise-progress')).to.contain('Solved');
    expect(part(wb, 'wx', '.mistake')).to.equal(null);
  });

  it('keeps a dependent hidden until its exercise is solved, while it computes from the value', async () => {
    expect(text(wb, 'E', '.hidden-until')).to.equal('Solve the exercise h first: this cell is shown once it is solved.');
    expect(cellOf(wb, 'E').value).to.be.closeTo(0.5 * (1 - 1 / (1 + Math.exp(0.25))) ** 2, 1e-12);
    await typeInto(wb, 'h', 'h answer', '0.44');
    expect(part(wb, 'E', '.hidden-until')).to.equal(null);
    expect(part(wb, 'E', 'output.scalar-value')).to.not.equal(null);
  });

  it('shows the answer as an undoable edit, and undoes typed answers with Ctrl+Z', async () => {
    part(wb, 'h', 'button.show-answer')!.click();
    await settle(wb);
    expect(part(wb, 'h', 'button.show-answer')!.getAttribute('aria-pressed')).to.equal('true');
    expect(text(wb, 'h', '.answer-shown')).to.equal(`The answer: ${(1 / (1 + Math.exp(0.25))).toPrecision(6)}`);
    expect(part(wb, 'E', '.hidden-until'), 'a shown answer shows its dependents').to.equal(null);
    await typeInto(wb, 's', 's answer', '-0.25');
    await press('Control+z');
    await settle(wb);
    expect(controlOf(wb, 's', 's answer').value).to.equal('');
    toolbarButton(wb, 'Undo').click();
    await settle(wb);
    expect(part(wb, 'h', '.answer-shown')).to.equal(null);
    expect(part(wb, 'h', 'button.show-answer')!.getAttribute('aria-pressed')).to.equal('false');
    toolbarButton(wb, 'Redo').click();
    await settle(wb);
    expect(part(wb, 'h', '.answer-shown')).to.not.equal(null);
  });

  it('clears every answer with Reset all, and Undo brings them back', async () => {
    await typeInto(wb, 's', 's answer', '-0.25');
    await typeInto(wb, 'wx', 'wx answer[1,1]', '1');
    toolbarButton(wb, 'Reset all').click();
    await settle(wb);
    expect([controlOf(wb, 's', 's answer').value, controlOf(wb, 'wx', 'wx answer[1,1]').value]).to.deep.equal(['', '']);
    expect(progress(wb)).to.equal('0 of 3 exercises solved');
    toolbarButton(wb, 'Undo').click();
    await settle(wb);
    expect([controlOf(wb, 's', 's answer').value, controlOf(wb, 'wx', 'wx answer[1,1]').value]).to.deep.equal(['-0.25', '1']);
    expect(progress(wb)).to.equal('1 of 3 exercises solved');
  });

  it('prints an answer grid blank: the typed text, the marks and the hints are not printed', async () => {
    await typeInto(wb, 's', 's answer', '-0.5');
    await emulateMedia({ media: 'print' });
    try {
      const entry = controlOf(wb, 's', 's answer');
      expect(getComputedStyle(entry).color).to.equal('rgba(0, 0, 0, 0)');
      expect(getComputedStyle(entry).webkitTextFillColor).to.equal('rgba(0, 0, 0, 0)');
      for (const selector of ['.mark', '.mistake', '.hints', '.exercise-tools'])
        expect(getComputedStyle(part(wb, 's', selector)!).display, selector).to.equal('none');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    expect(getComputedStyle(controlOf(wb, 's', 's answer')).color).to.not.equal('rgba(0, 0, 0, 0)');
  });

  it('shows every answer in the instructor view', async () => {
    wb.answers = true;
    await settle(wb);
    expect(part(wb, 's', 'input.answer')).to.equal(null);
    expect(text(wb, 's', 'output.scalar-value')).to.equal('−0.25');
    expect(part(wb, 'E', '.hidden-until')).to.equal(null);
    expect(wb.querySelector('.gs-instructor')!.textContent).to.equal('Instructor view: every answer is shown.');
  });
});

describe('exercises of the lecture, reloaded and shared', () => {
  const workbook = `07-backpropagation.md?exercise=${runId}`;
  const key = storageKey(`${location.origin}/workbooks/${workbook}`);
  const frames: HTMLIFrameElement[] = [];
  after(() => {
    frames.forEach((f) => f.remove());
    localStorage.removeItem(key);
  });
  const frameWorkbook = (frame: HTMLIFrameElement) => frame.contentDocument!.querySelector('gs-workbook') as GsWorkbook;

  it('restores answers after a reload, and a share link carries them to someone else', async () => {
    const frame = await openFrame(`/index.html?w=${encodeURIComponent(workbook)}`);
    frames.push(frame);
    frame.contentWindow!.focus();
    let wb = frameWorkbook(frame);
    expect(wb.querySelector('.gs-progress')!.textContent).to.equal('0 of 5 exercises solved');
    // ∂E'/∂Θ2 with the slide's mistake: Θ2 in place of h1'.
    await typeInto(wb, 'dE_dTheta2_b', 'dE_dTheta2_b answer[1,1]', '-0.0296');
    expect(text(wb, 'dE_dTheta2_b', '.mistake')).to.equal("You used Θ2 where h1′ belongs: the slide's mistake.");
    await typeInto(wb, 'E_b', 'E_b answer', String(cellOf(wb, 'E_b').value));
    expect(wb.querySelector('.gs-progress')!.textContent).to.equal('1 of 5 exercises solved');

    await reloadFrame(frame);
    wb = frameWorkbook(frame);
    expect(controlOf(wb, 'E_b', 'E_b answer').value).to.equal(String(cellOf(wb, 'E_b').value));
    expect(controlOf(wb, 'dE_dTheta2_b', 'dE_dTheta2_b answer[1,1]').value).to.equal('-0.0296');
    expect(wb.querySelector('.gs-progress')!.textContent).to.equal('1 of 5 exercises solved');

    Object.defineProperty(frame.contentWindow!.navigator.clipboard, 'writeText', { configurable: true, value: async () => undefined });
    toolbarButton(wb, 'Share').click();
    await new Promise((r) => setTimeout(r, 0));
    await wb.updateComplete;
    const link = (wb.querySelector('.gs-share input') as HTMLInputElement).value;
    localStorage.removeItem(key); // someone else: nothing saved in their browser
    const theirs = await openFrame(link);
    frames.push(theirs);
    const other = frameWorkbook(theirs);
    expect(controlOf(other, 'dE_dTheta2_b', 'dE_dTheta2_b answer[1,1]').value).to.equal('-0.0296');
    expect(other.querySelector('.gs-progress')!.textContent).to.equal('1 of 5 exercises solved');
    toolbarButton(other, 'Undo').click();
    await settle(other);
    expect(controlOf(other, 'E_b', 'E_b answer').value, 'opening the link is one step that Undo takes back').to.equal('');
  });
});

describe('the instructor view from the address', () => {
  it('shows every exercise of the lecture as a cell with its value under ?answers', async () => {
    const frame = await openFrame(`/index.html?w=${encodeURIComponent(`07-backpropagation.md?instructor=${runId}`)}&answers`);
    try {
      const wb = frame.contentDocument!.querySelector('gs-workbook') as GsWorkbook;
      expect(part(wb, 'h1_b', 'input.answer')).to.equal(null);
      expect(part(wb, 'h1_b', 'table.matrix')!.textContent).to.contain('0.574443');
      expect(wb.querySelector('.gs-instructor')).to.not.equal(null);
    } finally {
      frame.remove();
    }
  });
});

describe('accessibility (axe-core) with exercises open', function () {
  this.timeout(60_000);
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());
  after(() => emulateMedia({ colorScheme: 'no-preference' }));

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no violations with a wrong entry, its hint, a mistake and a shown answer (${scheme})`, async () => {
      await emulateMedia({ colorScheme: scheme });
      frame = await openFrame(`/index.html?w=${encodeURIComponent(`07-backpropagation.md?axe-exercise=${runId}-${scheme}`)}`);
      frame.contentWindow!.focus();
      const wb = frame.contentDocument!.querySelector('gs-workbook') as GsWorkbook;
      await typeInto(wb, 'dE_dTheta2_b', 'dE_dTheta2_b answer[1,1]', '-0.0296');
      await typeInto(wb, 'h1_b', 'h1_b answer[1,1]', '0.9');
      (part(wb, 'y_hat_b', 'button.show-answer') as HTMLButtonElement).click();
      await settle(wb);
      expect(part(wb, 'dE_dTheta2_b', '.mistake')).to.not.equal(null);
      expect(part(wb, 'h1_b', '.hints')).to.not.equal(null);
      const win = frame.contentWindow as Window & {
        axe?: { run(d: Document, o: object): Promise<{ violations: { id: string; nodes: { target: unknown[]; failureSummary: string }[] }[] }> };
      };
      const script = frame.contentDocument!.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      await new Promise((resolve, reject) => {
        script.onload = resolve;
        script.onerror = reject;
        frame!.contentDocument!.head.append(script);
      });
      const result = await win.axe!.run(frame.contentDocument!, { resultTypes: ['violations'] });
      expect(result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${JSON.stringify(n.target)}: ${n.failureSummary}`))).to.deep.equal([]);
      localStorage.removeItem(storageKey(`${location.origin}/workbooks/07-backpropagation.md?axe-exercise=${runId}-${scheme}`));
    });
  }
});
