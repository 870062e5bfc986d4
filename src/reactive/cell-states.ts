// What a session shows of each cell (status, value or error, slide comparison, gradient
// check) and of each plot block, and who is told when that changes.

import { isCellError, toCellError, type CellError } from '../errors.ts';
import type { NetworkBlock, PlotBlock } from '../format/spec.ts';
import type { Value } from '../formula/value.ts';
import type { GradCheck } from '../grad/check.ts';
import type { PlanCell } from '../graph/compile.ts';
import { compare, type Comparison } from '../graph/expect.ts';
import type { PlotLayerData } from '../plot/compile.ts';
import type { NetworkData } from '../network/compile.ts';
import type { WorkbookPlan } from '../workbook.ts';
import type { Observer } from './binding.ts';
import { Emitter, Emitters } from './emitter.ts';

export type Status = 'pending' | 'ok' | 'error';

export interface CellState {
  readonly name: string;
  readonly index: number;
  status: Status;
  value?: Value;
  error?: CellError;
  /** What the slide says, compared with the value (when the cell has a slide value and a value). */
  comparison?: Comparison;
  /** The cell's gradient check ("check: grad(E, Θ2)"), or the error that prevents it. */
  gradCheck?: GradCheck | CellError;
  /** An exercise's mistakes ("mistake:"), each one's live value, in order (src/exercise). */
  mistakes?: (Value | CellError | undefined)[];
}

export type PlotState = PlotLayerData[] | CellError | undefined;
export type NetworkState = NetworkData | CellError | undefined;

export class CellStates {
  readonly all: CellState[];
  private readonly cellEmitters = new Emitters<number, [CellState]>();
  private readonly anyChange = new Emitter<[number]>();
  private readonly plots = new Map<PlotBlock, PlotState>();
  private readonly plotEmitters = new Emitters<PlotBlock, [PlotState]>();
  private readonly networks = new Map<NetworkBlock, NetworkState>();
  private readonly networkEmitters = new Emitters<NetworkBlock, [NetworkState]>();

  /** `plan` gives the plan now (it changes with formulas; its cells do not move). */
  constructor(private readonly plan: () => WorkbookPlan) {
    this.all = plan().cells.map(({ name }, index) => ({ name, index, status: 'pending' }));
  }

  /** The state of the cell with this name (the first, if the name is duplicated), or of position `index`. */
  state(nameOrIndex: string | number): CellState | undefined {
    return this.all[typeof nameOrIndex === 'number' ? nameOrIndex : this.indexOf(nameOrIndex)];
  }
  /** The position of the cell with this name (the first, if the name is duplicated), -1 for none. */
  indexOf(name: string): number {
    const plan = this.plan();
    return (plan.byName.get(name) ?? plan.cells.find((c) => c.name === name))?.index ?? -1;
  }
  private cellAt(index: number): PlanCell {
    return this.plan().cells[index];
  }

  subscribe(index: number, listener: (state: CellState) => void): () => void {
    const off = this.cellEmitters.on(index, listener);
    listener(this.all[index]);
    return off;
  }

  onAnyChange(listener: (index: number) => void): () => void {
    return this.anyChange.on(listener);
  }

  subscribePlot(block: PlotBlock, listener: (data: PlotState) => void): () => void {
    const off = this.plotEmitters.on(block, listener);
    listener(this.plots.get(block));
    return off;
  }

  subscribeNetwork(block: NetworkBlock, listener: (data: NetworkState) => void): () => void {
    const off = this.networkEmitters.on(block, listener);
    listener(this.networks.get(block));
    return off;
  }

  /** Changes part of a cell's state without touching its value (e.g. its gradient check). */
  patch(index: number, patch: Partial<CellState>): void {
    const state = this.all[index];
    if ('gradCheck' in patch && patch.gradCheck === undefined) delete state.gradCheck;
    else Object.assign(state, patch);
    this.told(index);
  }

  checkGone(index: number, error: CellError | undefined): void {
    this.patch(index, { gradCheck: error });
  }

  /** What the runtime says of a cell's value. */
  cellObserver(index: number): Observer {
    const update = (patch: Partial<CellState>) => {
      const state = this.all[index];
      delete state.value;
      delete state.error;
      delete state.comparison;
      Object.assign(state, patch); // a gradient check, if any, is kept until its own variable updates
      this.told(index);
    };
    return {
      pending: () => update({ status: 'pending' }),
      fulfilled: (value: unknown) => {
        if (isCellError(value)) return update({ status: 'error', error: value });
        const v = value as Value,
          cell = this.cellAt(index);
        update({ status: 'ok', value: v, ...(cell.expectation ? { comparison: compare(v, cell.expectation) } : {}) });
      },
      rejected: (error: unknown) => update({ status: 'error', error: toCellError(error, this.cellAt(index).name) }),
    };
  }

  /** What the runtime says of a cell's gradient check. */
  checkObserver(index: number): Observer {
    return { fulfilled: (v: unknown) => this.patch(index, { gradCheck: v as GradCheck | CellError }) };
  }

  /** What the runtime says of mistake `k` of the exercise at `index` (a hidden cell of the plan). */
  mistakeObserver(index: number, k: number): Observer {
    return {
      fulfilled: (v: unknown) => {
        const state = this.all[index];
        (state.mistakes ??= [])[k] = v as Value | CellError;
        this.told(index);
      },
    };
  }

  /** Something else about the cell changed (an exercise's answer): its listeners look again. */
  touch(index: number): void {
    this.told(index);
  }

  /** What the runtime says of a plot block's rows. */
  plotObserver(block: PlotBlock): Observer {
    return {
      fulfilled: (v: unknown) => {
        this.plots.set(block, v as PlotLayerData[] | CellError);
        this.plotEmitters.emit(block, v as PlotLayerData[] | CellError);
      },
    };
  }

  /** What the runtime says of a network block's numbers. */
  networkObserver(block: NetworkBlock): Observer {
    return {
      fulfilled: (v: unknown) => {
        this.networks.set(block, v as NetworkData | CellError);
        this.networkEmitters.emit(block, v as NetworkData | CellError);
      },
    };
  }

  clear(): void {
    this.networkEmitters.clear();
    this.cellEmitters.clear();
    this.anyChange.clear();
    this.plotEmitters.clear();
  }

  private told(index: number): void {
    this.cellEmitters.emit(index, this.all[index]);
    this.anyChange.emit(index);
  }
}
