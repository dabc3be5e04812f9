import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_STORE_MIGRATIONS } from '#event-store';
import { migrate, PgClient, type Migration, type SqlClient } from '#sql';
import { createTemporaryDatabase } from '#sql/testing';
import { describeReadStoreContract } from '../testing/read-store.suite.js';
import { aProjection, at, seed } from '../testing/view-fixtures.js';
import { READ_STORE_MIGRATIONS } from './migrations/index.js';
import { SqlReadStore } from './sql-read-store.js';

/** Every scan node of `relation` in an EXPLAIN (FORMAT JSON) plan. */
function scansOf(plan: unknown, relation: string): { 'Actual Rows': number; 'Actual Loops': number }[] {
  const found: { 'Actual Rows': number; 'Actual Loops': number }[] = [];
  const visit = (node: Record<string, unknown>) => {
    if (node['Relation Name'] === relation) found.push(node as never);
    for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  for (const root of plan as { Plan: Record<string, unknown> }[]) visit(root.Plan);
  return found;
}

/** The postgres profile: a fresh database on the test server holding the events and the views. */
async function openOnServer() {
  const database = await createTemporaryDatabase();
  const client = await PgClient.connect(database.url, { max: 5 });
  await migrate(client, EVENT_STORE_MIGRATIONS);
  await migrate(client, READ_STORE_MIGRATIONS);
  return {
    database,
    client,
    store: new SqlReadStore(client),
    dispose: async () => {
      await client.close();
      await database.drop();
    },
  };
}

describeReadStoreContract('postgres (PostgreSQL server through pg)', async () => {
  const { store, dispose } = await openOnServer();
  return { store, dispose };
});

describe('SqlReadStore on a PostgreSQL server', () => {
  let opened: Awaited<ReturnType<typeof openOnServer>>;

  beforeAll(async () => {
    opened = await openOnServer();
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  /**
   * Generation 2 of `projection` filled with 3,000 documents after the statistics were
   * gathered, so that they believe it empty: as during a rebuild (or on a server that never
   * gathers them).
   */
  async function fillUnknownToStatistics(projection: string): Promise<void> {
    await seed(opened.store, projection, 'items', { first: { n: 0 } }, at(1), 1);
    await opened.client.exec('ANALYZE read_documents');
    const docs = Object.fromEntries(Array.from({ length: 3_000 }, (_, n) => [`item-${n}`, { n, body: 'x'.repeat(400) }]));
    await seed(opened.store, projection, 'items', docs, at(2), 2);
  }

  it('loads the wanted documents by primary key even when the statistics believe their generation empty (a rebuild filling it)', async () => {
    const projection = aProjection('probed');
    await fillUnknownToStatistics(projection);

    // The store over the same server, each load's plan run beside it: how many rows each scan
    // of read_documents really read.
    const rowsRead: number[] = [];
    const explaining: SqlClient = {
      query: async <Row>(sql: string, params?: readonly unknown[]) => {
        if (/^\s*SELECT found\.collection, found\.key, found\.doc/.test(sql)) {
          const [{ 'QUERY PLAN': plan }] = await opened.client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
          rowsRead.push(...scansOf(plan, 'read_documents').map((node) => node['Actual Rows'] * node['Actual Loops']));
        }
        return opened.client.query<Row>(sql, params);
      },
      exec: (sql) => opened.client.exec(sql),
      transaction: (work) => opened.client.transaction(work),
      close: async () => undefined,
    };
    const wanted = ['item-7', 'item-1500', 'item-2999', 'missing'].map((key) => ({ collection: 'items', key }));

    const loaded = await new SqlReadStore(explaining).load(projection, 2, wanted);

    expect([...loaded.keys()].sort()).toEqual(['items/item-1500', 'items/item-2999', 'items/item-7']);
    expect(loaded.get('items/item-1500')).toMatchObject({ n: 1500 });
    expect(rowsRead.length).toBeGreaterThan(0);
    expect(Math.max(...rowsRead)).toBeLessThanOrEqual(wanted.length);
  });

  it('deletes documents by primary key even when the statistics believe their generation empty (a rebuild filling it)', async () => {
    const projection = aProjection('deleting');
    await fillUnknownToStatistics(projection);

    // Each commit's plan run first, in a transaction rolled back: how many rows each scan of
    // read_documents read.
    const rowsRead: number[] = [];
    const rolledBack = new Error('explained, rolled back');
    const explaining: SqlClient = {
      query: async <Row>(sql: string, params?: readonly unknown[]) => {
        if (/^WITH live AS MATERIALIZED/.test(sql)) {
          await opened.client
            .transaction(async (tx) => {
              const [{ 'QUERY PLAN': plan }] = await tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
              rowsRead.push(...scansOf(plan, 'read_documents').map((node) => node['Actual Rows'] * node['Actual Loops']));
              throw rolledBack;
            })
            .catch((error: unknown) => {
              if (error !== rolledBack) throw error;
            });
        }
        return opened.client.query<Row>(sql, params);
      },
      exec: (sql) => opened.client.exec(sql),
      transaction: (work) => opened.client.transaction(work),
      close: async () => undefined,
    };
    const gone = ['item-7', 'item-1500', 'missing'].map((key) => ({ ref: { collection: 'items', key }, doc: null }));

    const moved = await new SqlReadStore(explaining).commit(projection, 2, [...gone, { ref: { collection: 'items', key: 'item-8' }, doc: { n: 8 } }], at(3), {
      from: at(2),
    });

    expect(moved).toBe(true);
    const left = await opened.store.load(projection, 2, ['item-6', 'item-7', 'item-8', 'item-1500'].map((key) => ({ collection: 'items', key })));
    expect([...left.keys()].sort()).toEqual(['items/item-6', 'items/item-8']);
    expect(rowsRead.length).toBeGreaterThan(0);
    // The probes read one row per deleted document found; the hashed join read all 3,000.
    expect(Math.max(...rowsRead)).toBeLessThanOrEqual(gone.length);
  });

  it('migrates safely from several processes at once, whichever list each starts with', async () => {
    const database = await createTemporaryDatabase();
    const clients = await Promise.all(Array.from({ length: 6 }, () => PgClient.connect(database.url, { max: 1 })));
    try {
      const lists: (readonly Migration[])[][] = [
        [EVENT_STORE_MIGRATIONS, READ_STORE_MIGRATIONS],
        [READ_STORE_MIGRATIONS, EVENT_STORE_MIGRATIONS],
      ];
      const runs = await Promise.all(
        clients.map(async (client, n) => {
          const applied: number[] = [];
          for (const list of lists[n % 2]!) applied.push(...(await migrate(client, list)));
          return applied;
        }),
      );

      const versions = [...EVENT_STORE_MIGRATIONS, ...READ_STORE_MIGRATIONS].map((migration) => migration.version);
      expect(runs.flat().sort((a, b) => a - b)).toEqual(versions);
      const recorded = await clients[0]!.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(recorded.map((row) => row.version)).toEqual(versions);
      const store = new SqlReadStore(clients[1]!);
      await seed(store, 'migrated', 'projects', { p1: { v: 1 } }, at(1));
      expect(await store.get('migrated', 'projects', 'p1')).toEqual({ v: 1 });
    } finally {
      await Promise.all(clients.map((client) => client.close()));
      await database.drop();
    }
  });

  it('lets commits of the activated generation through while the retired one is being deleted', async () => {
    const projection = aProjection('switching');
    await seed(opened.store, projection, 'items', { old: { n: 1 } }, at(1), 1);
    await seed(opened.store, projection, 'items', { fresh: { n: 2 } }, at(1), 2);
    // Another session holds a retired document, so deleting the retired generation waits.
    const blocker = await PgClient.connect(opened.database.url, { max: 1 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holding = blocker.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM read_documents WHERE projection = $1 AND generation = 1 FOR UPDATE', [projection]);
      locked();
      await held;
    });
    try {
      await lockTaken;
      const activating = opened.store.activate(projection, 2);
      for (let tries = 0; ; tries++) {
        const waiting = await opened.client.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM read_documents%'`,
        );
        if (Number(waiting[0]!.n) > 0) break;
        if (tries > 100) throw new Error('the activation never reached the deletion of the retired generation');
        await sleep(50);
      }

      const commit = opened.store.commit(projection, 2, [{ ref: { collection: 'items', key: 'later' }, doc: { n: 3 } }], at(2), { from: at(1) });
      const outcome = await Promise.race([commit, sleep(3_000).then(() => 'still waiting after 3 s')]);

      expect(outcome).toBe(true);
      expect(await opened.store.activeGeneration(projection)).toBe(2);
      release();
      await activating;
      expect((await opened.store.load(projection, 1, [{ collection: 'items', key: 'old' }])).size).toBe(0);
      expect([...(await opened.store.load(projection, 2, ['fresh', 'later'].map((key) => ({ collection: 'items', key })))).keys()]).toHaveLength(2);
    } finally {
      release();
      await holding;
      await blocker.close();
    }
  });

  it('lets one of two runners committing the same batch at the same time win, on separate connections', async () => {
    const projection = aProjection('twins');
    await seed(opened.store, projection, 'projects', { p1: { v: 1 } }, at(5));
    const twins = [1, 2].map((twin) => ({ ref: { collection: 'projects', key: 'p1' }, doc: { v: 1, twin } }));

    const outcomes = await Promise.all(
      twins.map((change) => opened.store.commit(projection, 1, [change], at(7), { from: at(5) })),
    );

    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const winner = twins[outcomes.indexOf(true)]!;
    expect(await opened.store.get(projection, 'projects', 'p1')).toEqual(winner.doc);
    expect(await opened.store.checkpoint(projection, 1)).toEqual(at(7));
  });

  it('never moves a checkpoint back when commits at many positions race', async () => {
    const projection = aProjection('race');
    const positions = Array.from({ length: 12 }, (_, n) => at(100 + ((n * 7) % 12), n % 3));

    await Promise.all(
      positions.map((position) =>
        opened.store.commit(projection, 1, [{ ref: { collection: 'projects', key: 'p1' }, doc: { at: `${position.commit}-${position.prepare}` } }], position),
      ),
    );

    const latest = positions.reduce((a, b) => (a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare) ? a : b));
    expect(await opened.store.checkpoint(projection, 1)).toEqual(latest);
    expect(await opened.store.get(projection, 'projects', 'p1')).toEqual({ at: `${latest.commit}-${latest.prepare}` });
  });

  it('records in each document the position of the commit that wrote it', async () => {
    const projection = aProjection('positions');
    await seed(opened.store, projection, 'projects', { p1: { v: 1 }, p2: { v: 1 } }, at(7, 3));
    await opened.store.commit(projection, 1, [{ ref: { collection: 'projects', key: 'p2' }, doc: { v: 2 } }], at(8, 1));

    const rows = await opened.client.query<{ key: string; position: string }>(
      `SELECT key, position_commit || '-' || position_prepare AS position FROM read_documents
        WHERE projection = $1 ORDER BY key`,
      [projection],
    );
    expect(rows).toEqual([
      { key: 'p1', position: '7-3' },
      { key: 'p2', position: '8-1' },
    ]);
  });
});
