// Saved work through the real page, with real reloads of the gallery page in iframes: a share
// link opened over a student's own edits keeps them one click away, after a reload too; an
// apply that never finished (its marker left set) is not done again, and is offered naming the
// cells; a link reached by a fragment change is applied; two open tabs (two same-origin frames,
// which share localStorage and hear each other's `storage` events) never drop each other's
// edits; and a reload during a training Run keeps the weights it reached.
import { expect } from 'chai';
import '../../components/index.ts';
import { storageKey } from '../../src/store/persist.ts';
import { shareLink } from '../../src/store/share.ts';
import type { EditState } from '../../src/reactive/session.ts';
import { notes } from '../helpers/lecture.ts';
import { runId, settle } from '../helpers/mount.ts';
import { cell, noticeButton, noticeText, shownEntries } from '../helpers/find.ts';
import { frameReady, frameWorkbook, galleryPage, openFrame, reloadFrame, typeIn } from '../helpers/frames.ts';
import { until } from '../helpers/wait.ts';

const origin = location.origin;
const gammaLink = (frame: HTMLIFrameElement, edits: EditState = { entries: { gamma: [['0.5']] }, formulas: {} }) => {
  const store = frameWorkbook(frame).tools.store!;
  return shareLink(frame.contentWindow!.location.href, { ...store.shareState(), edits });
};

describe('a share link never destroys saved work', () => {
  const workbook = `07-backpropagation.md?backup=${runId}`;
  const url = `${origin}/workbooks/${workbook}`;
  const frames: HTMLIFrameElement[] = [];
  after(() => {
    frames.forEach((f) => f.remove());
    for (const at of [url, `${origin}/workbooks/07-backpropagation.md?fragment=${runId}`])
      for (const slot of ['edits', 'applying', 'backup'] as const) localStorage.removeItem(storageKey(at, slot));
  });

  it('opened after own edits, then a reload: one click restores the own edits', async () => {
    const mine = await openFrame(galleryPage(workbook));
    frames.push(mine);
    await typeIn(mine, 'Theta1', 'Theta1[1,3]', '1.5');
    const link = gammaLink(mine);
    mine.remove();

    const frame = await openFrame(link);
    frames.push(frame);
    let wb = frameWorkbook(frame);
    expect(cell(wb, 'gamma').value, "the link's edit").to.equal(0.5);
    expect(shownEntries(wb, 'Theta1')[0][2], 'the link replaced the own edits').to.equal(notes.Theta1[0][2].toString());
    expect(noticeText(wb)).to.contain('A shared link replaced your own edits in this browser; they are kept');

    await reloadFrame(frame);
    wb = frameWorkbook(frame);
    expect(cell(wb, 'gamma').value, 'the link state was saved').to.equal(0.5);
    noticeButton(wb, 'Restore your own edits (1 cell: Theta1)').click();
    await settle(wb);
    expect(shownEntries(wb, 'Theta1')[0]).to.deep.equal(['1.2', '2.1', '1.5']);
    expect(cell(wb, 'gamma').value).to.equal(1);
    expect(noticeText(wb)).to.not.contain('A shared link replaced');

    await reloadFrame(frame);
    wb = frameWorkbook(frame);
    expect(shownEntries(wb, 'Theta1')[0]).to.deep.equal(['1.2', '2.1', '1.5']);
    expect(noticeText(wb), 'nothing left to offer').to.equal('');
  });

  it('applies a link reached by a fragment change on the open page, like a fresh open', async () => {
    const frame = await openFrame(galleryPage(`07-backpropagation.md?fragment=${runId}`));
    frames.push(frame);
    await typeIn(frame, 'Theta1', 'Theta1[1,3]', '1.5');
    const wb = frameWorkbook(frame);
    const link = gammaLink(frame, { entries: { gamma: [['0.25']] }, formulas: {} });
    const changed = new Promise((r) => frame.contentWindow!.addEventListener('hashchange', r, { once: true }));
    frame.contentWindow!.location.hash = new URL(link).hash;
    await changed;
    await settle(wb);
    expect(cell(wb, 'gamma').value).to.equal(0.25);
    expect(noticeText(wb)).to.contain('This page opened a shared link');
    expect(noticeText(wb)).to.contain('Restore your own edits (1 cell: Theta1)');
    expect(frame.contentWindow!.location.hash, 'the state left the address once applied').to.equal('');
  });
});

