// A 256×256 input cell: typing into one entry is one small edit (the entry's text before and
// after, not two copies of 65,536 texts), undone and redone as one step, and saved with the
// rest of the record once typing pauses (at once when asked: the page hides or closes).
import { expect } from 'chai';
import { readWorkbook } from '../../src/format/read.ts';
import { toJSON } from '../../src/formula/value.ts';
import { Session, type Edit } from '../../src/reactive/session.ts';
import { History } from '../../src/store/history.ts';
import { deferAbove, WorkbookStore } from '../../src/store/workbook-store.ts';
import { storageKey } from '../../src/store/persist.ts';
import { MemoryStorage } from './model.ts';

const n = 256;
/** Entry (i, j), 1-based: small integers, so every sum is exact. */
const entry = (i: number, j: number) => ((i * 7 + j * 3) % 11) - 5;
const literal = '[' + Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => entry(i + 1, j + 1)).join(', ')).join('; ') + ']';
const text = ['```cells', `A = ${literal}`, 's = sum(A)', 'c = A[:, 100]', '```', ''].join('\n');
let total = 0;
for (let i = 1; i <= n; i++) for (let j = 1; j <= n; j++) total += entry(i, j);

async function valueOf(session: Session, name: string) {
  await session.settled();
  const state = session.state(name)!;
  return state.value === undefined ? state.error!.code : toJSON(state.value);
}

describe('a 256×256 input cell', () => {
  let session: Session;
  let edits: Edit[];
  beforeEach(() => {
    session = new Session(readWorkbook(text, 'big.md'));
    edits = [];
    session.onEdit((e) => edits.push(e));
  });
  afterEach(() => session.dispose());

  it('records a typed entry as that entry alone, and recomputes its dependents', async () => {
    expect(await valueOf(session, 's')).to.equal(total);
    session.setEntry('A', 200, 100, '1000');
    expect(edits).to.deep.equal([{ kind: 'entry', name: 'A', row: 200, col: 100, before: String(entry(200, 100)), after: '1000', scalar: false }]);
    expect(await valueOf(session, 's')).to.equal(total - entry(200, 100) + 1000);
    expect(((await valueOf(session, 'c')) as number[][])[199][0]).to.equal(1000);
    expect(session.entryNumber('A', 200, 100)).to.equal(1000);
  });

  it('undoes and redoes the typing into one entry as one step', async () => {
    const history = new History();
    history.attach(session);
    for (const t of ['4', '42', '42.5']) session.setEntry('A', 256, 256, t);
    expect(history.undoLabel).to.equal('A[256,256]');
    expect(await valueOf(session, 's')).to.equal(total - entry(256, 256) + 42.5);
    history.undo();
    expect(session.entryText('A', 256, 256)).to.equal(String(entry(256, 256)));
    expect(history.canUndo).to.equal(false);
    expect(await valueOf(session, 's')).to.equal(total);
    history.redo();
    expect(session.entryText('A', 256, 256)).to.equal('42.5');
    expect(await valueOf(session, 's')).to.equal(total - entry(256, 256) + 42.5);
  });

  it('is an error naming the first entry that is not a number, until every entry is one again', async () => {
    session.setEntry('A', 200, 3, 'x');
    session.setEntry('A', 5, 9, 'oops');
    const a = session.state('A')!;
    await session.settled();
    expect(a.status).to.equal('error');
    expect(a.error!.message).to.contain('A[5,9]');
    session.setEntry('A', 5, 9, '1');
    await session.settled();
    expect(session.state('A')!.error!.message).to.contain('A[200,3]');
    session.setEntry('A', 200, 3, String(entry(200, 3)));
    expect(await valueOf(session, 's')).to.equal(total - entry(5, 9) + 1);
  });

  it('lists it among the edits while any entry differs from the workbook, and not after', () => {
    expect(session.edits().entries).to.deep.equal({});
    session.setEntry('A', 1, 1, '9');
    const saved = session.edits().entries.A;
    expect(saved.length).to.equal(n);
    expect(saved[0][0]).to.equal('9');
    expect(saved[255][255]).to.equal(String(entry(256, 256)));
    session.setEntry('A', 1, 1, String(entry(1, 1)));
    expect(session.edits().entries).to.deep.equal({});
  });

  it('pastes a block into its corner and reads only the pasted entries', async () => {
    const grid = session.entriesOf('A');
    grid[254][254] = '1';
    grid[255][255] = '2';
    session.setEntries('A', grid);
    expect(await valueOf(session, 's')).to.equal(total - entry(255, 255) - entry(256, 256) + 3);
    const last = edits[edits.length - 1] as Extract<Edit, { kind: 'entries' }>;
    expect(last.kind).to.equal('entries');
    expect(last.after[255][255]).to.equal('2');
  });
});

describe('saving a 256×256 input cell', () => {
  const url = 'http://localhost/workbooks/big.md';

  it('writes a large record once typing pauses, and at once when flushed', async () => {
    const storage = new MemoryStorage();
    const store = new WorkbookStore(url, () => storage);
    const session = new Session(readWorkbook(text, 'big.md'));
    store.attach(session);
    // The record's writes (an edit computed also writes the small marker slot: recovery.test.ts).
    const writes = () => storage.writesOf.get(storageKey(url));
    const saved = () => JSON.parse(storage.getItem(storageKey(url))!).edits.entries.A as string[][];
    session.setEntry('A', 1, 1, '1');
    // The first write finds the record large: the next ones wait for typing to pause.
    expect(storage.getItem(storageKey(url))!.length).to.be.above(deferAbove);
    expect(saved()[0][0]).to.equal('1');
    session.setEntry('A', 1, 1, '12');
    session.setEntry('A', 1, 1, '123');
    expect(writes()).to.equal(1);
    expect(saved()[0][0]).to.equal('1');
    store.flush();
    expect(writes()).to.equal(2);
    expect(saved()[0][0]).to.equal('123');
    // Left alone, a waiting record is written when the page is idle.
    session.setEntry('A', 2, 2, '7');
    for (let k = 0; k < 100 && saved()[1][1] !== '7'; k++) await new Promise((r) => setTimeout(r, 50));
    expect(saved()[1][1]).to.equal('7');
    expect(writes()).to.equal(3);
    store.dispose();
    session.dispose();
  });

  it('writes a small record after every edit, as before', () => {
    const storage = new MemoryStorage();
    const store = new WorkbookStore('http://localhost/workbooks/small.md', () => storage);
    const session = new Session(readWorkbook('```cells\nx = [1, 2]\n```\n', 'small.md'));
    store.attach(session);
    session.setEntry('x', 1, 2, '3');
    session.setEntry('x', 1, 2, '34');
    expect(storage.writes).to.equal(2);
    store.dispose();
    session.dispose();
  });
});
