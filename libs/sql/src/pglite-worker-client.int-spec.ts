import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { PgliteClient } from './pglite-client.js';
import { PgliteWorkerClient } from './pglite-worker-client.js';
import type { SqlTransaction } from './sql-client.js';
import { SqlUnavailableError } from './sql-error.js';

// What both embedded clients promise is in pglite-client.int-spec.ts (run on each); here,
// what only a database in another thread can get wrong.
describe('PgliteWorkerClient', () => {
  let temp: string;

  beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), 'ledger-pglite-worker-'));
  });

  afterAll(() => rm(temp, { recursive: true, force: true }));

  it('hands back the values PgliteClient hands back: dates, bytes, JSON, big integers, nulls', async () => {
    const inThread = await PgliteClient.open(undefined);
    const inWorker = await PgliteWorkerClient.open(undefined);
    try {
      const sql = `SELECT $1::timestamptz AS at, $2::bytea AS bytes, $3::jsonb AS doc, 9007199254740993::int8 AS big,
                          $4::numeric AS amount, NULL::text AS nothing, ARRAY[1, 2]::int[] AS list`;
      const params = [new Date('2026-12-05T10:30:00.123Z'), new Uint8Array([0, 1, 254]), { a: [1, 'two', null] }, '12.50'];

      const fromWorker = await inWorker.query(sql, params);

      expect(fromWorker).toEqual(await inThread.query(sql, params));
      expect((fromWorker[0]!['at'] as Date).toISOString()).toBe('2026-12-05T10:30:00.123Z');
      expect(fromWorker[0]!['doc']).toEqual({ a: [1, 'two', null] });
    } finally {
      await inThread.close();
      await inWorker.close();
    }
  });

  it('refuses a transaction handle used after its transaction ended', async () => {
    const client = await PgliteWorkerClient.open(undefined);
    try {
      let kept: SqlTransaction | undefined;
      await client.transaction(async (tx) => {
        kept = tx;
        await tx.query('SELECT 1');
      });

      await expect(kept!.query('SELECT 1')).rejects.toThrow(/has ended/);
      await expect(client.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await client.close();
    }
  });

  it('keeps one directory to one open database across threads, both ways', async () => {
    const dataDir = join(temp, 'shared');
    const inWorker = await PgliteWorkerClient.open(dataDir);
    await expect(PgliteClient.open(dataDir)).rejects.toThrow(/already open/);
    await expect(PgliteWorkerClient.open(dataDir)).rejects.toThrow(/already open/);
    await inWorker.close();

    const inThread = await PgliteClient.open(dataDir);
    await expect(PgliteWorkerClient.open(dataDir)).rejects.toThrow(/already open/);
    await inThread.close();
  });

  it('fails what waits on a worker that dies, and every later call, with SqlUnavailableError instead of hanging', async () => {
    const client = await PgliteWorkerClient.open(join(temp, 'crash'));
    await client.exec('CREATE TABLE notes (id int PRIMARY KEY)');
    let inTransaction: () => void = () => undefined;
    const transactionOpen = new Promise<void>((resolve) => (inTransaction = resolve));
    const transaction = client
      .transaction(async (tx) => {
        await tx.query('INSERT INTO notes VALUES (1)');
        inTransaction();
        // Waits in the worker behind nothing: the worker dies while it is asked.
        await tx.query('SELECT pg_sleep(0.5)');
      })
      .catch((error: unknown) => error);
    await transactionOpen;
    // Queued behind the open transaction when the worker goes.
    const queued = client.query('SELECT count(*) FROM notes').catch((error: unknown) => error);

    // The thread ending as a crash would end it (an abort in WebAssembly, out of memory).
    await (client as unknown as { worker: Worker }).worker.terminate();

    expect(await transaction).toBeInstanceOf(SqlUnavailableError);
    expect(await queued).toBeInstanceOf(SqlUnavailableError);
    expect(String(await queued)).toMatch(/worker stopped/);
    await expect(client.query('SELECT 1')).rejects.toThrow(SqlUnavailableError);
    await expect(client.transaction(async () => 1)).rejects.toThrow(SqlUnavailableError);
    await client.close();

    // Closed, the directory is free again, and nothing committed was lost.
    const reopened = await PgliteWorkerClient.open(join(temp, 'crash'));
    await expect(reopened.query('SELECT count(*)::int AS notes FROM notes')).resolves.toEqual([{ notes: 0 }]);
    await reopened.close();
  });
});
