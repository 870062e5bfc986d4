// The worked example as a student meets it: a <gs-workbook> in the page, typed into through
// real inputs (web-test-runner's sendKeys drives Chromium's keyboard).
import { expect } from 'chai';
import { a11ySnapshot, findAccessibilityNode, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import { expectValue } from '../helpers/numbers.ts';
import { notes, slideAgrees, slideWrong, workbookPath } from '../helpers/lecture.ts';
import { mount as mountPage } from '../helpers/mount.ts';

let counter = 0;

/** A fresh workbook element (a unique URL, so no session is shared with another test). */
async function mount(path = workbookPath): Promise<GsWorkbook> {
  const wb = document.createElement('gs-workbook');
  wb.src = `/${path}?test=${++counter}`;
  document.body.append(wb);
  await wb.loaded;
  await wb.settled();
  return wb;
}

function cell(wb: GsWorkbook, name: string): GsCell {
  const el = wb.querySelector<GsCell>(`gs-cell[name="${name}"]`);
  if (!el) throw new Error(`no gs-cell named ${name}`);
  return el;
}

function control(wb: GsWorkbook, cellName: string, label: string): HTMLInputElement {
  const input = cell(wb, cellName).shadowRoot!.querySelector<HTMLInputElement>(`[aria-label="${label}"]`);
  if (!input) throw new Error(`no control "${label}" in ${cellName}`);
  return input;
}

/** Types over an input's text as a student would: focus, select all, type. */
async function typeInto(input: HTMLInputElement, text: string, press?: string): Promise<void> {
  input.focus();
  input.select();
  if (text) await sendKeys({ type: text });
  else await sendKeys({ press: 'Backspace' });
  if (press) await sendKeys({ press });
}

async function settle(wb: GsWorkbook): Promise<void> {
  await wb.settled();
  await Promise.all([...wb.querySelectorAll<GsCell>('gs-cell')].map((c) => c.updateComplete));
}

const text = (wb: GsWorkbook, name: string, selector: string) =>
  cell(wb, name).shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<gs-workbook> with the worked example', () => {
  let wb: GsWorkbook;
  beforeEach(async () => {
    wb = await mount();
  });
  afterEach(() => wb.remove());

  it('renders every cell as a <gs-cell name> whose value is plain JSON', () => {
    for (const [name, expected] of Object.entries(notes)) {
      const c = cell(wb, name);
      expect(c.status, name).to.equal('ok');
      expectValue(c.value, expected as never, 6, name);
    }
    expect(cell(wb, 'Theta1').value).to.deep.equal([
      [1.2, 2.1, -1.5],
      [-0.3, -0.7, 0.3],
    ]);
    expect(cell(wb, 'x').value).to.deep.equal([[1], [-0.5]]);
    expect(cell(wb, 'E').error).to.equal(undefined);
  });

  it('gives entries and formula fields their accessible names', async () => {
    const snapshot = await a11ySnapshot({});
    for (const name of ['Theta1[1,3]', 'x[2,1]', 'Theta2[3,1]', 'y', 'gamma', 'h1 formula', 'dE_dTheta2 formula']) {
      const node = findAccessibilityNode(snapshot as never, (n: { role?: string; name?: string }) => n.name === name && n.role === 'textbox');
      expect(node, `a textbox named ${name}`).to.not.equal(null);
    }
  });

  it('shows matrices as bracketed grids with their shape, and typesets names', () => {
    expect(text(wb, 'Theta1', '.shape')).to.equal('2×3');
    expect(text(wb, 'h1', '.shape')).to.equal('3×1');
    expect(text(wb, 'E', '.shape')).to.equal('scalar');
    expect(cell(wb, 'h1').shadowRoot!.querySelectorAll('table.matrix td')).to.have.length(3);
    const label = cell(wb, 'Theta1').shadowRoot!.querySelector('.label math')!;
    expect(label.querySelector('msub')?.textContent).to.equal('Θ1');
    const formula = cell(wb, 's1').shadowRoot!.querySelector('.tex math')!;
    expect(formula.textContent).to.contain('Θ').and.to.contain('⊤');
  });

  it('recomputes ŷ, E, ∂E/∂Θ2 and the updated Θ2 when Θ1[1,3] is typed as 1.5', async () => {
    const changes: CustomEvent[] = [];
    wb.addEventListener('gs-change', (e) => changes.push(e as CustomEvent));
    await typeInto(control(wb, 'Theta1', 'Theta1[1,3]'), '1.5');
    await settle(wb);
    expectValue(cell(wb, 'y_hat').value, 0.7914723529281464, 6, 'y_hat');
    expectValue(cell(wb, 'E').value, 0.021741889796661758, 6, 'E');
    expectValue(cell(wb, 'dE_dTheta2').value, [[-0.027330931534291843], [-0.03168223560984508], [-0.02733093153429185]], 6, 'dE_dTheta2');
    expectValue(cell(wb, 'Theta2_new').value, [[-0.17266906846570818], [0.5316822356098451], [1.3273309315342918]], 6, 'Theta2_new');
    const last = changes[changes.length - 1].detail;
    expect(last).to.deep.include({ name: 'Theta1', kind: 'entry', text: '1.5', row: 1, col: 3 });
    expect(last.value).to.deep.equal([
      [1.2, 2.1, 1.5],
      [-0.3, -0.7, 0.3],
    ]);
  });

  for (const bad of ['abc', '1..2', '']) {
    it(`keeps "${bad}" in Θ1[1,3], marks it, names Θ1 in every dependent and heals when corrected`, async () => {
      const input = control(wb, 'Theta1', 'Theta1[1,3]');
      await typeInto(input, bad);
      await settle(wb);
      expect(input.value).to.equal(bad);
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(cell(wb, 'Theta1').status).to.equal('error');
      expect(cell(wb, 'Theta1').error).to.deep.include({ code: 'E_ENTRY', root: 'Theta1' });
      expect(text(wb, 'Theta1', '.error')).to.contain('Theta1[1,3]');
      for (const name of ['s1', 'h1', 'y_hat', 'E', 'dE_dTheta2', 'Theta1_new']) {
        expect(cell(wb, name).status, name).to.equal('error');
        expect(cell(wb, name).error!.root, name).to.equal('Theta1');
        expect(text(wb, name, '.error'), name).to.contain('Depends on Theta1');
      }
      expect(cell(wb, 'Theta2').status).to.equal('ok');
      expect(cell(wb, 'x').value).to.deep.equal([[1], [-0.5]]);

      await typeInto(input, '-1.5');
      await settle(wb);
      expect(input.getAttribute('aria-invalid')).to.equal('false');
      expectValue(cell(wb, 'E').value, notes.E, 6, 'E');
      expectValue(
        cell(wb, 'Theta1_new').value,
        [
          [1.19712637, 2.10321344, -1.4845587],
          [-0.29856318, -0.70160672, 0.29227934],
        ],
        6,
        'Theta1_new',
      );
    });
  }

  it("lets a student write their own chain rule, and restores the workbook's formula", async () => {
    const field = control(wb, 'dE_dTheta2', 'dE_dTheta2 formula');
    await typeInto(field, 'dE_ds2 * Theta2', 'Enter');
    await settle(wb);
    expectValue(cell(wb, 'dE_dTheta2').value, notes.dE_dh1 as never, 6, "the slide's chain rule");
    // The slide's (wrong) chain rule reproduces the slide's numbers: now the slide "agrees".
    expect(cell(wb, 'dE_dTheta2').shadowRoot!.querySelector('.slide.agree')).to.not.equal(null);
    const restore = control(wb, 'dE_dTheta2', 'Restore dE_dTheta2 formula');
    restore.click();
    await settle(wb);
    expect(control(wb, 'dE_dTheta2', 'dE_dTheta2 formula').value).to.equal('dE_ds2 * h1');
    expectValue(cell(wb, 'dE_dTheta2').value, notes.dE_dTheta2 as never, 6, 'restored');
  });

  it('keeps an invalid formula as typed, shows its error, and Escape abandons an edit', async () => {
    const field = control(wb, 'h1', 'h1 formula');
    await typeInto(field, 'sigmoid(s1 + q)', 'Enter');
    await settle(wb);
    expect(control(wb, 'h1', 'h1 formula').value).to.equal('sigmoid(s1 + q)');
    expect(cell(wb, 'h1').error).to.deep.include({ code: 'E_NAME_UNKNOWN', root: 'h1' });
    expect(text(wb, 'h1', '.error'))
      .to.contain('"q" is not defined')
      .and.to.contain('line');
    expect(cell(wb, 'E').error!.root).to.equal('h1');
    expect(cell(wb, 's1').status).to.equal('ok');
    await typeInto(field, 'nonsense', 'Escape');
    expect(control(wb, 'h1', 'h1 formula').value).to.equal('sigmoid(s1 + q)');
  });

  it('reports a circular definition typed into a formula with both names', async () => {
    await typeInto(control(wb, 's1', 's1 formula'), "Theta1' * x + 0 * h1", 'Enter');
    await settle(wb);
    expect(cell(wb, 's1').error!.code).to.equal('E_CYCLE');
    expect(text(wb, 's1', '.error'))
      .to.contain('s1')
      .and.to.contain('h1');
    expect(cell(wb, 'x').status).to.equal('ok');
  });

  it('reports a shape mismatch naming both operands and shapes', async () => {
    await typeInto(control(wb, 's2', 's2 formula'), 'Theta2 * h1', 'Enter');
    await settle(wb);
    expect(cell(wb, 's2').error!.code).to.equal('E_SHAPE');
    expect(text(wb, 's2', '.error'))
      .to.contain('Theta2 is 3×1')
      .and.to.contain('h1 is 3×1');
    expect(cell(wb, 'y_hat').error!.root).to.equal('s2');
  });

  it('marks the four slide errors with both numbers and the rest as agreeing', () => {
    for (const name of slideWrong) {
      const note = text(wb, name, '.slide.differ');
      expect(note, name).to.contain('differs').and.to.contain('the slide is wrong');
    }
    expect(text(wb, 'E', '.slide'))
      .to.contain('0.072')
      .and.to.contain('0.0703063');
    expect(text(wb, 'Theta1', '.slide')).to.contain('[1,3] slide 1.5, computed −1.5');
    for (const name of slideAgrees) expect(text(wb, name, '.slide.agree'), name).to.contain('agrees');
    expect(cell(wb, 'E').shadowRoot!.querySelector('output.differs')).to.not.equal(null);
  });
});

