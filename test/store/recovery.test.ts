// Nothing a student did is ever lost or locks them out: an apply of saved edits or of a share
// link that never finished is not done again on the next open (its edits are offered to restore
// or discard); a share link keeps the student's own edits in a backup slot; two tabs of one
// workbook merge their saves by cell; a training Run going on when the page is left is saved;
// and a record is not reported as "workbook changed" when only gradsheet's reading of the file
// changed.
import { expect } from 'chai';
import { readWorkbook } from '../../src/format/read.ts';
import { Session } from '../../src/reactive/session.ts';
import { Trainer } from '../../src/reactive/trainer.ts';
import { openSession } from '../../src/reactive/registry.ts';
import { contentHash, storageKey, textHash } from '../../src/store/persist.ts';
import { WorkbookStore, deferAbove } from '../../src/store/workbook-store.ts';
import { readText } from '../helpers/files.ts';
import { workbookPath } from '../helpers/lecture.ts';
import { MemoryStorage, modelWorkbook } from './model.ts';

const url = 'http://localhost/workbooks/model.md';
const open = (text = modelWorkbook) => new Session(readWorkbook(text, 'model.md'));
const key = storageKey(url);
const marker = storageKey(url, 'applying');
const backup = storageKey(url, 'backup');
const own = {
  entries: {
    a: [
      ['1', '20'],
      ['3', '4'],
    ],
  },
  formulas: { c: 'a + b' },
};
const linked = { entries: { b: [['7']] }, formulas: { d: 'max(c)' } };

