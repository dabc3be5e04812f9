import { EVENT_STORE_MIGRATIONS } from '#event-store';
import { migrate, PgliteClient } from '#sql';
import { describeReadStoreContract } from '../testing/read-store.suite.js';
import { at, seed } from '../testing/view-fixtures.js';
import { READ_STORE_MIGRATIONS } from './migrations/index.js';
import { SqlReadStore } from './sql-read-store.js';

const versionsOf = (migrations: readonly { version: number }[]) => migrations.map((migration) => migration.version);

/** The embedded profile: one in-memory PGlite holding the events and the views. */
async function openInMemory() {
  const client = await PgliteClient.open(undefined);
  await migrate(client, EVENT_STORE_MIGRATIONS);
  await migrate(client, READ_STORE_MIGRATIONS);
  return { client, store: new SqlReadStore(client) };
}

describeReadStoreContract('embedded (PGlite, in memory)', async () => {
  const { client, store } = await openInMemory();
  return { store, dispose: () => client.close() };
});

describe('SqlReadStore on PGlite', () => {
  let opened: Awaited<ReturnType<typeof openInMemory>>;

  beforeAll(async () => {
    opened = await openInMemory();
  });

  afterAll(async () => {
    await opened?.client.close();
  });

  it('finds nothing to do when migrated again, with either list first', async () => {
    await expect(migrate(opened.client, READ_STORE_MIGRATIONS)).resolves.toEqual([]);
    await expect(migrate(opened.client, EVENT_STORE_MIGRATIONS)).resolves.toEqual([]);
    const recorded = await opened.client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(recorded.map((row) => row.version)).toEqual([...versionsOf(EVENT_STORE_MIGRATIONS), ...versionsOf(READ_STORE_MIGRATIONS)]);

    const readStoreFirst = await PgliteClient.open(undefined);
    try {
      await expect(migrate(readStoreFirst, READ_STORE_MIGRATIONS)).resolves.toEqual(versionsOf(READ_STORE_MIGRATIONS));
      await expect(migrate(readStoreFirst, EVENT_STORE_MIGRATIONS)).resolves.toEqual(versionsOf(EVENT_STORE_MIGRATIONS));
      await expect(migrate(readStoreFirst, READ_STORE_MIGRATIONS)).resolves.toEqual([]);
    } finally {
      await readStoreFirst.close();
    }
  });

  it('leaves the shared client open when closed, unless it owns it', async () => {
    await new SqlReadStore(opened.client).close();
    await expect(opened.store.activeGeneration('portfolio')).resolves.toBe(1);

    const own = await openInMemory();
    await new SqlReadStore(own.client, { ownsClient: true }).close();
    await expect(own.store.activeGeneration('portfolio')).rejects.toThrow(/closed/);
  });

  it('records in each document the position of the commit that wrote it', async () => {
    await seed(opened.store, 'positions', 'projects', { p1: { v: 1 }, p2: { v: 1 } }, at(7, 3));
    await opened.store.commit('positions', 1, [{ ref: { collection: 'projects', key: 'p2' }, doc: { v: 2 } }], at(8, 1));

    const rows = await opened.client.query<{ key: string; position: string }>(
      `SELECT key, position_commit || '-' || position_prepare AS position FROM read_documents
        WHERE projection = 'positions' ORDER BY key`,
    );
    expect(rows).toEqual([
      { key: 'p1', position: '7-3' },
      { key: 'p2', position: '8-1' },
    ]);
  });
});