describe('<gs-workbook> with problems in the file', () => {
  it('lists every problem with file:line:col and keeps the rest of the sheet working', async () => {
    const wb = await mount('test/input/check-errors.md');
    try {
      const list = wb.querySelector('.gs-problems')!.textContent!;
      expect(list).to.contain('check-errors.md:5:9').and.to.contain('E_NAME_UNKNOWN');
      expect(list).to.contain(':8:1').and.to.contain('E_NAME_DUPLICATE');
      const duplicates = wb.querySelectorAll<GsCell>('gs-cell[name="x"]');
      expect(duplicates).to.have.length(2);
      expect(duplicates[0].value).to.equal(1);
      expect(duplicates[1].error).to.deep.include({ code: 'E_NAME_DUPLICATE', root: 'x' });
      expect(cell(wb, 'ok').value).to.equal(2);
      expect(cell(wb, 'y').error!.code).to.equal('E_NAME_UNKNOWN');
    } finally {
      wb.remove();
    }
  });

  it('says so when the workbook cannot be loaded', async () => {
    const wb = document.createElement('gs-workbook');
    wb.src = '/workbooks/does-not-exist.md';
    document.body.append(wb);
    const err = await wb.loaded.then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).to.contain('404');
    await wb.updateComplete;
    expect(wb.querySelector('[role=alert]')!.textContent).to.contain('Could not load the workbook');
    wb.remove();
  });
});

