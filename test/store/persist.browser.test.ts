// Nothing a student types is lost: the gallery page in an iframe is really reloaded and shows
// the edits again; a workbook file that changed between visits keeps what still applies and
// lists the rest; live reload carries saving and undo over; blocked, full and corrupt storage
// each leave a working page that says edits are not being saved; Share reproduces the state.
import { expect } from 'chai';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../components/index.ts';
import type { GsWorkbook } from '../../components/gs-workbook.ts';
import { storageKey } from '../../src/store/persist.ts';
import { notes } from '../helpers/lecture.ts';
import { mount, runId, settle } from '../helpers/mount.ts';
import { cell, control, noticeText, shownEntries, toolbarButton } from '../helpers/find.ts';
import { frameReady, frameWorkbook, galleryPage, openFrame, reloadFrame, typeIn } from '../helpers/frames.ts';

const origin = location.origin;

describe('edits survive a reload', () => {
  const workbook = `07-backpropagation.md?persist=${runId}`;
  const key = storageKey(`${origin}/workbooks/${workbook}`);
  let frame: HTMLIFrameElement;
  after(() => {
    frame?.remove();
    localStorage.removeItem(key);
  });

  it('restores entries and formulas typed before the page was reloaded', async () => {
    frame = await openFrame(galleryPage(workbook));
    await typeIn(frame, 'Theta1', 'Theta1[1,3]', '1.5');
    await typeIn(frame, 'h1', 'h1 formula', 'tanh(s1)', 'Enter');
    expect(JSON.parse(localStorage.getItem(key)!).edits.formulas).to.deep.equal({ h1: 'tanh(s1)' });

    await reloadFrame(frame);
    const wb = frameWorkbook(frame);
    expect(shownEntries(wb, 'Theta1')).to.deep.equal([
      ['1.2', '2.1', '1.5'],
      ['-0.3', '-0.7', '0.3'],
    ]);
    expect(control(wb, 'h1', 'h1 formula').value).to.equal('tanh(s1)');
    expect(cell(wb, 'h1').value).to.deep.equal([[Math.tanh(1.35)], [Math.tanh(2.45)], [Math.tanh(1.35)]]);
    expect(wb.querySelector('.gs-saved')!.textContent).to.equal('Saved in this browser');
    expect(noticeText(wb), 'nothing to report').to.equal('');
    // Undo starts afresh after a reload; Reset all returns to the workbook and clears the record.
    expect(toolbarButton(wb, 'Undo').getAttribute('aria-disabled')).to.equal('true');
    toolbarButton(wb, 'Reset all').click();
    await settle(wb);
    expect(cell(wb, 'y_hat').value).to.be.closeTo(notes.y_hat, 1e-6);
    expect(localStorage.getItem(key)).to.equal(null);
  });
});

