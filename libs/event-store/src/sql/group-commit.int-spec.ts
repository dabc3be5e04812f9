import { PgClient, PgliteClient, migrate, type SqlClient } from '#sql';
import { createTemporaryDatabase } from '#sql/testing';
import { WrongExpectedRevisionError, type AppendResult } from '../event-store.port.js';
import { aStreamId, anEvent, someEvents } from '../testing/test-events.js';
import { EVENT_STORE_MIGRATIONS } from './migrations/index.js';
import { SqlEventStore } from './sql-event-store.js';

/** The real client, counting the statements that wrote a batch of appends. */
function countingBatches(client: SqlClient): { client: SqlClient; batches: () => number } {
  let batches = 0;
  return {
    batches: () => batches,
    client: {
      query: <Row>(sql: string, params?: readonly unknown[]) => {
        // append_events takes every append of a statement: more than one stream id is a batch.
        if (sql.includes('append_events(') && (params?.[1] as unknown[]).length > 1) batches += 1;
        return client.query<Row>(sql, params);
      },
      exec: (sql: string) => client.exec(sql),
      transaction: (work) => client.transaction(work),
      close: async () => undefined,
    },
  };
}

const engines: [string, () => Promise<{ client: SqlClient; dispose: () => Promise<void> }>, number][] = [
  [
    'PGlite',
    async () => {
      const client = await PgliteClient.open(undefined);
      return { client, dispose: () => client.close() };
    },
    1,
  ],
  [
    'PostgreSQL server',
    async () => {
      const database = await createTemporaryDatabase();
      const client = await PgClient.connect(database.url, { max: 4 });
      return {
        client,
        dispose: async () => {
          await client.close();
          await database.drop();
        },
      };
    },
    2,
  ],
];

describe.each(engines)('group commit of appends on %s', (_engine, open, concurrentAppends) => {
  let opened: Awaited<ReturnType<typeof open>>;
  let store: SqlEventStore;
  let batches: () => number;

  beforeAll(async () => {
    opened = await open();
    await migrate(opened.client, EVENT_STORE_MIGRATIONS);
    const counting = countingBatches(opened.client);
    batches = counting.batches;
    store = new SqlEventStore(counting.client, { ownsClient: false, concurrentAppends });
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  it('writes appends that arrive together in shared statements, each at its own revisions', async () => {
    const streams = Array.from({ length: 8 }, () => aStreamId('group'));
    const before = batches();
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, n) => store.append(streams[n % streams.length]!, someEvents(1 + (n % 3)), 'any')),
    );
    expect(batches()).toBeGreaterThan(before);
    for (const streamId of streams) {
      const revisions = (await store.readStream(streamId)).map((event) => event.revision);
      expect(revisions).toEqual(revisions.map((_, index) => index));
    }
    const feed = await store.readAll({ filter: { streamPrefixes: [streams[0]!.split('-')[0]!] } });
    const ids = feed.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(results.every((result) => result.nextExpectedRevision >= 0)).toBe(true);
  });

  it('gives each append of a batch its own outcome: one winner per expected revision, retries answered, strangers refused', async () => {
    const contested = aStreamId('group');
    await store.append(contested, [anEvent()], 'no_stream');
    const taken = anEvent();
    const elsewhere = aStreamId('group');
    await store.append(elsewhere, [taken], 'no_stream');
    const retried = [anEvent()];
    const calm = aStreamId('group');

    const outcomes = await Promise.allSettled([
      store.append(calm, [anEvent()], 'no_stream'), // occupies the writer, so the rest queue up together
      store.append(contested, [anEvent()], 0),
      store.append(contested, [anEvent()], 0),
      store.append(aStreamId('group'), retried, 'no_stream'),
      store.append(aStreamId('group'), [taken], 'no_stream'), // an id already recorded in another stream
      store.append(calm, [anEvent()], 0),
    ]);

    const [first, winnerOrLoser1, winnerOrLoser2, , stranger, calmSecond] = outcomes;
    expect(first.status).toBe('fulfilled');
    expect(calmSecond).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1 } });
    const contestedOutcomes = [winnerOrLoser1, winnerOrLoser2];
    expect(contestedOutcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const lost = contestedOutcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(stranger.status).toBe('rejected');
    expect((stranger as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((await store.readStream(contested)).map((event) => event.revision)).toEqual([0, 1]);
    expect(await store.readStream(elsewhere)).toHaveLength(1);
  });

  it('answers an append sent twice at once with one write and the same result', async () => {
    const streamId = aStreamId('group');
    const events = someEvents(2);
    const [a, b] = (await Promise.all([
      store.append(aStreamId('group'), [anEvent()], 'no_stream'),
      store.append(streamId, events, 'no_stream'),
      store.append(streamId, events, 'no_stream'),
    ]).then((results) => results.slice(1))) as [AppendResult, AppendResult];
    expect(a).toEqual(b);
    expect(await store.readStream(streamId)).toHaveLength(2);
  });
});