describe('formula headings as the lecture writes them', () => {
  let wb: GsWorkbook | undefined;
  afterEach(async () => {
    wb?.remove();
    await setViewport({ width: 1000, height: 800 });
  });
  const heading = (name: string) => wb!.querySelector<GsCell>(`gs-cell[name="${name}"]`)!.shadowRoot!.querySelector<HTMLElement>('header .tex')!;

  it('shows == as = (an Iverson bracket, or the condition of a case), never as "=?"', async () => {
    wb = await mountPage('workbooks/04-mlp-xor.md');
    const correct = heading('correct');
    expect(correct.textContent).to.not.contain('?');
    expect(correct.querySelector('annotation')!.textContent).to.contain('\\left[').and.contain(' = {Y}\\right]');
    const bound = heading('L_OR');
    expect(bound.textContent).to.not.contain('?');
    expect(bound.querySelector('annotation')!.textContent).to.contain('\\text{if }\\;\\left\\lVert');
  });

  it('sets the long errors of 06 on one line (no cramped stacked fraction), scrolling inside the heading on a phone', async () => {
    await setViewport({ width: 390, height: 800 });
    wb = await mountPage('workbooks/06-universal-approximation.md');
    const tex = heading('E_sq');
    expect(tex.querySelectorAll('mfrac'), 'no stacked fraction').to.have.length(0);
    expect(tex.textContent).to.contain('/50');
    const cell = wb.querySelector<GsCell>('gs-cell[name="E_sq"]')!;
    const section = cell.shadowRoot!.querySelector<HTMLElement>('section')!;
    expect(section.getBoundingClientRect().right, 'the cell stays on the page').to.be.at.most(390);
    expect(tex.scrollWidth, 'the formula is wider than the phone').to.be.above(tex.clientWidth);
    expect(tex.getBoundingClientRect().right).to.be.at.most(section.getBoundingClientRect().right);
  });
});
