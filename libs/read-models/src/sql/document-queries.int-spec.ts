import { EVENT_STORE_MIGRATIONS } from '#event-store';
import { migrate, PgliteClient } from '#sql';
import type { AggregateRow } from '../read-store.port.js';
import { aProjection, at, seed } from '../testing/view-fixtures.js';
import { READ_STORE_MIGRATIONS } from './migrations/index.js';
import { SqlReadStore } from './sql-read-store.js';

/**
 * The SQL aggregate picks the fields it reads from each document once (jsonb_to_record);
 * these are the shapes where that could differ from reading each path on its own.
 */

let client: PgliteClient;
let store: SqlReadStore;

beforeAll(async () => {
  client = await PgliteClient.open(undefined);
  await migrate(client, EVENT_STORE_MIGRATIONS);
  await migrate(client, READ_STORE_MIGRATIONS);
  store = new SqlReadStore(client);
});

afterAll(() => client?.close());

const byGroup = (rows: readonly AggregateRow[]) => [...rows].sort((a, b) => String(a.group).localeCompare(String(b.group)));

describe('SQL aggregate over picked fields', () => {
  it('groups and sums fields named like the columns of the table (key, doc, projection)', async () => {
    const projection = aProjection('picked');
    await seed(
      store,
      projection,
      'things',
      {
        a: { key: 'k1', doc: 2, projection: 10 },
        b: { key: 'k1', doc: 3, projection: 20 },
        c: { key: 'k2', doc: 4 },
      },
      at(1),
    );

    const result = await store.aggregate(projection, 'things', { groupBy: 'key', sum: ['doc', 'projection'] });

    expect(byGroup(result.groups)).toEqual([
      { group: 'k1', count: 2, sums: { doc: 5, projection: 30 } },
      { group: 'k2', count: 1, sums: { doc: 4, projection: 0 } },
    ]);
    expect(result.total).toEqual({ group: null, count: 3, sums: { doc: 9, projection: 30 } });
  });

  it('reads dotted paths, JSON nulls, values that are not numbers and elements that are not objects as before', async () => {
    const projection = aProjection('picked');
    await seed(
      store,
      projection,
      'things',
      {
        a: { place: { country: 'GE' }, money: { spent: 5 }, parts: [{ state: 'GE', amount: 2 }, 'not an object', { state: null, amount: 1 }] },
        b: { place: { country: null }, money: { spent: '7' }, parts: { state: 'not an array' } },
        c: { place: 'flat', money: null, parts: [{ state: 'GE', amount: 'x' }] },
        d: {},
      },
      at(1),
    );

    const byCountry = await store.aggregate(projection, 'things', { groupBy: 'place.country', sum: ['money.spent'] });
    expect(byGroup(byCountry.groups)).toEqual([
      { group: 'GE', count: 1, sums: { 'money.spent': 5 } },
      { group: null, count: 3, sums: { 'money.spent': 0 } },
    ]);
    expect(byCountry.total).toEqual({ group: null, count: 4, sums: { 'money.spent': 5 } });

    const byState = await store.aggregate(projection, 'things', { unwind: 'parts', groupBy: 'state', sum: ['amount'] });
    expect(byGroup(byState.groups)).toEqual([
      { group: 'GE', count: 2, sums: { amount: 2 } },
      { group: null, count: 2, sums: { amount: 1 } },
    ]);
    expect(byState.total).toEqual({ group: null, count: 4, sums: { amount: 0 } });
  });

  it('reads a field whose name is longer than a PostgreSQL identifier', async () => {
    const projection = aProjection('picked');
    const long = `amount_${'x'.repeat(70)}`;
    const group = `group_${'y'.repeat(70)}`;
    await seed(store, projection, 'things', { a: { [group]: 'g', [long]: 3 }, b: { [group]: 'g', [long]: 4 } }, at(1));

    const result = await store.aggregate(projection, 'things', { groupBy: group, sum: [long] });

    expect(result.groups).toEqual([{ group: 'g', count: 2, sums: { [long]: 7 } }]);
    expect(result.total.sums).toEqual({ [long]: 7 });
  });

  it('answers the total of nothing with zeros and no groups', async () => {
    const result = await store.aggregate(aProjection('picked'), 'things', { groupBy: 'region', sum: ['budget'] });
    expect(result).toEqual({ groups: [], total: { group: null, count: 0, sums: { budget: 0 } } });
  });
});