describe('an apply that never finished', () => {
  const workbook = `07-backpropagation.md?recover=${runId}`;
  const url = `${origin}/workbooks/${workbook}`;
  let frame: HTMLIFrameElement | undefined;
  after(() => {
    frame?.remove();
    for (const at of [url, `${origin}/workbooks/07-backpropagation.md?saved=${runId}`])
      for (const slot of ['edits', 'applying', 'backup'] as const) localStorage.removeItem(storageKey(at, slot));
  });

  it('a crafted link whose apply was interrupted: the next open shows the own values and offers restore or discard, naming the cells', async () => {
    frame = await openFrame(galleryPage(workbook));
    await typeIn(frame, 'Theta1', 'Theta1[1,3]', '1.5');
    const hash = frameWorkbook(frame).tools.store!.hash;
    // As the page left it when it froze computing a link: the link's edits saved, the own
    // edits in the backup slot, and the marker still set.
    const crafted = { entries: { gamma: [['0.5']] }, formulas: { s2: 'Theta2 * h1 * 2' } };
    const own = JSON.parse(localStorage.getItem(storageKey(url))!).edits;
    frame.remove(); // closed: an open tab would take these writes as another tab's
    localStorage.setItem(storageKey(url), JSON.stringify({ v: 1, hash, edits: crafted }));
    localStorage.setItem(storageKey(url, 'backup'), JSON.stringify({ v: 1, hash, edits: own }));
    localStorage.setItem(storageKey(url, 'applying'), JSON.stringify({ v: 1, hash, source: 'shared', edits: crafted }));

    frame = await openFrame(galleryPage(workbook));
    let wb = frameWorkbook(frame);
    expect(cell(wb, 'gamma').value, 'nothing applied').to.equal(1);
    expect(cell(wb, 'Theta1').value).to.deep.equal(notes.Theta1);
    expect(cell(wb, 'y_hat').value).to.be.closeTo(notes.y_hat, 1e-6);
    const text = noticeText(wb);
    expect(text).to.contain("Opening this workbook last time did not finish applying a shared link's edits (to gamma and s2)");
    expect(text).to.contain('Restore your own edits (1 cell: Theta1)');

    // Still offered after another reload, until the student chooses.
    await reloadFrame(frame);
    wb = frameWorkbook(frame);
    expect(cell(wb, 'gamma').value).to.equal(1);
    noticeButton(wb, 'Discard them').click();
    await settle(wb);
    noticeButton(wb, 'Restore your own edits (1 cell: Theta1)').click();
    await settle(wb);
    expect(shownEntries(wb, 'Theta1')[0]).to.deep.equal(['1.2', '2.1', '1.5']);
    await reloadFrame(frame);
    wb = frameWorkbook(frame);
    expect(shownEntries(wb, 'Theta1')[0]).to.deep.equal(['1.2', '2.1', '1.5']);
    expect(noticeText(wb)).to.equal('');
    expect(localStorage.getItem(storageKey(url, 'applying'))).to.equal(null);
  });

  it('saved edits whose apply was interrupted can be restored with one click', async () => {
    frame?.remove();
    const saved = `07-backpropagation.md?saved=${runId}`,
      at = `${origin}/workbooks/${saved}`;
    frame = await openFrame(galleryPage(saved));
    await typeIn(frame, 'Theta1', 'Theta1[1,3]', '1.5');
    const hash = frameWorkbook(frame).tools.store!.hash;
    frame.remove();
    // As the page left it when it froze computing the saved edits on opening:
    localStorage.setItem(storageKey(at, 'applying'), JSON.stringify({ v: 1, hash, source: 'saved' }));
    frame = await openFrame(galleryPage(saved));
    const wb = frameWorkbook(frame!);
    expect(cell(wb, 'Theta1').value).to.deep.equal(notes.Theta1);
    expect(noticeText(wb)).to.contain('did not finish applying your saved edits (to Theta1)');
    noticeButton(wb, 'Restore them (1 cell: Theta1)').click();
    await settle(wb);
    expect(shownEntries(wb, 'Theta1')[0]).to.deep.equal(['1.2', '2.1', '1.5']);
    await until(frame!, () => localStorage.getItem(storageKey(at, 'applying')) === null, 'the marker is removed once computed');
  });
});

