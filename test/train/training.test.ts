// Gradient descent declared in a workbook: Step, Run, Stop and Reset, in the batch driver and
// through the runtime, on the worked example and on XOR.
import { expect } from 'chai';
import { readWorkbook } from '../../src/format/read.ts';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { Session, type Edit } from '../../src/reactive/session.ts';
import { Trainer, sliceAfter } from '../../src/reactive/trainer.ts';
import { runBatch } from '../../src/train/batch.ts';
import { History } from '../../src/store/history.ts';
import type { TrainBlock } from '../../src/format/spec.ts';
import { toJSON, valuesEqual, type Value } from '../../src/formula/value.ts';
import { readText } from '../helpers/files.ts';
import { expectValue } from '../helpers/numbers.ts';
import { notes, workbookPath } from '../helpers/lecture.ts';

const soon = (fn: () => void) => setTimeout(fn, 0);

async function open(path: string, frame = soon) {
  const session = new Session(readWorkbook(await readText(path), path));
  const block = session.spec.blocks.find((b): b is TrainBlock => b.kind === 'train')!;
  return { session, trainer: new Trainer(session, block, frame) };
}

/** A trainer whose frames are counted, and every step it shows. */
async function openCounted(path: string) {
  let frames = 0;
  const { session, trainer } = await open(path, (fn) => setTimeout(() => (frames++, fn()), 0));
  const steps: number[] = [];
  trainer.subscribe((s) => steps.push(s.step));
  return { session, trainer, steps, frames: () => frames };
}

const value = (session: Session, name: string) => toJSON(session.state(name)!.value!);

describe('training: the worked example', () => {
  let session: Session, trainer: Trainer;
  beforeEach(async () => ({ session, trainer } = await open(workbookPath)));
  afterEach(() => {
    trainer.dispose();
    session.dispose();
  });

  it('Step applies one update: Θ2 and Θ1 become their updated values', async () => {
    await session.settled();
    const theta1New = value(session, 'Theta1_new');
    expect(trainer.step()).to.equal(null);
    await session.settled();
    expectValue(value(session, 'Theta2'), notes.Theta2_new as never, 6, 'Theta2');
    expect(value(session, 'Theta1')).to.deep.equal(theta1New);
    expect(trainer.state.step).to.equal(1);
    expect(trainer.state.history[0][0]).to.equal(0);
    expectValue(trainer.state.history[0][1], notes.E, 6, 'loss before the step');
    expect(trainer.state.loss!).to.be.below(notes.E);
  });

  it("Reset returns to the workbook's initial values", async () => {
    trainer.step();
    trainer.step();
    trainer.reset();
    await session.settled();
    expect(value(session, 'Theta1')).to.deep.equal(notes.Theta1);
    expect(value(session, 'Theta2')).to.deep.equal(notes.Theta2);
    expect(trainer.state.step).to.equal(0);
    expect(session.edits().entries).to.deep.equal({});
  });

  it('records Step and Reset as one edit each, so they can be undone', () => {
    const edits: Edit[] = [];
    session.onEdit((e) => edits.push(e));
    trainer.step();
    trainer.reset();
    expect(edits.map((e) => (e.kind === 'group' ? `${e.label}:${e.edits.map((x) => (x as { name: string }).name).join(',')}` : e.kind))).to.deep.equal([
      'Step:Theta1,Theta2',
      'Reset:Theta1,Theta2',
    ]);
    session.apply(edits[1], true); // undo the Reset
    session.apply(edits[0], true); // undo the Step
    expect(session.edits().entries).to.deep.equal({});
  });

  it('undo and redo move the step counter and the loss curve with the weights', async () => {
    const history = new History();
    history.attach(session);
    /** Does `action`, lets the sheet compute, and says where the trainer is: its step, and the steps of its curve. */
    const after = async (action: () => unknown) => {
      await action();
      await session.settled();
      return { step: trainer.state.step, curve: trainer.state.history.map(([s]) => s) };
    };
    await session.settled();
    for (let k = 0; k < 3; k++) await after(() => trainer.step());
    expect(await after(() => history.undo())).to.deep.equal({ step: 2, curve: [0, 1, 2] });
    expect(trainer.state.loss, "the loss shown is the sheet's").to.equal(value(session, 'E'));
    expect(await after(() => history.redo())).to.deep.equal({ step: 3, curve: [0, 1, 2, 3] });
    const three = trainer.state.history.map(([s, l]) => [s, l]);
    expect((await after(() => trainer.run({ steps: 20, target: null }))).step).to.equal(23);
    expect(await after(() => history.undo()), 'undoing the Run').to.deep.equal({ step: 3, curve: [0, 1, 2, 3] });
    expect(trainer.state.history).to.deep.equal(three);
    expect(await after(() => trainer.reset())).to.deep.equal({ step: 0, curve: [0] });
    expect(await after(() => history.undo()), 'undoing the Reset gives back the curve it cleared').to.deep.equal({ step: 3, curve: [0, 1, 2, 3] });
    expect(trainer.state.history).to.deep.equal(three);
    expect(await after(() => history.redo())).to.deep.equal({ step: 0, curve: [0] });
    history.detach();
  });

  it('Run lowers the error step by step and records the curve', async () => {
    const state = await trainer.run({ steps: 50 });
    expect(state.status).to.equal('done');
    expect(state.step).to.equal(50);
    const losses = state.history.map(([, l]) => l);
    expect(losses.length).to.be.at.least(50);
    for (let k = 1; k < losses.length; k++) expect(losses[k]).to.be.below(losses[k - 1]);
    await session.settled();
    expectValue(trainer.state.loss!, value(session, 'E') as number, 12, "the trainer shows the sheet's trained error");
    expect(trainer.state.history[trainer.state.history.length - 1]).to.deep.equal([50, trainer.state.loss]);
  });
});

