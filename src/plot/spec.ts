// A ```plot block as a vega-lite specification. Each layer reads a named dataset
// ("layer0", "layer1", …) that the page fills with the rows compile.ts computes.

import type { PlotBlock } from '../format/spec.ts';

export function layerName(k: number): string {
  return `layer${k}`;
}

export function vegaLiteSpec(block: PlotBlock): Record<string, unknown> {
  // Points get room at the edges, so a point on the axis is drawn whole.
  const padding = block.layers.some((l) => l.mark === 'point') ? { padding: 12 } : {};
  const scale = (s: 'linear' | 'log' | undefined) => (s === 'log' ? { type: 'log', ...padding } : { zero: false, ...padding });
  const only = block.layers.length === 1 ? block.layers[0] : undefined;
  const x = { field: 'x', type: 'quantitative', title: block.xTitle ?? block.x ?? only?.channels.x ?? 'x', scale: scale(block.xScale) };
  const y = { field: 'y', type: 'quantitative', title: block.yTitle ?? (only ? (only.channels.x !== undefined ? only.channels.y : only.name ?? only.channels.y) : ''), scale: scale(block.yScale) };
  const legend = block.layers.length > 1;
  const layers = block.layers.map((layer, k) => {
    const name = layer.name ?? layer.channels.y;
    const colorByValue = layer.channels.color !== undefined;
    const encoding: Record<string, unknown> = { x, y };
    if (colorByValue) {
      encoding.color = { field: 'color', type: 'quantitative', title: layer.channels.color, scale: { scheme: layer.mark === 'rect' ? 'redblue' : 'viridis' } };
    } else if (legend) {
      encoding.color = { datum: name, type: 'nominal', title: null };
    }
    if (layer.mark === 'rect') {
      encoding.x2 = { field: 'x2' };
      encoding.y2 = { field: 'y2' };
    }
    const mark =
      layer.mark === 'point' ? { type: 'point', filled: true, size: 60 }
        : layer.mark === 'line' ? { type: 'line', clip: true }
        : layer.mark === 'rect' ? { type: 'rect', opacity: 0.85 }
        : { type: layer.mark, clip: true };
    return { data: { name: layerName(k) }, mark, encoding };
  });
  return {
    ...(block.title ? { title: block.title } : {}),
    width: block.width,
    height: block.height,
    layer: layers,
  };
}
