import type { DocumentRef, ViewDocument } from '../projection.js';
import { DocumentMemory } from './document-memory.js';

const ref = (key: string): DocumentRef => ({ collection: 'things', key });

/** A store's `load` that records what it was asked for. */
function storeWith(docs: Record<string, ViewDocument>) {
  const asked: string[][] = [];
  const load = async (refs: DocumentRef[]) => {
    asked.push(refs.map((r) => r.key));
    return new Map(refs.filter((r) => docs[r.key] !== undefined).map((r) => [`things/${r.key}`, docs[r.key]!]));
  };
  return { asked, load };
}

describe('DocumentMemory', () => {
  it('loads what it does not know once, absent documents included, then answers from memory', async () => {
    const memory = new DocumentMemory(1_000_000);
    const store = storeWith({ a: { v: 1 } });

    expect(await memory.load([ref('a'), ref('b')], store.load)).toEqual(new Map([['things/a', { v: 1 }]]));
    expect(await memory.load([ref('a'), ref('b')], store.load)).toEqual(new Map([['things/a', { v: 1 }]]));

    expect(store.asked).toEqual([['a', 'b']]);
  });

  it('remembers committed changes as the store keeps them (through JSON), deletions as absent', async () => {
    const memory = new DocumentMemory(1_000_000);
    const store = storeWith({ gone: { v: 1 } });
    const written = { v: 2, dropped: undefined, nested: { list: [1, 2] } };

    memory.remember([
      { ref: ref('a'), doc: written },
      { ref: ref('gone'), doc: null },
    ]);
    written.nested.list.push(3); // what was handed over is not shared with the memory

    expect(await memory.load([ref('a'), ref('gone')], store.load)).toEqual(new Map([['things/a', { v: 2, nested: { list: [1, 2] } }]]));
    expect(Object.keys((await memory.load([ref('a')], store.load)).get('things/a')!)).toEqual(['v', 'nested']);
    expect(store.asked).toEqual([]);
  });

  it('when complete (a new generation), never loads: what it does not remember does not exist', async () => {
    const memory = new DocumentMemory(1_000_000, { complete: true });
    const store = storeWith({ a: { v: 1 } });

    expect(await memory.load([ref('a')], store.load)).toEqual(new Map());
    memory.remember([{ ref: ref('a'), doc: { v: 2 } }]);
    expect(await memory.load([ref('a')], store.load)).toEqual(new Map([['things/a', { v: 2 }]]));

    expect(store.asked).toEqual([]);
  });

  it('forgets everything, and is no longer complete, after a refused or failed commit', async () => {
    const memory = new DocumentMemory(1_000_000, { complete: true });
    const store = storeWith({ a: { v: 'stored' } });
    memory.remember([{ ref: ref('a'), doc: { v: 'remembered' } }]);

    memory.forget();

    expect(await memory.load([ref('a')], store.load)).toEqual(new Map([['things/a', { v: 'stored' }]]));
    expect(store.asked).toEqual([['a']]);
    expect(memory.remembered).toBeGreaterThan(0);
  });

  it('keeps within its budget by dropping the least recently used, and then loads what it dropped', async () => {
    const doc = (n: number) => ({ padding: 'x'.repeat(80), n }); // about 100 characters of JSON
    const memory = new DocumentMemory(350, { complete: true });
    const store = storeWith({ d1: doc(1) });

    memory.remember([{ ref: ref('d1'), doc: doc(1) }, { ref: ref('d2'), doc: doc(2) }, { ref: ref('d3'), doc: doc(3) }]);
    await memory.load([ref('d1')], store.load); // d1 used: d2 is now the least recently used
    memory.remember([{ ref: ref('d4'), doc: doc(4) }]);

    expect(memory.remembered).toBeLessThanOrEqual(350);
    // d2 was dropped: no longer complete, so it is loaded (the store has no d2: absent).
    expect(await memory.load([ref('d1'), ref('d2'), ref('d4')], store.load)).toEqual(
      new Map([
        ['things/d1', doc(1)],
        ['things/d4', doc(4)],
      ]),
    );
    expect(store.asked).toEqual([['d2']]);
  });

  it('never drops changes whose commit is pending, even over its budget; drops them once committed', async () => {
    const doc = (n: number) => ({ padding: 'x'.repeat(80), n }); // about 100 characters of JSON
    const memory = new DocumentMemory(150, { complete: true });
    const store = storeWith({});
    const batch = [{ ref: ref('d1'), doc: doc(1) }, { ref: ref('d2'), doc: doc(2) }, { ref: ref('d3'), doc: doc(3) }];

    memory.rememberPending(batch);

    expect(memory.remembered).toBeGreaterThan(150);
    expect(await memory.load([ref('d1'), ref('d2'), ref('d3')], store.load)).toEqual(
      new Map(batch.map(({ ref: { key }, doc }) => [`things/${key}`, doc])),
    );
    expect(store.asked).toEqual([]); // still complete: nothing was dropped

    memory.committed(batch);

    expect(memory.remembered).toBeLessThanOrEqual(150);
    await memory.load([ref('d1'), ref('d2'), ref('d3')], store.load);
    expect(store.asked).toHaveLength(1); // what was dropped is read from the store now
  });

  it('keeps a pending deletion as known-absent until its commit is in, though the store still has the document', async () => {
    const memory = new DocumentMemory(10, { complete: true });
    const store = storeWith({ gone: { v: 'still stored' } });
    const deletion = [{ ref: ref('gone'), doc: null }];
    const other = [{ ref: ref('big'), doc: { padding: 'x'.repeat(80) } }];

    memory.rememberPending(deletion);
    memory.rememberPending(other);
    memory.committed(other); // over budget: 'big' may go, 'gone' may not

    expect(await memory.load([ref('gone')], store.load)).toEqual(new Map());
    expect(store.asked).toEqual([]);

    memory.committed(deletion);
    memory.rememberPending([{ ref: ref('another'), doc: { padding: 'y'.repeat(80) } }]); // over budget again: trims

    await memory.load([ref('gone')], store.load);
    expect(store.asked).toEqual([['gone']]);
  });

  it('counts a document changed by two batches in flight as pending until both commits are in', async () => {
    const memory = new DocumentMemory(10, { complete: true });
    const store = storeWith({});
    const first = [{ ref: ref('d'), doc: { v: 1, padding: 'x'.repeat(40) } }];
    const second = [{ ref: ref('d'), doc: { v: 2, padding: 'x'.repeat(40) } }];

    memory.rememberPending(first);
    memory.rememberPending(second);
    memory.committed(first);

    expect(await memory.load([ref('d')], store.load)).toEqual(new Map([['things/d', second[0]!.doc]]));
    expect(store.asked).toEqual([]);

    memory.committed(second);

    await memory.load([ref('d')], store.load);
    expect(store.asked).toEqual([['d']]);
  });

  it('shrinks to a smaller budget when handed over', () => {
    const memory = new DocumentMemory(10_000);
    memory.remember(Array.from({ length: 50 }, (_, n) => ({ ref: ref(`d${n}`), doc: { n, padding: 'x'.repeat(80) } })));

    memory.limitTo(1_000);

    expect(memory.remembered).toBeLessThanOrEqual(1_000);
  });
});