describe('a workbook file that changed', () => {
  const name = `persist-${runId}.md`;
  const workbook = `../test-results/live-reload/${name}`;
  const key = storageKey(`${origin}/test-results/live-reload/${name}`);
  const v1 = "# Changes\n\n```cells\nx = [1; 2]\nw = [3; 4]\ngone = [7, 8]\ns = w' * x\n```\n";
  const v2 = '# Changes\n\n```cells\nx = [1; 2]\nw = [3, 4]\ns = w * x + 100\nt = 2 * s\n```\n';
  const v3 = '# Changes\n\n```cells\nx = [1; 2]\nw = [3, 4]\ns = w * x + 1000\nt = 2 * s\n```\n';
  const save = (text: string) => executeServerCommand('gs-save-workbook', { name, text });
  let frame: HTMLIFrameElement | undefined;
  after(async () => {
    frame?.remove();
    localStorage.removeItem(key);
    await executeServerCommand('gs-delete-workbook', { name });
  });

  it('between visits: restores the edits that still apply, and lists the others with what was typed', async () => {
    await save(v1);
    frame = await openFrame(galleryPage(workbook));
    await typeIn(frame, 'x', 'x[2,1]', '5');
    await typeIn(frame, 'w', 'w[1,1]', '30');
    await typeIn(frame, 'gone', 'gone[1,2]', '80');
    frame.remove();
    await save(v2); // w became a row, gone was removed
    frame = await openFrame(galleryPage(workbook));
    const wb = frameWorkbook(frame);
    expect(shownEntries(wb, 'x')).to.deep.equal([['1'], ['5']]);
    expect(shownEntries(wb, 'w')).to.deep.equal([['3', '4']]);
    expect(cell(wb, 's').value).to.equal(3 + 20 + 100);
    const notice = noticeText(wb);
    expect(notice).to.contain('This workbook changed since your edits were saved. Your edits to w and gone could not be kept');
    const lost = wb.querySelector('.gs-notice details')!.textContent!.replace(/\s+/g, ' ');
    expect(lost).to.contain('w 30 4').and.to.contain('gone 7 80');
  });

  it('live: a file saved while the page is open keeps saving and undo going in the new session', async () => {
    const wb = frameWorkbook(frame!);
    await typeIn(frame!, 'x', 'x[1,1]', '2');
    const before = JSON.parse(localStorage.getItem(key)!);
    const reloaded = new Promise((resolve) => wb.addEventListener('gs-reload', resolve, { once: true }));
    await save(v3);
    await reloaded;
    await frameReady(frame!);
    const after = JSON.parse(localStorage.getItem(key)!);
    expect(after.hash, 'the record follows the new file').to.not.equal(before.hash);
    expect(after.edits.entries.x).to.deep.equal([['2'], ['5']]);
    expect(cell(wb, 's').value).to.equal(2 * 3 + 5 * 4 + 1000);
    // Undo (x's definition did not change) works in the new session, and is saved.
    toolbarButton(wb, 'Undo').click();
    await settle(wb);
    expect(shownEntries(wb, 'x')).to.deep.equal([['1'], ['5']]);
    expect(JSON.parse(localStorage.getItem(key)!).edits.entries.x).to.deep.equal([['1'], ['5']]);
  });
});

describe('storage that fails never breaks the page', () => {
  let wb: GsWorkbook | undefined;
  afterEach(() => wb?.remove());

  /** The sheet still computes: typing into y changes E. */
  async function expectWorking(w: GsWorkbook): Promise<void> {
    const y = control(w, 'y', 'y');
    y.focus();
    y.select();
    await sendKeys({ type: '0' });
    await settle(w);
    expect(cell(w, 'E').value).to.be.closeTo(0.5 * notes.y_hat ** 2, 1e-6); // y_hat to six digits
    expect(w.tools.store!.history.canUndo).to.equal(true);
  }

  it('blocked (reading localStorage throws): works in memory and says edits are not being saved', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
      },
    });
    try {
      wb = await mount('workbooks/07-backpropagation.md');
      expect(wb.querySelector('.gs-notice.gs-warn')!.textContent).to.contain(
        'Your edits are not being saved: this browser does not let this page use its storage',
      );
      expect(wb.querySelector('.gs-saved')!.textContent).to.equal('Not saved');
      await expectWorking(wb);
    } finally {
      Object.defineProperty(window, 'localStorage', descriptor);
    }
  });

  it('full (writing throws QuotaExceededError): works, says so, and saves again once there is room', async () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () {
      throw new DOMException("Failed to execute 'setItem' on 'Storage': Setting the value exceeded the quota.", 'QuotaExceededError');
    };
    try {
      wb = await mount('workbooks/07-backpropagation.md');
      await expectWorking(wb);
      await wb.updateComplete;
      expect(wb.querySelector('.gs-notice.gs-warn')!.textContent).to.contain("the browser's storage for this site is full");
    } finally {
      Storage.prototype.setItem = setItem;
    }
    const y = control(wb, 'y', 'y');
    y.focus();
    await sendKeys({ type: '1' });
    await settle(wb);
    expect(wb.querySelector('.gs-notice.gs-warn') === null, 'the warning is gone').to.equal(true);
    expect(JSON.parse(localStorage.getItem(wb.tools.store!.persistence.key)!).edits.entries.y).to.deep.equal([['01']]);
    localStorage.removeItem(wb.tools.store!.persistence.key);
  });

  it('corrupt (an unreadable record): works, leaves the record alone, and saves again once it is discarded', async () => {
    const src = `/workbooks/07-backpropagation.md?corrupt=${runId}`;
    const key = storageKey(`${origin}${src}`);
    localStorage.setItem(key, '{"v":1,"hash":"x","edits":{"entries":{"Theta1":"oops"');
    try {
      wb = document.createElement('gs-workbook');
      wb.src = src;
      document.body.append(wb);
      await wb.loaded;
      await settle(wb);
      expect(cell(wb, 'Theta1').value).to.deep.equal(notes.Theta1);
      expect(wb.querySelector('.gs-notice.gs-warn')!.textContent).to.contain('could not be read, so they were not restored');
      await expectWorking(wb);
      expect(localStorage.getItem(key)).to.equal('{"v":1,"hash":"x","edits":{"entries":{"Theta1":"oops"');
      const discard = [...wb.querySelectorAll<HTMLButtonElement>('.gs-notice button')].find(
        (b) => b.textContent === 'Discard the unreadable record and save again',
      )!;
      discard.click();
      await settle(wb);
      expect(JSON.parse(localStorage.getItem(key)!).edits.entries.y).to.deep.equal([['0']]);
      expect(wb.querySelector('.gs-notice.gs-warn') === null, 'the warning is gone').to.equal(true);
    } finally {
      localStorage.removeItem(key);
    }
  });
});

