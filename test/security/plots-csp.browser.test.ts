// Plots run vega's expressions through its interpreter, never through new Function: this page
// forbids eval with a Content-Security-Policy, checks that it does, and draws a chart whose
// expressions (a calculate transform, a filter) must still be evaluated. Its own file, because a
// page's CSP cannot be lifted once set.
import { expect } from 'chai';
import '../../components/gs-plot.ts';
import type { GsPlot } from '../../components/gs-plot.ts';
import { guardGlobalState } from './invariants.ts';

guardGlobalState();

describe('vega under a policy that forbids eval', () => {
  before(() => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = `script-src 'self' 'unsafe-inline' ${location.origin}`;
    document.head.append(meta);
  });

  it('forbids new Function on this page (so the test below means something)', () => {
    expect(() => new Function('return 1')).to.throw(EvalError);
  });

  it('draws a chart whose expressions vega evaluates', async () => {
    const plot = document.createElement('gs-plot') as GsPlot;
    plot.spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: { name: 'pts' },
      transform: [{ calculate: 'datum.x * 10 + (datum.y > 2 ? 1 : 0)', as: 'z' }, { filter: 'datum.z > 10' }],
      mark: 'point',
      encoding: { x: { field: 'z', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
    };
    plot.data = {
      pts: [
        { x: 1, y: 2 },
        { x: 2, y: 3 },
        { x: 3, y: 4 },
      ],
    };
    document.body.append(plot);
    try {
      await plot.drawn;
      expect(plot._error).to.equal(undefined);
      const view = plot.view as unknown as { data(name: string): { z: number }[] };
      const shown = view.data('data_0') ?? [];
      expect(shown.map((d) => d.z)).to.deep.equal([21, 31]);
    } finally {
      plot.remove();
    }
  });
});