describe('training: XOR with a 2-2-1 sigmoid network', () => {
  const path = 'test/input/xor.md';

  it('reaches a low loss from the seeded start in the batch driver', async () => {
    const { spec, plan } = evaluateWorkbook(await readText(path));
    const block = spec.blocks.find((b): b is TrainBlock => b.kind === 'train')!;
    const result = runBatch(plan, plan.trains.get(block)!, new Map(), 5000, 0.001);
    expect(result.reason).to.equal('target');
    expect(result.history[result.history.length - 1][1]).to.be.at.most(0.001);
    expect(result.steps).to.be.within(1000, 3000);
  });

  it("runs through the page's trainer to the target loss, and the network then computes XOR", async () => {
    const { session, trainer } = await open(path);
    try {
      const state = await trainer.run();
      expect(state.status).to.equal('done');
      expect(state.message).to.contain('target loss');
      await session.settled();
      const yhat = (value(session, 'Yhat') as number[][]).map(([v]) => Math.round(v));
      expect(yhat).to.deep.equal([0, 1, 1, 0]);
    } finally {
      trainer.dispose();
      session.dispose();
    }
  });

  it('agrees value for value between the batch driver and the runtime over several steps', async () => {
    const { session, trainer } = await open(path);
    const { session: twin } = await open(path);
    try {
      for (let k = 0; k < 4; k++) {
        trainer.step(); // batch driver: updates computed by trainStep, published to the runtime
        // runtime only: each update formula evaluated on the twin's live cell values
        await twin.settled();
        const block = twin.spec.blocks.find((b): b is TrainBlock => b.kind === 'train')!;
        const step = twin.plan.trains.get(block)!;
        const live = new Map<string, Value>();
        for (const u of step.updates) live.set(u.target, u.run(u.inputs.map((n) => twin.state(n)!.value!)));
        live.forEach((v, name) => twin.setValue(name, v));
        await Promise.all([session.settled(), twin.settled()]);
        for (const cell of session.plan.cells) {
          expect(valuesEqual(session.state(cell.index)!.value!, twin.state(cell.index)!.value!), `${cell.name} after step ${k + 1}`).to.equal(true);
        }
      }
    } finally {
      trainer.dispose();
      session.dispose();
      twin.dispose();
    }
  });

  it('stops when the student edits a trained cell, and keeps that edit', async () => {
    const { session, trainer } = await open(path);
    const edits: Edit[] = [];
    session.onEdit((e) => edits.push(e));
    try {
      const running = trainer.run({ steps: 1_000_000, target: null });
      while (trainer.state.step === 0) await new Promise((r) => setTimeout(r, 5));
      session.setEntry('W1', 1, 1, '0.25');
      const state = await running;
      expect(state.status).to.equal('stopped');
      expect(state.message).to.contain('edited');
      expect(session.entryText('W1', 1, 1)).to.equal('0.25');
      const run = edits.find((e) => e.kind === 'group' && e.label === 'Run');
      expect(run, 'the run up to the edit is one undoable edit').to.not.equal(undefined);
    } finally {
      trainer.dispose();
      session.dispose();
    }
  });

  /** XOR with a history; a long run, and `act` once it has taken 50 steps. Resolves when the run has ended. */
  async function duringARun(act: (session: Session, trainer: Trainer, history: History) => void) {
    const { session, trainer } = await open(path);
    const history = new History();
    history.attach(session);
    await session.settled();
    const start = session.entriesOf('W1');
    const running = trainer.run({ steps: 1_000_000, target: null });
    while (trainer.state.step < 50) await new Promise((r) => setTimeout(r, 5));
    act(session, trainer, history);
    const state = await running;
    const close = () => {
      history.detach();
      trainer.dispose();
      session.dispose();
    };
    return { session, trainer, history, start, state, close };
  }

  it('undo during a run stops it and takes the whole run back; redo puts it back', async () => {
    const { session, trainer, history, start, state, close } = await duringARun((_s, _t, h) => h.undo());
    try {
      expect(state.status).to.equal('stopped');
      const stoppedAt = state.step;
      expect(session.entriesOf('W1'), 'the weights are back where the run started').to.deep.equal(start);
      expect(trainer.state.step).to.equal(0);
      expect(history.canRedo).to.equal(true);
      expect(history.redo()).to.deep.include({ kind: 'group', label: 'Run' });
      expect(trainer.state.step).to.equal(stoppedAt);
      expect(session.entriesOf('W1')).to.not.deep.equal(start);
    } finally {
      close();
    }
  });

  it('an edit during a run comes after the run in the history: undoing both gives back the start', async () => {
    const { session, trainer, history, start, close } = await duringARun((s) => s.setEntry('W1', 1, 1, '0.25'));
    try {
      expect(history.undoLabel, 'the edit is the newest step').to.equal('W1[1,1]');
      history.undo();
      expect(session.entryText('W1', 1, 1), 'undoing the edit gives back the trained weight').to.not.equal('0.25');
      expect(history.undo()).to.deep.include({ kind: 'group', label: 'Run' });
      expect(session.entriesOf('W1')).to.deep.equal(start);
      expect(trainer.state.step).to.equal(0);
    } finally {
      close();
    }
  });

  it('Reset during a run resets: the run is recorded first and then undone by the Reset', async () => {
    const { session, trainer, history, start, close } = await duringARun((_s, t) => t.reset());
    try {
      await new Promise((r) => setTimeout(r, 20)); // a slice that was scheduled must not publish
      expect(session.entriesOf('W1')).to.deep.equal(start);
      expect(trainer.state.step).to.equal(0);
      expect(history.undoLabel).to.equal('Reset');
      history.undo();
      expect(session.entriesOf('W1'), 'undoing the Reset gives back the trained weights').to.not.deep.equal(start);
    } finally {
      close();
    }
  });

  it('runs one step a frame when asked, publishing every step to the sheet', async () => {
    const { session, trainer, frames, steps: seen } = await openCounted(path);
    try {
      const state = await trainer.run({ steps: 12, target: null, perFrame: 1 });
      expect(state.step).to.equal(12);
      expect(frames(), 'one frame a step').to.equal(12);
      for (let k = 1; k < 12; k++) expect(seen, `step ${k} shown`).to.include(k);
    } finally {
      trainer.dispose();
      session.dispose();
    }
  });

  it('draws a short run over three frames at least, however fast its steps are', async () => {
    const { session, trainer, frames, steps: published } = await openCounted(path);
    try {
      const state = await trainer.run({ steps: 30, target: null });
      expect(state.step).to.equal(30);
      expect(frames(), 'three slices at least').to.be.at.least(3);
      expect(published.filter((s) => s > 0 && s < 30).length, 'steps shown before the end').to.be.at.least(2);
      expect(Math.max(...published.filter((s) => s < 30)), 'no slice takes more than a third of the run').to.be.at.most(20);
    } finally {
      trainer.dispose();
      session.dispose();
    }
  });

  it('gives the next slice twice the time the page took to redraw, from 10 to 200 ms', () => {
    expect(sliceAfter(0)).to.equal(10);
    expect(sliceAfter(4)).to.equal(10);
    expect(sliceAfter(30)).to.equal(60);
    expect(sliceAfter(90)).to.equal(180);
    expect(sliceAfter(5000)).to.equal(200);
  });

  it('stops when asked, within a slice', async () => {
    const { session, trainer } = await open(path);
    try {
      const running = trainer.run({ steps: 1_000_000, target: null });
      trainer.stop();
      const state = await running;
      expect(state.status).to.equal('stopped');
      expect(state.step).to.be.below(1_000_000);
    } finally {
      trainer.dispose();
      session.dispose();
    }
  });
});

