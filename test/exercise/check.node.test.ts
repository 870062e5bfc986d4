// The exercise attributes as the reader and `gradsheet check` see them: located errors for a
// malformed or misplaced attribute and a mistake that does not compile; every exercise computes,
// every mistake differs from the answer, hints where the author asked; --json lists exercises.
import { expect } from 'chai';
import { readWorkbook } from '../../src/format/read.ts';
import { writeWorkbook } from '../../src/format/write.ts';
import { checkWorkbookText } from '../../src/cli/check.ts';
import { npxGradsheet } from '../helpers/cli.ts';
import { staticWorkbook } from '../../src/cli/pages.ts';

const workbook = (cells: string, meta = '') => `${meta ? `---\n${meta}\n---\n\n` : ''}# T\n\n\`\`\`cells\nx = [1; 2]\nw = [0.5; -1]\n${cells}\n\`\`\`\n`;
const problems = (text: string) => checkWorkbookText(text, 't.md').findings.map((f) => `${f.line}:${f.col} ${f.code} ${f.cell ?? ''}`.trim());

describe('reading exercise attributes', () => {
  it('reads an exercise with its instruction, hints in order, mistakes and hides', () => {
    const spec = readWorkbook(
      workbook(
        "s = w' * x\n  exercise: Compute $s$.\n  hint: first\n  hint: second\n  mistake: w' * x + 1 — You added one.\n  mistake: x' * x -- Not w.\n  hides: dependents",
      ),
    );
    expect(spec.problems).to.deep.equal([]);
    const ex = spec.cells[2].exercise!;
    expect(ex.instruction).to.equal('Compute $s$.');
    expect(ex.hints.map((h) => h.text)).to.deep.equal(['first', 'second']);
    expect(ex.mistakes.map((m) => [m.formula, m.message, m.line, m.col])).to.deep.equal([
      ["w' * x + 1", 'You added one.', 10, 12],
      ["x' * x", 'Not w.', 11, 12],
    ]);
    expect(ex.hides).to.equal(true);
    // Written back, it reads the same.
    expect(readWorkbook(writeWorkbook(spec)).cells[2].exercise).to.deep.include({ instruction: 'Compute $s$.', hides: true });
    expect(readWorkbook(writeWorkbook(spec)).cells[2].exercise!.mistakes.map((m) => m.formula)).to.deep.equal(["w' * x + 1", "x' * x"]);
  });

  it('takes "exercise:" without an instruction', () => {
    const spec = readWorkbook(workbook("s = w' * x\n  exercise:"));
    expect(spec.problems).to.deep.equal([]);
    expect(spec.cells[2].exercise!.instruction).to.equal('');
  });

  it('locates a malformed mistake, a wrong hides value, a repeated exercise and hints without an exercise', () => {
    const spec = readWorkbook(workbook("s = w' * x\n  exercise:\n  exercise: again\n  mistake: w * 2 no dash\n  hides: everything\nt = w\n  hint: lonely"));
    expect(spec.problems.map((p) => `${p.line}:${p.col} ${p.code} ${p.cell} ${p.message.slice(0, 30)}`)).to.deep.equal([
      '8:3 E_ATTRIBUTE s "exercise" is given twice for ',
      '9:12 E_ATTRIBUTE s "w * 2 no dash" is not a mista',
      '10:10 E_ATTRIBUTE s "everything" is not what an ex',
      '12:1 E_ATTRIBUTE t hint:, mistake: and hides: bel',
    ]);
    expect(spec.cells[3].exercise).to.equal(undefined);
  });
});

