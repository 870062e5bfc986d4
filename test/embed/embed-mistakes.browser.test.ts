// A course page's mistakes with <gs-cell>: each cell says what is wrong and what to do, in the
// cell, and the page's other cells keep working.
import { expect } from 'chai';
import '../../components/index.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import { until } from '../helpers/wait.ts';

const lecture = '/workbooks/07-backpropagation.md';

function place(attributes: Record<string, string>): GsCell {
  const cell = document.createElement('gs-cell');
  for (const [k, v] of Object.entries(attributes)) cell.setAttribute(k, v);
  document.body.append(cell);
  return cell;
}

const alert = (cell: GsCell) => cell.shadowRoot?.querySelector('[role="alert"]')?.textContent?.trim() ?? '';

describe('embedded cells that name something wrong', () => {
  const placed: GsCell[] = [];
  const add = (attributes: Record<string, string>) => {
    const cell = place(attributes);
    placed.push(cell);
    return cell;
  };
  afterEach(() => placed.splice(0).forEach((c) => c.remove()));

  it('suggests the cell a misspelt name was meant to be, and the good cell beside it works', async () => {
    const wrong = add({ workbook: lecture, name: 'theta1' });
    const good = add({ workbook: lecture, name: 'h1' });
    await until(() => alert(wrong) !== '' && good.status === 'ok', 'both cells loaded');
    expect(alert(wrong)).to.equal('This workbook has no cell named "theta1". Did you mean Theta1?');
    expect((good.value as number[][])[0][0]).to.be.closeTo(0.79413, 1e-5);
  });

  it('says what to check when no cell is close to the name', async () => {
    const wrong = add({ workbook: lecture, name: 'weights_of_layer_one' });
    await until(() => alert(wrong) !== '', 'the cell says what is wrong');
    expect(alert(wrong)).to.equal('This workbook has no cell named "weights_of_layer_one". Check the name attribute against the workbook\'s cells.');
  });

  it('asks for a name when there is none', async () => {
    const cell = add({ workbook: lecture });
    await until(() => alert(cell) !== '', 'the cell says what is wrong');
    expect(alert(cell)).to.contain('This cell has no name: set its name attribute');
  });

  it('asks for a workbook when there is none, and shows the cell once one is set', async () => {
    const cell = add({ name: 'h1' });
    await cell.updateComplete;
    expect(alert(cell)).to.contain('The cell "h1" has no workbook: set its workbook attribute');
    expect(cell.status, 'the cell says it is in error, not pending').to.equal('error');
    expect(cell.error!.message).to.equal(alert(cell));
    cell.setAttribute('workbook', lecture);
    await until(() => cell.status === 'ok', 'the cell loaded');
    expect(alert(cell)).to.equal('');
  });

  it('"Depends on x" goes to x of its own workbook, not to an x of another workbook above it', async () => {
    const other = add({ workbook: '/examples/course-page/one-neuron.md', name: 'x' });
    const x = add({ workbook: lecture, name: 'x' });
    const h1 = add({ workbook: lecture, name: 'h1' });
    await until(() => [other, x, h1].every((c) => c.status === 'ok'), 'three cells loaded');
    const entry = x.shadowRoot!.querySelector<HTMLInputElement>('[aria-label="x[1,1]"]')!;
    entry.value = 'abc';
    entry.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await until(() => h1.status === 'error', 'h1 depends on the bad entry');
    await h1.updateComplete;
    const root = h1.shadowRoot!.querySelector<HTMLButtonElement>('button.root')!;
    expect(root.textContent).to.equal('x');
    root.click();
    expect(x.shadowRoot!.activeElement, 'x of the lecture has the focus').to.not.equal(null);
    expect(other.shadowRoot!.activeElement).to.equal(null);
  });

  it('names the address and the HTTP status of a workbook that is not there', async () => {
    const cell = add({ workbook: '/workbooks/99-not-there.md', name: 'h1' });
    await until(() => alert(cell) !== '', 'the cell says what is wrong');
    expect(alert(cell)).to.match(/^Could not load the workbook http:\/\/[^ ]+\/workbooks\/99-not-there\.md: HTTP 404/);
  });
});
