import type { ViewDocument } from '../../projection.js';
import type { AggregateQuery } from '../../read-store.port.js';
import type { ReadStoreUnderTest } from '../read-store.suite.js';
import { aProjection, at, seed } from '../view-fixtures.js';

/** Funded projects, one of them split over two regions' states. Amounts in cents. */
const FUNDED: Readonly<Record<string, ViewDocument>> = {
  d1: {
    region: 'Kakheti',
    year: 2024,
    budget: 100,
    spent: 40,
    splits: [
      { state: 'GE-KA', budget: 60, spent: 30 },
      { state: 'GE-TB', budget: 40, spent: 10 },
    ],
    location: { country: 'GE' },
    searchText: 'water supply',
  },
  d2: {
    region: 'Kakheti',
    year: 2023,
    budget: 50,
    spent: 0,
    splits: [{ state: 'GE-KA', budget: 50, spent: 0 }],
    location: { country: 'GE' },
    searchText: 'school',
  },
  d3: {
    region: 'Imereti',
    year: 2024,
    budget: 200,
    spent: 200,
    splits: [{ state: 'GE-IM', budget: 200, spent: 200 }],
    location: { country: 'AM' },
    searchText: 'school roof',
  },
  d4: { year: 2023, budget: 5, spent: 1, splits: [], searchText: 'clinic' },
  d5: { region: null, budget: 7, spent: 2, searchText: 'clinic' },
};

export function aggregateContract(store: ReadStoreUnderTest): void {
  const projection = aProjection('aggregate');
  const aggregate = async (query: AggregateQuery, collection = 'funded') => {
    const result = await store().aggregate(projection, collection, query);
    return { groups: result.groups, total: result.total };
  };

  beforeAll(async () => {
    await seed(store(), projection, 'funded', FUNDED, at(1));
    await seed(store(), projection, 'other', { x: { region: 'Kakheti', budget: 1_000 } }, at(2));
  });

  it('counts and adds up per group; a missing or null field is the null group', async () => {
    expect(await aggregate({ groupBy: 'region', sum: ['budget', 'spent'] })).toEqual({
      groups: [
        { group: 'Imereti', count: 1, sums: { budget: 200, spent: 200 } },
        { group: 'Kakheti', count: 2, sums: { budget: 150, spent: 40 } },
        { group: null, count: 2, sums: { budget: 12, spent: 3 } },
      ],
      total: { group: null, count: 5, sums: { budget: 362, spent: 243 } },
    });
  });

  it('groups by a number and by a dotted path', async () => {
    expect((await aggregate({ groupBy: 'year', sum: ['budget'] })).groups).toEqual([
      { group: 2023, count: 2, sums: { budget: 55 } },
      { group: 2024, count: 2, sums: { budget: 300 } },
      { group: null, count: 1, sums: { budget: 7 } },
    ]);
    expect((await aggregate({ groupBy: 'location.country', sum: [] })).groups).toEqual([
      { group: 'AM', count: 1, sums: {} },
      { group: 'GE', count: 2, sums: {} },
      { group: null, count: 2, sums: {} },
    ]);
  });

  it('unwinds an array into groups of its elements, and totals the documents, each once', async () => {
    expect(await aggregate({ unwind: 'splits', groupBy: 'state', sum: ['budget', 'spent'] })).toEqual({
      groups: [
        { group: 'GE-IM', count: 1, sums: { budget: 200, spent: 200 } },
        { group: 'GE-KA', count: 2, sums: { budget: 110, spent: 30 } },
        { group: 'GE-TB', count: 1, sums: { budget: 40, spent: 10 } },
      ],
      // d1 falls into two groups but counts once; d4 (no splits) and d5 (no array) count too.
      total: { group: null, count: 5, sums: { budget: 362, spent: 243 } },
    });
  });

  it('aggregates only the documents that pass the filter', async () => {
    expect(
      await aggregate({
        fields: [{ field: 'region', op: 'eq', value: 'Kakheti' }],
        unwind: 'splits',
        groupBy: 'state',
        sum: ['budget'],
      }),
    ).toEqual({
      groups: [
        { group: 'GE-KA', count: 2, sums: { budget: 110 } },
        { group: 'GE-TB', count: 1, sums: { budget: 40 } },
      ],
      total: { group: null, count: 2, sums: { budget: 150 } },
    });
    expect(await aggregate({ text: 'SCHOOL', groupBy: 'region', sum: ['spent'] })).toEqual({
      groups: [
        { group: 'Imereti', count: 1, sums: { spent: 200 } },
        { group: 'Kakheti', count: 1, sums: { spent: 0 } },
      ],
      total: { group: null, count: 2, sums: { spent: 200 } },
    });
  });

  it('orders the groups by their value whatever the collation: numbers, then strings by code point, null last', async () => {
    const own = aProjection('aggregate');
    const docs = { o1: { area: 'alpha', n: 10 }, o2: { n: 9 }, o3: { area: 'Émile', n: 100 }, o4: { area: 'Zeta' }, o5: { area: 'alpha', n: 10 } };
    await seed(store(), own, 'ordered', docs, at(1));

    const groupsBy = async (groupBy: string) => (await store().aggregate(own, 'ordered', { groupBy, sum: [] })).groups.map((row) => row.group);

    expect(await groupsBy('area')).toEqual(['Zeta', 'alpha', 'Émile', null]);
    expect(await groupsBy('n')).toEqual([9, 10, 100, null]);
  });

  it('returns no groups and zero totals when nothing matches', async () => {
    expect(await aggregate({ text: 'nowhere', groupBy: 'region', sum: ['budget'] })).toEqual({
      groups: [],
      total: { group: null, count: 0, sums: { budget: 0 } },
    });
    expect(await aggregate({ groupBy: 'region', sum: ['budget'] }, 'empty')).toEqual({
      groups: [],
      total: { group: null, count: 0, sums: { budget: 0 } },
    });
  });

  it('adds large amounts of cents exactly', async () => {
    const own = aProjection('aggregate');
    const large = 90_000_000_000_001; // 900 billion dollars and a cent
    const docs = Object.fromEntries(
      ['l1', 'l2', 'l3'].map((key) => [
        key,
        { region: 'Tbilisi', budget: large, splits: [{ state: 'GE-TB', budget: large }] },
      ]),
    );
    await seed(store(), own, 'funded', docs, at(1));

    const result = await store().aggregate(own, 'funded', { unwind: 'splits', groupBy: 'state', sum: ['budget'] });

    expect(result.groups).toEqual([{ group: 'GE-TB', count: 3, sums: { budget: 270_000_000_000_003 } }]);
    expect(result.total.sums).toEqual({ budget: 270_000_000_000_003 });
  });
}
