// The Explain view of a gradient cell, as a student uses it: opened with the cell's button or
// Alt+Shift+E, the factors of the picked entry read off the page multiply out to the cell's
// value, Escape closes it and focus goes back to where it was.
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsExplain } from '../../components/gs-explain.ts';
import { workbookPath } from '../helpers/lecture.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell as cellOf, control as controlOf, deepActive } from '../helpers/find.ts';
import { press } from '../helpers/keys.ts';

function explainButton(wb: GsWorkbook, name: string): HTMLButtonElement {
  const b = cellOf(wb, name).shadowRoot!.querySelector<HTMLButtonElement>(`button[aria-label="Explain ${name}"]`);
  if (!b) throw new Error(`no Explain button in ${name}`);
  return b;
}

function viewOf(wb: GsWorkbook, name: string): GsExplain {
  const view = cellOf(wb, name).shadowRoot!.querySelector<GsExplain>('gs-explain');
  if (!view) throw new Error(`no Explain view in ${name}`);
  return view;
}

async function opened(wb: GsWorkbook, name: string): Promise<GsExplain> {
  for (let i = 0; i < 100 && !cellOf(wb, name).shadowRoot!.querySelector<GsExplain>('gs-explain')?.isOpen; i++) await new Promise((r) => setTimeout(r, 10));
  const view = viewOf(wb, name);
  await view.updateComplete;
  expect(view.isOpen, `the Explain view of ${name} is open`).to.equal(true);
  return view;
}

async function pick(view: GsExplain, entry: string): Promise<void> {
  const select = view.shadowRoot!.querySelector<HTMLSelectElement>('select')!;
  select.value = entry;
  select.dispatchEvent(new Event('change'));
  await view.updateComplete;
}

/** Each factor's value as the page shows it, at full precision (the title of each number). */
function factorValues(view: GsExplain): number[][] {
  return [...view.shadowRoot!.querySelectorAll('tr.factor')].map((row) =>
    [...row.querySelectorAll<HTMLElement>('td.value [title]')].map((el) => Number(el.title.replace(/^\[\d+,\d+\] /, ''))),
  );
}

const shown = (view: GsExplain, selector: string) => Number(view.shadowRoot!.querySelector<HTMLElement>(selector)!.title);

