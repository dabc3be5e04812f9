import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteClient, SqlError, migrate } from '#sql';
import { EventStoreUnavailableError, type EventToAppend } from '../event-store.port.js';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { aStreamId, aUniquePrefix, anEvent, expectWrongExpectedRevision, someEvents } from '../testing/test-events.js';
import { EVENT_STORE_MIGRATIONS } from './migrations/index.js';
import { SqlEventStore } from './sql-event-store.js';
import { describeStoredIdCheck } from './testing/stored-id-check.js';

async function openInMemory(settings?: Record<string, number>) {
  const client = await PgliteClient.open(undefined, { settings });
  await migrate(client, EVENT_STORE_MIGRATIONS);
  return { client, store: new SqlEventStore(client, { ownsClient: false }) };
}

describeEventStoreContract('embedded (PGlite, in memory)', async () => {
  const { client, store } = await openInMemory();
  return { store, dispose: () => client.close() };
});

describeStoredIdCheck('embedded (PGlite)', async () => {
  const { client, store } = await openInMemory();
  return { client, store, dispose: () => client.close() };
});

describe('SqlEventStore on PGlite', () => {
  // One slow writer needs a prepared transaction (see the feed tests below).
  let opened: Awaited<ReturnType<typeof openInMemory>>;
  let temp: string;

  beforeAll(async () => {
    opened = await openInMemory({ max_prepared_transactions: 2 });
    temp = await mkdtemp(join(tmpdir(), 'ledger-event-store-'));
  });

  afterAll(async () => {
    await opened?.client.close();
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  describe('the global feed with a writer whose transaction is still open', () => {
    // PGlite has a single connection, so a concurrent slow writer is played by a
    // prepared transaction: it has taken its sequence numbers and keeps its transaction
    // id open, exactly like a writer on another connection that has not committed yet.
    async function startSlowWriter(streamId: string, event: EventToAppend): Promise<void> {
      const json = (value: unknown) => `'${JSON.stringify(value).replaceAll("'", "''")}'::jsonb`;
      await opened.client.exec(`
        BEGIN;
        INSERT INTO streams (stream_id, last_revision) VALUES ('${streamId}', 0);
        INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata, recorded_at)
          VALUES ('${streamId}', 0, '${event.id}', '${event.type}', ${json(event.data)}, ${json(event.metadata)},
                  '${event.metadata.recordedAt}');
        PREPARE TRANSACTION 'slow-writer';`);
    }

    it('holds back later commits until the older transaction ends, so no event appears behind a checkpoint', async () => {
      const prefix = aUniquePrefix('xmin');
      const filter = { streamPrefixes: [prefix] };
      const checkpoint = (await opened.store.append(`${prefix}first`, [anEvent()], 'no_stream')).position;
      const slow = anEvent('SlowlyCommitted');
      await startSlowWriter(`${prefix}slow`, slow);
      const fast = anEvent('QuicklyCommitted');
      await opened.store.append(`${prefix}fast`, [fast], 'no_stream');

      // Reading by sequence number alone would hand out `fast` now and never `slow`,
      // whose smaller number is behind any checkpoint taken after `fast`.
      const bySequence = await opened.client.query<{ id: string }>(
        `SELECT event_id::text AS id FROM events WHERE global_position > $1 AND starts_with(stream_id, $2)
          ORDER BY global_position`,
        [String(checkpoint.prepare), prefix],
      );
      expect(bySequence.map((row) => row.id)).toEqual([fast.id]);
      expect(await opened.store.readAll({ after: checkpoint, filter })).toEqual([]);

      await opened.client.exec(`COMMIT PREPARED 'slow-writer'`);

      const feed = await opened.store.readAll({ after: checkpoint, filter });
      expect(feed.map((e) => e.id)).toEqual([slow.id, fast.id]);
      expect(feed[0]!.position.prepare).toBeLessThan(feed[1]!.position.prepare);
    });

    it('releases later commits when the older transaction rolls back', async () => {
      const prefix = aUniquePrefix('xmin');
      const filter = { streamPrefixes: [prefix] };
      await startSlowWriter(`${prefix}slow`, anEvent());
      const fast = anEvent();
      await opened.store.append(`${prefix}fast`, [fast], 'no_stream');
      expect(await opened.store.readAll({ filter })).toEqual([]);

      await opened.client.exec(`ROLLBACK PREPARED 'slow-writer'`);

      expect((await opened.store.readAll({ filter })).map((e) => e.id)).toEqual([fast.id]);
    });
  });

  it('refuses event ids already stored in another stream (ids are unique in the store)', async () => {
    const [a, b] = someEvents(2);
    const elsewhere = aStreamId();
    await opened.store.append(elsewhere, [a!, b!], 'no_stream');
    const streamId = aStreamId();

    await expectWrongExpectedRevision(opened.store.append(streamId, [a!, b!], 'no_stream'), {
      streamId,
      expected: 'no_stream',
      actual: 'no_stream',
    });
    await expectWrongExpectedRevision(opened.store.append(streamId, [anEvent(), b!], 'any'), {
      streamId,
      expected: 'any',
      actual: 'no_stream',
    });
  });

  it('refuses to change or delete a recorded event', async () => {
    const streamId = aStreamId();
    await opened.store.append(streamId, [anEvent()], 'no_stream');

    for (const statement of [
      `UPDATE events SET event_type = 'Edited' WHERE stream_id = $1`,
      `DELETE FROM events WHERE stream_id = $1`,
    ]) {
      const refusal = await opened.client.query(statement, [streamId]).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(SqlError);
      expect(refusal).toMatchObject({ code: '23001' });
    }
    expect(await opened.store.readStream(streamId)).toHaveLength(1);
  });

  it('finds nothing to do when migrated again', async () => {
    await expect(migrate(opened.client, EVENT_STORE_MIGRATIONS)).resolves.toEqual([]);
    const recorded = await opened.client.query<{ version: number }>('SELECT version FROM schema_migrations');
    expect(recorded.map((row) => row.version)).toEqual(EVENT_STORE_MIGRATIONS.map((m) => m.version));
  });

  it('leaves a shared client open when closed', async () => {
    await new SqlEventStore(opened.client, { ownsClient: false }).close();
    await expect(opened.store.readStream(aStreamId())).resolves.toEqual([]);
  });

  it('keeps its events across close and reopen of its data directory', async () => {
    const dataDir = join(temp, 'not', 'yet', 'there');
    const streamId = aStreamId();
    const events = someEvents(3);

    const firstClient = await PgliteClient.open(dataDir);
    await expect(migrate(firstClient, EVENT_STORE_MIGRATIONS)).resolves.toEqual(EVENT_STORE_MIGRATIONS.map((m) => m.version));
    const first = new SqlEventStore(firstClient);
    const written = await first.append(streamId, events, 'no_stream');
    const feedBefore = await first.readAll();
    await first.close();

    const client = await PgliteClient.open(dataDir);
    await expect(migrate(client, EVENT_STORE_MIGRATIONS)).resolves.toEqual([]);
    const reopened = new SqlEventStore(client);
    expect((await reopened.readStream(streamId)).map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(await reopened.readAll()).toEqual(feedBefore);
    await expect(reopened.append(streamId, events, 'no_stream')).resolves.toEqual(written);
    const next = await reopened.append(streamId, [anEvent()], 2);
    expect(next.nextExpectedRevision).toBe(3);
    expect(next.position.commit).toBeGreaterThan(written.position.commit);

    await reopened.close();
    // A closed store is an unavailable one: callers get the error they can map to 503.
    await expect(reopened.append(streamId, [anEvent()], 'any')).rejects.toThrow(EventStoreUnavailableError);
    await expect(reopened.readStream(streamId)).rejects.toThrow(EventStoreUnavailableError);
    await expect(reopened.readAll()).rejects.toThrow(EventStoreUnavailableError);
  });
});
