// `gradsheet build FILE --pdf OUT.pdf`: the handout printed by the machine's Chromium, read back
// from the PDF itself (test/helpers/pdf-text.ts): its pages, each section starting one, the values
// the cells computed in its text, and no control's label.
import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { pdfPages } from '../helpers/pdf-text.ts';

function capture() {
  let text = '';
  return {
    write: (t: string) => (text += t),
    get text() {
      return text;
    },
  };
}

describe('gradsheet build --pdf', function () {
  this.timeout(240_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gradsheet-pdf-test-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints 07 as a handout: each section starts a page, with the values computed and no controls', async () => {
    const out = path.join(dir, '07.pdf');
    const said = capture(),
      err = capture();
    expect(await main(['build', 'workbooks/07-backpropagation.md', '--pdf', out], said, err), err.text).to.equal(0);
    expect(said.text).to.equal(`gradsheet build: ${out}\n`);
    const pdf = await readFile(out);
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    const pages = pdfPages(pdf);
    // Seven sections (the last, exercises); a long one goes on over a second page.
    expect(pages.length).to.be.within(6, 12);
    const headings = [
      'Forward and back propagation',
      'Forward propagation',
      'The error',
      'Back propagation to Θ2',
      'Back propagation to Θ1',
      'Gradient descent',
    ];
    expect(pages.map((p) => headings.find((h) => p.startsWith(`${h} `))).filter(Boolean), 'the pages that start with a heading').to.deep.equal(headings);
    const text = pages.join(' ');
    // Entries as typed, computed values as the page shows them, what the slide says.
    expect(pages[0]).to.contain('2×3 1.2 2.1 -1.5 -0.3 -0.7 0.3');
    expect(text).to.contain('3×1 0.79413 0.920561 0.161109');
    expect(text).to.contain('scalar 0.0703063 Slide says 0.072');
    expect(text).to.contain('3×1 −0.0697922 −0.0809037 −0.0141591');
    expect(text, 'the chart, its title and its axes').to.contain('The error as Θ2[2] varies, the other weights fixed');
    expect(
      pages.find((p) => p.startsWith('Gradient descent ')),
      'the training block, without its buttons',
    ).to.contain('step 0 · loss 0.0703063');
    for (const control of ['Undo', 'Redo', 'Reset all', 'Share', 'Graph', 'Present', 'TSV', 'LaTeX', 'Stop', 'Restore', 'Saved in this browser']) {
      expect(text, control).to.not.contain(control);
    }
  });

  it('answers a wrong command line with exit status 2, and a Chromium that is not there with a clear error', async () => {
    const cases: [string[], string][] = [
      [
        ['build', 'workbooks', '--pdf', path.join(dir, 'a.pdf'), '--out', path.join(dir, 'site')],
        'give one of --out DIR, --single-file FILE.html or --pdf FILE.pdf',
      ],
      [['build', 'workbooks', '--out', path.join(dir, 'site'), '--answers'], '--answers goes with --pdf'],
      [['build', 'workbooks', '--pdf'], '--pdf needs a value'],
    ];
    for (const [argv, why] of cases) {
      const err = capture();
      expect(await main(argv, capture(), err), argv.join(' ')).to.equal(2);
      expect(err.text, argv.join(' ')).to.contain(why);
    }
    const saved = process.env.CHROME_PATH;
    process.env.CHROME_PATH = path.join(dir, 'no-chromium-here');
    try {
      const err = capture();
      const out = path.join(dir, 'none.pdf');
      expect(await main(['build', 'workbooks/01-perceptron.md', '--pdf', out], capture(), err)).to.equal(1);
      expect(err.text).to.contain(`Could not start Chromium at ${process.env.CHROME_PATH}`);
      expect(
        await stat(out).then(
          () => true,
          () => false,
        ),
        'nothing written',
      ).to.equal(false);
    } finally {
      if (saved === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = saved;
    }
  });
});