describe('the Explain view of a gradient', () => {
  let wb: GsWorkbook;
  beforeEach(async () => {
    wb = await mount(workbookPath);
  });
  afterEach(() => wb.remove());

  it('is offered on grad(E, W) cells and on hand-written partials with check:, not on other cells', () => {
    for (const name of ['autodiff_Theta2', 'autodiff_Theta1', 'dE_dTheta2', 'dE_dTheta2_slide', 'dE_dTheta1']) {
      expect(explainButton(wb, name).textContent!.trim()).to.equal('Explain');
      expect(explainButton(wb, name).getAttribute('aria-keyshortcuts')).to.equal('Alt+Shift+E');
    }
    for (const name of ['h1', 'E', 'Theta1', 'Theta2_new', 'dE_ds1']) {
      expect(cellOf(wb, name).shadowRoot!.querySelector('button.explain'), name).to.equal(null);
    }
  });

  it("opens with the button: ∂E/∂Θ2[3,1] is the product of the factors shown, and the cell's value", async () => {
    const button = explainButton(wb, 'autodiff_Theta2');
    button.focus();
    button.click();
    const view = await opened(wb, 'autodiff_Theta2');
    await pick(view, '3,1');
    const root = view.shadowRoot!;
    expect(root.querySelector('dialog')!.getAttribute('aria-labelledby')).to.equal('explain-title');
    expect(root.querySelectorAll('section.path')).to.have.length(1);
    const factors = factorValues(view);
    expect(factors.map((f) => f.length)).to.deep.equal([1, 1, 1]);
    const [[dEdyhat], [dyhatds2], [ds2dTheta]] = factors;
    const yhat = cellOf(wb, 'y_hat').value as number,
      h1 = cellOf(wb, 'h1').value as number[][];
    // The lecture's factors: (ŷ − y) · σ′(s2) · h1[3].
    expect(dEdyhat).to.be.closeTo(yhat - 1, 1e-15);
    expect(dyhatds2).to.be.closeTo(yhat * (1 - yhat), 1e-15);
    expect(ds2dTheta).to.equal(h1[2][0]);
    const value = (cellOf(wb, 'autodiff_Theta2').value as number[][])[2][0];
    expect(dEdyhat * dyhatds2 * ds2dTheta).to.be.closeTo(value, 1e-17);
    expect(shown(view, 'output.total')).to.equal(value);
    expect(shown(view, 'output.cell-value')).to.equal(value);
    expect(root.querySelector('.result')!.textContent).to.contain('0.0141591');
    expect(root.querySelector('tr.factor th')!.textContent).to.contain('∂');

    await sendKeys({ press: 'Escape' });
    await view.updateComplete;
    expect(view.isOpen).to.equal(false);
    expect(deepActive()).to.equal(button);
  });

  it('opens with Alt+Shift+E from the cell, shows σ′(s1) = h1 ∘ (1 − h1) for ∂E/∂Θ1, and Escape returns focus', async () => {
    const field = controlOf(wb, 'dE_dTheta1', 'dE_dTheta1 formula');
    field.focus();
    await press('Alt+Shift+E');
    const view = await opened(wb, 'dE_dTheta1');
    expect(view.shadowRoot!.contains(deepActive()), 'focus moved into the view').to.equal(true);
    await pick(view, '2,3');
    const factors = factorValues(view);
    expect(factors.map((f) => f.length)).to.deep.equal([1, 1, 3, 3, 3]);
    const h1 = (cellOf(wb, 'h1').value as number[][]).map((r) => r[0]);
    factors[3].forEach((d, k) => expect(d).to.be.closeTo(h1[k] * (1 - h1[k]), 1e-16));
    expect(factors[2]).to.deep.equal((cellOf(wb, 'Theta2').value as number[][]).map((r) => r[0]));
    expect(factors[4]).to.deep.equal([0, 0, -0.5]);
    // Θ1[2,3] reaches E through the third hidden unit: the one term of the product.
    const terms = [...view.shadowRoot!.querySelectorAll('li.term')];
    expect(terms).to.have.length(1);
    expect(terms[0].textContent).to.contain('through');
    const product = factors[0][0] * factors[1][0] * factors[2][2] * factors[3][2] * factors[4][2];
    const value = (cellOf(wb, 'dE_dTheta1').value as number[][])[1][2];
    expect(product).to.be.closeTo(value, 1e-17);
    expect(shown(view, 'output.autodiff')).to.be.closeTo(value, 1e-17);

    await sendKeys({ press: 'Escape' });
    await view.updateComplete;
    expect(view.isOpen).to.equal(false);
    expect(deepActive()).to.equal(field);
  });

  it("says when a hand-written partial differs from the chain (the slide's ∂E/∂Θ2)", async () => {
    explainButton(wb, 'dE_dTheta2_slide').click();
    const view = await opened(wb, 'dE_dTheta2_slide');
    expect(shown(view, 'output.total')).to.be.closeTo(-0.0697922, 5e-8);
    expect(shown(view, 'output.cell-value')).to.be.closeTo(0.017577, 5e-7);
    expect(view.shadowRoot!.querySelector('dl.verdict')!.textContent).to.contain('does not follow the chain rule');
    view.close();
  });

  it('shows the current values after an edit: the factors are live', async () => {
    explainButton(wb, 'autodiff_Theta2').click();
    const view = await opened(wb, 'autodiff_Theta2');
    const before = shown(view, 'output.total');
    view.close();
    const entry = controlOf(wb, 'Theta2', 'Theta2[1,1]');
    entry.focus();
    entry.select();
    await sendKeys({ type: '0.4' });
    await settle(wb);
    expect((cellOf(wb, 'Theta2').value as number[][])[0][0], 'the edit is in').to.equal(0.4);
    explainButton(wb, 'autodiff_Theta2').click();
    await opened(wb, 'autodiff_Theta2');
    await view.updateComplete;
    const after = shown(view, 'output.total');
    expect(after).to.not.equal(before);
    expect(after).to.equal((cellOf(wb, 'autodiff_Theta2').value as number[][])[0][0]);
    view.close();
  });
});
