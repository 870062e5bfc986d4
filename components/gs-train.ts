// <gs-train>: the controls of a ```train block — Step, Run, Stop, Reset — with the update rules
// typeset, the progress of a run, its messages, and the loss per step plotted live.
// The Trainer (src/reactive/trainer.ts) does all the work; this element only shows it.

import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Edit, Session } from '../src/reactive/session.ts';
import type { TrainBlock } from '../src/format/spec.ts';
import { Trainer, type TrainerState } from '../src/reactive/trainer.ts';
import { nextFrame } from './page-life.ts';
import { maxSteps } from '../src/format/train-block.ts';
import { formatNumber } from '../src/format/number.ts';
import { drawable, drawableLimit } from '../src/plot/compile.ts';
import { messages } from '../src/messages.ts';
import { texToHTML } from './tex.ts';
import { trustedHTML } from './unsafe-html.ts';
import { theme } from './styles.ts';
import type { PlotData, PlotSpec } from './gs-plot.ts';
import './gs-plot.ts';

/**
 * The controls of a workbook's train block (Step, Run, Stop, Reset), its update rules
 * typeset, the progress of a run and the loss per step, plotted live. Made by <gs-workbook>.
 *
 * @summary Gradient descent on a workbook: Step, Run, Stop, Reset, and the loss curve.
 *
 * @csspart train - The whole block.
 *
 * @cssprop [--gs-fg=#1d2330] - Text (in the dark scheme: #e4e8f0).
 * @cssprop [--gs-muted=#5d6678] - Secondary text (in the dark scheme: #a3acbd).
 * @cssprop [--gs-cell-bg=#fbfcfe] - A card's background (cell, chart, training controls) (in the dark scheme: #1c212b).
 * @cssprop [--gs-border=#d5dae3] - Borders (in the dark scheme: #3a4252).
 * @cssprop [--gs-accent=#2d5bd7] - Focus rings, buttons, links (in the dark scheme: #8fb0ff).
 * @cssprop [--gs-ok=#1d7a46] - A slide value that agrees, a gradient check that passes (in the dark scheme: #6fd39b).
 * @cssprop [--gs-error=#b00020] - Errors (in the dark scheme: #ff8a9a).
 * @cssprop [--gs-input-bg=#ffffff] - An entry's background (in the dark scheme: #11141a).
 * @cssprop [--gs-font=system-ui, -apple-system, 'Segoe UI', sans-serif] - The text font.
 * @cssprop [--gs-mono=ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace] - The font of numbers and formulas.
 */
export class GsTrain extends LitElement {
  static override properties = {
    session: { attribute: false },
    block: { attribute: false },
    _state: { state: true, attribute: false },
  };

  declare session: Session | undefined;
  declare block: TrainBlock | undefined;
  /** @private (state) */
  declare _state: TrainerState | undefined;

