import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteClient, type PgliteOpenOptions } from './pglite-client.js';
import { PgliteWorkerClient } from './pglite-worker-client.js';
import type { SqlClient } from './sql-client.js';
import { SqlError, SqlUnavailableError, isUniqueViolation } from './sql-error.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Both embedded clients keep the same promises: PGlite on this thread, or in a worker of its own. */
const embeddedClients: [string, (dataDir: string | undefined, options?: PgliteOpenOptions) => Promise<SqlClient>][] = [
  ['PgliteClient (this thread)', (dataDir, options) => PgliteClient.open(dataDir, options)],
  ['PgliteWorkerClient (a worker thread)', (dataDir, options) => PgliteWorkerClient.open(dataDir, options)],
];

describe.each(embeddedClients)('%s', (_name, open) => {
  let client: SqlClient;

  beforeAll(async () => {
    client = await open(undefined);
    await client.exec('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
  });

  afterAll(async () => {
    await client.close();
  });

  beforeEach(async () => {
    await client.query('DELETE FROM notes');
  });

  it('runs a query issued while a transaction is open after it, never inside it', async () => {
    const seenFromOutside: unknown[] = [];
    const transaction = client
      .transaction(async (tx) => {
        await tx.query(`INSERT INTO notes VALUES (1, 'uncommitted')`);
        await pause(30);
        throw new Error('roll it back');
      })
      .catch(() => 'rolled back');
    await pause(5);
    // Were this query to run on the open transaction, it would see the row and the
    // transaction's id; it must see neither.
    const outside = client
      .query<{ notes: number; xact: string | null }>(
        'SELECT count(*)::int AS notes, pg_current_xact_id_if_assigned()::text AS xact FROM notes',
      )
      .then((rows) => seenFromOutside.push(rows[0]));

    await Promise.all([transaction, outside]);

    expect(await transaction).toBe('rolled back');
    expect(seenFromOutside).toEqual([{ notes: 0, xact: null }]);
  });

  it('serialises concurrent transactions: no update is lost', async () => {
    await client.query(`INSERT INTO notes VALUES (1, '0')`);

    await Promise.all(
      Array.from({ length: 20 }, () =>
        client.transaction(async (tx) => {
          const [row] = await tx.query<{ body: string }>('SELECT body FROM notes WHERE id = 1');
          await pause(1);
          await tx.query('UPDATE notes SET body = $1 WHERE id = 1', [String(Number(row!.body) + 1)]);
        }),
      ),
    );

    expect(await client.query('SELECT body FROM notes')).toEqual([{ body: '20' }]);
  });

  it('commits when the work resolves and returns its result', async () => {
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

  it('refuses a call on the client from inside a transaction instead of waiting for itself forever', async () => {
    const thrown = await client
      .transaction(async () => client.query('SELECT 1'))
      .catch((error: unknown) => error);

    expect(thrown).toBeInstanceOf(Error);
    expect(String(thrown)).toContain('tx handle');
  });

  it('reports the SQLSTATE and the constraint of a refused statement', async () => {
    await client.query(`INSERT INTO notes VALUES (1, 'a')`);

    const refusal = await client.query(`INSERT INTO notes VALUES (1, 'b')`).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(SqlError);
    expect(refusal).toMatchObject({ code: '23505', constraint: 'notes_pkey' });
    expect(isUniqueViolation(refusal, 'notes_pkey')).toBe(true);
    expect(isUniqueViolation(refusal, 'another')).toBe(false);
  });

  it('reports the SQLSTATE of a statement refused inside a transaction', async () => {
    const refusal = await client
      .transaction((tx) => tx.query('SELECT * FROM no_such_table'))
      .catch((error: unknown) => error);

    expect(refusal).toMatchObject({ name: 'SqlError', code: '42P01' });
  });

  it('keeps its data in a directory it creates, across close and reopen', async () => {
    const temp = await mkdtemp(join(tmpdir(), 'ledger-pglite-'));
    try {
      const dataDir = join(temp, 'a', 'b');
      const first = await open(dataDir);
      await first.exec(`CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')`);
      await first.close();
      await first.close();

      const reopened = await open(dataDir);
      expect(await reopened.query('SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
      // Two PGlite instances on one directory would silently corrupt it.
      await expect(open(dataDir)).rejects.toThrow(/already open/);
      await reopened.close();

      // Closed means unavailable, whatever is asked.
      await expect(reopened.query('SELECT 1')).rejects.toThrow(SqlUnavailableError);
      await expect(reopened.exec('SELECT 1')).rejects.toThrow(SqlUnavailableError);
      await expect(reopened.transaction(async () => 1)).rejects.toThrow(SqlUnavailableError);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });

  it('gathers table statistics itself, as PGlite runs no autovacuum (first soon after opening, then again)', async () => {
    const temp = await mkdtemp(join(tmpdir(), 'ledger-pglite-'));
    try {
      const analysed = await open(join(temp, 'db'), { analyse: { firstAfterMs: 200, everyMs: 300 } });
      await analysed.exec(`CREATE TABLE measured (v int); INSERT INTO measured SELECT generate_series(1, 1000)`);
      const statistics = () =>
        analysed.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_stats WHERE tablename = 'measured'`);
      expect(await statistics()).toEqual([{ n: '0' }]);
      await pause(600);
      expect(await statistics()).toEqual([{ n: '1' }]);
      await analysed.exec(`CREATE TABLE later (v int); INSERT INTO later SELECT generate_series(1, 10)`);
      await pause(600);
      expect(await analysed.query(`SELECT tablename FROM pg_stats WHERE tablename = 'later'`)).toEqual([{ tablename: 'later' }]);
      await analysed.close();
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });

  it('takes over the lock of a directory whose process is gone', async () => {
    const temp = await mkdtemp(join(tmpdir(), 'ledger-pglite-'));
    try {
      // This pid, for a directory this process does not hold: left by an earlier run
      // (in a container, the program is pid 1 every time).
      await writeFile(join(temp, 'portfolio-ledger.lock'), String(process.pid));

      const opened = await open(temp);
      await expect(opened.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
      await opened.close();
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });
});
