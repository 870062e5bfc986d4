// Budget, through the real page: the formula a student types that used to freeze the tab for
// good (zeros(1e300, 0)' in s2 of 07, saved before it was computed) is refused in its cell,
// located, with the text kept; the page still answers a click; and a reload, which applies the
// saved edit again, is not frozen either. Nothing is timed: the page is judged by what it shows.
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { storageKey } from '../../src/store/persist.ts';
import { runId, settle } from '../helpers/mount.ts';
import { cell, control, toolbarButton } from '../helpers/find.ts';
import { frameWorkbook, openFrame, reloadFrame } from '../helpers/frames.ts';

const workbook = `07-backpropagation.md?budget=${runId}`;
const key = storageKey(`${location.origin}/workbooks/${workbook}`);

function shownError(wb: GsWorkbook, name: string): string {
  return cell(wb, name).shadowRoot!.querySelector('.error[role="alert"]')?.textContent!.replace(/\s+/g, ' ').trim() ?? '';
}

describe('budget: a typed formula with an absurd empty matrix, in the page', () => {
  let frame: HTMLIFrameElement;
  after(() => {
    frame?.remove();
    localStorage.removeItem(key);
  });

  it("refuses zeros(1e300, 0)' typed into s2, located, keeps it as typed, answers a click, and reopens unfrozen", async () => {
    frame = await openFrame(`/index.html?w=${encodeURIComponent(workbook)}`);
    frame.contentWindow!.focus();
    let wb = frameWorkbook(frame);
    const field = control(wb, 's2', 's2 formula');
    field.focus();
    field.select();
    await sendKeys({ type: "zeros(1e300, 0)'" });
    await sendKeys({ press: 'Enter' });
    await settle(wb);

    const shown = shownError(wb, 's2');
    expect(shown).to.match(/^E_TOO_LARGE /);
    expect(shown).to.contain('1e+300×0; a matrix may have at most 1,000,000 rows');
    expect(shown).to.match(/line \d+, column \d+/);
    expect(control(wb, 's2', 's2 formula').value).to.equal("zeros(1e300, 0)'");
    expect(JSON.parse(localStorage.getItem(key)!).edits.formulas).to.deep.equal({ s2: "zeros(1e300, 0)'" });

    // The page answers a click: Undo takes the formula back.
    toolbarButton(wb, 'Undo').click();
    await settle(wb);
    expect(control(wb, 's2', 's2 formula').value).to.not.equal("zeros(1e300, 0)'");
    expect(shownError(wb, 's2')).to.equal('');
    toolbarButton(wb, 'Redo').click();
    await settle(wb);
    expect(control(wb, 's2', 's2 formula').value).to.equal("zeros(1e300, 0)'");

    // Reopened: the saved edit is applied again, refused again, and the page is usable.
    await reloadFrame(frame);
    wb = frameWorkbook(frame);
    expect(control(wb, 's2', 's2 formula').value).to.equal("zeros(1e300, 0)'");
    expect(shownError(wb, 's2')).to.match(/^E_TOO_LARGE /);
    toolbarButton(wb, 'Reset all').click();
    await settle(wb);
    expect(shownError(wb, 's2')).to.equal('');
    expect(typeof cell(wb, 's2').value).to.equal('number');
  });
});