describe('an apply that never finished (document recovery)', () => {
  let storage: MemoryStorage;
  beforeEach(() => (storage = new MemoryStorage()));

  it('writes a marker before applying saved edits and removes it once the sheet has computed them', async () => {
    storage.setItem(key, JSON.stringify({ v: 1, hash: contentHash(open().spec), edits: own }));
    const store = new WorkbookStore(url, () => storage);
    const s = open();
    store.attach(s);
    expect(JSON.parse(storage.getItem(marker)!)).to.deep.equal({ v: 1, hash: store.hash, source: 'saved' });
    expect(s.entriesOf('a')).to.deep.equal(own.entries.a);
    await s.settled();
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.getItem(marker), 'removed once computed').to.equal(null);
    expect(store.recovery).to.equal(undefined);
    s.dispose();
  });

  it('applies nothing on the next open when the marker was left, and offers the edits naming the cells', async () => {
    storage.setItem(key, JSON.stringify({ v: 1, hash: contentHash(open().spec), edits: own }));
    storage.setItem(marker, JSON.stringify({ v: 1, hash: 'x', source: 'saved' })); // the tab froze while computing them
    const store = new WorkbookStore(url, () => storage);
    const s = open();
    store.attach(s);
    expect(s.entriesOf('a'), "the workbook's own values").to.deep.equal([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(s.formula('c')).to.equal('a * b');
    expect(store.recovery).to.deep.equal({ source: 'saved', edits: own, names: ['a', 'c'] });
    expect(JSON.parse(storage.getItem(marker)!).edits, 'kept in the marker while typing rewrites the record').to.deep.equal(own);
    s.setEntry('b', 1, 1, '6');
    expect(JSON.parse(storage.getItem(key)!).edits).to.deep.equal({ entries: { b: [['6']] }, formulas: {} });

    // Restore: the edits come back on top, as one undoable step, and the marker goes once computed.
    store.restoreRecovery();
    expect(s.entriesOf('a')).to.deep.equal(own.entries.a);
    expect(s.formula('c')).to.equal('a + b');
    expect(s.entriesOf('b')).to.deep.equal([['6']]);
    expect(store.history.undoLabel).to.equal('Restored edits');
    expect(store.recovery).to.equal(undefined);
    await s.settled();
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.getItem(marker)).to.equal(null);
    expect(JSON.parse(storage.getItem(key)!).edits).to.deep.equal({ entries: { a: own.entries.a, b: [['6']] }, formulas: { c: 'a + b' } });
    s.dispose();
  });

  it('a formula typed is under a marker until computed: had it frozen the tab, the next open offers it instead of applying it', async () => {
    const store = new WorkbookStore(url, () => storage);
    const s = open();
    store.attach(s);
    s.setFormula('d', 'max(c)');
    await Promise.resolve(); // the marker is written before the runtime computes (its next frame)
    expect(JSON.parse(storage.getItem(marker)!)).to.deep.equal({ v: 1, hash: store.hash, source: 'saved' });
    // Had the tab frozen computing it, the marker would still be there on the next open:
    const next = new WorkbookStore(url, () => storage);
    const s2 = open();
    next.attach(s2);
    expect(s2.formula('d')).to.equal('sum(c)');
    expect(next.recovery).to.deep.equal({ source: 'saved', edits: { entries: {}, formulas: { d: 'max(c)' } }, names: ['d'] });
    s2.dispose();
    // It did not freeze: once computed, the marker goes.
    storage.setItem(marker, JSON.stringify({ v: 1, hash: store.hash, source: 'saved' }));
    await s.settled();
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.getItem(marker)).to.equal(null);
    s.dispose();
  });

  it('an entry typed (and a paste) is under a marker until computed: had its recompute frozen the tab, the next open offers it', async () => {
    // An entry whose dependents are heavy: the recompute it starts is what could freeze the tab.
    const heavy = modelWorkbook.replace('d = sum(c)', 'd = sum(c)\nh = sum(ones(600, 2) * a * ones(2, 600)) * b');
    const store = new WorkbookStore(url, () => storage);
    const s = open(heavy);
    store.attach(s);
    await s.settled();
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.getItem(marker), 'nothing applying once opened').to.equal(null);
    s.setEntry('a', 1, 2, '20');
    await Promise.resolve(); // the marker is written before the runtime computes (its next frame)
    expect(JSON.parse(storage.getItem(marker)!)).to.deep.equal({ v: 1, hash: store.hash, source: 'saved' });
    store.flush();
    // Had the tab frozen computing h, the marker would still be there on the next open:
    const next = new WorkbookStore(url, () => storage);
    const s2 = open(heavy);
    next.attach(s2);
    expect(s2.entriesOf('a'), "the workbook's own values").to.deep.equal([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(next.recovery).to.deep.equal({
      source: 'saved',
      edits: {
        entries: {
          a: [
            ['1', '20'],
            ['3', '4'],
          ],
        },
        formulas: {},
      },
      names: ['a'],
    });
    s2.dispose();
    // It did not freeze: once computed, the marker goes, and h has the new value.
    storage.setItem(marker, JSON.stringify({ v: 1, hash: store.hash, source: 'saved' }));
    await s.settled();
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.getItem(marker)).to.equal(null);
    expect(s.state('h')!.value).to.equal(600 * 600 * (1 + 20 + 3 + 4) * 5);
    // A paste of a whole block is marked the same way.
    s.setEntries('a', [
      ['0', '0'],
      ['0', '1'],
    ]);
    await Promise.resolve();
    expect(JSON.parse(storage.getItem(marker)!)).to.deep.equal({ v: 1, hash: store.hash, source: 'saved' });
    await s.settled();
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.getItem(marker)).to.equal(null);
    s.dispose();
  });

  it('a formula typed while a recovery is offered keeps the offered edits in the marker', async () => {
    storage.setItem(key, JSON.stringify({ v: 1, hash: 'x', edits: own }));
    storage.setItem(marker, JSON.stringify({ v: 1, hash: 'x', source: 'saved' }));
    const store = new WorkbookStore(url, () => storage);
    const s = open();
    store.attach(s);
    s.setFormula('d', 'max(c)');
    await Promise.resolve();
    expect(JSON.parse(storage.getItem(marker)!).edits, 'while computing').to.deep.equal(own);
    await s.settled();
    await new Promise((r) => setTimeout(r, 0));
    expect(JSON.parse(storage.getItem(marker)!).edits, 'once computed, still offered').to.deep.equal(own);
    // A reload still offers them (the record itself now holds only the formula typed).
    const next = new WorkbookStore(url, () => storage);
    const s2 = open();
    next.attach(s2);
    expect(next.recovery?.edits).to.deep.equal(own);
    s.dispose();
    s2.dispose();
  });

  it('entries typed while a recovery is offered leave its marker as it is: the offered edits are not rewritten at each keystroke', async () => {
    storage.setItem(key, JSON.stringify({ v: 1, hash: 'x', edits: own }));
    storage.setItem(marker, JSON.stringify({ v: 1, hash: 'x', source: 'saved' }));
    const store = new WorkbookStore(url, () => storage);
    const s = open();
    store.attach(s);
    const written = storage.writesOf.get(marker);
    for (const text of ['7', '70', '700']) s.setEntry('b', 1, 1, text);
    await Promise.resolve();
    await s.settled();
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.writesOf.get(marker)).to.equal(written);
    expect(JSON.parse(storage.getItem(marker)!).edits).to.deep.equal(own);
    s.dispose();
  });

  it('a page left normally did not freeze: leaving removes the marker of an apply still computing', () => {
    storage.setItem(key, JSON.stringify({ v: 1, hash: contentHash(open().spec), edits: own }));
    const store = new WorkbookStore(url, () => storage);
    const s = open();
    store.attach(s);
    expect(storage.getItem(marker), 'applying').to.not.equal(null);
    store.leave(); // pagehide before the sheet computed (a background tab gets no frames)
    expect(storage.getItem(marker)).to.equal(null);
    const next = new WorkbookStore(url, () => storage);
    const s2 = open();
    next.attach(s2);
    expect(next.recovery, 'nothing to recover').to.equal(undefined);
    expect(s2.entriesOf('a')).to.deep.equal(own.entries.a);
    s.dispose();
    s2.dispose();
  });

  it('restoring offered edits says which cells could not take theirs', () => {
    const edits = {
      entries: {
        a: [
          ['1', '20'],
          ['3', '4'],
        ],
        gone: [['1']],
      },
      formulas: {},
    };
    storage.setItem(key, JSON.stringify({ v: 1, hash: 'x', edits }));
    storage.setItem(marker, JSON.stringify({ v: 1, hash: 'x', source: 'saved' }));
    const store = new WorkbookStore(url, () => storage);
    const s = open();
    store.attach(s);
    expect(store.restored).to.equal(undefined);
    store.restoreRecovery();
    expect(s.entriesOf('a')).to.deep.equal(edits.entries.a);
    expect(store.restored?.dropped).to.deep.equal(['gone']);
    expect(store.restored?.lost).to.deep.equal({ entries: { gone: [['1']] }, formulas: {} });
    s.dispose();
  });

  it('discards the edits of an unfinished apply when asked, and the record follows the sheet', () => {
    storage.setItem(key, JSON.stringify({ v: 1, hash: 'x', edits: own }));
    storage.setItem(marker, JSON.stringify({ v: 1, hash: 'x', source: 'saved' }));
    const store = new WorkbookStore(url, () => storage);
    const s = open();
    store.attach(s);
    store.discardRecovery();
    expect(storage.getItem(marker)).to.equal(null);
    expect(storage.getItem(key), 'the sheet has no edits: no record').to.equal(null);
    expect(store.recovery).to.equal(undefined);
    s.dispose();
  });
});

