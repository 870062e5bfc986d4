// Workbook 11 on the command line, as a course's CI runs it: `npx gradsheet check` reads its
// CSV from disk beside the .md file and finds nothing; the whole lecture folder is eleven
// workbooks; and trained from the files as the CLI reads them it reaches the stated accuracy.
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { npxGradsheet } from '../helpers/cli.ts';
import { readWorkbookData } from '../../src/cli/read-file.ts';
import { evaluateWorkbook, trainWorkbook, toJSON, type CellResult } from '../../src/engine.ts';
import { runPlan } from '../../src/graph/run.ts';

const file = 'workbooks/11-softmax-classifier.md';

describe('npx gradsheet check on workbook 11 and its data file', function () {
  this.timeout(120_000);

  it('exits 0 with no finding, every cell computed from the CSV beside it', async () => {
    const { code, stdout, stderr } = await npxGradsheet('check', file);
    expect(code, stdout + stderr).to.equal(0);
    expect(stdout).to.equal('gradsheet check: 1 workbook, 14 cells: 0 errors, 0 warnings\n');
    const json = JSON.parse((await npxGradsheet('check', '--json', file)).stdout);
    const cell = (name: string) => json.files[0].cells.find((c: { name: string }) => c.name === name);
    expect(cell('D').value.length).to.equal(60);
    expect(cell('D').value[0]).to.deep.equal((await readFile('workbooks/11-softmax-classifier.csv', 'utf8')).split('\n')[1].split(',').map(Number));
    expect(cell('acc').value).to.equal(46 / 60);
  });

  it('checks the lecture folder as eleven workbooks, the CSV not among them', async () => {
    const { code, stdout } = await npxGradsheet('check', 'workbooks');
    expect(code).to.equal(0);
    expect(stdout.trim().split('\n').pop()).to.match(/^gradsheet check: 11 workbooks, \d+ cells: 0 errors, 7 warnings$/);
  });

  it('trains from the files as the command line reads them to accuracy 0.967 in 200 steps', async () => {
    const text = await readFile(file, 'utf8');
    const data = await readWorkbookData(text, file);
    expect([...data.keys()]).to.deep.equal(['11-softmax-classifier.csv']);
    const run = trainWorkbook(text, { steps: 200, source: file, data });
    expect([run.reason, run.steps]).to.deep.equal(['steps', 200]);
    const { plan } = evaluateWorkbook(text, file, data);
    const results = runPlan(plan, run.inputs as Map<string, CellResult>);
    expect(toJSON(results[plan.byName.get('acc')!.index] as number)).to.equal(58 / 60);
    expect(run.history[run.history.length - 1][1]).to.be.closeTo(0.087428, 1e-6);
  });
});
