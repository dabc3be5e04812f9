import { isUniqueViolation, SqlParameters, SqlUnavailableError, type SqlClient } from '#sql';
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
} from '../store-arguments.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows.js';
import { GroupCommit, type AppendRow } from './group-commit.js';

export interface SqlEventStoreOptions {
  /**
   * Whether `close()` also closes the client (default true). Pass false when the client
   * is shared, e.g. one PGlite holding both the events and the read models.
   */
  ownsClient?: boolean;
  /**
   * Append statements in flight at once (group commit, see group-commit.ts). 1 for PGlite,
   * which has one connection; on a server, up to its pool size.
   */
  concurrentAppends?: number;
}

type ActualRevision = number | 'no_stream';

/** Where an appended id is stored already, and its position. */
interface StoredRow {
  id: string;
  stream_id: string;
  revision: string;
  commit_position: string;
  prepare_position: string;
}


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
  private readonly appends: GroupCommit;

  constructor(
    private readonly client: SqlClient,
    options: SqlEventStoreOptions = {},
  ) {
    this.ownsClient = options.ownsClient ?? true;
    this.appends = new GroupCommit(client, STREAM_LOCK_SPACE, options.concurrentAppends ?? 1);
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(streamId, events, expected);
    let row: AppendRow;
    try {
      // One statement (its own transaction), possibly shared with other appends: see
      // migrations/0007-append-events-in-one-insert.ts and group-commit.ts.
      row = await this.appends.append({
        streamId,
        required: requiredLastRevision(expected),
        events: events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
      });
    } catch (error) {
      // The stream lock rules out duplicate revisions: an id is stored already, a retry
      // or a conflict, which the stored events tell apart.
      if (isUniqueViolation(error)) return this.retryOrConflict(streamId, events, expected);
      throw unavailableOr(error);
    }
    if (row.outcome === 'appended') {
      return {
        nextExpectedRevision: Number(row.revision),
        position: { commit: BigInt(row.commit_position!), prepare: BigInt(row.prepare_position!) },
      };
    }
    // A retry of an append made with the exact revision finds the stream past it.
    if (row.outcome === 'wrong-revision') return this.retryOrConflict(streamId, events, expected, toActual(row.revision));
    throw new Error(`append_events answered ${JSON.stringify(row)} for ${streamId}`);
  }

  /**
   * The append was refused (its revision) or failed (an id stored already): it is an
   * idempotent retry if its events are stored exactly as it would have written them
   * (idempotent-retry.ts), and answers the original result; otherwise a conflict.
   */
  private async retryOrConflict(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    actual?: ActualRevision,
  ): Promise<AppendResult> {
    const ids = events.map((event) => event.id);
    let stored: StoredRow[];
    try {
      stored = await this.client.query<StoredRow>(
        `SELECT event_id::text AS id, stream_id, stream_revision::text AS revision,
                transaction_id::text AS commit_position, global_position::text AS prepare_position
           FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY stream_revision`,
        [ids],
      );
    } catch (error) {
      throw unavailableOr(error);
    }
    const found = stored.map((row) => ({ id: row.id, streamId: row.stream_id, revision: Number(row.revision) }));
    if (judgeRetry(streamId, ids, found, expected) === 'retry') {
      const last = stored[stored.length - 1]!;
      return {
        nextExpectedRevision: Number(last.revision),
        position: { commit: BigInt(last.commit_position), prepare: BigInt(last.prepare_position) },
      };
    }
    throw new WrongExpectedRevisionError(streamId, expected, actual ?? (await this.actualRevision(streamId)));
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

  async readEventsById(streamId: string, ids: readonly string[]): Promise<RecordedEvent[]> {
    if (ids.length === 0) return [];
    // The unique index on event_id answers it; the stream is checked on the rows found.
    return this.select(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::uuid[]) AND stream_id = $2 ORDER BY stream_revision`,
      [[...ids], streamId],
    );
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertReadAllOptions(options);
    // The xmin rule of docs/adr/0003 and the filters, in a function
    // that pins an ordered walk of the feed index: see migrations/0004-feed-read-function.ts.
    const after = options.after !== undefined && options.after.commit >= 0n ? options.after : undefined;
    const { streamPrefixes, eventTypes } = options.filter ?? {};
    return this.select(`SELECT ${EVENT_COLUMNS} FROM read_feed($1::text::xid8, $2::text::bigint, $3::text[], $4::text[], $5)`, [
      after === undefined ? '0' : String(after.commit),
      after === undefined ? '-1' : String(after.prepare),
      streamPrefixes === undefined ? null : [...streamPrefixes],
      eventTypes === undefined ? null : [...eventTypes],
      options.maxCount ?? null,
    ]);
  }

  async headPosition(filter?: FeedFilter): Promise<GlobalPosition | undefined> {
    assertReadAllOptions(filter === undefined ? {} : { filter });
    const params = new SqlParameters();
    const where = feedConditions(params, filter);
    const sql =
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')}` +
      ` ORDER BY transaction_id DESC, global_position DESC LIMIT 1`;
    const [last] = await this.select(sql, params.values);
    return last?.position;
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
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
 * What the append function must find as the stream's last revision before writing (see
 * its migration): the expected revision in its terms, the same rule as
 * `expectedRevisionHolds` (store-arguments.ts) applies for the other adapters.
 */
function requiredLastRevision(expected: ExpectedRevision): number | null {
  switch (expected) {
    case 'any':
      return null;
    case 'no_stream':
      return -1;
    case 'stream_exists':
      return -2;
    default:
      return expected;
  }
}

function toActual(lastRevision: string | undefined): ActualRevision {
  if (lastRevision === undefined) return 'no_stream';
  const revision = Number(lastRevision);
  return revision < 0 ? 'no_stream' : revision;
}

function unavailableOr(error: unknown): unknown {
  if (error instanceof SqlUnavailableError) {
    return new EventStoreUnavailableError(`event store unavailable: ${error.message}`, { cause: error });
  }
  return error;
}

/**
 * The conditions of the feed's head (headPosition): the same as read_feed's (migration 4),
 * which is where the feed is read.
 */
function feedConditions(params: SqlParameters, filter: FeedFilter | undefined): string[] {
  // The xmin rule (docs/adr/0003-global-feed-without-gaps.md): a transaction still in
  // progress may commit later with smaller positions than events already committed.
  // Serving only events of transactions older than the oldest one still running means
  // that whatever is not visible now can only ever sort after what is served now, so a
  // reader that continues "after the last position it got" never skips an event.
  const where = ['transaction_id < pg_snapshot_xmin(pg_current_snapshot())'];
  const { streamPrefixes, eventTypes } = filter ?? {};
  if (streamPrefixes !== undefined) where.push(`stream_id ^@ ANY (${params.add([...streamPrefixes])}::text[])`);
  if (eventTypes !== undefined) where.push(`event_type = ANY(${params.add([...eventTypes])}::text[])`);
  return where;
}
