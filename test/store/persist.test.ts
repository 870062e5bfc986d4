// Saved edits: restored on the next visit, kept across a changed workbook file for the cells
// that still exist (the others named), and storage that is blocked, full or corrupt never
// throws: the sheet keeps working in memory and says that edits are not being saved.
import { expect } from 'chai';
import { readWorkbook } from '../../src/format/read.ts';
import { Session } from '../../src/reactive/session.ts';
import { Persistence, contentHash, readEditState, storageKey } from '../../src/store/persist.ts';
import { WorkbookStore } from '../../src/store/workbook-store.ts';
import { MemoryStorage, modelWorkbook } from './model.ts';

const url = 'http://localhost/workbooks/model.md';
const blocked = () => {
  throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
};

function open(text = modelWorkbook): Session {
  return new Session(readWorkbook(text, 'model.md'));
}

describe('saved edits', () => {
  let storage: MemoryStorage;
  beforeEach(() => (storage = new MemoryStorage()));

  it('are restored in a new page, and every later edit is saved', () => {
    const first = new WorkbookStore(url, () => storage);
    const s1 = open();
    first.attach(s1);
    s1.setEntry('a', 1, 2, '-7.5');
    s1.setFormula('c', 'a + b');
    const record = JSON.parse(storage.getItem(storageKey(url))!);
    expect(record).to.deep.equal({
      v: 1,
      hash: contentHash(s1.spec),
      edits: {
        entries: {
          a: [
            ['1', '-7.5'],
            ['3', '4'],
          ],
        },
        formulas: { c: 'a + b' },
      },
    });

    const second = new WorkbookStore(url, () => storage);
    const s2 = open();
    second.attach(s2);
    expect(s2.entriesOf('a')).to.deep.equal([
      ['1', '-7.5'],
      ['3', '4'],
    ]);
    expect(s2.formula('c')).to.equal('a + b');
    expect(second.restored, 'nothing to report').to.equal(undefined);
    expect(second.history.canUndo, 'restoring is the baseline, not a step').to.equal(false);
    expect(second.saveState).to.deep.equal({ saving: true });
    s1.dispose();
    s2.dispose();
  });

  it('removes the record when the workbook is back to its own values', () => {
    const store = new WorkbookStore(url, () => storage);
    const s = open();
    store.attach(s);
    s.setEntry('b', 1, 1, '6');
    expect(storage.items.size).to.equal(1);
    store.resetAll();
    expect(storage.items.size).to.equal(0);
    store.undo();
    expect(JSON.parse(storage.getItem(storageKey(url))!).edits.entries).to.deep.equal({ b: [['6']] });
    s.dispose();
  });

  it('keeps the edits of cells that still exist when the workbook changed, and names the others', () => {
    const old = new WorkbookStore(url, () => storage);
    const s1 = open();
    old.attach(s1);
    s1.setEntry('a', 2, 2, '40');
    s1.setEntry('b', 1, 1, '6');
    s1.setFormula('d', 'max(c)');
    // The author made b a row of two numbers and removed d.
    const changed = modelWorkbook.replace('b = 5', 'b = [5, 6]').replace('d = sum(c)\n', '').replace('c = a * b', "c = a * b'");
    const store = new WorkbookStore(url, () => storage);
    const s2 = open(changed);
    store.attach(s2);
    expect(s2.entriesOf('a')).to.deep.equal([
      ['1', '2'],
      ['3', '40'],
    ]);
    expect(s2.entriesOf('b')).to.deep.equal([['5', '6']]);
    expect(store.restored).to.deep.equal({
      changed: true,
      dropped: ['b', 'd'],
      lost: { entries: { b: [['6']] }, formulas: { d: 'max(c)' } },
    });
    // Until the student edits again, the saved record (with what could not be kept) is left alone.
    expect(JSON.parse(storage.getItem(storageKey(url))!).edits.formulas).to.deep.equal({ d: 'max(c)' });
    s2.setEntry('a', 1, 1, '0');
    expect(JSON.parse(storage.getItem(storageKey(url))!)).to.deep.equal({
      v: 1,
      hash: contentHash(s2.spec),
      edits: {
        entries: {
          a: [
            ['0', '2'],
            ['3', '40'],
          ],
        },
        formulas: {},
      },
    });
    s1.dispose();
    s2.dispose();
  });

  it('says that edits are not being saved when storage is blocked, and the sheet still works', async () => {
    const store = new WorkbookStore(url, blocked);
    const s = open();
    store.attach(s);
    expect(store.saveState).to.deep.include({ saving: false, reason: 'blocked' });
    expect((store.saveState as { message: string }).message)
      .to.contain('not being saved')
      .and.to.contain('SecurityError');
    s.setEntry('b', 1, 1, '2');
    await s.settled();
    expect(s.state('d')!.value).to.equal(20);
    expect(store.history.canUndo).to.equal(true);
    s.dispose();
  });

  it('says so when storage is full, keeps working, and saves again once there is room', async () => {
    const store = new WorkbookStore(url, () => storage);
    const s = open();
    store.attach(s);
    let changes = 0;
    store.onChange(() => changes++);
    storage.quota = 10;
    s.setEntry('b', 1, 1, '2');
    expect(store.saveState).to.deep.include({ saving: false, reason: 'full' });
    expect(changes, 'listeners hear that saving stopped').to.be.greaterThan(0);
    await s.settled();
    expect(s.state('d')!.value).to.equal(20);
    storage.quota = Infinity;
    s.setEntry('b', 1, 1, '3');
    expect(store.saveState).to.deep.equal({ saving: true });
    expect(JSON.parse(storage.getItem(storageKey(url))!).edits.entries.b).to.deep.equal([['3']]);
    s.dispose();
  });

  for (const [what, text] of [
    ['not JSON', '{"v":1,"hash":'],
    ['JSON of another shape', '[1, 2, 3]'],
    ['a record of another version', '{"v":2,"hash":"x","edits":{"entries":{},"formulas":{}}}'],
    ['entries that are not text', '{"v":1,"hash":"x","edits":{"entries":{"a":[[1,2],[3,4]]},"formulas":{}}}'],
    ['a key that is not a cell name', '{"v":1,"hash":"x","edits":{"entries":{"__proto__":[["1"]]},"formulas":{}}}'],
  ]) {
    it(`leaves a corrupt record (${what}) alone, works in memory, and saves again once it is discarded`, async () => {
      storage.items.set(storageKey(url), text);
      const store = new WorkbookStore(url, () => storage);
      const s = open();
      store.attach(s);
      expect(store.saveState).to.deep.include({ saving: false, reason: 'corrupt' });
      expect(s.entriesOf('a')).to.deep.equal([
        ['1', '2'],
        ['3', '4'],
      ]);
      s.setEntry('b', 1, 1, '2');
      await s.settled();
      expect(s.state('d')!.value).to.equal(20);
      expect(storage.getItem(storageKey(url)), 'the unreadable record is left as it was').to.equal(text);
      let told = 0;
      store.onChange(() => told++);
      store.discardUnreadable();
      expect(store.saveState).to.deep.equal({ saving: true });
      expect(told, 'listeners hear that saving resumed').to.be.greaterThan(0);
      expect(JSON.parse(storage.getItem(storageKey(url))!).edits.entries).to.deep.equal({ b: [['2']] });
      s.dispose();
    });
  }

  it('follows a session replaced by live reload: saves with the new hash and keeps undo for unchanged cells', () => {
    const store = new WorkbookStore(url, () => storage);
    const s1 = open();
    store.attach(s1);
    s1.setEntry('a', 1, 1, '9');
    store.history.seal();
    s1.setEntry('b', 1, 1, '7');
    const s2 = open(modelWorkbook.replace('b = 5', 'b = 6'));
    const { dropped } = s2.restoreEdits(s1.edits());
    store.attach(s2, { url, dropped });
    expect(JSON.parse(storage.getItem(storageKey(url))!).hash).to.equal(contentHash(s2.spec));
    expect(store.history.undoLabel, "b's definition changed: its step is forgotten").to.equal('a[1,1]');
    store.undo();
    expect(s2.entriesOf('a')).to.deep.equal([
      ['1', '2'],
      ['3', '4'],
    ]);
    s2.setEntry('a', 2, 2, '0');
    expect(JSON.parse(storage.getItem(storageKey(url))!).edits.entries.a).to.deep.equal([
      ['1', '2'],
      ['3', '0'],
    ]);
    s1.dispose();
    s2.dispose();
  });

  it('hashes the content, not the file name', () => {
    const a = readWorkbook(modelWorkbook, 'one.md'),
      b = readWorkbook(modelWorkbook, 'two.md');
    expect(contentHash(a)).to.equal(contentHash(b));
    expect(contentHash(readWorkbook(modelWorkbook.replace('b = 5', 'b = 5.0'), 'one.md'))).to.not.equal(contentHash(a));
  });

  it('reads edit states from untrusted JSON', () => {
    expect(readEditState({ entries: { a: [['1']] }, formulas: { c: 'a' } })).to.deep.equal({ entries: { a: [['1']] }, formulas: { c: 'a' } });
    expect(readEditState({ entries: { a: [['1']] } })).to.equal(null);
    expect(readEditState(JSON.parse('{"entries":{"constructor":[["1"]]},"formulas":{}}'))).to.deep.equal({ entries: { constructor: [['1']] }, formulas: {} });
    expect(readEditState({ entries: {}, formulas: { 'x y': 'a' } })).to.equal(null);
  });

  it('never throws from load or save, whatever the storage does', () => {
    const p = new Persistence(url, blocked);
    expect(p.load('h')).to.deep.equal({ changed: false });
    expect(p.save('h', { entries: { a: [['1']] }, formulas: {} })).to.deep.include({ saving: false, reason: 'blocked' });
    const odd = new Persistence(url, () => ({
      getItem: () => {
        throw new TypeError('odd');
      },
      setItem: () => {
        throw new TypeError('odd');
      },
      removeItem: () => undefined,
    }));
    expect(odd.load('h')).to.deep.equal({ changed: false });
    expect(odd.save('h', { entries: { a: [['1']] }, formulas: {} })).to.deep.include({ saving: false, reason: 'failed' });
    expect(new Persistence(url, () => undefined).save('h', { entries: {}, formulas: {} })).to.deep.include({ saving: false, reason: 'unavailable' });
  });
});
