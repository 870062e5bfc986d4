// Workbooks that do not arrive as workbooks: a server that never finishes its response, a
// redirect to a web page, a web page sent as text. The cell or workbook says which address and
// what went wrong, instead of staying "pending" or saying "no cell named x".
import { expect } from 'chai';
import '../../components/index.ts';
import type { GsCell } from '../../components/gs-cell.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { loading } from '../../src/reactive/registry.ts';
import { until } from '../helpers/wait.ts';

const alert = (root: ParentNode | null | undefined) => root?.querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function place(attributes: Record<string, string>): GsCell {
  const cell = document.createElement('gs-cell');
  for (const [k, v] of Object.entries(attributes)) cell.setAttribute(k, v);
  document.body.append(cell);
  return cell;
}

describe('loading a workbook that does not arrive as one', () => {
  const placed: Element[] = [];
  const timeout = loading.timeoutMs;
  afterEach(() => {
    placed.splice(0).forEach((c) => c.remove());
    loading.timeoutMs = timeout;
  });

  it('waits 15 seconds by default for the whole file', () => {
    expect(timeout).to.equal(15_000);
  });

  it('gives up on a server that never finishes its response, naming the address, instead of staying pending', async () => {
    loading.timeoutMs = 300;
    const cell = place({ workbook: '/test-server/stalled.md?cell', name: 'x' });
    placed.push(cell);
    expect(cell.status).to.not.equal('error');
    await until(() => cell.status === 'error', 'the cell gives up');
    expect(alert(cell.shadowRoot)).to.equal(
      `Could not load the workbook ${location.origin}/test-server/stalled.md?cell: the server did not send the whole file within 0.3 seconds; check the address, or reload the page to try again.`,
    );
  });

  it('says the same in a <gs-workbook>, whose loaded promise rejects', async () => {
    loading.timeoutMs = 300;
    const wb = document.createElement('gs-workbook') as GsWorkbook;
    wb.src = '/test-server/stalled.md?workbook';
    document.body.append(wb);
    placed.push(wb);
    const error = await wb.loaded.then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).to.contain('did not send the whole file within 0.3 seconds');
    await wb.updateComplete;
    expect(alert(wb)).to.contain(`${location.origin}/test-server/stalled.md?workbook`);
  });

  it('says an address that redirects to a web page is a web page, not "no cell named x"', async () => {
    const cell = place({ workbook: '/test-server/moved.md', name: 'x' });
    placed.push(cell);
    await until(() => cell.status === 'error', 'the cell says what is wrong');
    expect(alert(cell.shadowRoot)).to.equal(
      `Could not load the workbook ${location.origin}/test-server/moved.md: this address is a web page, not a workbook (a server may have sent its login, error or home page instead): check the address.`,
    );
  });

  it('says a web page sent as plain text is a web page, not "no cell named x"', async () => {
    const cell = place({ workbook: '/test-server/page-as-text.md', name: 'x' });
    placed.push(cell);
    await until(() => cell.status === 'error', 'the cell says what is wrong');
    const text = alert(cell.shadowRoot);
    expect(text).to.contain(`Could not load the workbook ${location.origin}/test-server/page-as-text.md: this address is a web page`);
    expect(text).to.not.contain('no cell named');
  });
});
