// ```plot blocks: layers computed from cells, checked before anything is drawn.
import { expect } from 'chai';
import { evaluateWorkbook } from '../../src/workbook.ts';
import { isCellError } from '../../src/errors.ts';
import type { PlotBlock } from '../../src/format/spec.ts';
import type { PlotLayerData } from '../../src/plot/compile.ts';
import { vegaLiteSpec } from '../../src/plot/spec.ts';
import { readWorkbook } from '../../src/format/read.ts';
import { writeWorkbook } from '../../src/format/write.ts';

/** The parts of a vega-lite spec these tests read (JSON the test looks into, not the full vega-lite type). */
interface ChannelSeen {
  datum?: unknown;
  type?: string;
  scale: { type?: string; domain?: unknown };
  legend?: unknown;
}
interface SpecSeen {
  title?: unknown;
  view?: unknown;
  resolve?: unknown;
  layer: { data: { name: string }; mark: { type: string; clip?: boolean }; encoding: Record<string, ChannelSeen> }[];
}

function plots(text: string) {
  const { plan, results } = evaluateWorkbook(text);
  const out = [...plan.plots].map(([block, p]) => ({ block, data: p.run(...p.inputs.map((n) => results[plan.byName.get(n)!.index])) }));
  return { plan, out };
}

const wb = (cells: string, plot: string) => '```cells\n' + cells + '\n```\n\n```plot\n' + plot + '\n```\n';