describe('a share link never destroys saved work', () => {
  let storage: MemoryStorage;
  beforeEach(() => (storage = new MemoryStorage()));

  it('keeps the own edits it replaces, offers them after a reload, and restores them in one undoable step', async () => {
    const first = new WorkbookStore(url, () => storage);
    const s1 = open();
    first.attach(s1);
    s1.setEntry('a', 1, 2, '20');
    s1.setFormula('c', 'a + b');
    first.applyShared({ workbook: '/workbooks/model.md', hash: first.hash, edits: linked });
    expect(s1.entriesOf('b')).to.deep.equal([['7']]);
    expect(JSON.parse(storage.getItem(backup)!)).to.deep.equal({ v: 1, hash: first.hash, edits: own });
    expect(first.backup).to.deep.equal({ edits: own, names: ['a', 'c'] });
    await s1.settled();
    await new Promise((r) => setTimeout(r, 0));
    s1.dispose();

    // Reload: the link's state is the record; the own edits are still offered.
    const second = new WorkbookStore(url, () => storage);
    const s2 = open();
    second.attach(s2);
    expect(s2.entriesOf('b')).to.deep.equal([['7']]);
    expect(second.backup?.names).to.deep.equal(['a', 'c']);
    expect(second.history.canUndo).to.equal(false);
    second.restoreBackup();
    expect(s2.entriesOf('a')).to.deep.equal(own.entries.a);
    expect(s2.entriesOf('b')).to.deep.equal([['5']]);
    expect(s2.formula('c')).to.equal('a + b');
    expect(s2.formula('d')).to.equal('sum(c)');
    expect(JSON.parse(storage.getItem(key)!).edits).to.deep.equal(own);
    expect(storage.getItem(backup), 'restored: the slot is empty').to.equal(null);
    expect(second.history.undoLabel).to.equal('Your own edits');
    second.undo();
    expect(s2.entriesOf('b'), 'undo brings the link back').to.deep.equal([['7']]);
    s2.dispose();
  });

  it("does not back up a link's untouched state over the own edits when a second link is opened", () => {
    const store = new WorkbookStore(url, () => storage);
    const s = open();
    store.attach(s);
    s.setEntry('a', 1, 2, '20');
    s.setFormula('c', 'a + b');
    store.applyShared({ workbook: '/workbooks/model.md', hash: store.hash, edits: linked });
    store.applyShared({ workbook: '/workbooks/model.md', hash: store.hash, edits: { entries: { b: [['9']] }, formulas: {} } });
    expect(JSON.parse(storage.getItem(backup)!).edits).to.deep.equal(own);
    s.dispose();
  });

  it('a crafted link whose apply was interrupted: the next open applies nothing and offers both its edits and the own ones', () => {
    storage.setItem(key, JSON.stringify({ v: 1, hash: 'h', edits: linked }));
    storage.setItem(backup, JSON.stringify({ v: 1, hash: 'h', edits: own }));
    storage.setItem(marker, JSON.stringify({ v: 1, hash: 'h', source: 'shared', edits: linked }));
    const store = new WorkbookStore(url, () => storage);
    const s = open();
    store.attach(s);
    expect(s.edits()).to.deep.equal({ entries: {}, formulas: {} });
    expect(store.recovery).to.deep.equal({ source: 'shared', edits: linked, names: ['b', 'd'] });
    expect(store.backup?.names).to.deep.equal(['a', 'c']);
    store.discardRecovery();
    store.restoreBackup();
    expect(s.edits()).to.deep.equal(own);
    s.dispose();
  });
});