describe('gradsheet check on exercises', () => {
  it('passes a workbook whose exercises compute and whose mistakes differ', () => {
    const r = checkWorkbookText(workbook("s = w' * x\n  exercise: go\n  hint: h\n  mistake: w' * x + 1 — one more", 'hints: required'), 't.md');
    expect(r.ok).to.equal(true);
    expect(r.exercises).to.deep.equal([
      {
        cell: 's',
        line: 11,
        instruction: 'go',
        shape: [1, 1],
        hints: 1,
        mistakes: [{ formula: "w' * x + 1", message: 'one more', line: 13, differs: true }],
        hides: false,
        ok: true,
      },
    ]);
  });

  it('fails a mistake that equals the answer, or has another shape, at the mistake', () => {
    expect(problems(workbook("s = w' * x\n  exercise:\n  mistake: x' * w — the same numbers\n  mistake: x — a column"))).to.deep.equal([
      '8:12 E_EXERCISE s',
      '9:12 E_EXERCISE s',
    ]);
    const r = checkWorkbookText(workbook("s = w' * x\n  exercise:\n  mistake: x' * w — the same numbers"), 't.md');
    expect(r.findings[0].message).to.contain("gives the right answer's numbers");
    expect(r.exercises![0].mistakes[0].differs).to.equal(false);
    expect(r.exercises![0].ok).to.equal(false);
  });

  it('fails a mistake naming an unknown cell, or that does not parse, at its column', () => {
    const r = checkWorkbookText(workbook("s = w' * x\n  exercise:\n  mistake: w' * xx — typo\n  mistake: w' * (x — open"), 't.md');
    expect(r.findings.map((f) => `${f.line}:${f.col} ${f.code}`)).to.deep.equal(['8:17 E_NAME_UNKNOWN', '9:19 E_SYNTAX']);
    expect(r.findings[0].message).to.equal('The mistake\'s formula cannot be used: "xx" is not defined: no cell or constant has that name.');
  });

  it('fails an exercise that does not compute, and a mistake that does not', () => {
    const r = checkWorkbookText(workbook('s = w * x\n  exercise:'), 't.md');
    // The cell's own error is reported once, where the formula is.
    expect(r.findings.map((f) => f.code)).to.deep.equal(['E_SHAPE']);
    expect(r.exercises![0].ok).to.equal(false);
    const m = checkWorkbookText(workbook("s = w' * x\n  exercise:\n  mistake: w * x — no"), 't.md');
    expect(m.findings.map((f) => `${f.line}:${f.col} ${f.code}`)).to.deep.equal(['8:12 E_EXERCISE']);
    expect(m.findings[0].message).to.contain('does not compute');
  });

  it('asks for a hint on every exercise under "hints: required", and refuses another setting', () => {
    expect(problems(workbook("s = w' * x\n  exercise:", 'hints: required'))).to.deep.equal(['11:3 E_EXERCISE s']);
    expect(problems(workbook("s = w' * x\n  exercise:"))).to.deep.equal([]);
    expect(problems(workbook("s = w' * x\n  exercise:\n  hint: h", 'hints: maybe'))).to.deep.equal(['1:1 E_FRONTMATTER']);
  });

  it('refuses an exercise too large to fill in by hand', () => {
    const r = checkWorkbookText(workbook('big = ones(21, 20)\n  exercise:\nok = ones(20, 20)\n  exercise:'), 't.md');
    expect(r.findings.map((f) => `${f.line}:${f.col} ${f.code} ${f.cell}`)).to.deep.equal(['7:3 E_EXERCISE big']);
    expect(r.findings[0].message).to.contain('420 entries; an answer grid holds at most 400');
  });

  it('refuses an exercise on an input cell', () => {
    expect(problems(workbook('b = 3\n  exercise:'))).to.deep.equal(['7:3 E_ATTRIBUTE b']);
  });

  it("checks the lecture's exercises and the fixture written from the guide, and lists them with --json", async () => {
    const { code, stdout } = await npxGradsheet(
      'check',
      '--json',
      'workbooks/01-perceptron.md',
      'workbooks/07-backpropagation.md',
      'workbooks/09-gradient-descent.md',
      'test/exercise/fixtures/neuron-by-hand.md',
    );
    expect(code, stdout).to.equal(0);
    const files = JSON.parse(stdout).files as { exercises: { cell: string; ok: boolean; mistakes: { differs: boolean }[] }[] }[];
    expect(files.map((f) => f.exercises.map((e) => e.cell))).to.deep.equal([
      ['s_u'],
      ['h1_b', 'y_hat_b', 'E_b', 'dE_dTheta2_b', 'Theta2_new_b'],
      ['grad_h', 'Theta_h_next'],
      ['s', 'h', 'wx'],
    ]);
    for (const e of files.flatMap((f) => f.exercises)) expect(e.ok && e.mistakes.every((m) => m.differs), e.cell).to.equal(true);
  });

  it("writes no exercise's answer into a built page, where the other cells show their values", () => {
    const text = workbook("s = w' * x\n  exercise:\nt = w' * w");
    const html = staticWorkbook({ file: 't.md', title: 'T', summary: '', text }, checkWorkbookText(text, 't.md'));
    expect(html).to.match(/<figure data-cell="s">.*An exercise: compute it by hand/);
    expect(html).to.not.contain('-1.5').and.to.not.contain('−1.5');
    expect(html).to.match(/<figure data-cell="t">.*1\.25/);
  });
});
