// Training from the page: Step, Run, Stop and Reset as a student uses them, with the loss plotted live.
import { expect } from 'chai';
import { a11ySnapshot, findAccessibilityNode, sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import type { GsTrain } from '../../components/gs-train.ts';
import type { GsPlot } from '../../components/gs-plot.ts';
import { expectValue } from '../helpers/numbers.ts';
import { notes, workbookPath } from '../helpers/lecture.ts';
import { storageKey } from '../../src/store/persist.ts';
import { mount as mountPage, runId, settle } from '../helpers/mount.ts';
import { control, toolbarButton } from '../helpers/find.ts';
import { enter } from '../helpers/keys.ts';
import { run, runSteps } from '../helpers/train-block.ts';
import { openFrame, reloadFrame } from '../helpers/frames.ts';

let counter = 0;
async function mount(path: string): Promise<GsWorkbook> {
  const wb = document.createElement('gs-workbook');
  wb.src = `/${path}?train-test=${++counter}`;
  document.body.append(wb);
  await wb.settled();
  return wb;
}

const train = (wb: GsWorkbook) => wb.querySelector<GsTrain>('gs-train')!;
const button = (wb: GsWorkbook, name: string) =>
  [...train(wb).shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === name)!;
const cell = (wb: GsWorkbook, name: string) => wb.querySelector<GsCell>(`gs-cell[name="${name}"]`)!;

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.equal(true);
}

describe('<gs-train> on the worked example', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount(workbookPath)));
  afterEach(() => wb.remove());

  it('offers buttons named Step, Run, Stop and Reset', async () => {
    const snapshot = await a11ySnapshot({});
    for (const name of ['Step', 'Run', 'Stop', 'Reset']) {
      expect(
        findAccessibilityNode(snapshot as never, (n: { role?: string; name?: string }) => n.role === 'button' && n.name === name),
        name,
      ).to.not.equal(null);
    }
    expect(button(wb, 'Stop').disabled).to.equal(true);
  });

  it('takes one step from the keyboard: Θ2 becomes the updated Θ2 of NOTES.md', async () => {
    button(wb, 'Step').focus();
    await sendKeys({ press: 'Enter' });
    await wb.settled();
    expectValue(cell(wb, 'Theta2').value, notes.Theta2_new as never, 6, 'Theta2 after one step');
    expect(train(wb).trainer!.state.step).to.equal(1);
    button(wb, 'Reset').focus();
    await sendKeys({ press: 'Space' });
    await wb.settled();
    expect(cell(wb, 'Theta2').value).to.deep.equal(notes.Theta2);
    expect(cell(wb, 'Theta1').value).to.deep.equal(notes.Theta1);
  });

  it('runs one step a frame when "one step a frame" is checked, so every step shows', async () => {
    const snapshot = await a11ySnapshot({});
    expect(
      findAccessibilityNode(snapshot as never, (n: { role?: string; name?: string }) => n.role === 'checkbox' && n.name === 'one step a frame'),
    ).to.not.equal(null);
    const box = train(wb).shadowRoot!.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    box.focus();
    await sendKeys({ press: 'Space' });
    expect(box.checked).to.equal(true);
    const steps = train(wb).shadowRoot!.querySelector<HTMLInputElement>('[aria-label="Steps per run"]')!;
    steps.focus();
    steps.select();
    await sendKeys({ type: '20' });
    const target = train(wb).shadowRoot!.querySelector<HTMLInputElement>('[aria-label="Target loss"]')!;
    target.focus();
    target.select();
    await sendKeys({ press: 'Backspace' });
    const shown: number[] = [];
    const unsubscribe = train(wb).trainer!.subscribe((state) => shown.push(state.step));
    button(wb, 'Run').click();
    await until(() => train(wb).trainer!.state.status === 'done', 'the run ends');
    unsubscribe();
    expect(train(wb).trainer!.state.step).to.equal(20);
    for (let k = 1; k <= 20; k++) expect(shown, `step ${k} shown`).to.include(k);
  });
});

