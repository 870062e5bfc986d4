// A ```plot block compiled against a Plan: one function of the cells it reads that gives the
// rows of every layer. Nothing non-finite ever reaches a chart: a NaN, an infinity, or a value
// a log scale cannot show makes the whole plot an error that says which layer and channel; a
// finite value too large to draw (beyond ±1e30, a diverged run) is left out and counted.

import { CellError, isCellError, toCellError, withLoc, type Loc } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import type { PlotBlock, Problem } from '../format/spec.ts';
import { entryCost, spend, withBudget } from '../formula/budget.ts';
import { collapse, describeShape, shapeOf, type Value } from '../formula/value.ts';
import { limits } from '../limits.ts';
import type { CellResult, Plan } from '../graph/compile.ts';
import { compileLoose, type LooseFormula } from '../graph/loose.ts';
import { problemAt } from '../problems.ts';

export const maxPlotPoints = 20_000;
/**
 * The largest magnitude a linear chart draws: beyond it a diverged run's 1e154 reaches SVG paths
 * as numbers the browser refuses (Chromium reads path data as 32-bit floats, at most 3.4e38:
 * "Expected number"), and the fit beside it vanishes. Such points are left out, and counted, so
 * the chart says so. 1e30 keeps every pixel coordinate far below that, even for a point outside
 * a fixed range, and still draws what a workbook means to show growing (09: (1 − γλ)ᵗ ≈ 6e21).
 */
export const drawableLimit = 1e30;

export interface PlotRow {
  x: number;
  y: number;
  color?: number;
  /** Cell edges of a heat map (rect layers). */
  x2?: number;
  y2?: number;
}

export interface PlotLayerData {
  name: string;
  rows: PlotRow[];
  /** Points left out: beyond ±drawableLimit on a linear axis (absent when none). */
  beyond?: number;
}

export interface PlotPlan {
  block: PlotBlock;
  /** The cells the plot reads, in the order `run` takes their values. */
  inputs: string[];
  run: (...values: CellResult[]) => PlotLayerData[] | CellError;
  problems: Problem[];
}

type Channel = 'x' | 'y' | 'color';

export function compilePlot(plan: Plan, block: PlotBlock): PlotPlan {
  const problems: Problem[] = [];
  const inputs: string[] = [];
  const compiled: { name: string; mark: string; channels: [Channel, LooseFormula, number[]][]; loc: Loc }[] = [];
  const compileAt = (text: string, line: number, col: number): [LooseFormula, number[]] | null => {
    try {
      const f = compileLoose(plan, text);
      const slots = f.inputs.map((n) => (inputs.includes(n) ? inputs.indexOf(n) : inputs.push(n) - 1));
      return [f, slots];
    } catch (e) {
      const err = toCellError(e, '');
      problems.push(problemAt(err, line, col - 1 + (err.col ?? 1)));
      return null;
    }
  };
  for (const layer of block.layers) {
    const texts: [Channel, string | undefined][] = [
      ['x', layer.channels.x ?? block.x],
      ['y', layer.channels.y],
      ['color', layer.channels.color],
    ];
    if (texts[0][1] === undefined) {
      problems.push({ code: codes.E_ATTRIBUTE, message: messages.plotNoX(layer.channels.y), line: layer.line, col: layer.col });
      continue;
    }
    const channels: [Channel, LooseFormula, number[]][] = [];
    let ok = true;
    for (const [channel, text] of texts) {
      if (text === undefined) continue;
      const c = compileAt(text, layer.line, layer.col);
      if (c) channels.push([channel, c[0], c[1]]);
      else ok = false;
    }
    if (ok) compiled.push({ name: layer.name ?? layer.channels.y, mark: layer.mark, channels, loc: { line: layer.line, col: layer.col } });
  }

  // One budget for the whole plot: every channel of every layer, and the rows made from them.
  const run = (...values: CellResult[]): PlotLayerData[] | CellError =>
    withBudget(
      () => layers(values),
      limits.maxWork,
      () => messages.tooMuchWorkPlot(limits.maxWork),
    );
  const layers = (values: CellResult[]): PlotLayerData[] | CellError => {
    const bad = values.find(isCellError);
    if (bad) return bad;
    // A plot's own error (not a cell's) is located at the layer it comes from.
    let at: Loc | undefined;
    try {
      let total = 0;
      return compiled.map((layer) => {
        at = layer.loc;
        const columns = new Map<Channel, number[]>();
        for (const [channel, f, slots] of layer.channels) {
          const v = collapse(f.run(slots.map((k) => values[k] as Value)));
          columns.set(
            channel,
            vector(
              v,
              `${layer.name}: ${channel} = ${f.text}`,
              block[`${channel === 'x' ? 'x' : 'y'}Scale` as 'xScale' | 'yScale'] === 'log' && channel !== 'color',
            ),
          );
        }
        const xs = columns.get('x')!;
        const n = xs.length;
        for (const [channel, col] of columns) {
          if (col.length === 1 && n > 1) columns.set(channel, Array(n).fill(col[0]));
          else if (col.length !== n) throw new CellError(codes.E_SHAPE, messages.plotLengths(`${layer.name}: ${channel}`, col.length, n));
        }
        total += n;
        if (total > maxPlotPoints) throw new CellError(codes.E_TOO_LARGE, messages.plotTooMany(total, maxPlotPoints));
        const ys = columns.get('y')!,
          cs = columns.get('color');
        const rows: PlotRow[] = xs.map((x, k) => ({ x, y: ys[k], ...(cs ? { color: cs[k] } : {}) }));
        if (layer.mark === 'rect') addCellEdges(rows);
        // (A log axis draws any positive number: only linear ones are bounded.)
        const xLog = block.xScale === 'log',
          yLog = block.yScale === 'log';
        const kept = drawable(rows, (r) => [xLog ? 0 : r.x, yLog ? 0 : r.y, xLog ? 0 : (r.x2 ?? 0), yLog ? 0 : (r.y2 ?? 0), r.color ?? 0]);
        return kept.beyond ? { name: layer.name, rows: kept.rows, beyond: kept.beyond } : { name: layer.name, rows };
      });
    } catch (e) {
      const err = toCellError(e, 'plot');
      return at ? withLoc(err, at) : err;
    }
  };
  return { block, inputs, run, problems };
}

