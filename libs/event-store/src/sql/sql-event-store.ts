import { isUniqueViolation, SqlParameters, SqlUnavailableError, type SqlClient, type SqlQueryable } from '#sql';
import {
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type FeedFilter,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '../event-store.port.js';
import { judgeRetry } from '../idempotent-retry.js';
import type { GlobalPosition } from '../position.js';
import {
  assertAppendable,
  assertReadAllOptions,
  assertReadStreamOptions,
  expectedRevisionHolds,
} from '../store-arguments.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows.js';

export interface SqlEventStoreOptions {
  /**
   * Whether `close()` also closes the client (default true). Pass false when the client
   * is shared, e.g. one PGlite holding both the events and the read models.
   */
  ownsClient?: boolean;
}

type ActualRevision = number | 'no_stream';

interface StoredIdRow {
  id: string;
  stream_id: string;
  revision: string;
  commit_position: string;
  prepare_position: string;
}

const LOCK_STREAM = 'SELECT last_revision::text AS last_revision FROM streams WHERE stream_id = $1 FOR UPDATE';

/**
 * First key of the per-stream advisory locks (the second is the stream id's hash). The
 * two-key form is a lock space of its own: it never meets `migrate`'s one-key lock.
 */
const STREAM_LOCK_SPACE = 0x5354_524d; // 'STRM'

/**
 * The event store on PostgreSQL — embedded (PGlite) or a server (`pg`) — through
 * `SqlClient`, with the schema of `EVENT_STORE_MIGRATIONS`. Nothing here is engine-specific.
 */
export class SqlEventStore implements EventStore {
  private readonly ownsClient: boolean;

  constructor(
    private readonly client: SqlClient,
    options: SqlEventStoreOptions = {},
  ) {
    this.ownsClient = options.ownsClient ?? true;
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(streamId, events, expected);
    try {
      return await this.client.transaction((tx) => this.appendLocked(tx, streamId, events, expected));
    } catch (error) {
      // The stream lock rules out duplicate revisions; what remains is an id committed
      // in another stream by an append that raced this one. Same answer as a conflict.
      if (isUniqueViolation(error)) {
        throw new WrongExpectedRevisionError(streamId, expected, await this.actualRevision(streamId));
      }
      throw unavailableOr(error);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertReadStreamOptions(options);
    const backwards = options.direction === 'backwards';
    const params = new SqlParameters();
    const where = [`stream_id = ${params.add(streamId)}`];
    if (options.fromRevision !== undefined) {
      where.push(`stream_revision ${backwards ? '<=' : '>='} ${params.add(options.fromRevision)}`);
    }
    if (options.toRevision !== undefined) where.push(`stream_revision <= ${params.add(options.toRevision)}`);
    if (options.until !== undefined) where.push(`recorded_at <= ${params.add(options.until)}::timestamptz`);
    const limit = options.maxCount === undefined ? '' : ` LIMIT ${params.add(options.maxCount)}`;
    const sql =
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')}` +
      ` ORDER BY stream_revision ${backwards ? 'DESC' : 'ASC'}${limit}`;
    return this.select(sql, params.values);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertReadAllOptions(options);
    const params = new SqlParameters();
    const where = feedConditions(params, options.after, options.filter);
    const limit = options.maxCount === undefined ? '' : ` LIMIT ${params.add(options.maxCount)}`;
    const sql =
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')}` +
      ` ORDER BY transaction_id, global_position${limit}`;
    return this.select(sql, params.values);
  }

  async headPosition(filter?: FeedFilter): Promise<GlobalPosition | undefined> {
    assertReadAllOptions(filter === undefined ? {} : { filter });
    const params = new SqlParameters();
    const where = feedConditions(params, undefined, filter);
    const sql =
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')}` +
      ` ORDER BY transaction_id DESC, global_position DESC LIMIT 1`;
    const [last] = await this.select(sql, params.values);
    return last?.position;
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }

  private async appendLocked(
    tx: SqlQueryable,
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const actual = await lockStream(tx, streamId);
    const ids = events.map((event) => event.id);
    const stored = await tx.query<StoredIdRow>(
      `SELECT event_id::text AS id, stream_id, stream_revision::text AS revision,
              transaction_id::text AS commit_position, global_position::text AS prepare_position
         FROM events WHERE event_id = ANY($1::uuid[])`,
      [ids],
    );
    const verdict = judgeRetry(
      streamId,
      ids,
      stored.map((row) => ({ id: row.id, streamId: row.stream_id, revision: Number(row.revision) })),
      expected,
    );
    if (verdict === 'retry') return appendResultOf(stored);
    if (verdict === 'conflict' || !expectedRevisionHolds(expected, actual)) {
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    const firstRevision = actual === 'no_stream' ? 0 : actual + 1;
    // One statement for the whole batch: the identity values follow the batch's order.
    const inserted = await tx.query<StoredIdRow>(
      `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata, recorded_at)
       SELECT $1, $2::bigint + batch.ordinality - 1, (batch.event->>'id')::uuid, batch.event->>'type',
              batch.event->'data', batch.event->'metadata', (batch.event->'metadata'->>'recordedAt')::timestamptz
         FROM jsonb_array_elements($3::text::jsonb) WITH ORDINALITY AS batch(event, ordinality)
        ORDER BY batch.ordinality
       RETURNING event_id::text AS id, stream_id, stream_revision::text AS revision,
                 transaction_id::text AS commit_position, global_position::text AS prepare_position`,
      [
        streamId,
        firstRevision,
        JSON.stringify(events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata }))),
      ],
    );
    const result = appendResultOf(inserted);
    await tx.query('UPDATE streams SET last_revision = $2 WHERE stream_id = $1', [
      streamId,
      result.nextExpectedRevision,
    ]);
    return result;
  }

  private async actualRevision(streamId: string): Promise<ActualRevision> {
    try {
      const rows = await this.client.query<{ last_revision: string }>(
        'SELECT last_revision::text AS last_revision FROM streams WHERE stream_id = $1',
        [streamId],
      );
      return toActual(rows[0]?.last_revision);
    } catch (error) {
      throw unavailableOr(error);
    }
  }

  private async select(sql: string, params: readonly unknown[]): Promise<RecordedEvent[]> {
    try {
      return (await this.client.query<EventRow>(sql, params)).map(toRecordedEvent);
    } catch (error) {
      throw unavailableOr(error);
    }
  }
}

