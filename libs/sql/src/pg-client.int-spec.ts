import { createServer, type AddressInfo, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { PgClient, type PgConnectOptions } from './pg-client.js';
import { PgliteClient } from './pglite-client.js';
import { SqlError, SqlUnavailableError, isUniqueViolation } from './sql-error.js';
import { createTemporaryDatabase, testServerUrl, type TemporaryDatabase } from './testing/postgres-database.js';
import { ServerProxy } from './testing/server-proxy.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(10);
  }
}

/** A port nothing listens on (bound, then released). */
async function aClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('PgClient', () => {
  let database: TemporaryDatabase;
  let client: PgClient;
  let admin: PgClient;
  const opened: PgClient[] = [];

  /** A client of its own, closed after the test file; its application_name identifies its sessions. */
  async function aClient(options: PgConnectOptions = {}, url = database.url): Promise<PgClient> {
    const own = await PgClient.connect(url, options);
    opened.push(own);
    return own;
  }

  const terminateSessionsOf = (applicationName: string) =>
    admin.query<{ terminated: boolean }>(
      'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );

  beforeAll(async () => {
    database = await createTemporaryDatabase();
    client = await PgClient.connect(database.url, { max: 4 });
    admin = await PgClient.connect(database.url, { max: 1, applicationName: 'pg-client-spec-admin' });
    await client.exec(`
      CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL);
      CREATE TABLE deferred (id int, CONSTRAINT deferred_unique UNIQUE (id) DEFERRABLE INITIALLY DEFERRED);`);
  });

  afterAll(async () => {
    await Promise.all([client, admin, ...opened].map((c) => c?.close()));
    await database?.drop();
  });

  beforeEach(async () => {
    await client.exec('TRUNCATE notes, deferred');
  });

  it('returns the same JavaScript values as PGlite for the types the adapters read', async () => {
    const select = `
      SELECT 1::int2 AS i2, 2::int4 AS i4, 3::int8 AS i8, 9007199254740993::int8 AS big8, -4::int8 AS negative8,
             ARRAY[[1, 2], [3, NULL]]::int8[] AS i8s, count(*) AS counted, 12.50::numeric AS num, 1.5::float8 AS f8,
             true AS yes, 'text' AS t, ARRAY['a', 'b,c', NULL]::text[] AS ts, '{"a": [1, "x"]}'::jsonb AS jb,
             '{"b": 2}'::json AS j, '6c1e1b1e-8d4b-4a59-9e0c-2b3c4d5e6f70'::uuid AS id,
             '2026-03-02T09:00:00.123Z'::timestamptz AS at, '2026-03-02'::date AS day,
             ARRAY['2026-03-02'::date] AS days, 'infinity'::date AS forever, '42'::xid8 AS xid,
             NULL::int8 AS nothing`;
    const pglite = await PgliteClient.open(undefined);
    try {
      const [fromServer] = await client.query(select);
      const [embedded] = await pglite.query(select);
      expect(fromServer).toEqual(embedded);
      expect(fromServer).toMatchObject({ i8: 3, big8: 9007199254740993n, counted: 1, num: '12.50', xid: '42' });
    } finally {
      await pglite.close();
    }
  });

  it('passes parameters the way the adapters write them', async () => {
    const [row] = await client.query<Record<string, unknown>>(
      `SELECT $1::text::bigint AS position, $2::uuid[] AS ids, $3::text::jsonb AS doc, $4::timestamptz AS at, $5::int8 AS big`,
      ['9007199254740993', [randomUUID()], JSON.stringify({ a: 1 }), '2026-03-02T09:00:00Z', 12n],
    );
    expect(row).toMatchObject({ position: 9007199254740993n, doc: { a: 1 }, big: 12 });
    expect(row!['ids']).toHaveLength(1);
    expect(row!['at']).toEqual(new Date('2026-03-02T09:00:00Z'));
  });

  it('commits when the work resolves and returns its result; exec runs a script', async () => {
    const result = await client.transaction(async (tx) => {
      await tx.exec(`INSERT INTO notes VALUES (1, 'a'); INSERT INTO notes VALUES (2, 'b')`);
      return 'done';
    });

    expect(result).toBe('done');
    expect(await client.query('SELECT id FROM notes ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('rolls back when the work throws, and rethrows the same error', async () => {
    const failure = new Error('business rule broken');

    const thrown = await client
      .transaction(async (tx) => {
        await tx.query(`INSERT INTO notes VALUES (1, 'a')`);
        throw failure;
      })
      .catch((error: unknown) => error);

    expect(thrown).toBe(failure);
    expect(await client.query('SELECT * FROM notes')).toEqual([]);
  });

  it('runs transactions concurrently, each on its own connection, invisible to others until committed', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writer = client.transaction(async (tx) => {
      await tx.query(`INSERT INTO notes VALUES (1, 'not yet')`);
      await gate;
    });
    await eventually(async () => (await admin.query(`SELECT 1 FROM pg_locks WHERE locktype = 'transactionid'`)).length > 0, 'the writer');

    expect(await client.query('SELECT * FROM notes')).toEqual([]);
    const started = Date.now();
    await Promise.all(
      [1, 2, 3].map(() => client.transaction((tx) => tx.query('SELECT pg_sleep(0.3)'))),
    );
    expect(Date.now() - started).toBeLessThan(850); // not 3 × 300 ms one after the other
    release();
    await writer;
    expect(await client.query('SELECT body FROM notes')).toEqual([{ body: 'not yet' }]);
  });

  it('refuses a call on the client from inside a transaction, and a tx handle used after the end', async () => {
    const inside = await client.transaction(async () => client.query('SELECT 1')).catch((error: unknown) => error);
    expect(String(inside)).toContain('tx handle');

    let leaked: Parameters<Parameters<PgClient['transaction']>[0]>[0] | undefined;
    await client.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.query('SELECT 1')).rejects.toThrow(/transaction has ended/);
  });

  it('reports the SQLSTATE and the constraint of a refused statement, and keeps the connection', async () => {
    await client.query(`INSERT INTO notes VALUES (1, 'a')`);

    const refusal = await client.query(`INSERT INTO notes VALUES (1, 'b')`).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(SqlError);
    expect(refusal).toMatchObject({ code: '23505', constraint: 'notes_pkey' });
    expect(isUniqueViolation(refusal, 'notes_pkey')).toBe(true);
    const inTransaction = await client.transaction((tx) => tx.query('SELECT * FROM no_such_table')).catch((e: unknown) => e);
    expect(inTransaction).toMatchObject({ name: 'SqlError', code: '42P01' });
    // A programming error, not an outage: 08P01 is not "unavailable".
    const wrongArity = await client.query('SELECT $1::int AS one', [1, 2]).catch((error: unknown) => error);
    expect(wrongArity).toBeInstanceOf(SqlError);
    expect(wrongArity).toMatchObject({ code: '08P01' });
    // One statement per query, as on PGlite.
    await expect(client.query('SELECT 1; SELECT 2')).rejects.toMatchObject({ code: '42601' });
    await expect(client.query('SELECT count(*)::int AS n FROM notes')).resolves.toEqual([{ n: 1 }]);
  });

  it('reports a constraint checked at COMMIT as a SqlError', async () => {
    const refusal = await client
      .transaction(async (tx) => {
        await tx.query('INSERT INTO deferred VALUES (1), (1)');
        return 'looked fine';
      })
      .catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(SqlError);
    expect(refusal).toMatchObject({ code: '23505', constraint: 'deferred_unique' });
    await expect(client.query('SELECT count(*)::int AS n FROM deferred')).resolves.toEqual([{ n: 0 }]);
  });

  it('cancels a statement past the statement timeout (57014) and goes on', async () => {
    const impatient = await aClient({ statementTimeoutMs: 100, max: 1 });

    await expect(impatient.query('SELECT pg_sleep(2)')).rejects.toMatchObject({ name: 'SqlError', code: '57014' });
    await expect(impatient.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });

  it('fails fast with SqlUnavailableError when nothing listens at the address', async () => {
    const url = `postgres://postgres@127.0.0.1:${await aClosedPort()}/postgres`;
    const started = Date.now();

    const refused = await PgClient.connect(url).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(SqlUnavailableError);
    expect(String(refused)).toMatch(/ECONNREFUSED/);
    expect(String(refused)).toContain(`127.0.0.1:${new URL(url).port}/postgres`);
    expect(Date.now() - started).toBeLessThan(2_000);

    const unverified = await PgClient.connect(url, { verify: false });
    await expect(unverified.query('SELECT 1')).rejects.toThrow(SqlUnavailableError);
    await expect(unverified.transaction(async () => 1)).rejects.toThrow(SqlUnavailableError);
    await unverified.close();
  });

  it('gives up on a server that accepts the connection but never answers, after connectionTimeoutMillis', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      const hung = await PgClient.connect(`postgres://postgres@127.0.0.1:${port}/postgres`, {
        connectionTimeoutMillis: 300,
      }).catch((error: unknown) => error);

      expect(hung).toBeInstanceOf(SqlUnavailableError);
      expect(String(hung)).toMatch(/timeout/);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('reports a wrong database or credentials as unavailable, with the server SQLSTATE', async () => {
    const url = new URL(database.url);
    url.pathname = '/no_such_database_here';

    const refused = await PgClient.connect(url.toString()).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(SqlUnavailableError);
    expect(refused).toMatchObject({ code: '3D000' });
  });

  it('survives idle connections being terminated, and opens new ones on the next call', async () => {
    const applicationName = `pg-client-spec-${randomUUID()}`;
    const idleErrors: SqlUnavailableError[] = [];
    const pooled = await aClient({ max: 3, applicationName, onIdleConnectionError: (error) => idleErrors.push(error) });
    await Promise.all([1, 2, 3].map(() => pooled.transaction((tx) => tx.query('SELECT pg_sleep(0.05)'))));
    expect(pooled.connections).toMatchObject({ total: 3, idle: 3 });

    const terminated = await terminateSessionsOf(applicationName);

    expect(terminated).toHaveLength(3);
    await eventually(() => idleErrors.length === 3, 'the pool to notice');
    expect(idleErrors[0]).toBeInstanceOf(SqlUnavailableError);
    expect(idleErrors.map((error) => error.code)).toContain('57P01'); // admin_shutdown
    expect(pooled.connections.total).toBe(0);
    await expect(pooled.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });

  it('fails a transaction whose connection is terminated, then carries on with a new connection', async () => {
    const applicationName = `pg-client-spec-${randomUUID()}`;
    const pooled = await aClient({ max: 1, applicationName });

    // Terminated while the work is busy elsewhere, between two statements.
    const betweenStatements = await pooled
      .transaction(async (tx) => {
        await tx.query(`INSERT INTO notes VALUES (10, 'lost')`);
        await terminateSessionsOf(applicationName);
        await pause(100);
        return tx.query(`INSERT INTO notes VALUES (11, 'lost')`);
      })
      .catch((error: unknown) => error);
    expect(betweenStatements).toBeInstanceOf(SqlUnavailableError);

    // Terminated in the middle of a statement.
    const duringStatement = await pooled
      .transaction(async (tx) => {
        await tx.query(`INSERT INTO notes VALUES (12, 'lost')`);
        const running = tx.query('SELECT pg_sleep(5)');
        await eventually(
          async () => (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(5)%'`)).length > 0,
          'the statement to start',
        );
        await terminateSessionsOf(applicationName);
        return running;
      })
      .catch((error: unknown) => error);
    expect(duringStatement).toBeInstanceOf(SqlUnavailableError);
    expect(duringStatement).toMatchObject({ code: '57P01' });

    expect(await pooled.query('SELECT count(*)::int AS n FROM notes')).toEqual([{ n: 0 }]);
  });

  it('fails fast while the server is gone and recovers by itself when it is back', async () => {
    const server = new URL(testServerUrl());
    const proxy = new ServerProxy({ host: server.hostname, port: Number(server.port || 5432) });
    await proxy.start();
    const idleErrors: SqlUnavailableError[] = [];
    const pooled = await aClient({ max: 2, connectionTimeoutMillis: 1_000, onIdleConnectionError: (e) => idleErrors.push(e) }, proxy.urlFor(database.url));
    await Promise.all([1, 2].map(() => pooled.transaction((tx) => tx.query('SELECT pg_sleep(0.05)'))));

    // One connection is busy with a statement when the server goes, the other is idle.
    const running = pooled.query('SELECT pg_sleep(2)').catch((error: unknown) => error);
    await eventually(
      async () => (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(2)'`)).length > 0,
      'the statement to start',
    );
    await proxy.stop();
    expect(await running).toBeInstanceOf(SqlUnavailableError);
    await eventually(() => idleErrors.length === 1, 'the pool to notice');
    const started = Date.now();
    const outages = await Promise.all([
      pooled.query('SELECT 1').catch((error: unknown) => error),
      pooled.transaction((tx) => tx.query('SELECT 1')).catch((error: unknown) => error),
      pooled.exec('SELECT 1').catch((error: unknown) => error),
    ]);
    for (const outage of outages) expect(outage).toBeInstanceOf(SqlUnavailableError);
    expect(Date.now() - started).toBeLessThan(2_000);

    await proxy.start();
    await expect(pooled.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    await expect(pooled.transaction((tx) => tx.query('SELECT 2 AS two'))).resolves.toEqual([{ two: 2 }]);
    await proxy.stop();
  });

  it('fails a statement within the connection timeout when the server goes silent, and carries on when it speaks again', async () => {
    const proxy = ServerProxy.for(testServerUrl());
    await proxy.start();
    const connectTimeoutMs = 1_000;
    const pooled = await aClient({ max: 2, connectionTimeoutMillis: connectTimeoutMs }, proxy.urlFor(database.url));
    // A slow statement on a server that answers is not an outage: it runs past the timeout.
    await expect(pooled.query<{ slept: string }>('SELECT pg_sleep(2)::text AS slept')).resolves.toEqual([{ slept: '' }]);
    await Promise.all([1, 2].map(() => pooled.transaction((tx) => tx.query('SELECT pg_sleep(0.05)'))));

    proxy.silence();
    const started = Date.now();
    const outages = await Promise.all([
      pooled.query('SELECT 1').catch((error: unknown) => error), // on an idle connection of the pool
      pooled.transaction((tx) => tx.query('SELECT 1')).catch((error: unknown) => error),
      pooled.exec('SELECT 1').catch((error: unknown) => error), // waits for a connection, then opens one
    ]);
    const took = Date.now() - started;

    for (const outage of outages) expect(outage).toBeInstanceOf(SqlUnavailableError);
    // Bounded by the connection timeout: generously, for a loaded machine (it hung for the cut's length).
    expect(took).toBeLessThan(3 * connectTimeoutMs);
    proxy.resume();
    await expect(pooled.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    await expect(pooled.transaction((tx) => tx.query('SELECT 2 AS two'))).resolves.toEqual([{ two: 2 }]);
    await proxy.stop();
  });

  it("analyses the tables itself exactly when the server runs no autovacuum, and says so once", async () => {
    const [{ autovacuum }] = await admin.query<{ autovacuum: string }>(`SELECT current_setting('autovacuum') AS autovacuum`);
    let toldNoAutovacuum = 0;
    const analysing = await aClient({ max: 1, analyseWithoutAutovacuum: { firstAfterMs: 200, everyMs: 300 }, onNoAutovacuum: () => toldNoAutovacuum++ });
    const never = await aClient({ max: 1, analyseWithoutAutovacuum: false, onNoAutovacuum: () => toldNoAutovacuum++ });
    const byDefault = await aClient({ max: 1, onNoAutovacuum: () => toldNoAutovacuum++ });
    expect({ analysing: analysing.analysesTables, never: never.analysesTables, byDefault: byDefault.analysesTables, told: toldNoAutovacuum }).toEqual({
      analysing: autovacuum === 'off',
      never: false,
      byDefault: false,
      told: autovacuum === 'off' ? 1 : 0,
    });
    if (autovacuum === 'on') return; // the server keeps the statistics: nothing of ours to watch

    await analysing.exec(`CREATE TABLE measured (v int); INSERT INTO measured SELECT generate_series(1, 1000)`);
    const analysed = async (table: string) =>
      (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stats WHERE tablename = $1`, [table]))[0]!.n > 0;
    expect(await analysed('measured')).toBe(false);
    await eventually(() => analysed('measured'), 'the first ANALYZE', 5_000);
    await analysing.exec(`CREATE TABLE later (v int); INSERT INTO later SELECT generate_series(1, 10)`);
    await eventually(() => analysed('later'), 'a later ANALYZE', 5_000);
    // The planner now knows the table's size instead of guessing it.
    const [{ reltuples }] = await admin.query<{ reltuples: number }>(`SELECT reltuples::int AS reltuples FROM pg_class WHERE relname = 'measured'`);
    expect(reltuples).toBe(1000);
  });

  it('waits for the calls in flight when closed, then refuses every call as unavailable', async () => {
    const closing = await aClient({ max: 2 });
    const inFlight = closing.transaction(async (tx) => {
      await pause(100);
      return tx.query<{ one: number }>('SELECT 1 AS one');
    });
    await pause(10);

    await Promise.all([closing.close(), closing.close()]);

    await expect(inFlight).resolves.toEqual([{ one: 1 }]);
    await expect(closing.query('SELECT 1')).rejects.toThrow(SqlUnavailableError);
    await expect(closing.exec('SELECT 1')).rejects.toThrow(SqlUnavailableError);
    await expect(closing.transaction(async () => 1)).rejects.toThrow(SqlUnavailableError);
  });
});