describe('training: numeric trouble', () => {
  it('stops a diverging run and says at which step and which cell', async () => {
    const text = '```cells\nw = 1\nE = exp(w)\n```\n\n```train\nloss: E\nw <- w + 100 * grad(E, w)\nsteps: 50\n```\n';
    const session = new Session(readWorkbook(text));
    const trainer = new Trainer(session, session.spec.blocks[1] as TrainBlock, soon);
    try {
      const state = await trainer.run();
      expect(state.status).to.equal('failed');
      expect(state.failure!.step).to.be.within(2, 10);
      expect(state.message).to.match(/^Training stopped at step \d+: (E|w) — /);
      expect(state.failure!.error.code).to.equal('E_NONFINITE');
    } finally {
      trainer.dispose();
      session.dispose();
    }
  });

  it('reports a rule that updates a formula cell, at its line', () => {
    const { plan } = evaluateWorkbook('```cells\nw = 1\nv = 2 * w\nE = v ^ 2\n```\n\n```train\nloss: E\nv <- v - grad(E, v)\n```\n');
    expect(plan.problems).to.have.length(1);
    expect(plan.problems[0]).to.include({ line: 9, col: 1 });
    expect(plan.problems[0].message).to.contain('not an input cell');
  });

  it('reports a block without a loss or without updates', () => {
    const { plan } = evaluateWorkbook('```cells\nw = 1\n```\n\n```train\nsteps: 10\n```\n');
    expect(plan.problems.map((p) => p.message).join(' '))
      .to.contain('names no loss')
      .and.to.contain('no update rules');
  });
});
