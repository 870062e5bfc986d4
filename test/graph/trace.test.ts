// Trace precedents and dependents over the plan of the worked example.
import { expect } from 'chai';
import { planWorkbook } from '../../src/workbook.ts';
import { readWorkbook } from '../../src/format/read.ts';
import { dependencyGraph, trace } from '../../src/graph/trace.ts';
import { readText } from '../helpers/files.ts';
import { workbookPath } from '../helpers/lecture.ts';

describe('trace', () => {
  it('names what a cell reads and what reads it, directly and all the way', async () => {
    const plan = planWorkbook(readWorkbook(await readText(workbookPath), workbookPath));
    const h1 = trace(plan, 'h1');
    expect(h1.precedents).to.deep.equal(['s1']);
    expect(h1.dependents).to.include.members(['s2', 'dE_dTheta2']);
    expect(h1.allPrecedents).to.include.members(['s1', 'Theta1', 'x']);
    expect(h1.allPrecedents).to.not.include('h1');
    expect(h1.allDependents).to.include.members(['s2', 'y_hat', 'E']);
    const theta1 = trace(plan, 'Theta1');
    expect(theta1.precedents).to.deep.equal([]);
    expect(theta1.dependents).to.include('s1');
  });

  it('traces cells with errors, loops and unknown names without hanging', () => {
    const plan = planWorkbook(readWorkbook('```cells\na = b + 1\nb = a * 2\nc = a + q\nd = 1\n```\n', 't.md'));
    expect(trace(plan, 'a').precedents).to.deep.equal(['b']);
    expect(trace(plan, 'a').allPrecedents).to.deep.equal(['b']);
    expect(trace(plan, 'a').allDependents).to.have.members(['b', 'c']);
    expect(trace(plan, 'c').precedents).to.deep.equal(['a']);
    expect(trace(plan, 'nothing')).to.deep.equal({ name: 'nothing', precedents: [], dependents: [], allPrecedents: [], allDependents: [] });
    const graph = dependencyGraph(plan);
    expect(graph.nodes.map((n) => n.name)).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(graph.edges).to.have.deep.members([
      ['b', 'a'],
      ['a', 'b'],
      ['a', 'c'],
    ]);
  });
});
