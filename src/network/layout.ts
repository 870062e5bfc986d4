// Where a network diagram puts its neurons and edges, and how a number looks on it: neurons in
// columns, one column per layer, input on the left; one edge per weight entry; a stroke's width
// and a neuron's fill follow the size of the number, their colour its sign. Pure: the component
// (components/gs-network.ts) only draws what this gives.

import type { NetworkData, NetworkEdge } from './compile.ts';
import { formatNumber } from '../format/number.ts';

export interface PlacedUnit {
  layer: number;
  /** 0-based; −1 is the layer's bias unit (the constant 1). */
  unit: number;
  x: number;
  y: number;
  /** "h1[2]": the layer's item and the unit's position (1-based); "h1 bias" for the bias unit. */
  name: string;
}

export interface PlacedEdge {
  edge: NetworkEdge;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface NetworkLayout {
  width: number;
  height: number;
  radius: number;
  /** Where each layer's name is written (above its column). */
  columns: { x: number; label: string }[];
  units: PlacedUnit[];
  edges: PlacedEdge[];
}

export const layoutSizes = {
  radius: 14,
  /** Between columns: less for a deep network, so 20 layers stay within a few screens. */
  columnGap: 130,
  columnGapDeep: 80,
  /** Between the neurons of a column: room for the value under each, or for s, h and δ. */
  rowGap: 54,
  rowGapDetail: 86,
  top: 34,
  side: 44,
  bottom: 16,
} as const;

/** The name of a unit as the diagram says it: "h1[2]" (a layer of one unit: "y_hat"). */
export function unitName(label: string, units: number, unit: number): string {
  if (unit < 0) return `${label} bias`;
  return units === 1 ? label : `${label}[${unit + 1}]`;
}

export function layoutNetwork(data: NetworkData, detail: boolean): NetworkLayout {
  const s = layoutSizes;
  // Room for the longest layer name (11 px monospace, about 7 px a character), so names never overlap.
  const longest = Math.max(...data.layers.map((l) => l.label.length));
  const gap = Math.max(data.layers.length > 6 ? s.columnGapDeep : s.columnGap, longest * 7 + 14);
  const rowGap = detail ? s.rowGapDetail : s.rowGap;
  const counts = data.layers.map((l) => l.units + (l.bias ? 1 : 0));
  const tallest = Math.max(...counts);
  const height = s.top + tallest * rowGap + s.bottom;
  const units: PlacedUnit[] = [];
  const at = new Map<string, PlacedUnit>();
  data.layers.forEach((layer, k) => {
    const x = s.side + k * gap;
    // Centred in the column; the bias unit first, at the top.
    const y0 = s.top + ((tallest - counts[k]) * rowGap) / 2 + s.radius + 4;
    const list = [...(layer.bias ? [-1] : []), ...Array.from({ length: layer.units }, (_, u) => u)];
    list.forEach((u, row) => {
      const placed = { layer: k, unit: u, x, y: y0 + row * rowGap, name: unitName(layer.label, layer.units, u) };
      units.push(placed);
      at.set(`${k} ${u}`, placed);
    });
  });
  const edges = data.edges.map((edge) => {
    const a = at.get(`${edge.from[0]} ${edge.from[1]}`)!,
      b = at.get(`${edge.to[0]} ${edge.to[1]}`)!;
    return { edge, x1: a.x, y1: a.y, x2: b.x, y2: b.y };
  });
  return {
    width: 2 * s.side + (data.layers.length - 1) * gap,
    height,
    radius: s.radius,
    columns: data.layers.map((l, k) => ({ x: s.side + k * gap, label: l.label })),
    units,
    edges,
  };
}

/** The largest magnitude among numbers (1 when all are 0 or there are none), for scaling. */
export function largest(values: Iterable<number>): number {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return m > 0 ? m : 1;
}

/** An edge's stroke for a number: its width grows with |v| relative to the largest; sign picks the colour. */
export function strokeFor(v: number, max: number): { width: number; sign: 'positive' | 'negative' | 'zero' } {
  const width = 0.75 + 5.25 * Math.min(1, Math.abs(v) / max);
  return { width: Math.round(width * 100) / 100, sign: v > 0 ? 'positive' : v < 0 ? 'negative' : 'zero' };
}

/** A neuron's fill for its value: opacity grows with |v| relative to its layer's largest. */
export function fillFor(v: number, max: number): { opacity: number; sign: 'positive' | 'negative' | 'zero' } {
  const opacity = 0.08 + 0.8 * Math.min(1, Math.abs(v) / max);
  return { opacity: Math.round(opacity * 1000) / 1000, sign: v > 0 ? 'positive' : v < 0 ? 'negative' : 'zero' };
}

/** A number as the diagram writes it: as the sheet does (format/number.ts), to three significant digits. */
export function shortNumber(v: number): string {
  return formatNumber(v, 3);
}

/** A weight moved by `delta`, as the text an entry is given: no float noise (0.1 + 0.2 is 0.3). */
export function movedWeight(start: number, delta: number): string {
  return String(Number((start + delta).toPrecision(12)));
}

/** How much a weight changes per pixel dragged (up is more), and per + or − key. */
export const dragPerPixel = 0.01;
export const nudgeStep = 0.1;
