// docs/authoring.md cannot drift from the code: every built-in function, error code, cell
// attribute and front-matter key is in it, and its complete example workbook checks clean.
import { expect } from 'chai';
import { functions } from '../../src/formula/functions.ts';
import { codes } from '../../src/messages.ts';
import { cellAttributes } from '../../src/format/cells-block.ts';
import { metaKeys } from '../../src/format/read.ts';
import { plotSettings } from '../../src/format/plot-block.ts';
import { plotMarks } from '../../src/format/spec.ts';
import { networkSettings } from '../../src/format/network-block.ts';
import { checkWorkbookText } from '../../src/cli/check.ts';
import { readText } from '../helpers/files.ts';

const guide = await readText('docs/authoring.md');

/** The complete workbooks in the guide: ````markdown blocks that start with front matter. */
function exampleWorkbooks(text: string): string[] {
  return [...text.matchAll(/^````markdown\n(---\n[\s\S]*?)^````$/gm)].map((m) => m[1]);
}

describe('the authoring guide', () => {
  it('describes every built-in function', () => {
    const missing = [...functions.keys()].filter((name) => !guide.includes('`' + name + '('));
    expect(missing, 'functions missing from docs/authoring.md').to.deep.equal([]);
  });

  it('explains every error code', () => {
    const missing = Object.values(codes).filter((code) => !new RegExp('`' + code + '`').test(guide));
    expect(missing, 'codes missing from docs/authoring.md').to.deep.equal([]);
  });

  it('shows every cell attribute and front-matter key', () => {
    const missing = [...cellAttributes, ...metaKeys].filter((key) => !guide.includes('`' + key + ':'));
    expect(missing).to.deep.equal([]);
  });

  it('shows every plot mark and plot setting', () => {
    const missing = [...plotMarks, ...plotSettings].filter((key) => !guide.includes('`' + key + ':'));
    expect(missing).to.deep.equal([]);
  });

  it('shows every setting of a network block', () => {
    const missing = networkSettings.filter((key) => !guide.includes('`' + key + ':'));
    expect(missing).to.deep.equal([]);
  });

  it('has a first workbook that computes, agrees with its slides, and marks the wrong one', () => {
    const [first] = exampleWorkbooks(guide);
    expect(first, 'a complete example').to.be.a('string');
    const report = checkWorkbookText(first, 'one-neuron.md');
    expect(report.errors, JSON.stringify(report.findings)).to.equal(0);
    expect(report.findings.map((f) => `${f.code} ${f.cell}`)).to.deep.equal(['W_SLIDE_WRONG E']);
    const value = (name: string) => report.cells.find((c) => c.name === name)!.value;
    expect(value('s')).to.equal(1.25);
    const [[hand0], [hand1]] = value('dE_dw') as number[][];
    const [[auto0], [auto1]] = value('dE_dw_auto') as number[][];
    expect(hand0).to.be.closeTo(auto0, 1e-15);
    expect(hand1).to.be.closeTo(auto1, 1e-15);
    expect(hand0).to.be.closeTo(-0.0385505, 1e-7);
  });

  it('is linked from the README', async () => {
    expect(await readText('README.md')).to.contain('(docs/authoring.md)');
  });
});