/** A channel's values as a list: a row, a column or a number; never NaN or infinite. */
function vector(v: Value, what: string, positive: boolean): number[] {
  const [r, c] = shapeOf(v);
  if (r !== 1 && c !== 1) throw new CellError(codes.E_SHAPE, messages.plotVector(what, describeShape([r, c])));
  spend(shapeOf(v)[0] * shapeOf(v)[1] * entryCost);
  const list = typeof v === 'number' ? [v] : Array.from(v.data);
  const k = list.findIndex((x) => !Number.isFinite(x));
  if (k >= 0) throw new CellError(codes.E_NONFINITE, messages.nonFinite(list[k], ` in ${what} at [${k + 1}]`));
  if (positive && list.some((x) => x <= 0)) throw new CellError(codes.E_ARGUMENT, messages.plotLogScale(what));
  return list;
}

/** Heat-map cells centred on the grid points, as wide as the grid's spacing. */
function addCellEdges(rows: PlotRow[]): void {
  const step = (values: number[]) => {
    const u = [...new Set(values)].sort((a, b) => a - b);
    let s = Infinity;
    for (let k = 1; k < u.length; k++) s = Math.min(s, u[k] - u[k - 1]);
    return Number.isFinite(s) ? s : 1;
  };
  const dx = step(rows.map((r) => r.x)) / 2,
    dy = step(rows.map((r) => r.y)) / 2;
  for (const r of rows) {
    r.x2 = r.x + dx;
    r.y2 = r.y + dy;
    r.x -= dx;
    r.y -= dy;
  }
}

/**
 * The rows a chart can draw, and how many it cannot: on a linear scale a value beyond
 * ±drawableLimit; on a log scale (`log`), a value ≤ 0 of the `logged` numbers.
 */
export function drawable<T>(rows: T[], values: (row: T) => number[], log?: { logged: (row: T) => number }): { rows: T[]; beyond: number; notPositive: number } {
  let beyond = 0,
    notPositive = 0;
  const kept = rows.filter((r) => {
    if (log) {
      if (log.logged(r) > 0) return true;
      notPositive++;
      return false;
    }
    if (values(r).every((v) => Math.abs(v) <= drawableLimit)) return true;
    beyond++;
    return false;
  });
  return { rows: beyond || notPositive ? kept : rows, beyond, notPositive };
}
