// The ```plot block: a chart drawn from cells, one layer per mark line.
//
//   ```plot
//   title: The sigmoid and its derivative
//   x: z
//   line: sigmoid(z) as σ(z)
//   line: dsigmoid(z) as σ'(z)
//   point: x = X[:, 1], y = X[:, 2], color = Y
//   y-scale: log
//   x-range: -0.5 to 1.5
//   ```
//
// A layer is "mark: formula [as name]" (y against the block's x) or "mark: x = …, y = …
// [, color = …] [, name = …]". Marks: line, point, bar, area, rect (a heat map over a grid).

import { codes, messages } from '../messages.ts';
import { contentLines, type Report } from './block-reader.ts';
import { placeAttribute, plotMarks, type PlotBlock, type PlotLayerSpec, type PlotMark, type WorkbookSpec } from './spec.ts';

export const plotSettings = [
  'title',
  'caption',
  'x',
  'x-title',
  'y-title',
  'x-scale',
  'y-scale',
  'x-range',
  'y-range',
  'color-range',
  'width',
  'height',
] as const;
const channelNames = ['x', 'y', 'color', 'name'] as const;

export function readPlot(lines: string[], from: number, to: number, _spec: WorkbookSpec, problem: Report): PlotBlock {
  const block: PlotBlock = { kind: 'plot', line: from, width: 420, height: 240, layers: [] };
  const seen = new Map<string, number>(); // setting → its line
  for (const { line, text, indent } of contentLines(lines, from, to)) {
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(text);
    if (!m) {
      problem(codes.E_BLOCK, messages.plotLine(text), line, indent + 1);
      continue;
    }
    const [, key, value] = m;
    const valueCol = indent + text.indexOf(value, key.length) + 1;
    if (!value.trim()) {
      problem(codes.E_ATTRIBUTE, messages.attributeEmpty(key), line, valueCol);
      continue;
    }
    if ((plotMarks as readonly string[]).includes(key)) {
      const layer = readLayer(key as PlotMark, value, line, valueCol, problem);
      if (layer) block.layers.push(layer);
      continue;
    }
    if (!(plotSettings as readonly string[]).includes(key)) {
      problem(codes.E_ATTRIBUTE, messages.attributeUnknown(key, [...plotMarks, ...plotSettings]), line, indent + 1);
      continue;
    }
    if (seen.has(key)) {
      problem(codes.E_ATTRIBUTE, messages.attributeDuplicate(key), line, indent + 1);
      continue;
    }
    seen.set(key, line);
    placeAttribute(block, key, line, valueCol);
    switch (key) {
      case 'title':
        block.title = value;
        break;
      case 'caption':
        block.caption = value;
        break;
      case 'x':
        block.x = value;
        break;
      case 'x-title':
        block.xTitle = value;
        break;
      case 'y-title':
        block.yTitle = value;
        break;
      case 'x-scale':
      case 'y-scale':
        if (value !== 'linear' && value !== 'log') problem(codes.E_ATTRIBUTE, messages.plotScale(value), line, valueCol);
        else if (key === 'x-scale') block.xScale = value;
        else block.yScale = value;
        break;
      case 'x-range':
      case 'y-range':
      case 'color-range': {
        // "MIN to MAX", as a slider reads.
        const m = /^(\S+)\s+to\s+(\S+)$/.exec(value);
        const [lo, hi] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
        if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo >= hi) problem(codes.E_ATTRIBUTE, messages.plotRange(key, value), line, valueCol);
        else block[key === 'x-range' ? 'xRange' : key === 'y-range' ? 'yRange' : 'colorRange'] = [lo, hi];
        break;
      }
      case 'width':
      case 'height': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 40 || n > 2000) problem(codes.E_ATTRIBUTE, messages.plotSize(key, value), line, valueCol);
        else block[key] = n;
        break;
      }
    }
  }
  for (const axis of ['x', 'y'] as const) {
    const range = block[`${axis}Range`];
    if (block[`${axis}Scale`] === 'log' && range && range[0] <= 0) {
      problem(codes.E_ATTRIBUTE, messages.plotRangeLog(`${axis}-range`, range[0]), seen.get(`${axis}-range`) ?? from, 1);
      delete block[`${axis}Range`];
    }
  }
  if (!block.layers.length) problem(codes.E_BLOCK, messages.plotEmpty(), from);
  return block;
}

/** "sigmoid(z) as σ(z)" or "x = …, y = …, color = …, name = …". */
function readLayer(mark: PlotMark, value: string, line: number, col: number, problem: Report): PlotLayerSpec | null {
  // Split at ", key =" only, so commas inside formulas (X[:, 1], f(a, b)) stay where they are.
  const parts = value.split(/,\s*(?=(?:x|y|color|name)\s*=(?!=))/);
  const keyed = /^(x|y|color|name)\s*=(?!=)\s*(.*)$/;
  if (!keyed.test(parts[0].trim())) {
    const as = /^(.*?)\s+as\s+(.+)$/.exec(value);
    return { mark, channels: { y: (as ? as[1] : value).trim() }, ...(as ? { name: as[2].trim() } : {}), line, col };
  }
  const layer: PlotLayerSpec = { mark, channels: { y: '' }, line, col };
  for (const part of parts) {
    const m = keyed.exec(part.trim());
    if (!m || !m[2].trim()) {
      problem(codes.E_ATTRIBUTE, messages.plotLayer(part.trim(), channelNames), line, col + value.indexOf(part));
      return null;
    }
    if (m[1] === 'name') layer.name = m[2].trim();
    else layer.channels[m[1] as 'x' | 'y' | 'color'] = m[2].trim();
  }
  if (!layer.channels.y) {
    problem(codes.E_ATTRIBUTE, messages.plotLayer(value, channelNames), line, col);
    return null;
  }
  return layer;
}
