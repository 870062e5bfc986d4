// "Share" links: the state travels in the URL fragment, is read back exactly (trained weights
// at full precision), and a damaged or foreign link is refused with a reason.
import { expect } from 'chai';
import { ShareError, decodeShare, encodeShare, shareLink, sharedInHash, workbookPath } from '../../src/store/share.ts';

const state = {
  workbook: '/workbooks/07-backpropagation.md',
  hash: 'abc123',
  edits: {
    entries: {
      Theta1: [
        ['1.1971263716837254', '2.1', '-1.5'],
        ['-0.3', '-0.7', '0.3'],
      ],
      Θ2: [['½']],
    },
    formulas: { h1: 'tanh(s1)' },
  },
};

describe('share links', () => {
  it('carry the state in the fragment and read it back exactly', () => {
    const link = shareLink('http://localhost:8000/?w=07-backpropagation.md#old', state);
    const url = new URL(link);
    expect(url.search).to.equal('?w=07-backpropagation.md');
    expect(url.hash).to.match(/^#gs=1\.[A-Za-z0-9_-]+$/);
    expect(decodeShare(sharedInHash(url.hash)!)).to.deep.equal(state);
  });

  it('finds the state among other fragment parameters, or none', () => {
    expect(sharedInHash(`#x=1&gs=${encodeShare(state)}`)).to.equal(encodeShare(state));
    expect(sharedInHash('#section-2')).to.equal(null);
    expect(sharedInHash('')).to.equal(null);
  });

  it('refuses damaged links with a reason', () => {
    const good = encodeShare(state);
    for (const bad of [
      good.slice(0, 20),
      '1.!!!',
      '2.' + good.slice(2),
      '1.' + btoa('{"w":"/x","h":"y","e":{"entries":{"__proto__":[["1"]]},"formulas":{}}}'),
    ]) {
      expect(() => decodeShare(bad), bad).to.throw(ShareError);
    }
  });

  it('knows a workbook by its path', () => {
    expect(workbookPath('http://localhost:8000/workbooks/07-backpropagation.md?test=3')).to.equal('/workbooks/07-backpropagation.md');
  });
});
