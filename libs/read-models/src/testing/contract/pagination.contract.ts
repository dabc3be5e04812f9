import type { ViewDocument } from '../../projection.js';
import type { DocumentQuery } from '../../read-store.port.js';
import type { ReadStoreUnderTest } from '../read-store.suite.js';
import { aProjection, allPages, at, keysOf, seed } from '../view-fixtures.js';

/**
 * Ties on purpose (three 10s, two 'Zebra's), numbers whose text order differs from their
 * numeric order (9 < 10, -1, 2.5), keys and names whose code-point order differs from a
 * dictionary's ('B1' < '_4' < 'a1', 'Zebra' < 'apple' < 'Émile').
 */
const RANKED: Readonly<Record<string, ViewDocument>> = Object.fromEntries(
  (
    [
      ['a1', 10, 'apple', 3],
      ['B1', 9, 'Zebra', 1],
      ['c1', 2.5, 'Émile', 2],
      ['a2', 10, 'apple', 3],
      ['b2', -1, 'zebra', 7],
      ['A3', 10, 'Apple', 3],
      ['_4', 0, 'apple', 0],
      ['z9', 9, 'éclair', 5],
      ['é1', 2.5, 'Zebra', 1],
      ['a10', 100, 'apple pie', 4],
      ['a9', 1e15, 'app', 6],
    ] as const
  ).map(([key, rank, name, order]) => [key, { key, rank, name, nested: { order } }]),
);

const BY_RANK = ['b2', '_4', 'c1', 'é1', 'B1', 'z9', 'A3', 'a1', 'a2', 'a10', 'a9'];
const BY_NAME = ['A3', 'B1', 'é1', 'a9', '_4', 'a1', 'a2', 'a10', 'b2', 'c1', 'z9'];
const BY_NESTED_ORDER = ['_4', 'B1', 'é1', 'c1', 'A3', 'a1', 'a2', 'a10', 'z9', 'a9', 'b2'];

export function paginationContract(store: ReadStoreUnderTest): void {
  const projection = aProjection('pages');
  const find = (query: Partial<DocumentQuery>) =>
    store().find(projection, 'ranked', { sortBy: 'rank', direction: 'asc', limit: 500, ...query });

  beforeAll(async () => {
    await seed(store(), projection, 'ranked', RANKED, at(1));
  });

  it('sorts by a number, numerically, ties broken by key', async () => {
    expect(keysOf((await find({ sortBy: 'rank', direction: 'asc' })).items)).toEqual(BY_RANK);
  });

  it('sorts by a number descending, ties broken by key descending', async () => {
    expect(keysOf((await find({ sortBy: 'rank', direction: 'desc' })).items)).toEqual([...BY_RANK].reverse());
  });

  it('sorts strings by code point, whatever the database locale', async () => {
    expect(keysOf((await find({ sortBy: 'name', direction: 'asc' })).items)).toEqual(BY_NAME);
    expect(keysOf((await find({ sortBy: 'name', direction: 'desc' })).items)).toEqual([...BY_NAME].reverse());
  });

  it('sorts by the key itself, by code point', async () => {
    expect(keysOf((await find({ sortBy: 'key', direction: 'asc' })).items)).toEqual(
      ['A3', 'B1', '_4', 'a1', 'a10', 'a2', 'a9', 'b2', 'c1', 'z9', 'é1'],
    );
  });

  it('sorts by a dotted path', async () => {
    expect(keysOf((await find({ sortBy: 'nested.order', direction: 'asc' })).items)).toEqual(BY_NESTED_ORDER);
  });

  describe('pages', () => {
    const orders: [string, DocumentQuery['direction'], string[]][] = [
      ['rank', 'asc', BY_RANK],
      ['rank', 'desc', [...BY_RANK].reverse()],
      ['name', 'asc', BY_NAME],
      ['name', 'desc', [...BY_NAME].reverse()],
      ['nested.order', 'desc', [...BY_NESTED_ORDER].reverse()],
    ];

    it.each(orders)('returns every document exactly once, in order, sorted by %s %s', async (sortBy, direction, expected) => {
      for (const limit of [1, 2, 3, 4, 11, 12]) {
        const pages = await allPages(store(), projection, 'ranked', { sortBy, direction, limit });

        expect(keysOf(pages.flatMap((page) => page.items))).toEqual(expected);
        expect(pages.every((page) => page.items.length <= limit)).toBe(true);
        expect(pages.slice(0, -1).every((page) => page.items.length === limit)).toBe(true);
        expect(pages.length).toBeLessThanOrEqual(Math.ceil(expected.length / limit) + 1);
      }
    });

    it('says there is no next page on a page that holds everything', async () => {
      expect((await find({ limit: 11 })).nextCursor).toBeUndefined();
      expect((await find({ limit: 10 })).nextCursor).toEqual(expect.any(String));
    });

    it('pages through the documents that pass a filter', async () => {
      const pages = await allPages(store(), projection, 'ranked', {
        fields: [{ field: 'rank', op: 'gte', value: 9 }],
        sortBy: 'name',
        direction: 'asc',
        limit: 2,
      });

      expect(keysOf(pages.flatMap((page) => page.items))).toEqual(['A3', 'B1', 'a9', 'a1', 'a2', 'a10', 'z9']);
    });

    it('continues after the last document seen when documents are written between pages', async () => {
      const own = aProjection('pages');
      await seed(store(), own, 'ranked', RANKED, at(1));
      const first = await store().find(own, 'ranked', { sortBy: 'rank', direction: 'asc', limit: 4 });
      expect(keysOf(first.items)).toEqual(BY_RANK.slice(0, 4));

      await store().commit(
        own,
        1,
        [
          { ref: { collection: 'ranked', key: 'before' }, doc: { key: 'before', rank: -5 } },
          { ref: { collection: 'ranked', key: 'after' }, doc: { key: 'after', rank: 9.5 } },
          { ref: { collection: 'ranked', key: 'z9' }, doc: null },
        ],
        at(2),
      );
      const rest = await allPages(store(), own, 'ranked', {
        sortBy: 'rank',
        direction: 'asc',
        limit: 4,
        after: first.nextCursor!,
      });

      expect(keysOf(rest.flatMap((page) => page.items))).toEqual(['B1', 'after', 'A3', 'a1', 'a2', 'a10', 'a9']);
    });
  });

  describe('bounds', () => {
    it('accepts page sizes from 1 to 500', async () => {
      expect((await find({ limit: 1 })).items).toHaveLength(1);
      expect((await find({ limit: 500 })).items).toHaveLength(11);
    });

    it('refuses a page size outside 1..500', async () => {
      for (const limit of [0, -1, 501, 2.5, Number.NaN]) {
        await expect(find({ limit })).rejects.toThrow();
      }
    });

    it('refuses a cursor that is not one it gave, or that was made for another sort', async () => {
      const { nextCursor } = await find({ sortBy: 'rank', direction: 'asc', limit: 2 });

      for (const after of ['', 'not a cursor', `${nextCursor}x`.slice(3)]) {
        await expect(find({ after })).rejects.toThrow();
      }
      await expect(find({ sortBy: 'name', after: nextCursor! })).rejects.toThrow();
      await expect(find({ direction: 'desc', after: nextCursor! })).rejects.toThrow();
    });
  });
}
