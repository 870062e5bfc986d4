// Step, Run, Stop and Reset for one ```train block of a live session.
//
// Run computes in the batch driver (src/train/batch.ts) in slices, one per animation frame,
// and publishes the weights to the runtime after each slice: thousands of steps take seconds,
// the page stays responsive, and Stop takes effect by the next slice. A slice takes twice as
// long as the page took to redraw after the last one (10 to 200 ms), and a run is drawn over
// three frames at least. A Run
// is recorded as one edit (from its start to its end), a Step or a Reset as one group edit.

import { CellError, isCellError } from '../errors.ts';
import { messages } from '../messages.ts';
import type { TrainBlock } from '../format/spec.ts';
import type { Value } from '../formula/value.ts';
import type { CellResult } from '../graph/compile.ts';
import { failure, trainStep, type TrainFailure } from '../train/batch.ts';
import type { TrainPlan } from '../train/plan.ts';
import { sameTexts, type CellState, type Edit, type Session, type TrainingMark, type TrainingPoint } from './session.ts';

export type TrainerStatus = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

export interface TrainerState {
  status: TrainerStatus;
  /** Steps taken since the workbook's start (or the last Reset). */
  step: number;
  /** The loss at the current weights, when known. */
  loss?: number;
  /** [step, loss] pairs; thinned out evenly when very long, so it stays cheap to plot. */
  history: [number, number][];
  /** Where the current Run stops. */
  runTo?: number;
  message?: string;
  failure?: TrainFailure;
}

export type Schedule = (fn: () => void) => void;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Milliseconds of computing in a Run's first frame, and in any frame at least. */
const sliceMs = 10;
/**
 * How long the next slice computes, as a share of the time the page took since the last one
 * (redrawing the sheet and its charts from the new weights): twice as long, so that however slow
 * the charts are, a long run keeps about two thirds of the page's time (bench/page-training.ts)…
 */
const pageShare = 2;
/** …up to this (ms): Stop, and a key typed, wait at most this long and one redraw. */
const maxSliceMs = 200;
/** A Run is drawn over this many frames at least (a short one too): no slice takes more of its steps. */
const minFrames = 3;
/** How long a Run's next slice computes (ms) when the page took `pageMs` since the last one. */
export function sliceAfter(pageMs: number): number {
  return Math.min(maxSliceMs, Math.max(sliceMs, pageShare * pageMs));
}
/** History points kept before thinning. */
const maxHistory = 4000;

export class Trainer {
  readonly session: Session;
  readonly block: TrainBlock;
  state: TrainerState = { status: 'idle', step: 0, history: [] };
  private listeners = new Set<(state: TrainerState) => void>();
  private stopRequested = false;
  private stride = 1;
  private readonly unwatch: () => void;
  private readonly unwatchLoss: () => void;
  private readonly unflush: () => void;
  private readonly unreset: () => void;
  /** Ends the run going on at once, recording it: the sheet is about to be edited, or undone. */
  private endRun: (() => void) | undefined;

  /** `schedule` runs a slice in the next frame (the page passes its animation frames). */
  constructor(
    session: Session,
    block: TrainBlock,
    private readonly schedule: Schedule,
  ) {
    this.session = session;
    this.block = block;
    // Any edit of the sheet during a run (a student's entry, an undo, a Reset) first ends the
    // run, which records itself as one edit: the student's edit comes after it, and wins.
    this.unflush = session.onFlush(() => this.endRun?.());
    // An undo or redo of this trainer's Step, Run or Reset moves its counter and curve too.
    // (Its own edits are reported with this trainer as their origin, and need no following.)
    // (Reset all holds this trainer's Reset as one of its edits, a shared link holds a Reset all.)
    this.unwatch = session.onEdit((edit, origin) => {
      const mark = origin === this ? undefined : markOf(edit, block.line);
      if (mark) this.follow(mark.after);
    });
    // Reset all puts the trained weights back: the counter and the curve of them go too.
    this.unreset = session.onResetAll(() => this.resetAll());
    // The loss shown, and the last point of the curve, are the sheet's own loss cell: the
    // runtime computes it anyway, so a keystroke costs no extra training step.
    const loss = session.indexOf(block.loss);
    this.unwatchLoss = loss >= 0 ? session.subscribe(loss, (s) => this.lossChanged(s)) : () => {};
  }