describe('<gs-train> on XOR', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mount('test/input/xor.md')));
  afterEach(() => wb.remove());

  it('runs to the target loss, shows progress and plots every recorded step', async () => {
    expect(train(wb).shadowRoot!.querySelector('gs-plot'), 'no chart of a single point before training').to.equal(null);
    button(wb, 'Run').click();
    await until(() => train(wb).trainer!.state.status !== 'running', 'the run ends');
    const state = train(wb).trainer!.state;
    expect(state.status).to.equal('done');
    expect(state.loss!).to.be.at.most(0.001);
    await wb.settled();
    await train(wb).updateComplete;
    const plot = train(wb).shadowRoot!.querySelector<GsPlot>('gs-plot')!;
    await plot.drawn;
    const points = plot.view!.data('loss') as { step: number; loss: number }[];
    expect(points.length).to.equal(state.history.length);
    expect(points[0].loss).to.be.above(points[points.length - 1].loss);
    expect(plot.shadowRoot!.querySelector('svg path')).to.not.equal(null);
    const status = train(wb).shadowRoot!.querySelector('[role=status]')!.textContent!;
    expect(status).to.contain(`step ${state.step}`).and.to.contain('target loss');
    const yhat = (cell(wb, 'Yhat').value as number[][]).map(([v]) => Math.round(v));
    expect(yhat).to.deep.equal([0, 1, 1, 0]);
  });

  it('stops when Stop is pressed, and the page kept responding meanwhile', async () => {
    const steps = train(wb).shadowRoot!.querySelector<HTMLInputElement>('[aria-label="Steps per run"]')!;
    steps.value = '1000000';
    steps.dispatchEvent(new Event('input'));
    const target = train(wb).shadowRoot!.querySelector<HTMLInputElement>('[aria-label="Target loss"]')!;
    target.value = '';
    target.dispatchEvent(new Event('input'));
    button(wb, 'Run').click();
    let frames = 0;
    await until(() => train(wb).trainer!.state.step > 3000, 'the run makes progress');
    await new Promise<void>((resolve) => {
      const tick = () => (++frames < 5 ? requestAnimationFrame(tick) : resolve());
      requestAnimationFrame(tick);
    });
    expect(button(wb, 'Stop').disabled).to.equal(false);
    button(wb, 'Stop').click();
    await until(() => train(wb).trainer!.state.status === 'stopped', 'the run stops');
    const stoppedAt = train(wb).trainer!.state.step;
    expect(stoppedAt).to.be.below(1_000_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(train(wb).trainer!.state.step).to.equal(stoppedAt);
    button(wb, 'Reset').click();
    await wb.settled();
    expect(cell(wb, 'b2').value).to.equal(-0.1251);
  });
});

describe('<gs-train> and Reset all (workbook 06)', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mountPage('workbooks/06-universal-approximation.md')));
  afterEach(() => wb.remove());

  it('Reset all takes the trainer back to step 0 with no curve, and the next run is drawn on its own axis', async () => {
    await enter(wb, control(wb, 'gamma', 'gamma'), '2');
    runSteps(wb, 400);
    const diverged = await run(wb);
    expect(diverged.status, diverged.message).to.equal('failed');
    const failedAt = diverged.step;
    expect(failedAt).to.be.above(0);
    toolbarButton(wb, 'Reset all').click();
    await settle(wb);
    await train(wb).updateComplete;
    const state = train(wb).trainer!.state;
    expect(state.step).to.equal(0);
    expect(state.history.length).to.be.at.most(1);
    expect(state.message).to.equal(undefined);
    expect(train(wb).shadowRoot!.querySelector('.where')!.textContent).to.match(/^step 0 · loss/);
    expect(train(wb).shadowRoot!.querySelector('gs-plot'), 'no curve after Reset all').to.equal(null);
    expect(cell(wb, 'gamma').value).to.equal(0.5);

    runSteps(wb, 50);
    const good = await run(wb);
    expect(good.status).to.equal('done');
    expect(good.step).to.equal(50);
    const plot = train(wb).shadowRoot!.querySelector<GsPlot>('gs-plot')!;
    await plot.drawn;
    const losses = (plot.view!.data('loss') as { loss: number }[]).map((r) => r.loss);
    expect(Math.max(...losses)).to.equal(good.history[0][1]);
    const [, top] = (plot.view as unknown as { scale(n: string): { domain(): number[] } }).scale('y').domain();
    expect(top).to.be.below(2 * good.history[0][1]);

    // Undo takes the run back, then Reset all, and the diverged counter with it.
    toolbarButton(wb, 'Undo').click();
    toolbarButton(wb, 'Undo').click();
    await settle(wb);
    expect(train(wb).trainer!.state.step).to.equal(failedAt);
    expect(train(wb).trainer!.state.history.length).to.be.above(1);
  });
});

