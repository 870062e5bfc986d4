// Storage: saved edits (localStorage) and share links (#gs=…) are untrusted input. A record or
// link that is damaged, that names __proto__ or a prototype property, or that carries exploit
// formulas is refused or applied as errors in the cells, never thrown, never changing objects.
import { expect } from 'chai';
import { isCellError } from '../../src/errors.ts';
import { readWorkbook } from '../../src/format/read.ts';
import { Session } from '../../src/reactive/session.ts';
import { readEditState } from '../../src/store/persist.ts';
import { ShareError, decodeShare, encodeShare } from '../../src/store/share.ts';
import { guardGlobalState } from './invariants.ts';

guardGlobalState();

const b64 = (json: string) =>
  '1.' +
  btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

describe('saved edits and share links are untrusted', () => {
  for (const json of [
    '{"entries": {"__proto__": [["1"]]}, "formulas": {}}',
    '{"entries": {}, "formulas": {"__proto__": "1"}}',
    '{"entries": {"x": [[1]]}, "formulas": {}}',
    '{"entries": {"x": "1"}, "formulas": {}}',
    '{"entries": {}, "formulas": {"y": {"toString": 1}}}',
    '{"entries": [], "formulas": {}}',
    '{"__proto__": {"entries": {}, "formulas": {}}}',
    'null',
    '[]',
    '"text"',
    '1',
  ]) {
    it(`refuses the saved edits ${json}`, () => {
      expect(readEditState(JSON.parse(json))).to.equal(null);
      expect(({} as Record<string, unknown>).entries).to.equal(undefined);
    });
  }

  for (const text of [
    '',
    '1.',
    '1.!!!',
    '2.e30=',
    '1.' + 'A'.repeat(10),
    b64('{"w": "/w.md", "h": "x"}'),
    b64('{"w": 1, "h": "x", "e": {"entries": {}, "formulas": {}}}'),
  ]) {
    it(`refuses the share link ${JSON.stringify(text.slice(0, 30))} with a ShareError`, () => {
      expect(() => decodeShare(text)).to.throw(ShareError);
    });
  }

  it('applies exploit formulas from a share link as errors in their cells, and nothing else', async () => {
    const link = encodeShare({
      workbook: '/w.md',
      hash: 'h',
      edits: {
        entries: { x: [['1e400'], ['constructor']] },
        formulas: { y: 'cos.constructor("window.pwned = 1")()', z: 'config({relTol: 1})', q: 'ones(1e4, 1e4)' },
      },
    });
    const shared = decodeShare(link);
    const session = new Session(readWorkbook('```cells\nx = [1; 2]\ny = 2 * x\nz = x[1] + 1\nq = sum(x)\nkeep = 5\n```\n', 'w.md'));
    try {
      session.restoreEdits(shared.edits);
      await session.settled();
      for (const [name, codes] of [
        ['x', ['E_ENTRY']],
        ['y', ['E_SYNTAX', 'E_FORBIDDEN']],
        ['z', ['E_FORBIDDEN']],
        ['q', ['E_TOO_LARGE']],
      ] as const) {
        const state = session.state(name)!;
        expect(state.status, name).to.equal('error');
        expect(codes, name).to.include(state.error!.code);
      }
      expect(session.state('keep')!.value).to.equal(5);
      expect((globalThis as Record<string, unknown>).pwned).to.equal(undefined);
      expect(isCellError(session.state('y')!.error)).to.equal(true);
    } finally {
      session.dispose();
    }
  });
});
