import { PgClient, migrate, type SqlClient, type SqlTransaction } from '#sql';
import { createTemporaryDatabase } from '#sql/testing';
import type { RecordedEvent } from '../event-store.port.js';
import { comparePositions, type GlobalPosition } from '../position.js';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { aUniquePrefix, anEvent } from '../testing/test-events.js';
import { EVENT_STORE_MIGRATIONS } from './migrations/index.js';
import { SqlEventStore } from './sql-event-store.js';
import { describeStoredIdCheck } from './testing/stored-id-check.js';

/** A fresh, migrated database on the test server; closed and dropped by `dispose`. */
async function openOnServer(max = 5) {
  const database = await createTemporaryDatabase();
  const client = await PgClient.connect(database.url, { max });
  await migrate(client, EVENT_STORE_MIGRATIONS);
  return {
    database,
    client,
    store: new SqlEventStore(client, { ownsClient: false }),
    dispose: async () => {
      await client.close();
      await database.drop();
    },
  };
}

describeEventStoreContract('postgres (PostgreSQL server through pg)', async () => {
  const { store, dispose } = await openOnServer();
  return { store, dispose };
});

describeStoredIdCheck('postgres, one connection', async () => {
  const { client, store, dispose } = await openOnServer(1);
  return { client, store, dispose };
});

/** What one append of the load does inside its transaction, after the adapter's work. */
interface AppendPlan {
  /** pg_sleep before COMMIT: the transaction keeps its sequence numbers that long. */
  holdMs: number;
  /** Throws after the adapter's work, so the transaction rolls back. */
  rollback: boolean;
}

class RolledBackOnPurpose extends Error {}

/**
 * The real client and the real adapter, with the transaction made longer (or rolled
 * back) after the adapter has inserted its events: the adapter's SQL is unchanged, the
 * transaction just ends later, like a writer on a slow or busy connection. The adapter
 * appends in one statement (its own transaction); here that statement runs inside a
 * transaction of the test's, which then holds or rolls back.
 */
function withPlan(client: SqlClient, plan: AppendPlan): SqlClient {
  const held = async <T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> =>
    client.transaction(async (tx) => {
      const result = await work(tx);
      if (plan.holdMs > 0) await tx.query('SELECT pg_sleep($1::float8)', [plan.holdMs / 1000]);
      if (plan.rollback) throw new RolledBackOnPurpose();
      return result;
    });
  return {
    query: <Row>(sql: string, params?: readonly unknown[]) =>
      sql.includes('append_events(') ? held((tx) => tx.query<Row>(sql, params)) : client.query<Row>(sql, params),
    exec: (sql: string) => client.exec(sql),
    close: async () => undefined,
    transaction: held,
  };
}

