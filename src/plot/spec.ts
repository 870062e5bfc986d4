// A ```plot block as a vega-lite specification. Each layer reads a named dataset
// ("layer0", "layer1", …) that the page fills with the rows compile.ts computes.

import type { PlotBlock } from '../format/spec.ts';

export function layerName(k: number): string {
  return `layer${k}`;
}

export function vegaLiteSpec(block: PlotBlock): Record<string, unknown> {
  // Points get room at the edges, so a point on the axis is drawn whole.
  const padding = block.layers.some((l) => l.mark === 'point') ? { padding: 12 } : {};
  // A fixed range is drawn exactly (no padding, no rounding outwards); marks beyond it are clipped.
  const scale = (s: 'linear' | 'log' | undefined, range: [number, number] | undefined) => ({
    ...(s === 'log' ? { type: 'log' } : { zero: false }),
    ...(range ? { domain: range, nice: false } : padding),
  });
  const clip = !!(block.xRange || block.yRange);
  const only = block.layers.length === 1 ? block.layers[0] : undefined;
  const x = { field: 'x', type: 'quantitative', title: block.xTitle ?? block.x ?? only?.channels.x ?? 'x', scale: scale(block.xScale, block.xRange) };
  const y = {
    field: 'y',
    type: 'quantitative',
    title: block.yTitle ?? (only ? (only.channels.x !== undefined ? only.channels.y : (only.name ?? only.channels.y)) : ''),
    scale: scale(block.yScale, block.yRange),
  };
  const legend = block.layers.length > 1;
  // Colour: a heat map (rect) and points coloured by value share one diverging scale, 1 red and
  // 0 blue, so a point whose colour differs from the ground under it is misclassified; without a
  // heat map, points coloured by value use viridis. Layers without a colour formula are told apart
  // by name (a legend). When both kinds are in one chart their colour scales are independent, and
  // the named layers repeat one domain so that each name keeps one colour.
  const heat = block.layers.some((l) => l.mark === 'rect' && l.channels.color !== undefined);
  const valueScale = { ...(heat ? { scheme: 'redblue', reverse: true } : { scheme: 'viridis' }), ...(block.colorRange ? { domain: block.colorRange } : {}) };
  const named = legend ? block.layers.filter((l) => l.channels.color === undefined).map((l) => l.name ?? l.channels.y) : [];
  const byValue = block.layers.filter((l) => l.channels.color !== undefined);
  const independent = named.length > 0 && byValue.length > 0;
  const namedScale = independent ? { domain: named, ...(heat ? { range: ['black', '#ff9f1c', '#2ca02c', '#9467bd', '#8c564b', '#e377c2'] } : {}) } : undefined;
  const layers = block.layers.map((layer, k) => {
    const name = layer.name ?? layer.channels.y;
    const colorByValue = layer.channels.color !== undefined;
    const encoding: Record<string, unknown> = { x, y };
    if (colorByValue) {
      // One legend for the values: a shared scale has one anyway; independent scales would repeat it.
      const first = byValue[0] === layer;
      encoding.color = {
        field: 'color',
        type: 'quantitative',
        title: layer.name ?? layer.channels.color,
        scale: valueScale,
        ...(first || !independent ? {} : { legend: null }),
      };
    } else if (legend) {
      const first = named[0] === name && block.layers.find((l) => l.channels.color === undefined) === layer;
      encoding.color = { datum: name, type: 'nominal', title: null, ...(namedScale ? { scale: namedScale, ...(first ? {} : { legend: null }) } : {}) };
    }
    if (layer.mark === 'rect') {
      encoding.x2 = { field: 'x2' };
      encoding.y2 = { field: 'y2' };
    }
    const mark =
      layer.mark === 'point'
        ? { type: 'point', filled: true, size: heat ? 90 : 60, ...(heat ? { stroke: 'black', strokeWidth: 1.5 } : {}), ...(clip ? { clip } : {}) }
        : layer.mark === 'line'
          ? { type: 'line', clip: true, ...(heat ? { strokeWidth: 2.5 } : {}) }
          : layer.mark === 'rect'
            ? { type: 'rect', opacity: 0.6, ...(clip ? { clip } : {}) }
            : { type: layer.mark, clip: true };
    return { data: { name: layerName(k) }, mark, encoding };
  });
  return {
    ...(block.title ? { title: block.title } : {}),
    width: block.width,
    height: block.height,
    layer: layers,
    // A heat map is pale (the dots in full colour stand out on it) over a white ground, also on a
    // dark page, where see-through colours would turn grey and 0.5 would not be white.
    ...(heat ? { view: { fill: 'white' } } : {}),
    ...(independent ? { resolve: { scale: { color: 'independent' } } } : {}),
  };
}