describe('Share', () => {
  const workbook = `07-backpropagation.md?share=${runId}`;
  const key = storageKey(`${origin}/workbooks/${workbook}`);
  const frames: HTMLIFrameElement[] = [];
  after(() => {
    frames.forEach((f) => f.remove());
    localStorage.removeItem(key);
  });

  it('makes a link that opens the same state for someone else, trained weights included, undoably', async () => {
    const mine = await openFrame(galleryPage(workbook));
    frames.push(mine);
    const wb = frameWorkbook(mine);
    await typeIn(mine, 'gamma', 'gamma', '0.5');
    const train = wb.querySelector('gs-train')!;
    [...train.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Step')!.click();
    await settle(wb);
    const trained = cell(wb, 'Theta2').value;
    const written: string[] = [];
    Object.defineProperty(mine.contentWindow!.navigator.clipboard, 'writeText', { configurable: true, value: async (t: string) => void written.push(t) });
    toolbarButton(wb, 'Share').click();
    await new Promise((r) => setTimeout(r, 0));
    await wb.updateComplete;
    const link = (wb.querySelector('.gs-share input') as HTMLInputElement).value;
    expect(written).to.deep.equal([link]);
    expect(wb.querySelector('.gs-share [role=status]')!.textContent).to.contain('Link copied');
    expect(new URL(link).hash).to.match(/^#gs=1\./);

    // Someone else: nothing saved in their browser.
    localStorage.removeItem(key);
    const theirs = await openFrame(link);
    frames.push(theirs);
    const other = frameWorkbook(theirs);
    expect(cell(other, 'Theta2').value, 'the trained weights, exactly').to.deep.equal(trained);
    expect(cell(other, 'gamma').value).to.equal(0.5);
    expect(noticeText(other)).to.contain('This page opened a shared link');
    expect(theirs.contentWindow!.location.hash, 'the state left the address once applied').to.equal('');
    toolbarButton(other, 'Undo').click();
    await settle(other);
    expect(cell(other, 'Theta2').value).to.deep.equal(notes.Theta2);
    expect(cell(other, 'gamma').value).to.equal(1);
  });
});