/** Small deterministic PRNG (mulberry32), so that a failing load can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SqlEventStore on a PostgreSQL server', () => {
  let opened: Awaited<ReturnType<typeof openOnServer>>;

  beforeAll(async () => {
    opened = await openOnServer();
  });

  afterAll(async () => {
    await opened?.dispose();
  });

  describe('the global feed under concurrent writers (DESIGN.md: no event is ever skipped)', () => {
    const WRITERS = 10;
    const APPENDS_PER_WRITER = 16;
    const PAGE = 4;

    it(
      `serves a reader following it in pages every committed event exactly once, in one order, ` +
        `while ${WRITERS} connections write in transactions of varying length, some rolled back; ` +
        'a reader by global_position alone misses some under the same load',
      async () => {
        const seed = Number(process.env['FEED_LOAD_SEED'] ?? Date.now() % 1_000_000);
        const next = random(seed);
        const prefix = aUniquePrefix('feedload');
        const streams = Array.from({ length: 6 }, (_, n) => `${prefix}s${n}`);
        const filter = { streamPrefixes: [prefix] };
        // One connection per writer, and the readers on their own pool.
        const writerClient = await PgClient.connect(opened.database.url, { max: WRITERS });
        const readerClient = await PgClient.connect(opened.database.url, { max: 2 });
        const reader = new SqlEventStore(readerClient);
        const committed: string[] = [];
        const rolledBack: string[] = [];
        const committedPositions: GlobalPosition[] = [];
        const plans = { held: 0, rolledBack: 0, fast: 0 };
        let writing = true;

        try {
          const writers = Array.from({ length: WRITERS }, async (_, writer) => {
            for (let n = 0; n < APPENDS_PER_WRITER; n++) {
              const roll = next();
              const plan: AppendPlan =
                roll < 0.45
                  ? { holdMs: 0, rollback: false }
                  : roll < 0.8
                    ? { holdMs: 20 + Math.floor(next() * 180), rollback: false }
                    : { holdMs: next() < 0.5 ? 0 : 20 + Math.floor(next() * 100), rollback: true };
              if (plan.rollback) plans.rolledBack++;
              else if (plan.holdMs > 0) plans.held++;
              else plans.fast++;
              const events = Array.from({ length: 1 + Math.floor(next() * 3) }, () => anEvent(`Load${writer}`));
              const store = new SqlEventStore(withPlan(writerClient, plan), { ownsClient: false });
              const streamId = streams[Math.floor(next() * streams.length)]!;
              try {
                const result = await store.append(streamId, events, 'any');
                committed.push(...events.map((e) => e.id));
                committedPositions.push(result.position);
              } catch (error) {
                if (!(error instanceof RolledBackOnPurpose)) throw error;
                rolledBack.push(...events.map((e) => e.id));
              }
              if (next() < 0.3) await pause(Math.floor(next() * 10));
            }
          });

          // The reader under test: readAll from its checkpoint, in small pages, like a projector.
          const followFeed = async (): Promise<RecordedEvent[]> => {
            const seen: RecordedEvent[] = [];
            let deadline = Infinity;
            for (;;) {
              const page = await reader.readAll({ after: seen.at(-1)?.position, filter, maxCount: PAGE });
              seen.push(...page);
              if (!writing) {
                // A subscription never ends; this one stops once it has reached the last
                // committed append (feed order is position order), or gives up after 15 s
                // so that a skipped event fails the assertions below instead of hanging.
                const last = committedPositions.reduce<GlobalPosition | undefined>(
                  (a, b) => (a !== undefined && comparePositions(a, b) >= 0 ? a : b),
                  undefined,
                );
                const reached = last === undefined || (seen.length > 0 && comparePositions(seen.at(-1)!.position, last) >= 0);
                if (reached) return seen;
                deadline = Math.min(deadline, Date.now() + 15_000);
                if (Date.now() > deadline) return seen;
              }
              if (page.length < PAGE) await pause(2);
            }
          };

          // The naive reader: "everything after the last sequence number I saw".
          const followBySequence = async (): Promise<string[]> => {
            const seen: string[] = [];
            let last = '0';
            for (;;) {
              const done = !writing;
              const page = await readerClient.query<{ id: string; position: string }>(
                `SELECT event_id::text AS id, global_position::text AS position FROM events
                  WHERE starts_with(stream_id, $1) AND global_position > $2::text::bigint
                  ORDER BY global_position LIMIT ${PAGE}`,
                [prefix, last],
              );
              seen.push(...page.map((row) => row.id));
              last = page.at(-1)?.position ?? last;
              if (done && page.length === 0) return seen;
              if (page.length < PAGE) await pause(2);
            }
          };

          const following = followFeed();
          const followingBySequence = followBySequence();
          await Promise.all(writers).finally(() => (writing = false));
          const [seen, seenBySequence] = await Promise.all([following, followingBySequence]);

          const context = `(seed ${seed}: ${JSON.stringify(plans)})`;
          // The load really had slow, fast and rolled-back writers.
          expect({ context, held: plans.held > 0, rolledBack: rolledBack.length > 0, fast: plans.fast > 0 }).toEqual({
            context,
            held: true,
            rolledBack: true,
            fast: true,
          });

          const seenIds = seen.map((e) => e.id);
          // Every committed event exactly once, none of the rolled-back ones.
          expect(new Set(seenIds).size).toBe(seenIds.length);
          expect([...seenIds].sort()).toEqual([...committed].sort());
          expect(seenIds.filter((id) => rolledBack.includes(id))).toEqual([]);
          // One order, strictly increasing, and the same as a full read of the feed now.
          for (let i = 1; i < seen.length; i++) {
            expect(comparePositions(seen[i - 1]!.position, seen[i]!.position)).toBeLessThan(0);
          }
          expect(seen).toEqual(await reader.readAll({ filter }));
          // Each stream's events in revision order, without gaps: the feed never shows a
          // stream's revision n+1 before n (see lockStream in sql-event-store.ts).
          for (const streamId of streams) {
            const revisions = seen.filter((e) => e.streamId === streamId).map((e) => e.revision);
            expect(revisions).toEqual([...revisions.keys()]);
          }

          // The same load, read by sequence number alone: events lost behind the checkpoint.
          const missedBySequence = committed.filter((id) => !seenBySequence.includes(id));
          expect(missedBySequence.length).toBeGreaterThan(0);
          expect(seenBySequence.filter((id) => rolledBack.includes(id))).toEqual([]);
        } finally {
          writing = false;
          await Promise.all([writerClient.close(), reader.close()]);
        }
      },
    );
  });

  it('migrates safely from several clients at once: all succeed, each migration applied once', async () => {
    const database = await createTemporaryDatabase();
    const clients = await Promise.all(
      Array.from({ length: 6 }, () => PgClient.connect(database.url, { max: 1 })),
    );
    try {
      const runs = await Promise.all(clients.map((client) => migrate(client, EVENT_STORE_MIGRATIONS)));

      const versions = EVENT_STORE_MIGRATIONS.map((m) => m.version);
      expect(runs.flat()).toEqual(versions);
      expect(runs.filter((applied) => applied.length === 0)).toHaveLength(clients.length - 1);
      const recorded = await clients[0]!.query<{ version: number }>('SELECT version FROM schema_migrations');
      expect(recorded.map((row) => Number(row.version)).sort()).toEqual(versions);
      // The schema works: an append and a read through one of the clients.
      const store = new SqlEventStore(clients[1]!, { ownsClient: false });
      const streamId = `${aUniquePrefix('migrated')}x`;
      await store.append(streamId, [anEvent()], 'no_stream');
      expect(await store.readStream(streamId)).toHaveLength(1);
    } finally {
      await Promise.all(clients.map((client) => client.close()));
      await database.drop();
    }
  });

  it('refuses to change or delete a recorded event', async () => {
    const streamId = `${aUniquePrefix('immutable')}x`;
    await opened.store.append(streamId, [anEvent()], 'no_stream');

    for (const statement of [
      `UPDATE events SET event_type = 'Edited' WHERE stream_id = $1`,
      `DELETE FROM events WHERE stream_id = $1`,
    ]) {
      await expect(opened.client.query(statement, [streamId])).rejects.toMatchObject({ name: 'SqlError', code: '23001' });
    }
  });

  it('reports an unreachable server as EventStoreUnavailableError', async () => {
    const gone = await PgClient.connect('postgres://postgres@127.0.0.1:1/postgres', { verify: false });
    const store = new SqlEventStore(gone);
    try {
      await expect(store.append(`${aUniquePrefix('gone')}x`, [anEvent()], 'any')).rejects.toMatchObject({
        name: 'EventStoreUnavailableError',
      });
      await expect(store.readAll()).rejects.toMatchObject({ name: 'EventStoreUnavailableError' });
    } finally {
      await store.close();
    }
  });
});
