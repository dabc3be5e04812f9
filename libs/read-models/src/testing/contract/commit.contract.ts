import { START } from '#event-store';
import type { ReadStoreUnderTest } from '../read-store.suite.js';
import { aProjection, at, seed } from '../view-fixtures.js';

const ref = (key: string, collection = 'projects') => ({ collection, key });

export function commitContract(store: ReadStoreUnderTest): void {
  it('starts every projection and generation at START, with nothing stored', async () => {
    const projection = aProjection();

    expect(await store().checkpoint(projection, 1)).toEqual(START);
    expect(await store().checkpoint(projection, 7)).toEqual(START);
    expect(await store().load(projection, 1, [ref('p1')])).toEqual(new Map());
  });

  it('refuses a batch whose starting checkpoint was moved by another runner', async () => {
    const projection = aProjection();
    expect(await store().commit(projection, 1, [{ ref: ref('p1'), doc: { v: 1 } }], at(5), { from: START })).toBe(true);

    // A second runner read after START too, applied its batch to stale documents: refused.
    expect(await store().commit(projection, 1, [{ ref: ref('p1'), doc: { v: 99 } }], at(9), { from: START })).toBe(false);
    // The runner that knows the real checkpoint goes on.
    expect(await store().commit(projection, 1, [{ ref: ref('p1'), doc: { v: 2 } }], at(7), { from: at(5) })).toBe(true);

    expect(await store().checkpoint(projection, 1)).toEqual(at(7));
    expect(await store().load(projection, 1, [ref('p1')])).toEqual(new Map([['projects/p1', { v: 2 }]]));
  });

  it('writes the documents and moves the checkpoint together', async () => {
    const projection = aProjection();

    await store().commit(
      projection,
      1,
      [
        { ref: ref('p1'), doc: { title: 'Water', budget: 10 } },
        { ref: ref('e1', 'envelopes'), doc: { line: 'health', remaining: 5 } },
      ],
      at(5, 2),
    );

    expect(await store().checkpoint(projection, 1)).toEqual(at(5, 2));
    const loaded = await store().load(projection, 1, [ref('p1'), ref('e1', 'envelopes')]);
    expect(loaded).toEqual(
      new Map([
        ['projects/p1', { title: 'Water', budget: 10 }],
        ['envelopes/e1', { line: 'health', remaining: 5 }],
      ]),
    );
  });

  it('keeps documents exactly as given: nested objects, arrays, nulls, large integers, any script', async () => {
    const projection = aProjection();
    const doc = {
      title: { ka: 'წყალი', ar: 'مياه', ru: 'Вода', en: 'Water' },
      splits: [{ state: 'GE-KA', budget: 90_000_000_000_001 }, { state: null }],
      closedAt: null,
      approved: false,
      emptyList: [],
    };

    await seed(store(), projection, 'projects', { p1: doc }, at(1));

    expect((await store().load(projection, 1, [ref('p1')])).get('projects/p1')).toEqual(doc);
  });

  it('replaces a document and deletes one given as null', async () => {
    const projection = aProjection();
    await seed(store(), projection, 'projects', { p1: { v: 1 }, p2: { v: 2 } }, at(1));

    await store().commit(projection, 1, [{ ref: ref('p1'), doc: { v: 10 } }, { ref: ref('p2'), doc: null }], at(2));

    expect(await store().load(projection, 1, [ref('p1'), ref('p2')])).toEqual(new Map([['projects/p1', { v: 10 }]]));
    expect(await store().get(projection, 'projects', 'p2')).toBeUndefined();
    expect(await store().checkpoint(projection, 1)).toEqual(at(2));
  });

  it('accepts the deletion of a document that does not exist', async () => {
    const projection = aProjection();

    await store().commit(projection, 1, [{ ref: ref('never-written'), doc: null }], at(3));

    expect(await store().checkpoint(projection, 1)).toEqual(at(3));
  });

  it('moves the checkpoint with no document changes (a batch of events the projection ignores)', async () => {
    const projection = aProjection();

    await store().commit(projection, 1, [], at(4, 4));

    expect(await store().checkpoint(projection, 1)).toEqual(at(4, 4));
  });

  it('writes the last change when a document is named twice in one commit', async () => {
    const projection = aProjection();

    await store().commit(
      projection,
      1,
      [
        { ref: ref('p1'), doc: { v: 1 } },
        { ref: ref('p1'), doc: { v: 2 } },
        { ref: ref('p2'), doc: { v: 1 } },
        { ref: ref('p2'), doc: null },
      ],
      at(1),
    );

    expect(await store().load(projection, 1, [ref('p1'), ref('p2')])).toEqual(new Map([['projects/p1', { v: 2 }]]));
  });

  it('writes nothing and keeps the checkpoint when one document of the commit cannot be stored', async () => {
    const projection = aProjection();
    await seed(store(), projection, 'projects', { p1: { v: 1 } }, at(1));
    // A NUL character (in a field name and a value) and a lone surrogate: JSON that no
    // store keeps. It comes last, after changes a non-atomic store would already have made.
    const unstorable = { ['nul\u0000name']: 'nul\u0000value', lone: '\ud800' };

    const failed = store().commit(
      projection,
      1,
      [
        { ref: ref('p1'), doc: { v: 2 } },
        { ref: ref('p2'), doc: { v: 2 } },
        { ref: ref('p3'), doc: unstorable },
      ],
      at(2),
    );

    await expect(failed).rejects.toThrow();
    expect(await store().checkpoint(projection, 1)).toEqual(at(1));
    expect(await store().load(projection, 1, [ref('p1'), ref('p2'), ref('p3')])).toEqual(
      new Map([['projects/p1', { v: 1 }]]),
    );
    // …and the store goes on working.
    await store().commit(projection, 1, [{ ref: ref('p2'), doc: { v: 3 } }], at(2));
    expect(await store().get(projection, 'projects', 'p2')).toEqual({ v: 3 });
  });

  it('ignores a replayed commit: at or before the checkpoint, nothing changes', async () => {
    const projection = aProjection();
    await seed(store(), projection, 'projects', { p1: { v: 'current' } }, at(10, 5));

    await store().commit(projection, 1, [{ ref: ref('p1'), doc: { v: 'replayed' } }], at(10, 5));
    await store().commit(projection, 1, [{ ref: ref('p1'), doc: { v: 'older' } }, { ref: ref('p2'), doc: { v: 1 } }], at(10, 4));
    await store().commit(projection, 1, [{ ref: ref('p1'), doc: null }], at(9, 99));

    expect(await store().checkpoint(projection, 1)).toEqual(at(10, 5));
    expect(await store().load(projection, 1, [ref('p1'), ref('p2')])).toEqual(
      new Map([['projects/p1', { v: 'current' }]]),
    );
  });

  it('never moves the checkpoint backwards when two commits race', async () => {
    const projection = aProjection();

    await Promise.all([
      store().commit(projection, 1, [{ ref: ref('p1'), doc: { by: 'later' } }], at(20)),
      store().commit(projection, 1, [{ ref: ref('p1'), doc: { by: 'earlier' } }], at(19)),
    ]);
    await Promise.all([
      store().commit(projection, 1, [{ ref: ref('p2'), doc: { by: 'earlier' } }], at(21)),
      store().commit(projection, 1, [{ ref: ref('p2'), doc: { by: 'later' } }], at(22)),
    ]);

    expect(await store().checkpoint(projection, 1)).toEqual(at(22));
    expect(await store().get(projection, 'projects', 'p2')).toEqual({ by: 'later' });
    // p1: whichever order they ran in, the earlier commit either came first and was
    // overwritten, or came second and was ignored.
    expect(await store().get(projection, 'projects', 'p1')).toEqual({ by: 'later' });
  });

  it('loads only the documents that exist, of the generation asked for', async () => {
    const projection = aProjection();
    await seed(store(), projection, 'projects', { p1: { v: 1 }, shared: { in: 'projects' } }, at(1));
    await seed(store(), projection, 'envelopes', { shared: { in: 'envelopes' } }, at(2));
    await seed(store(), projection, 'projects', { p9: { v: 9 } }, at(1), 2);

    const loaded = await store().load(projection, 1, [ref('p1'), ref('absent'), ref('shared', 'envelopes'), ref('p9')]);

    expect(loaded).toEqual(
      new Map<string, unknown>([
        ['projects/p1', { v: 1 }],
        ['envelopes/shared', { in: 'envelopes' }],
      ]),
    );
    expect(await store().load(projection, 1, [])).toEqual(new Map());
  });

  it('keeps the projections apart', async () => {
    const [first, second] = [aProjection(), aProjection()];
    await seed(store(), first, 'projects', { p1: { of: 'first' } }, at(5));

    expect(await store().checkpoint(second, 1)).toEqual(START);
    expect(await store().get(second, 'projects', 'p1')).toBeUndefined();
    await seed(store(), second, 'projects', { p1: { of: 'second' } }, at(2));
    expect(await store().get(first, 'projects', 'p1')).toEqual({ of: 'first' });
    expect(await store().checkpoint(first, 1)).toEqual(at(5));
  });

  it('gets one document of a collection by key, and undefined for an absent one', async () => {
    const projection = aProjection();
    await seed(store(), projection, 'projects', { 'a/b c': { v: 'odd key' }, p1: { v: 'project' } }, at(1));
    await seed(store(), projection, 'envelopes', { p1: { v: 'envelope' } }, at(2));

    expect(await store().get(projection, 'projects', 'p1')).toEqual({ v: 'project' });
    expect(await store().get(projection, 'envelopes', 'p1')).toEqual({ v: 'envelope' });
    expect(await store().get(projection, 'projects', 'a/b c')).toEqual({ v: 'odd key' });
    expect(await store().get(projection, 'projects', 'P1')).toBeUndefined();
    expect(await store().get(projection, 'contributions', 'p1')).toBeUndefined();
  });
}