/**
 * Takes the stream for the rest of the transaction: first a transaction-scoped advisory
 * lock on the stream id, then the stream's row (created at -1 for a new stream).
 * Concurrent creators queue: the second one finds the stream committed with an event, so
 * its `no_stream` fails as a WrongExpectedRevisionError, never as a raw unique violation.
 *
 * Why the advisory lock, first, although the row lock alone serialises the appends: the
 * feed is ordered by transaction id (docs/adr/0003), so a stream's events keep their
 * revision order in the feed only if each append gets its transaction id *after* the
 * previous append to that stream has committed. Waiting on the row does not ensure it:
 * in READ COMMITTED a waiter that wakes up behind an updated row takes a transaction id
 * while following the update chain, then may queue again behind another waiter — and
 * commit revision n+1 with a smaller transaction id than revision n (the PostgreSQL
 * int-spec caught it under load). Waiting for an advisory lock takes no transaction id,
 * and this is the transaction's first statement, so its id comes after the lock.
 */
async function lockStream(tx: SqlQueryable, streamId: string): Promise<ActualRevision> {
  await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2::text))', [STREAM_LOCK_SPACE, streamId]);
  const existing = await tx.query<{ last_revision: string }>(LOCK_STREAM, [streamId]);
  if (existing[0]) return toActual(existing[0].last_revision);
  await tx.query('INSERT INTO streams (stream_id, last_revision) VALUES ($1, -1) ON CONFLICT (stream_id) DO NOTHING', [
    streamId,
  ]);
  const created = await tx.query<{ last_revision: string }>(LOCK_STREAM, [streamId]);
  return toActual(created[0]?.last_revision);
}

function toActual(lastRevision: string | undefined): ActualRevision {
  if (lastRevision === undefined) return 'no_stream';
  const revision = Number(lastRevision);
  return revision < 0 ? 'no_stream' : revision;
}

/** The result of the append that wrote these rows: its last event's revision and position. */
function appendResultOf(rows: readonly StoredIdRow[]): AppendResult {
  const last = rows.reduce((a, b) => (Number(b.revision) > Number(a.revision) ? b : a));
  return {
    nextExpectedRevision: Number(last.revision),
    position: { commit: BigInt(last.commit_position), prepare: BigInt(last.prepare_position) },
  };
}

function unavailableOr(error: unknown): unknown {
  if (error instanceof SqlUnavailableError) {
    return new EventStoreUnavailableError(`event store unavailable: ${error.message}`, { cause: error });
  }
  return error;
}

/** The conditions of a feed read: visible transactions only, after a position, filtered. */
function feedConditions(params: SqlParameters, after: GlobalPosition | undefined, filter: FeedFilter | undefined): string[] {
  // The xmin rule (docs/adr/0003-global-feed-without-gaps.md): a transaction still in
  // progress may commit later with smaller positions than events already committed.
  // Serving only events of transactions older than the oldest one still running means
  // that whatever is not visible now can only ever sort after what is served now, so a
  // reader that continues "after the last position it got" never skips an event.
  const where = ['transaction_id < pg_snapshot_xmin(pg_current_snapshot())'];
  if (after !== undefined && after.commit >= 0n) {
    where.push(
      `(transaction_id, global_position) > (${params.add(String(after.commit))}::text::xid8, ` +
        `${params.add(String(after.prepare))}::text::bigint)`,
    );
  }
  const { streamPrefixes, eventTypes } = filter ?? {};
  if (streamPrefixes !== undefined) {
    where.push(`EXISTS (SELECT FROM unnest(${params.add([...streamPrefixes])}::text[]) AS prefix
                WHERE starts_with(stream_id, prefix))`);
  }
  if (eventTypes !== undefined) where.push(`event_type = ANY(${params.add([...eventTypes])}::text[])`);
  return where;
}
