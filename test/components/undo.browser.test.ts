// Undo and redo as a student uses them: Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y in the page and the
// toolbar's buttons, across typing, formulas, training Step and Reset, and Reset all; and random
// sequences of edits, undos and redos typed into the page against a model (fast-check, fixed seed).
import { expect } from 'chai';
import fc from 'fast-check';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import type { GsTrain } from '../../components/gs-train.ts';
import { notes, workbookPath } from '../helpers/lecture.ts';
import { mount, settle } from '../helpers/mount.ts';
import { cell, control, deepActive, shownEntries, toolbarButton } from '../helpers/find.ts';
import { press } from '../helpers/keys.ts';
import { HistoryModel, modelValue, modelWorkbook, opArbitrary, type Op } from '../store/model.ts';

describe('undo and redo in the worked example', () => {
  let wb: GsWorkbook;
  beforeEach(async () => {
    wb = await mount(workbookPath);
  });
  afterEach(() => wb.remove());

  it('undoes the typing in an entry as one step with Ctrl+Z, and redoes it with Ctrl+Shift+Z and Ctrl+Y', async () => {
    const history: string[] = [];
    wb.addEventListener('gs-history', (e) => history.push(`${(e as CustomEvent).detail.action} ${(e as CustomEvent).detail.label}`));
    control(wb, 'Theta1', 'Theta1[1,3]').focus();
    await sendKeys({ type: '1.5' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '-2' });
    await settle(wb);
    expect(shownEntries(wb, 'Theta1')).to.deep.equal([
      ['1.2', '2.1', '1.5'],
      ['-2', '-0.7', '0.3'],
    ]);
    await press('Control+z');
    await settle(wb);
    expect(shownEntries(wb, 'Theta1')).to.deep.equal([
      ['1.2', '2.1', '1.5'],
      ['-0.3', '-0.7', '0.3'],
    ]);
    await press('Control+z');
    await settle(wb);
    expect(shownEntries(wb, 'Theta1')).to.deep.equal([
      ['1.2', '2.1', '-1.5'],
      ['-0.3', '-0.7', '0.3'],
    ]);
    expect(cell(wb, 'E').value).to.be.closeTo(notes.E, 1e-7);
    await press('Control+Shift+Z');
    await settle(wb);
    expect(cell(wb, 'Theta1').value).to.deep.equal([
      [1.2, 2.1, 1.5],
      [-0.3, -0.7, 0.3],
    ]);
    await press('Control+y');
    await settle(wb);
    expect(cell(wb, 'Theta1').value).to.deep.equal([
      [1.2, 2.1, 1.5],
      [-2, -0.7, 0.3],
    ]);
    expect(history).to.deep.equal(['undo Theta1[2,1]', 'undo Theta1[1,3]', 'redo Theta1[1,3]', 'redo Theta1[2,1]']);
    expect(wb.querySelector('.gs-announce')!.textContent).to.equal('Redone: Theta1[2,1].');
  });

  it('leaves Ctrl+Z to the browser in a formula field being edited, and undoes a committed formula', async () => {
    const field = control(wb, 'h1', 'h1 formula');
    field.focus();
    field.select();
    await sendKeys({ type: 'tanh(s1)' });
    await press('Control+z');
    expect(wb.tools.store!.history.canUndo, 'the workbook had nothing to undo and did not try').to.equal(false);
    expect(field.value, "the browser's own text undo took back the typing").to.not.equal('tanh(s1)');
    field.select();
    await sendKeys({ type: 'tanh(s1)' });
    await sendKeys({ press: 'Enter' });
    await settle(wb);
    expect(cell(wb, 'h1').value).to.deep.equal(notes.s1.map(([v]) => [Math.tanh(v)]));
    await press('Control+z');
    await settle(wb);
    expect(control(wb, 'h1', 'h1 formula').value).to.equal('sigmoid(s1)');
    expect(cell(wb, 'y_hat').value).to.be.closeTo(notes.y_hat, 1e-6);
  });

  it('undoes a training Step and Reset one at a time, from the toolbar', async () => {
    const train = wb.querySelector<GsTrain>('gs-train')!;
    const button = (name: string) => [...train.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === name)!;
    const where = async () => {
      await train.updateComplete;
      return train.shadowRoot!.querySelector('.where')!.textContent!.replace(/\s+/g, ' ').trim();
    };
    button('Step').click();
    await settle(wb);
    expect(await where()).to.match(/^step 1 · loss /);
    const stepped = cell(wb, 'Theta2').value;
    expect(stepped).to.not.deep.equal(notes.Theta2);
    expect(toolbarButton(wb, 'Undo').title).to.equal('Undo Step (Ctrl+Z)');
    button('Reset').click();
    await settle(wb);
    expect(cell(wb, 'Theta2').value).to.deep.equal(notes.Theta2);
    toolbarButton(wb, 'Undo').click();
    await settle(wb);
    expect(cell(wb, 'Theta2').value, 'undoing Reset gives back the trained weights').to.deep.equal(stepped);
    expect(await where(), 'and the step counter').to.match(/^step 1 · loss /);
    toolbarButton(wb, 'Undo').click();
    await settle(wb);
    expect(cell(wb, 'Theta2').value).to.deep.equal(notes.Theta2);
    expect(await where(), 'undoing the Step takes the counter back').to.equal(`step 0 · loss ${train.shadowRoot!.querySelector('.loss')!.textContent}`);
    expect(Number(train.shadowRoot!.querySelector('.loss')!.textContent)).to.be.closeTo(notes.E, 1e-6);
    expect(toolbarButton(wb, 'Undo').getAttribute('aria-disabled')).to.equal('true');
    expect(toolbarButton(wb, 'Redo').getAttribute('aria-disabled')).to.equal('false');
    toolbarButton(wb, 'Redo').click();
    await settle(wb);
    expect(cell(wb, 'Theta2').value).to.deep.equal(stepped);
  });

  it('lets no toolbar message outlive the next action: Run, Share, Reset and typing each clear it', async () => {
    const announced = () => wb.querySelector('.gs-announce')!.textContent!.trim();
    const trainer = wb.querySelector<GsTrain>('gs-train')!;
    const trainButton = (name: string) => [...trainer.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === name)!;
    const steps = trainer.shadowRoot!.querySelector<HTMLInputElement>('[aria-label="Steps per run"]')!;
    steps.value = '5';
    steps.dispatchEvent(new Event('input'));
    trainButton('Step').click();
    await settle(wb);
    toolbarButton(wb, 'Undo').click();
    await settle(wb);
    expect(announced()).to.equal('Undone: Step.');
    trainButton('Run').click();
    await wb.updateComplete;
    expect(announced(), 'Run clears it').to.equal('');
    for (let i = 0; i < 2000 && trainer.trainer!.state.status === 'running'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(trainer.trainer!.state.status).to.equal('done');
    toolbarButton(wb, 'Undo').click();
    await settle(wb);
    expect(announced()).to.equal('Undone: Run.');
    toolbarButton(wb, 'Share').click();
    await wb.updateComplete;
    expect(announced(), 'Share clears it').to.equal('');
    toolbarButton(wb, 'Redo').click();
    await settle(wb);
    expect(announced()).to.equal('Redone: Run.');
    trainButton('Reset').click();
    await settle(wb);
    expect(announced(), "the trainer's Reset clears it").to.equal('');
    toolbarButton(wb, 'Undo').click();
    await settle(wb);
    expect(announced()).to.equal('Undone: Reset.');
    control(wb, 'gamma', 'gamma').focus();
    await sendKeys({ type: '0.5' });
    await settle(wb);
    expect(announced(), 'typing clears it').to.equal('');
    toolbarButton(wb, 'Reset all').click();
    await settle(wb);
    expect(announced()).to.contain("the workbook's own values");
  });

  it('Reset all returns every cell to the workbook, undoably, and Ctrl+Z works with nothing focused', async () => {
    control(wb, 'gamma', 'gamma').focus();
    await sendKeys({ type: '0.5' });
    const field = control(wb, 's2', 's2 formula');
    field.focus();
    field.select();
    await sendKeys({ type: 'sum(h1)' });
    await sendKeys({ press: 'Enter' });
    toolbarButton(wb, 'Reset all').click();
    await settle(wb);
    expect(cell(wb, 'gamma').value).to.equal(1);
    expect(control(wb, 's2', 's2 formula').value).to.equal("Theta2' * h1");
    expect(wb.querySelector('.gs-announce')!.textContent).to.contain("the workbook's own values");
    (deepActive() as HTMLElement | null)?.blur();
    expect(document.activeElement).to.equal(document.body);
    await press('Control+z');
    await settle(wb);
    expect(cell(wb, 'gamma').value).to.equal(0.5);
    expect(control(wb, 's2', 's2 formula').value).to.equal('sum(h1)');
  });
});

describe('random edits, undos and redos typed into the page', () => {
  let redos = 0;
  /** Does what the op says, as a student would, in the page. */
  async function act(wb: GsWorkbook, op: Op): Promise<void> {
    switch (op.kind) {
      case 'type': {
        const label = op.cell === 'b' ? 'b' : `a[${op.row},${op.col}]`;
        const input = control(wb, op.cell, label);
        input.focus();
        input.select();
        await sendKeys({ type: op.text });
        break;
      }
      case 'paste': {
        const input = control(wb, 'a', 'a[1,1]');
        const data = new DataTransfer();
        data.setData('text/plain', op.grid.map((r) => r.join('\t')).join('\r\n') + '\r\n');
        input.focus();
        input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
        break;
      }
      case 'formula': {
        const field = control(wb, op.cell, `${op.cell} formula`);
        field.focus();
        field.select();
        await sendKeys({ type: op.text });
        await sendKeys({ press: 'Enter' });
        break;
      }
      case 'seal':
        (deepActive() as HTMLElement | null)?.blur();
        break;
      case 'undo':
        await press('Control+z');
        break;
      case 'redo':
        await press(++redos % 2 ? 'Control+Shift+Z' : 'Control+y'); // both keys, in turn

        break;
      case 'reset':
        toolbarButton(wb, 'Reset all').click();
        break;
    }
    await settle(wb);
  }

  it('shows what the model says after every step, and undo/redo everything ends at the start/the end (seed 6006)', async function () {
    this.timeout(240_000);
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 16 }), async (ops) => {
        const wb = await mount(modelWorkbook, { text: true });
        const model = new HistoryModel();
        const shown = () => ({
          a: shownEntries(wb, 'a'),
          b: shownEntries(wb, 'b'),
          c: control(wb, 'c', 'c formula').value,
          d: control(wb, 'd', 'd formula').value,
        });
        const expectD = (state = model.current) => {
          const expected = modelValue(state);
          if (expected === null) expect(cell(wb, 'd').status).to.equal('error');
          else expect(cell(wb, 'd').value).to.equal(expected);
        };
        try {
          for (const op of ops) {
            await act(wb, op);
            model.apply(op);
            expect(shown(), JSON.stringify(op)).to.deep.equal(model.current);
          }
          expectD();
          (deepActive() as HTMLElement | null)?.blur();
          while (wb.tools.store!.history.canUndo) await act(wb, { kind: 'undo' });
          expect(shown()).to.deep.equal(model.states[0]);
          expectD(model.states[0]);
          while (wb.tools.store!.history.canRedo) await act(wb, { kind: 'redo' });
          expect(shown()).to.deep.equal(model.states[model.states.length - 1]);
          expectD(model.states[model.states.length - 1]);
        } finally {
          wb.remove();
        }
      }),
      { seed: 6006, numRuns: 30 },
    );
  });
});