describe('plots', () => {
  it('compute one row per point for each layer, against the shared x', () => {
    const { out } = plots(wb('z = linspace(-2, 2, 5)', 'x: z\nline: sigmoid(z) as σ(z)\nline: relu(z)'));
    const data = out[0].data as PlotLayerData[];
    expect(data.map((l) => [l.name, l.rows.length])).to.deep.equal([
      ['σ(z)', 5],
      ['relu(z)', 5],
    ]);
    expect(data[1].rows.map((r) => r.y)).to.deep.equal([0, 0, 0, 1, 2]);
    expect(data[0].rows[2]).to.deep.equal({ x: 0, y: 0.5 });
  });

  it('read x, y and color from keyed channels, with commas inside formulas', () => {
    const { out } = plots(wb('X = [0, 0; 0, 1; 1, 0; 1, 1]\nY = [0; 1; 1; 0]', 'point: x = X[:, 1], y = X[:, 2], color = Y, name = XOR'));
    const data = out[0].data as PlotLayerData[];
    expect(data[0].name).to.equal('XOR');
    expect(data[0].rows).to.deep.equal([
      { x: 0, y: 0, color: 0 },
      { x: 0, y: 1, color: 1 },
      { x: 1, y: 0, color: 1 },
      { x: 1, y: 1, color: 0 },
    ]);
  });

  it('give heat-map cells edges half a grid step either side', () => {
    const { out } = plots(wb('a = [0; 0; 1; 1]\nb = [0; 1; 0; 1]', 'rect: x = a, y = b, color = a + b'));
    const row = (out[0].data as PlotLayerData[])[0].rows[3];
    expect(row).to.deep.equal({ x: 0.5, y: 0.5, color: 2, x2: 1.5, y2: 1.5 });
  });

  it('broadcast a single number along x (a horizontal line)', () => {
    const { out } = plots(wb('z = [1; 2; 3]', 'x: z\nline: 0.25'));
    expect((out[0].data as PlotLayerData[])[0].rows.map((r) => r.y)).to.deep.equal([0.25, 0.25, 0.25]);
  });

  it('refuse NaN, infinities, mismatched lengths and values a log scale cannot show', () => {
    const bad = (cells: string, plot: string) => {
      const d = plots(wb(cells, plot)).out[0].data;
      expect(isCellError(d), plot).to.equal(true);
      return d as Error & { code: string };
    };
    expect(bad('z = [-1; 1]', 'x: z\nline: log(z)').code).to.equal('E_NONFINITE');
    expect(bad('z = [1; 2]', 'x: z\nline: [1; 2; 3]').code).to.equal('E_SHAPE');
    expect(bad('z = [-1; 1]', 'x: z\nline: z\ny-scale: log').code).to.equal('E_ARGUMENT');
    expect(bad('A = [1, 2; 3, 4]', 'x: A\nline: A').code).to.equal('E_SHAPE');
  });

  it("pass a cell's error on to the plot, naming the root cell", () => {
    const d = plots(wb('z = [1; 2]\nw = z + q', 'x: z\nline: w')).out[0].data;
    expect(isCellError(d) && d.root).to.equal('w');
  });

  it('report plot problems at their line: unknown names, a layer without x, bad settings', () => {
    const { plan } = plots(wb('z = [1; 2]', 'line: sigmod(z)\nx-scale: cubic\nline: x = z, y = nope\nwidth: 5'));
    expect(plan.problems.map((p) => [p.line, p.code])).to.deep.equal([
      [6, 'E_ATTRIBUTE'],
      [7, 'E_ATTRIBUTE'],
      [8, 'E_NAME_UNKNOWN'],
      [9, 'E_ATTRIBUTE'],
    ]);
    expect(plan.problems[0].message).to.contain('has no x');
  });

  it('describe each layer as a vega-lite layer reading its own dataset', () => {
    const { plan } = plots(wb('z = [1; 2]', 'title: T\nx: z\nline: z as one\npoint: 2 * z as two\ny-scale: log'));
    const spec = vegaLiteSpec([...plan.plots.keys()][0] as PlotBlock) as unknown as SpecSeen;
    expect(spec.title).to.equal('T');
    expect(spec.layer.map((l) => [l.data.name, l.mark.type, l.encoding.color.datum])).to.deep.equal([
      ['layer0', 'line', 'one'],
      ['layer1', 'point', 'two'],
    ]);
    expect(spec.layer[0].encoding.y.scale.type).to.equal('log');
  });
  it('put a heat map on a white ground, which a chart without one does not get', () => {
    const heat = plots(wb('a = [0; 0; 1; 1]\nb = [0; 1; 0; 1]', 'rect: x = a, y = b, color = a + b'));
    expect((vegaLiteSpec([...heat.plan.plots.keys()][0] as PlotBlock) as unknown as SpecSeen).view).to.deep.equal({ fill: 'white' });
    const line = plots(wb('z = [1; 2]', 'x: z\nline: z'));
    expect((vegaLiteSpec([...line.plan.plots.keys()][0] as PlotBlock) as unknown as SpecSeen).view).to.equal(undefined);
  });

  it('fix an axis or the colour scale with "x-range", "y-range" and "color-range", clipping marks beyond', () => {
    const { plan } = plots(wb('z = [0; 2]', 'x: z\nline: z\nx-range: -0.5 to 1.5\ny-range: 0 to 1\ncolor-range: 0 to 1'));
    const block = [...plan.plots.keys()][0] as PlotBlock;
    expect([block.xRange, block.yRange, block.colorRange]).to.deep.equal([
      [-0.5, 1.5],
      [0, 1],
      [0, 1],
    ]);
    const spec = vegaLiteSpec(block) as unknown as SpecSeen;
    expect(spec.layer[0].encoding.x.scale).to.deep.include({ domain: [-0.5, 1.5], nice: false });
    expect(spec.layer[0].encoding.y.scale).to.deep.include({ domain: [0, 1], nice: false });
    expect(spec.layer[0].mark.clip).to.equal(true);
    expect(plan.problems).to.deep.equal([]);
  });

  it('refuse a range that is not "MIN to MAX" with MIN below MAX, or that a log scale cannot show', () => {
    const { plan } = plots(wb('z = [1; 2]', 'x: z\nline: z\nx-range: 1 to 0\ny-range: zero to one\ncolor-range: 0 to 1 to 2'));
    expect(plan.problems.map((p) => [p.line, p.code])).to.deep.equal([
      [8, 'E_ATTRIBUTE'],
      [9, 'E_ATTRIBUTE'],
      [10, 'E_ATTRIBUTE'],
    ]);
    expect(plan.problems[0].message).to.contain('MIN to MAX');
    const log = plots(wb('z = [1; 2]', 'x: z\nline: z\nx-scale: log\nx-range: 0 to 10')).plan;
    expect(log.problems.map((p) => [p.line, p.code])).to.deep.equal([[9, 'E_ATTRIBUTE']]);
    expect(log.problems[0].message).to.contain('log scale');
  });

  it('colour a heat map and the points on it by one red–blue scale, and name the other layers apart', () => {
    const { plan } = plots(
      wb(
        'G = [0, 0; 1, 1]\nX = [0, 0]',
        'rect: x = G[:, 1], y = G[:, 2], color = G[:, 1], name = out\nline: x = G[:, 1], y = G[:, 2], name = edge\npoint: x = X[:, 1], y = X[:, 2], color = 1, name = data',
      ),
    );
    const spec = vegaLiteSpec([...plan.plots.keys()][0] as PlotBlock) as unknown as SpecSeen;
    const [rect, line, point] = spec.layer;
    expect(rect.encoding.color.scale).to.deep.equal({ scheme: 'redblue', reverse: true });
    expect(point.encoding.color.scale).to.deep.equal(rect.encoding.color.scale);
    expect(point.encoding.color.legend, 'one legend for the values').to.equal(null);
    expect(line.encoding.color).to.deep.include({ datum: 'edge', type: 'nominal' });
    expect(line.encoding.color.scale.domain).to.deep.equal(['edge']);
    expect(spec.resolve).to.deep.equal({ scale: { color: 'independent' } });
    expect(point.mark).to.deep.include({ stroke: 'black' });
  });

  it('write the ranges back as they were read', () => {
    const text = '```cells\nz = [1; 2]\n```\n\n```plot\nx: z\nline: z\nx-range: -0.5 to 1.5\ncolor-range: 0 to 1\n```\n';
    expect(writeWorkbook(readWorkbook(text))).to.contain('x-range: -0.5 to 1.5\ncolor-range: 0 to 1');
  });
});
