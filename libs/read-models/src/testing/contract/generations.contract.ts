import { START } from '#event-store';
import type { ReadStoreUnderTest } from '../read-store.suite.js';
import { aProjection, at, keysOf, seed } from '../view-fixtures.js';

const query = { sortBy: 'key', direction: 'asc', limit: 100 } as const;
const ref = (key: string) => ({ collection: 'projects', key });

export function generationsContract(store: ReadStoreUnderTest): void {
  it('reads generation 1 of a projection never rebuilt', async () => {
    expect(await store().activeGeneration(aProjection())).toBe(1);
  });

  it('creates the next generation for a rebuild, after every one that holds data', async () => {
    const projection = aProjection();
    await seed(store(), projection, 'projects', { old: { key: 'old' } }, at(1));

    const rebuild = await store().createGeneration(projection);
    expect(rebuild).toBe(2);
    await seed(store(), projection, 'projects', { new: { key: 'new' } }, at(1), rebuild);

    expect(await store().createGeneration(projection)).toBe(3);
    expect(await store().activeGeneration(projection)).toBe(1);
  });

  it('keeps a rebuild invisible to queries until it is activated', async () => {
    const projection = aProjection();
    await seed(store(), projection, 'projects', { old: { key: 'old', budget: 1 } }, at(9));
    const rebuild = await store().createGeneration(projection);

    await seed(store(), projection, 'projects', { new: { key: 'new', budget: 2 } }, at(4), rebuild);

    expect(keysOf((await store().find(projection, 'projects', query)).items)).toEqual(['old']);
    expect(await store().get(projection, 'projects', 'new')).toBeUndefined();
    expect((await store().aggregate(projection, 'projects', { groupBy: 'key', sum: ['budget'] })).total).toEqual({
      group: null,
      count: 1,
      sums: { budget: 1 },
    });
    // The rebuild reads and writes its own documents and checkpoint.
    expect(await store().load(projection, rebuild, [ref('old'), ref('new')])).toEqual(
      new Map([['projects/new', { key: 'new', budget: 2 }]]),
    );
    expect(await store().checkpoint(projection, rebuild)).toEqual(at(4));
    expect(await store().checkpoint(projection, 1)).toEqual(at(9));
  });

  it('switches queries to the activated generation and drops the ones before it', async () => {
    const projection = aProjection();
    await seed(store(), projection, 'projects', { old: { key: 'old' } }, at(9));
    const rebuild = await store().createGeneration(projection);
    await seed(store(), projection, 'projects', { new: { key: 'new' } }, at(9), rebuild);

    await store().activate(projection, rebuild);

    expect(await store().activeGeneration(projection)).toBe(rebuild);
    expect(keysOf((await store().find(projection, 'projects', query)).items)).toEqual(['new']);
    expect(await store().get(projection, 'projects', 'new')).toEqual({ key: 'new' });
    expect(await store().checkpoint(projection, rebuild)).toEqual(at(9));
    expect(await store().checkpoint(projection, 1)).toEqual(START);
    expect(await store().load(projection, 1, [ref('old')])).toEqual(new Map());
    expect(await store().createGeneration(projection)).toBe(rebuild + 1);
  });

  it('activates a generation that has not committed anything yet: queries find nothing', async () => {
    const projection = aProjection();
    await seed(store(), projection, 'projects', { old: { key: 'old' } }, at(1));
    const rebuild = await store().createGeneration(projection);

    await store().activate(projection, rebuild);

    expect((await store().find(projection, 'projects', query)).items).toEqual([]);
    expect(await store().checkpoint(projection, rebuild)).toEqual(START);
  });

  it('activates the active generation again without losing anything', async () => {
    const projection = aProjection();
    await seed(store(), projection, 'projects', { kept: { key: 'kept' } }, at(1));

    await store().activate(projection, 1);
    await store().activate(projection, 1);

    expect(await store().get(projection, 'projects', 'kept')).toEqual({ key: 'kept' });
    expect(await store().checkpoint(projection, 1)).toEqual(at(1));
  });

  it('refuses to go back to a dropped generation', async () => {
    const projection = aProjection();
    await store().activate(projection, 3);

    await expect(store().activate(projection, 2)).rejects.toThrow();
    expect(await store().activeGeneration(projection)).toBe(3);
  });

  it('refuses a commit to a generation that an activation retired, and writes nothing', async () => {
    const projection = aProjection();
    await seed(store(), projection, 'projects', { old: { key: 'old' } }, at(1));
    await store().activate(projection, 2);

    await expect(
      store().commit(projection, 1, [{ ref: ref('late'), doc: { key: 'late' } }], at(2)),
    ).rejects.toThrow();

    expect(await store().checkpoint(projection, 1)).toEqual(START);
    expect(await store().load(projection, 1, [ref('late')])).toEqual(new Map());
  });

  it('keeps rebuilding one projection apart from the others', async () => {
    const [rebuilt, untouched] = [aProjection(), aProjection()];
    await seed(store(), rebuilt, 'projects', { a: { key: 'a' } }, at(1));
    await seed(store(), untouched, 'projects', { b: { key: 'b' } }, at(1));

    await store().activate(rebuilt, await store().createGeneration(rebuilt));

    expect(await store().activeGeneration(untouched)).toBe(1);
    expect(await store().get(untouched, 'projects', 'b')).toEqual({ key: 'b' });
    expect(await store().checkpoint(untouched, 1)).toEqual(at(1));
  });
}