describe('the loss curve of a diverging run (workbook 06)', () => {
  let wb: GsWorkbook;
  beforeEach(async () => (wb = await mountPage('workbooks/06-universal-approximation.md')));
  afterEach(() => wb.remove());

  it('says how many losses it cannot draw, offers a log scale from the keyboard, and is titled with the loss label', async () => {
    await enter(wb, control(wb, 'gamma', 'gamma'), '2');
    runSteps(wb, 400);
    const state = await run(wb);
    expect(state.status).to.equal('failed');
    const huge = state.history.filter(([, loss]) => Math.abs(loss) > 1e30).length;
    expect(huge, 'the run diverged').to.be.above(0);
    await train(wb).updateComplete;
    const root = train(wb).shadowRoot!;
    const plot = root.querySelector<GsPlot>('gs-plot')!;
    await plot.drawn;
    expect((plot.view!.data('loss') as unknown[]).length).to.equal(state.history.length - huge);
    expect(root.querySelector('.curve .beyond')!.textContent).to.equal(`${huge} ${huge === 1 ? 'point' : 'points'} beyond ±1e30 not drawn.`);
    expect(root.querySelector('.curve-title')!.textContent!.replace(/\s+/g, ' ')).to.match(/^E.* per step$/);
    expect(root.querySelector('.curve-title annotation')!.textContent).to.equal('E');

    const snapshot = await a11ySnapshot({});
    expect(findAccessibilityNode(snapshot as never, (n: { role?: string; name?: string }) => n.role === 'checkbox' && n.name === 'log scale')).to.not.equal(
      null,
    );
    const log = root.querySelector<HTMLInputElement>('.curve-head input[type=checkbox]')!;
    log.focus();
    await sendKeys({ press: 'Space' });
    expect(log.checked).to.equal(true);
    await train(wb).updateComplete;
    const logPlot = root.querySelector<GsPlot>('gs-plot')!;
    await until(() => (logPlot.view as unknown as { scale(n: string): { type: string } } | undefined)?.scale('y').type === 'log', 'the y axis is a log scale');
    await logPlot.drawn;
    expect((logPlot.view!.data('loss') as unknown[]).length, 'every positive loss on the log scale').to.equal(state.history.filter(([, l]) => l > 0).length);
    expect(root.querySelector('.curve .beyond'), 'nothing left out on the log scale').to.equal(null);
    const ticks = [...logPlot.shadowRoot!.querySelectorAll('svg .role-axis-label text')].map((t) => t.getBoundingClientRect());
    const chart = logPlot.shadowRoot!.querySelector('svg')!.getBoundingClientRect();
    for (const t of ticks) expect(t.left, 'a tick label inside the chart').to.be.at.least(chart.left - 0.5);
  });
});

describe('<gs-train> after a reload', () => {
  const workbook = `07-backpropagation.md?train-restored=${runId}`;
  let frame: HTMLIFrameElement | undefined;
  after(() => {
    frame?.remove();
    localStorage.removeItem(storageKey(`${location.origin}/workbooks/${workbook}`));
  });
  const inFrame = () => frame!.contentDocument!.querySelector('gs-workbook') as GsWorkbook;
  const status = () => train(inFrame()).shadowRoot!.querySelector('[role=status]')!.textContent!.replace(/\s+/g, ' ').trim();

  it('says the weights were restored from the last visit, without their step count and curve, until the next step', async () => {
    frame = await openFrame(`/index.html?w=${encodeURIComponent(workbook)}`);
    expect(status()).to.not.contain('restored');
    button(inFrame(), 'Step').click();
    await inFrame().settled();
    const stepped = cell(inFrame(), 'Theta2').value;
    expect(train(inFrame()).trainer!.state.step).to.equal(1);

    await reloadFrame(frame);
    await train(inFrame()).updateComplete;
    expect(cell(inFrame(), 'Theta2').value, 'the trained weights are back').to.deep.equal(stepped);
    expect(train(inFrame()).trainer!.state.step).to.equal(0);
    expect(status()).to.match(/^step 0 · loss \S+ Weights restored from your last visit \(the step count and the loss curve are not kept\)\.$/);

    button(inFrame(), 'Step').click();
    await inFrame().settled();
    await train(inFrame()).updateComplete;
    expect(status()).to.not.contain('restored');
    expect(train(inFrame()).trainer!.state.step).to.equal(1);
  });
});