describe('two tabs of one workbook', () => {
  let storage: MemoryStorage;
  beforeEach(() => (storage = new MemoryStorage()));

  /** Two tabs (two stores over one storage); a write of one is a storage event in the other. */
  function tabs() {
    const a = new WorkbookStore(url, () => storage),
      b = new WorkbookStore(url, () => storage);
    const sa = open(),
      sb = open();
    a.attach(sa);
    b.attach(sb);
    const deliver = (to: WorkbookStore) => to.storageChanged(key, storage.getItem(key));
    return { a, b, sa, sb, deliver };
  }

  it("each tab takes the other's edits to cells it did not change, and neither tab's edits are dropped", () => {
    const { a, b, sa, sb, deliver } = tabs();
    sa.setEntry('a', 1, 1, '10');
    deliver(b);
    expect(sb.entriesOf('a')).to.deep.equal([
      ['10', '2'],
      ['3', '4'],
    ]);
    expect(b.otherTab).to.deep.equal({ taken: ['a'], kept: { entries: {}, formulas: {} } });
    sb.setFormula('c', 'a + b');
    deliver(a);
    expect(sa.formula('c')).to.equal('a + b');
    expect(JSON.parse(storage.getItem(key)!).edits).to.deep.equal({
      entries: {
        a: [
          ['10', '2'],
          ['3', '4'],
        ],
      },
      formulas: { c: 'a + b' },
    });
    // Taking another tab's edits is one undoable step.
    expect(a.history.undoLabel).to.equal('Another tab');
    sa.dispose();
    sb.dispose();
  });

  it("keeps this tab's edit of a cell both changed, shows the other's, and saves what the other lacked", () => {
    const { a, b, sa, sb, deliver } = tabs();
    // A's record is large: its writes wait for typing to pause (deferAbove), and B saves meanwhile.
    (a.persistence as { size: number }).size = deferAbove;
    sa.setEntry('b', 1, 1, '6');
    expect(storage.getItem(key), "A's write is waiting").to.equal(null);
    sb.setEntry('b', 1, 1, '8');
    sb.setFormula('d', 'max(c)');
    deliver(a);
    expect(sa.entriesOf('b')).to.deep.equal([['6']]);
    expect(sa.formula('d')).to.equal('max(c)');
    expect(a.otherTab).to.deep.equal({ taken: ['d'], kept: { entries: { b: [['8']] }, formulas: {} } });
    expect(JSON.parse(storage.getItem(key)!).edits, 'the merge is saved at once').to.deep.equal({ entries: { b: [['6']] }, formulas: { d: 'max(c)' } });
    deliver(b);
    expect(sb.entriesOf('b')).to.deep.equal([['6']]);
    expect(b.otherTab?.taken).to.deep.equal(['b']);
    b.undo();
    expect(sb.entriesOf('b'), "B's own edit is one Undo away").to.deep.equal([['8']]);
    sa.dispose();
    sb.dispose();
  });

  it("an event older than this tab's own later write changes nothing", () => {
    const { a, sa, sb } = tabs();
    sb.setEntry('b', 1, 1, '8');
    const event = storage.getItem(key);
    sa.setEntry('b', 1, 1, '6');
    a.storageChanged(key, event);
    expect(sa.entriesOf('b')).to.deep.equal([['6']]);
    expect(a.otherTab).to.equal(undefined);
    sa.dispose();
    sb.dispose();
  });

  it('shows, and does not take, an edit the other tab made to another version of the file that does not fit here', () => {
    const a = new WorkbookStore(url, () => storage),
      b = new WorkbookStore(url, () => storage);
    const sa = open(),
      sb = open(modelWorkbook.replace('a = [1, 2; 3, 4]', 'a = 1'));
    a.attach(sa);
    b.attach(sb);
    sb.setEntry('a', 1, 1, '9');
    sb.setEntry('b', 1, 1, '6');
    a.storageChanged(key, storage.getItem(key));
    expect(sa.entriesOf('a')).to.deep.equal([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(sa.entriesOf('b')).to.deep.equal([['6']]);
    expect(a.otherTab).to.deep.equal({ taken: ['b'], kept: { entries: { a: [['9']] }, formulas: {} } });
    sa.dispose();
    sb.dispose();
  });

  it('storage that cannot be read on an event is not an empty record: the edits stay', () => {
    const { a, sa, sb } = tabs();
    sa.setEntry('a', 1, 1, '10');
    sb.setEntry('b', 1, 1, '6');
    storage.unreadable = true;
    a.storageChanged(key, null);
    expect(sa.entriesOf('a')).to.deep.equal([
      ['10', '2'],
      ['3', '4'],
    ]);
    expect(a.otherTab).to.equal(undefined);
    storage.unreadable = false;
    sa.dispose();
    sb.dispose();
  });

  it('follows a Reset all of the other tab, and ignores records that are not ours', () => {
    const { a, b, sa, sb, deliver } = tabs();
    sa.setEntry('a', 1, 1, '10');
    deliver(b);
    sb.resetAll();
    expect(storage.getItem(key)).to.equal(null);
    a.storageChanged(key, null);
    expect(sa.entriesOf('a')).to.deep.equal([
      ['1', '2'],
      ['3', '4'],
    ]);
    a.storageChanged(key, '{"v":1,"hash":"x","edits":{"entries":{"__proto__":[]}}}');
    a.storageChanged('something-else', '1');
    expect(sa.edits()).to.deep.equal({ entries: {}, formulas: {} });
    sa.dispose();
    sb.dispose();
  });
});

describe('a page left during a training Run', () => {
  it('saves the weights the run reached, and the next open says they were restored', async () => {
    const storage = new MemoryStorage();
    const text = await readText(workbookPath);
    const at = 'http://localhost/workbooks/07.md';
    const store = new WorkbookStore(at, () => storage);
    const s = new Session(readWorkbook(text, workbookPath));
    store.attach(s);
    const train = s.spec.blocks.find((b) => b.kind === 'train');
    let tick: (() => void) | undefined;
    const trainer = new Trainer(s, train as never, (fn) => void (tick = fn));
    const before = s.entriesOf('Theta2');
    void trainer.run({ steps: 1000, perFrame: 3 });
    tick!();
    const reached = s.entriesOf('Theta2');
    expect(reached, 'three steps published').to.not.deep.equal(before);
    expect(storage.getItem(storageKey(at)), 'a run saves nothing until it ends').to.equal(null);
    store.leave(); // pagehide
    const record = JSON.parse(storage.getItem(storageKey(at))!);
    expect(record.run).to.equal(true);
    expect(record.edits.entries.Theta2).to.deep.equal(reached);
    trainer.dispose();
    s.dispose();

    const next = new WorkbookStore(at, () => storage);
    const s2 = new Session(readWorkbook(text, workbookPath));
    next.attach(s2);
    expect(s2.entriesOf('Theta2')).to.deep.equal(reached);
    expect(next.restored).to.deep.equal({ changed: false, dropped: [], lost: { entries: {}, formulas: {} }, run: true });
    s2.dispose();
  });
});

describe('the content hash of a saved record', () => {
  it('hashes the text the session was read from (BOM and CRLF aside), so a change in how gradsheet reads a file is not a changed file', () => {
    const storage = new MemoryStorage();
    const first = new WorkbookStore(url, () => storage);
    const s1 = openSession(modelWorkbook, url);
    first.attach(s1);
    expect(first.hash).to.equal(textHash(modelWorkbook));
    expect(textHash('\uFEFF' + modelWorkbook.replace(/\n/g, '\r\n'))).to.equal(first.hash);
    s1.setEntry('b', 1, 1, '6');
    s1.dispose();

    // The same file read by a gradsheet whose reading of it differs (a reworded message, a new field).
    const s2 = openSession(modelWorkbook, url);
    (s2.spec as { title: string }).title = 'Read differently';
    const second = new WorkbookStore(url, () => storage);
    second.attach(s2);
    expect(s2.entriesOf('b')).to.deep.equal([['6']]);
    expect(second.restored, 'not reported as a changed workbook').to.equal(undefined);
    s2.dispose();
  });

  it('still recognises records and links saved with the hash of the spec (before this version)', () => {
    const storage = new MemoryStorage();
    const spec = open().spec;
    storage.setItem(key, JSON.stringify({ v: 1, hash: contentHash(spec), edits: { entries: { b: [['6']] }, formulas: {} } }));
    const store = new WorkbookStore(url, () => storage);
    const s = openSession(modelWorkbook, url);
    store.attach(s);
    expect(store.restored).to.equal(undefined);
    expect(store.applyShared({ workbook: '/workbooks/model.md', hash: contentHash(spec), edits: linked }).changed).to.equal(false);
    expect(store.applyShared({ workbook: '/workbooks/model.md', hash: 'other', edits: linked }).changed).to.equal(true);
    s.dispose();
  });

  it('does not say the workbook changed when it did not, even if some edits could not be restored', () => {
    const storage = new MemoryStorage();
    const s0 = openSession(modelWorkbook, url);
    storage.setItem(key, JSON.stringify({ v: 1, hash: textHash(modelWorkbook), edits: { entries: { a: [['1']] }, formulas: {} } }));
    const store = new WorkbookStore(url, () => storage);
    store.attach(s0);
    expect(store.restored?.changed).to.equal(false);
    expect(store.restored?.dropped).to.deep.equal(['a']);
    s0.dispose();
  });
});