  /** The trainer of this block (tests and pages may drive it directly). */
  trainer: Trainer | undefined;
  private unsubscribe: (() => void) | undefined;
  private stepsInput = '';
  /** Run one step a frame, to watch it. */
  private slow = false;
  private curve: { of: readonly [number, number][]; length: number; lastStep: number; lastLoss: number; log: boolean; shown: LossCurve } | undefined;
  /** The loss chart's specifications, linear and log, made once per block (a new one would redraw the chart). */
  private specs: { linear: PlotSpec; log: PlotSpec } | undefined;
  /** The loss is plotted on a log scale. */
  private log = false;
  private targetInput = '';
  /** The trained cells hold weights restored from the last visit (see willUpdate). */
  private restored = false;
  private unwatchEdits: (() => void) | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('session') || changed.has('block')) && this.session && this.block) {
      this.unsubscribe?.();
      this.trainer?.dispose();
      this.trainer = new Trainer(this.session, this.block, nextFrame);
      this.stepsInput = String(this.block.steps);
      this.targetInput = this.block.target === undefined ? '' : String(this.block.target);
      this.specs = { linear: lossSpec(false), log: lossSpec(true) };
      this.unsubscribe = this.trainer.subscribe((s) => (this._state = { ...s }));
      // Saved edits are applied before the sheet is shown: trained cells edited now are weights
      // restored from the last visit, whose step count and curve were not saved. Said until the
      // student trains, resets or edits one of them.
      const targets = this.block.updates.map((u) => u.target);
      const edited = this.session.edits().entries;
      this.restored = targets.some((t) => t in edited);
      this.unwatchEdits?.();
      this.unwatchEdits = this.session.onEdit((edit) => {
        if (this.restored && touches(edit, targets)) {
          this.restored = false;
          this.requestUpdate();
        }
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatchEdits?.();
    this.unwatchEdits = undefined;
    this.unsubscribe?.();
    this.trainer?.dispose();
    this.unsubscribe = undefined;
    this.trainer = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.trainer && this.session && this.block) this.requestUpdate('session');
  }

  private labelOf(name: string): string | undefined {
    return this.session?.view.labelOf(name);
  }

  private ruleTex(target: string, formula: string): string {
    const rule = this.trainer?.train.updates.find((u) => u.target === target && u.formula === formula);
    return this.session!.view.updateTex(target, rule?.node);
  }

  /**
   * The curve as the plot's rows (what the scale can draw, and how many points it cannot), made
   * again only when it has changed (not for a new message).
   */
  private lossData(history: readonly [number, number][]): LossCurve {
    const last = history[history.length - 1];
    const cached = this.curve,
      log = this.log;
    // The trainer appends to one array, replaces its last point, or replaces the array.
    if (cached && cached.of === history && cached.length === history.length && cached.lastStep === last[0] && cached.lastLoss === last[1] && cached.log === log)
      return cached.shown;
    const kept = drawable(
      history.map(([step, loss]) => ({ step, loss })),
      (r) => [r.loss],
      log ? { logged: (r) => r.loss } : undefined,
    );
    const shown = { data: { loss: kept.rows }, beyond: kept.beyond, notPositive: kept.notPositive };
    this.curve = { of: history, length: history.length, lastStep: last[0], lastLoss: last[1], log, shown };
    return shown;
  }

  private renderCurve(history: readonly [number, number][], lossLabel: string, loss: string) {
    const curve = this.lossData(history);
    const left = [curve.beyond ? messages.plotBeyond(curve.beyond, drawableLimit) : '', curve.notPositive ? messages.plotNotPositive(curve.notPositive) : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class="curve">
      <div class="curve-head">
        <span class="curve-title">${guard([lossLabel], () => trustedHTML(texToHTML(lossLabel)))} ${messages.perStep()}</span>
        <label><input type="checkbox" .checked=${this.log} @change=${(e: Event) => {
          this.log = (e.target as HTMLInputElement).checked;
          this.requestUpdate();
        }} /> ${messages.logScale()}</label>
      </div>
      <gs-plot label=${messages.lossPerStep(loss)} .spec=${this.log ? this.specs!.log : this.specs!.linear} .data=${curve.data}></gs-plot>
      ${left ? html`<p class="beyond" role="status">${left}</p>` : nothing}
    </div>`;
  }

  private run(): void {
    const steps = Number(this.stepsInput);
    const target = Number(this.targetInput);
    void this.trainer!.run({
      steps: Number.isInteger(steps) && steps > 0 ? Math.min(steps, maxSteps) : this.block!.steps,
      target: this.targetInput.trim() !== '' && Number.isFinite(target) ? target : null,
      ...(this.slow ? { perFrame: 1 } : {}),
    });
  }

  override render() {
    const block = this.block,
      state = this._state,
      trainer = this.trainer;
    if (!block || !state || !trainer) return nothing;
    const running = state.status === 'running';
    const problems = trainer.train.problems;
    const lossLabel = this.labelOf(block.loss) ?? block.loss;
    const progress =
      running && state.runTo !== undefined
        ? html`<progress max=${state.runTo} value=${state.step} aria-label=${messages.trainingProgress()}></progress>`
        : nothing;
    return html`<section class="train" part="train" aria-label=${messages.gradientDescent()}>
      <header>
        ${guard(
          [trainer.train, block],
          () => html`<span class="title">${messages.gradientDescentOn()} ${trustedHTML(texToHTML(lossLabel))}</span>
          <span class="rules">${block.updates.map((u) => html`<span class="rule">${trustedHTML(texToHTML(this.ruleTex(u.target, u.formula)))}</span>`)}</span>`,
        )}
      </header>
      <div class="controls">
        <button type="button" @click=${() => trainer.step()} ?disabled=${running}>${messages.trainStep()}</button>
        <button type="button" @click=${() => this.run()} ?disabled=${running}>${messages.trainRun()}</button>
        <button type="button" @click=${() => trainer.stop()} ?disabled=${!running}>${messages.trainStop()}</button>
        <button type="button" @click=${() => trainer.reset()}>${messages.trainReset()}</button>
        <label>${messages.stepsLabel()} <input type="number" min="1" max=${maxSteps} step="1" aria-label=${messages.stepsPerRun()} .value=${this.stepsInput}
          @input=${(e: Event) => (this.stepsInput = (e.target as HTMLInputElement).value)} /></label>
        <label>${messages.stopAtLoss()} <input type="text" inputmode="decimal" aria-label=${messages.targetLoss()} placeholder=${messages.targetNone()} .value=${this.targetInput}
          @input=${(e: Event) => (this.targetInput = (e.target as HTMLInputElement).value)} /></label>
        <label title=${messages.oneStepAFrameTitle()}>
          <input type="checkbox" .checked=${this.slow} @change=${(e: Event) => (this.slow = (e.target as HTMLInputElement).checked)} /> ${messages.oneStepAFrame()}</label>
      </div>
      <div class="status" role="status" aria-live="polite">
        ${progress}
        <span class="where">${messages.trainAtStep(state.step)}${state.loss !== undefined ? html` · ${messages.trainLoss()} <output class="loss">${formatNumber(state.loss)}</output>` : nothing}</span>
        ${state.message ? html`<span class=${`message ${state.status}`}>${state.message}</span>` : nothing}
        ${
          this.restored && !running && state.step === 0 && state.history.length <= 1 && !state.message
            ? html`<span class="message restored">${messages.trainRestored()}</span>`
            : nothing
        }
      </div>
      ${problems.length ? html`<ul class="problems" role="alert">${problems.map((p) => html`<li>${messages.trainProblem(p.line, p.col)} ${p.code} ${p.message}</li>`)}</ul>` : nothing}
      ${state.history.length > 1 ? this.renderCurve(state.history, lossLabel, block.loss) : html`<p class="hint">${messages.lossCurveHint()}</p>`}
    </section>`;
  }

  static override styles = [
    theme,
    css`
      :host { display: block; font-family: var(--_font); color: var(--_fg); margin: 0.9rem 0 1.2rem; }
      .train { border: 1px solid var(--_border); border-radius: 8px; padding: 0.7rem 0.9rem; background: var(--_cell-bg); max-width: 46rem; }
      header { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; align-items: baseline; margin-bottom: 0.5rem; }
      .title { font-weight: 600; }
      .rules { display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; }
      .controls { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
      button {
        font: inherit; font-size: 0.9rem; padding: 0.25rem 0.8rem; border-radius: 5px; cursor: pointer;
        border: 1px solid var(--_accent); background: transparent; color: var(--_accent);
      }
      button:disabled { opacity: 0.45; cursor: default; }
      button:focus-visible, input:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
      label { font-size: 0.85rem; color: var(--_muted); display: inline-flex; gap: 0.3rem; align-items: center; margin-left: 0.4rem; }
      input:not([type=checkbox]) { font: inherit; font-size: 0.85rem; width: 6rem; padding: 0.15rem 0.3rem; border: 1px solid var(--_border); border-radius: 4px; background: var(--_input-bg); color: var(--_fg); }
      .status { display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; align-items: center; margin: 0.5rem 0; font-size: 0.9rem; }
      .loss { font-family: var(--_mono); }
      .message.failed { color: var(--_error); }
      .message.done { color: var(--_ok); }
      .problems { color: var(--_error); font-size: 0.85rem; }
      progress { width: 10rem; }
      .hint { color: var(--_muted); font-size: 0.85rem; margin: 0.3rem 0 0; }
      .curve-head { display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; align-items: baseline; margin: 0.2rem 0 0.3rem; }
      .curve-title { font-size: 0.9rem; font-weight: 600; }
      .curve-head label { margin-left: 0; }
      .beyond { color: var(--_muted); font-size: 0.85rem; margin: 0.3rem 0 0; }
      .train { max-width: 100%; box-sizing: border-box; overflow-x: auto; }
      @media print {
        .controls, progress, .hint { display: none; }
        .train { break-inside: avoid; }
      }
    `,
  ];
}

/** What the loss chart draws, and how many points of the curve it cannot (their values are beyond its scale). */
interface LossCurve {
  data: PlotData;
  beyond: number;
  notPositive: number;
}

/** The loss per step (titled above the chart with the loss cell's label); short tick labels, so none is clipped. */
function lossSpec(log: boolean): PlotSpec {
  return {
    width: 420,
    height: 150,
    data: { name: 'loss' },
    mark: { type: 'line', point: false, clip: true },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'step', axis: { format: ',d', tickMinStep: 1 } },
      y: { field: 'loss', type: 'quantitative', title: messages.lossAxis(log), scale: log ? { type: 'log' } : { zero: false }, axis: { format: '.3~g' } },
    },
  };
}

/** Does an edit change one of these cells (itself, or inside a group: Step, Run, Reset, Reset all)? */
function touches(edit: Edit, names: readonly string[]): boolean {
  return edit.kind === 'group' ? edit.edits.some((e) => touches(e, names)) : names.includes(edit.name);
}

if (!customElements.get('gs-train')) customElements.define('gs-train', GsTrain);

declare global {
  interface HTMLElementTagNameMap {
    'gs-train': GsTrain;
  }
}
