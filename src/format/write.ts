// WorkbookSpec → workbook text: the inverse of read.ts, so that a workbook can be saved back
// (for example with a student's edits) and still read the same. Canonical form: front matter,
// then blocks separated by one blank line, attributes in a fixed order.

import type { CellSpec, PlotBlock, TrainBlock, WorkbookSpec } from './spec.ts';
import { defaultSteps } from './train-block.ts';
import { metaKeys } from './read.ts';
import { writeNetwork } from './network-block.ts';

export function writeWorkbook(spec: WorkbookSpec, formulas: ReadonlyMap<string, string> = new Map()): string {
  const parts: string[] = [];
  const meta = metaKeys.filter((k) => spec.meta[k] !== undefined);
  if (meta.length) parts.push(['---', ...meta.map((k) => `${k}: ${spec.meta[k]}`), '---'].join('\n'));
  for (const block of spec.blocks) {
    if (block.kind === 'prose') parts.push(block.text);
    else if (block.kind === 'train') parts.push(writeTrain(block));
    else if (block.kind === 'plot') parts.push(writePlot(block));
    else if (block.kind === 'network') parts.push(writeNetwork(block));
    else parts.push(['```cells', ...block.cells.flatMap((i) => writeCell(spec.cells[i], formulas.get(spec.cells[i].name))), '```'].join('\n'));
  }
  return parts.join('\n\n') + '\n';
}

function writeTrain(block: TrainBlock): string {
  const lines = ['```train', `loss: ${block.loss}`, ...block.updates.map((u) => `${u.target} <- ${u.formula}`)];
  if (block.steps !== defaultSteps) lines.push(`steps: ${block.steps}`);
  if (block.target !== undefined) lines.push(`target: ${block.target}`);
  return [...lines, '```'].join('\n');
}

function writePlot(block: PlotBlock): string {
  const lines = ['```plot'];
  const set = (key: string, v: string | number | undefined) => v !== undefined && lines.push(`${key}: ${v}`);
  set('title', block.title);
  set('x', block.x);
  for (const l of block.layers) {
    const keyed = l.channels.x !== undefined || l.channels.color !== undefined || (l.name !== undefined && / as /.test(l.channels.y));
    lines.push(
      keyed
        ? `${l.mark}: ${[
            ['x', l.channels.x],
            ['y', l.channels.y],
            ['color', l.channels.color],
            ['name', l.name],
          ]
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => `${k} = ${v}`)
            .join(', ')}`
        : `${l.mark}: ${l.channels.y}${l.name !== undefined ? ` as ${l.name}` : ''}`,
    );
  }
  set('x-title', block.xTitle);
  set('y-title', block.yTitle);
  set('x-scale', block.xScale);
  set('y-scale', block.yScale);
  const range = (key: string, r: [number, number] | undefined) => r && set(key, `${r[0]} to ${r[1]}`);
  range('x-range', block.xRange);
  range('y-range', block.yRange);
  range('color-range', block.colorRange);
  if (block.width !== 420) set('width', block.width);
  if (block.height !== 240) set('height', block.height);
  set('caption', block.caption);
  return [...lines, '```'].join('\n');
}

function writeCell(cell: CellSpec, formula = cell.formula): string[] {
  const lines = [`${cell.name} = ${formula}`];
  if (cell.label !== undefined) lines.push(`  label: ${cell.label}`);
  if (cell.caption !== undefined) lines.push(`  caption: ${cell.caption}`);
  if (cell.slide) {
    lines.push(`  slide: ${cell.slide.text}${cell.slide.tolerance !== undefined ? ` ± ${cell.slide.tolerance}` : ''}`);
    if (cell.slide.wrong !== undefined) lines.push(`  slide-wrong: ${cell.slide.wrong}`);
  }
  if (cell.check) {
    lines.push(`  check: grad(${cell.check.of}, ${cell.check.wrt})`);
    if (cell.check.fails !== undefined) lines.push(`  check-fails: ${cell.check.fails}`);
  }
  if (cell.slider) lines.push(`  slider: ${cell.slider.min} to ${cell.slider.max} step ${cell.slider.step}`);
  if (cell.input) lines.push(`  input:${cell.input.note ? ` ${cell.input.note}` : ''}`);
  if (cell.exercise) {
    const ex = cell.exercise;
    lines.push(`  exercise:${ex.instruction ? ` ${ex.instruction}` : ''}`);
    for (const h of ex.hints) lines.push(`  hint: ${h.text}`);
    for (const m of ex.mistakes) lines.push(`  mistake: ${m.formula} — ${m.message}`);
    if (ex.hides) lines.push('  hides: dependents');
  }
  return lines;
}
