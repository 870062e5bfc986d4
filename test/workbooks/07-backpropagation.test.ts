// The worked example's additions for issue 4, through the engine (Node and browser): the general
// k-layer formula in the prose, each autodiff gradient in the row of its hand-written partial,
// and the plot of the error along one weight with the tangent whose slope is ∂E/∂Θ2[2].
import { expect } from 'chai';
import { notes, workbookPath } from '../helpers/lecture.ts';
import { loadWorkbook, type LoadedWorkbook } from '../helpers/workbook.ts';

describe('workbook 07: the general formula, autodiff beside the chain rule, a gradient as a slope', () => {
  let wb: LoadedWorkbook;
  before(async () => (wb = await loadWorkbook(workbookPath)));

  it('shows the k-layer formula ŷ = σ(Θ_kᵀ σ(… σ(Θ_1ᵀ x))) in its prose', () => {
    const prose = wb.plan.checked.spec.blocks.flatMap((b) => (b.kind === 'prose' ? [b.text] : [])).join('\n');
    expect(prose).to.contain(
      '\\hat{y} = \\sigma\\left(\\Theta_k^\\top \\sigma\\left(\\Theta_{k-1}^\\top \\sigma\\left(\\cdots \\sigma\\left(\\Theta_1^\\top \\mathbf{x}\\right)',
    );
  });

  it('puts each autodiff gradient in the same row as its hand-written, checked partial', () => {
    const { spec } = wb.plan.checked;
    const rowOf = (name: string) => spec.blocks.findIndex((b) => b.kind === 'cells' && b.cells.some((i) => spec.cells[i].name === name));
    expect(rowOf('autodiff_Theta2')).to.equal(rowOf('dE_dTheta2'));
    expect(rowOf('autodiff_Theta1')).to.equal(rowOf('dE_dTheta1'));
    const checks = wb.checks();
    expect(checks.get('dE_dTheta2')).to.equal(true);
    expect(checks.get('dE_dTheta1')).to.equal(true);
    expect(wb.values().get('autodiff_Theta2')).to.deep.equal(wb.values().get('dE_dTheta2'));
  });

  it('plots E along Θ2[2] with its tangent at the current weight, whose slope is ∂E/∂Θ2[2]', () => {
    const [plot] = wb.plots;
    const [curve, tangent, point] = wb.rows(plot);
    expect([curve.rows.length, tangent.rows.length, point.rows.length]).to.deep.equal([101, 101, 1]);
    expect(point.rows[0].x).to.equal(notes.Theta2[1][0]);
    expect(point.rows[0].y).to.be.closeTo(notes.E, 1e-7);
    // The curve passes through the point, and its central slope there is the gradient.
    const at = (x: number) => curve.rows.find((r) => Math.abs(r.x - x) < 1e-9)!.y;
    expect(at(0.5)).to.be.closeTo(notes.E, 1e-7);
    const slope = (at(0.6) - at(0.4)) / 0.2;
    expect(slope).to.be.closeTo(notes.dE_dTheta2[1][0], 2e-4);
    expect(tangent.rows[1].y - tangent.rows[0].y).to.be.closeTo(0.1 * notes.dE_dTheta2[1][0], 1e-8);
  });

  it('moves the point and the tangent, not the curve, when Θ2[2] changes', () => {
    const [plot] = wb.plots;
    const moved = wb.values({ Theta2: [[-0.2], [1.5], [1.3]] });
    const [curve, tangent, point] = wb.rows(plot, moved);
    const [curve0, tangent0] = wb.rows(plot);
    curve.rows.forEach((r, k) => expect(r.y).to.be.closeTo(curve0.rows[k].y, 1e-12));
    expect(point.rows[0].x).to.equal(1.5);
    expect(point.rows[0].y).to.equal(moved.number('E'));
    expect(tangent.rows.map((r) => r.y)).to.not.deep.equal(tangent0.rows.map((r) => r.y));
  });
});