  private lossChanged(s: CellState): void {
    if (this.state.status === 'running') return; // the run records its own losses
    if (s.status === 'ok' && typeof s.value === 'number') this.record(this.state.step, s.value);
    else if (s.status === 'error') delete this.state.loss;
    else return;
    this.update({});
  }

  /** The block compiled against the session's current plan (formulas may have been edited). */
  get train(): TrainPlan {
    return this.session.plan.trains.get(this.block)!;
  }

  get targets(): string[] {
    return this.block.updates.map((u) => u.target);
  }

  subscribe(listener: (state: TrainerState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  /** One gradient step: every update applied at once, as one undoable edit. */
  step(): TrainFailure | null {
    if (this.state.status === 'running') return null;
    const problem = this.blocked();
    if (problem) return problem;
    const result = trainStep(this.session.plan, this.train, this.session.inputValues());
    if (isCellError(result)) return this.fail(this.state.step + 1, result);
    this.publish(result.next, this.mark({ step: this.state.step + 1 }));
    this.record(this.state.step, result.loss);
    this.update({ status: 'idle', step: this.state.step + 1, message: undefined, failure: undefined });
    return null;
  }

  /**
   * Runs until `steps` more steps are taken, the loss reaches `target`, Stop, or a failure.
   * Both default to the block's own settings; `target: null` runs without a target.
   * `perFrame` caps the steps taken between two frames (1: a run slow enough to watch each step);
   * by default a frame takes as many as fit in its slice (see the top of this file).
   */
  run(options: { steps?: number; target?: number | null; perFrame?: number } = {}): Promise<TrainerState> {
    const steps = options.steps ?? this.block.steps;
    const perFrame = options.perFrame ?? Infinity;
    const target = options.target === null ? undefined : (options.target ?? this.block.target);
    if (this.state.status === 'running') return Promise.resolve(this.state);
    const problem = this.blocked();
    if (problem) return Promise.resolve(this.state);
    const plan = this.session.plan,
      train = this.train;
    const start = new Map(this.targets.map((t) => [t, this.session.entriesOf(t)]));
    const inputs = new Map<string, CellResult>(this.session.inputValues());
    const first = this.state.step;
    const end = first + steps;
    this.stopRequested = false;
    const publishRun = () => this.publish(new Map(this.targets.map((t) => [t, inputs.get(t) as Value])));
    this.update({ status: 'running', runTo: end, message: undefined, failure: undefined });
    return new Promise((resolve) => {
      let ended = false;
      const finish = (patch: Partial<TrainerState>) => {
        if (ended) return;
        ended = true;
        this.endRun = undefined;
        publishRun();
        const edits: Edit[] = [];
        for (const t of this.targets) {
          const before = start.get(t)!,
            after = this.session.entriesOf(t);
          if (!sameTexts(before, after)) edits.push({ kind: 'entries', name: t, before, after });
        }
        if (edits.length) this.session.record({ kind: 'group', label: messages.editRun(), edits, training: this.mark({ step: this.state.step }, first) }, this);
        this.update({ runTo: undefined, ...patch });
        resolve(this.state);
      };
      this.endRun = () => finish({ status: 'stopped', message: messages.trainStoppedByEdit() });
      let sliceEnded: number | undefined,
        slicing = sliceMs;
      const perSlice = Math.min(perFrame, Math.ceil(steps / minFrames));
      const slice = () => {
        if (ended) return;
        if (this.stopRequested) return finish({ status: 'stopped', message: messages.trainStopped(this.state.step) });
        const started = now();
        if (sliceEnded !== undefined) slicing = sliceAfter(started - sliceEnded);
        const until = started + slicing;
        let step = this.state.step;
        const last = Math.min(end, step + perSlice);
        while (step < last && now() < until) {
          const r = trainStep(plan, train, inputs);
          if (isCellError(r)) {
            this.state.step = step;
            const f = failure(step + 1, r);
            return finish({ status: 'failed', failure: f, message: f.message });
          }
          this.record(step, r.loss);
          if (target !== undefined && r.loss <= target) {
            this.state.step = step;
            return finish({ status: 'done', message: messages.trainReachedTarget(target, step) });
          }
          for (const [name, v] of r.next) inputs.set(name, v);
          step++;
        }
        this.state.step = step;
        if (step >= end) return finish({ status: 'done', message: messages.trainRan(step - first) });
        publishRun();
        this.update({});
        sliceEnded = now();
        this.schedule(slice);
      };
      this.schedule(slice);
    });
  }

  stop(): void {
    if (this.state.status === 'running') this.stopRequested = true;
  }

  /** Back to the workbook's own weights (one undoable edit), with the history cleared. */
  reset(): void {
    this.session.flush(); // a run going on ends, recorded, before it is reset
    const training = this.mark(
      { step: 0, curve: [] },
      this.state.step,
      this.state.history.map(([s, l]) => [s, l]),
    );
    this.session.group(messages.editReset(), () => this.targets.forEach((t) => this.session.resetInput(t)), training, this);
    this.stride = 1;
    const loss = this.session.state(this.block.loss);
    this.state = { status: 'idle', step: 0, history: [] };
    if (loss) this.lossChanged(loss);
  }

  dispose(): void {
    this.stop();
    this.unreset();
    this.unwatch();
    this.unwatchLoss();
    this.unflush();
    this.listeners.clear();
  }

  // ---- Internals -----------------------------------------------------------------------------

  /** Reset all: a trainer that has trained is reset (one edit of Reset all's step); one that has not only forgets its message. */
  private resetAll(): void {
    if (this.state.step > 0 || this.state.history.length > 1) this.reset();
    else if (this.state.message !== undefined) this.update({ status: 'idle', message: undefined, failure: undefined });
  }

  /** A problem that prevents training at all (a bad rule, an unknown loss), reported as a failure. */
  private blocked(): TrainFailure | null {
    const p = this.train.problems[0];
    if (!p) return null;
    const f: TrainFailure = { step: this.state.step, cell: this.block.loss, error: new CellError(p.code, p.message, this.block.loss), message: p.message };
    this.update({ status: 'failed', failure: f, message: messages.trainBlocked(p.line, p.message) });
    return f;
  }

  private fail(step: number, error: CellError): TrainFailure {
    const f = failure(step, error);
    this.update({ status: 'failed', failure: f, message: f.message });
    return f;
  }

  /** Where an edit of this trainer leaves it (`after`), and where it was before. */
  private mark(after: TrainingPoint, step = this.state.step, curve?: [number, number][]): TrainingMark {
    return { line: this.block.line, before: curve ? { step, curve } : { step }, after };
  }

  /** Undo or redo put the weights back to `point`: the counter and the curve follow them. */
  private follow(point: TrainingPoint): void {
    this.state.history = point.curve ? point.curve.map(([s, l]) => [s, l]) : this.state.history.filter(([s]) => s <= point.step);
    if (point.curve && !point.curve.length) this.stride = 1;
    this.update({ status: 'idle', step: point.step, message: undefined, failure: undefined });
  }

  /** Sets the trained cells: as one undoable Step when `training` says where it leaves the trainer. */
  private publish(values: Map<string, Value>, training?: TrainingMark): void {
    if (training) this.session.group(messages.editStep(), () => values.forEach((v, name) => this.session.setValue(name, v)), training, this);
    else values.forEach((v, name) => this.session.setValue(name, v, false));
  }

  /** Keeps one point every `stride` steps; when full, drops every other point and doubles the stride. */
  private record(step: number, loss: number): void {
    this.state.loss = loss;
    if (step % this.stride !== 0) return;
    const h = this.state.history;
    if (h.length && h[h.length - 1][0] === step) h[h.length - 1] = [step, loss];
    else h.push([step, loss]);
    if (h.length > maxHistory) {
      this.stride *= 2;
      this.state.history = h.filter(([s]) => s % this.stride === 0);
    }
  }

  private update(patch: Partial<TrainerState>): void {
    this.state = { ...this.state, ...patch, history: this.state.history };
    for (const key of Object.keys(patch) as (keyof TrainerState)[]) if (patch[key] === undefined) delete this.state[key];
    this.listeners.forEach((l) => l(this.state));
  }
}

/** The training mark of the block at `line` in an edit, or in the groups it holds. */
function markOf(edit: Edit, line: number): TrainingMark | undefined {
  if (edit.kind !== 'group') return undefined;
  if (edit.training?.line === line) return edit.training;
  for (const e of edit.edits) {
    const m = markOf(e, line);
    if (m) return m;
  }
  return undefined;
}
