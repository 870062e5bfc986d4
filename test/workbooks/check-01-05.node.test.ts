// `npx gradsheet check` on workbooks 1–5, as a course's CI runs it: each exits 0, and the only
// findings are the slide errors the workbooks mark themselves.
import { expect } from 'chai';
import { npxGradsheet } from '../helpers/cli.ts';

const workbooks: [string, string[]][] = [
  ['01-perceptron.md', []],
  ['02-activation-functions.md', []],
  ['03-logic-gates.md', ['W_SLIDE_WRONG b_AND', 'W_SLIDE_WRONG b_OR']],
  ['04-mlp-xor.md', []],
  ['05-multiplication-gate.md', []],
];

describe('npx gradsheet check on workbooks 1–5', () => {
  for (const [file, known] of workbooks) {
    it(`exits 0 on ${file}${known.length ? ', listing its marked slide errors' : ' with no finding'}`, async () => {
      const { code, stdout, stderr } = await npxGradsheet('check', `workbooks/${file}`);
      expect(code, stdout + stderr).to.equal(0);
      const findings = stdout
        .trim()
        .split('\n')
        .slice(0, -1)
        .map((l) => l.split(' ').slice(1, 3).join(' ').replace(/:$/, ''));
      expect(findings).to.deep.equal(known);
      expect(stdout).to.match(/gradsheet check: 1 workbook, \d+ cells: 0 errors/);
    });
  }
});
