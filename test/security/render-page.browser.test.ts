// Rendering that amplifies, through the real page (issue 12): workbooks that froze the tab while
// their math or prose was laid out open with what is refused shown as refused, in its place,
// with its reason; the problems list locates each; and the page answers afterwards (an entry
// typed recomputes a dependent). Judged by counts of what the page shows, never by time.
import { expect } from 'chai';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { limits } from '../../src/limits.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell, control } from '../helpers/find.ts';
import { typeInto } from '../helpers/keys.ts';
import { until } from '../helpers/wait.ts';

/** A \def chain: each macro is twice the one before. */
function defChain(depth: number): string {
  const name = (i: number) => `\\m${String.fromCharCode(97 + i)}`;
  let s = '';
  for (let i = 0; i < depth; i++) s += `\\def${name(i)}{${i ? name(i - 1) + name(i - 1) : 'x'}}`;
  return s + name(depth - 1);
}

const chain = defChain(12);
/** Four \def chains, in a heading, the prose, a label and a caption: 859 bytes that froze the page for 33 s. */
const defWorkbook =
  `# Doubling $${chain}$\n\nEach macro is twice the one before: $${chain}$ and so on for twelve levels.\n\n` +
  `\`\`\`cells\nx = 1\n  label: ${chain}\n  caption: the same: $${chain}$\ny = 2 * x\n\`\`\`\n`;

const shadow = (wb: GsWorkbook, name: string, selector: string) => [...cell(wb, name).shadowRoot!.querySelectorAll(selector)];
const problems = (wb: GsWorkbook) => [...wb.querySelectorAll('.gs-problems li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
const prose = (wb: GsWorkbook) => [...wb.querySelectorAll('.gs-prose')];

/** The page answers: a number typed into `input` recomputes `dependent` to `expected`. */
async function answers(wb: GsWorkbook, input: string, typed: string, dependent: string, expected: number) {
  await typeInto(control(wb, input, input), typed);
  await until(() => cell(wb, dependent).value === expected, `${dependent} recomputed to ${expected}`);
  await settle(wb);
}

describe('rendering that amplifies, in the page', () => {
  let wb: GsWorkbook | undefined;
  afterEach(() => wb?.remove());

  it('opens an 859-byte workbook of \\def chains with each chain refused in place, located, and answers an entry typed', async () => {
    expect(new TextEncoder().encode(defWorkbook).length).to.equal(859);
    wb = await mount(defWorkbook, { text: true });
    await until(() => prose(wb!).length === 1 && prose(wb!)[0].textContent!.includes('and so on'), 'the prose rendered');
    // The heading's and the paragraph's chains, the label's and the caption's: each a note, none typeset.
    const proseNotes = prose(wb)[0].querySelectorAll('.gs-tex-refused');
    expect([...proseNotes].map((n) => n.textContent)).to.deep.equal(
      [0, 1].map(() => 'This math defines a macro (\\def); workbooks may not define macros. Write the TeX out.'),
    );
    expect(prose(wb)[0].querySelector('h1')!.textContent).to.match(/^Doubling This math defines a macro/);
    expect(prose(wb)[0].querySelectorAll('math')).to.have.length(0);
    expect(shadow(wb, 'x', '.label .gs-tex-refused').map((n) => n.textContent)).to.deep.equal([
      'This math defines a macro (\\def); workbooks may not define macros. Write the TeX out.',
    ]);
    expect(shadow(wb, 'x', '.label math')).to.have.length(0);
    await until(() => shadow(wb!, 'x', '.caption .gs-tex-refused').length === 1, 'the caption rendered');
    expect(shadow(wb, 'x', '.caption')[0].textContent).to.match(/^the same: This math defines a macro/);
    // Each located in the problems list, at its line.
    expect(problems(wb).map((p) => p.replace(/^\S+?(?=:\d+:\d+ )/, 'w.md'))).to.deep.equal([
      'w.md:1:1 E_FORBIDDEN This math defines a macro (\\def); workbooks may not define macros. Write the TeX out.',
      'w.md:3:1 E_FORBIDDEN This math defines a macro (\\def); workbooks may not define macros. Write the TeX out.',
      'w.md:7:10 E_FORBIDDEN x: This math defines a macro (\\def); workbooks may not define macros. Write the TeX out.',
      'w.md:8:12 E_FORBIDDEN x: This math defines a macro (\\def); workbooks may not define macros. Write the TeX out.',
    ]);
    expect(cell(wb, 'y').value).to.equal(2);
    await answers(wb, 'x', '3', 'y', 6);
  });

  it('opens 80 labels of 999 plain symbols (80,000 in all) typesetting ten, the other 70 refused in place, and answers an entry typed', async () => {
    const n = 80;
    const cells = Array.from({ length: n }, (_, i) => `c${i} = ${i}\n  label: ${'x'.repeat(999)}`).join('\n');
    wb = await mount(`# Many symbols\n\n\`\`\`cells\n${cells}\ntotal = c0 + c79\n\`\`\`\n`, { text: true });
    const names = Array.from({ length: n }, (_, i) => `c${i}`);
    const refused = names.filter((name) => shadow(wb!, name, '.label .gs-tex-refused').length === 1);
    expect(refused).to.deep.equal(names.slice(10));
    expect(shadow(wb, 'c10', '.label')[0].textContent).to.contain("This label is not typeset: with its 999 symbols, the workbook's math would pass its total");
    // What is laid out: ten labels of 999 symbols, and the short label of total; nothing of the others.
    const symbols = names.reduce((sum, name) => sum + shadow(wb!, name, '.label mi').length, 0);
    expect(symbols).to.equal(10 * 999);
    expect(symbols).to.be.at.most(limits.maxWorkbookTexSymbols);
    expect(shadow(wb, 'total', '.label math')).to.have.length(1);
    // Each refused label is a located problem; each cell still computes.
    const listed = problems(wb);
    expect(listed).to.have.length(70);
    expect(listed[0]).to.match(/:25:10 E_TOO_LONG c10: This label is not typeset/);
    expect(cell(wb, 'c79').value).to.equal(79);
    expect(cell(wb, 'total').value).to.equal(79);
    await answers(wb, 'c0', '5', 'total', 84);
  });

  it('opens a 100 KB body refused in place as one short note, located, and answers an entry typed', async () => {
    const unit = `$${chain}$ `;
    const body = unit.repeat(Math.ceil(100_000 / unit.length));
    wb = await mount(`# A long body\n\n${body}\n\n\`\`\`cells\nx = 1\ny = 2 * x\n\`\`\`\n`, { text: true });
    const text = `# A long body\n\n${body}`;
    await until(() => prose(wb!)[0]?.querySelector('.gs-markdown-refused') !== null, 'the prose rendered');
    expect(prose(wb)[0].textContent).to.equal(`This text is ${text.length.toLocaleString('en-US')} characters; the limit is 20,000. Split it.`);
    expect(prose(wb)[0].innerHTML.length).to.be.below(1000);
    expect(problems(wb).map((p) => p.replace(/^\S+?(?=:\d+:\d+ )/, 'w.md'))).to.deep.equal([
      `w.md:1:1 E_TOO_LONG This text is ${text.length.toLocaleString('en-US')} characters; the limit is 20,000. Split it.`,
    ]);
    await answers(wb, 'x', '4', 'y', 8);
  });
});