describe('two tabs on one workbook', () => {
  const workbook = `07-backpropagation.md?tabs=${runId}`;
  const url = `${origin}/workbooks/${workbook}`;
  const frames: HTMLIFrameElement[] = [];
  after(() => {
    frames.forEach((f) => f.remove());
    localStorage.removeItem(storageKey(url));
  });

  it("each tab notices the other's save, shows it, and neither tab's edits are dropped", async () => {
    const a = await openFrame(galleryPage(workbook), { width: 800, height: 500 });
    const b = await openFrame(galleryPage(workbook), { width: 800, height: 500 });
    frames.push(a, b);
    await typeIn(a, 'Theta1', 'Theta1[1,3]', '1.5');
    const wa = frameWorkbook(a),
      wbB = frameWorkbook(b);
    await until(b, () => shownEntries(wbB, 'Theta1')[0][2] === '1.5', "B shows A's edit");
    await settle(wbB);
    expect(noticeText(wbB)).to.contain('Another tab saved this workbook: its edits to Theta1 are shown here too');
    await typeIn(b, 'gamma', 'gamma', '0.5');
    await until(a, () => cell(wa, 'gamma').value === 0.5, "A shows B's edit");
    expect(shownEntries(wa, 'Theta1')[0][2], "A's own edit stays").to.equal('1.5');
    expect(JSON.parse(localStorage.getItem(storageKey(url))!).edits.entries).to.deep.equal({
      Theta1: [
        ['1.2', '2.1', '1.5'],
        ['-0.3', '-0.7', '0.3'],
      ],
      gamma: [['0.5']],
    });
    await reloadFrame(a);
    expect(cell(frameWorkbook(a), 'gamma').value).to.equal(0.5);
    expect(shownEntries(frameWorkbook(a), 'Theta1')[0][2]).to.equal('1.5');
  });
});

describe('a reload during a training Run', () => {
  const workbook = `07-backpropagation.md?run=${runId}`;
  const url = `${origin}/workbooks/${workbook}`;
  let frame: HTMLIFrameElement | undefined;
  after(() => {
    frame?.remove();
    localStorage.removeItem(storageKey(url));
  });

  it('keeps the weights the run reached, and says what was restored', async () => {
    frame = await openFrame(galleryPage(workbook));
    const wb = frameWorkbook(frame);
    const train = wb.querySelector('gs-train')!;
    const root = train.shadowRoot!;
    const slow = root.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    slow.click(); // one step a frame: the run is still going when the page reloads
    [...root.querySelectorAll<HTMLButtonElement>('button')].find((x) => x.textContent!.trim() === 'Run')!.click();
    await until(frame, () => JSON.stringify(cell(wb, 'Theta2').value) !== JSON.stringify(notes.Theta2), 'a step is published');
    expect(root.querySelector('progress'), 'running').to.not.equal(null);
    const reached = wb.tools.store!.session!.entriesOf('Theta2');
    await reloadFrame(frame);
    const after = frameWorkbook(frame);
    const restored = after.tools.store!.session!.entriesOf('Theta2');
    expect(restored, 'not the weights from before the run').to.not.deep.equal(notes.Theta2.map((r) => r.map(String)));
    // The run ended when the page was left: at least the steps seen, maybe a frame more. Each
    // weight has moved from its start in the direction the run took it, at least as far.
    const start = notes.Theta2.flat(),
      seen = reached.flat().map(Number),
      back = restored.flat().map(Number);
    expect(back.length).to.equal(seen.length);
    back.forEach((w, i) => {
      const went = seen[i] - start[i],
        now = w - start[i];
      expect(Math.sign(now), `Theta2 entry ${i + 1} moved the run's way`).to.equal(Math.sign(went));
      expect(Math.abs(now), `Theta2 entry ${i + 1} at least as far as seen`).to.be.at.least(Math.abs(went) * (1 - 1e-9));
    });
    expect(noticeText(after)).to.contain('This page was left during a training Run: the weights it had reached were saved, and are shown again.');
    await frameReady(frame);
  });
});
