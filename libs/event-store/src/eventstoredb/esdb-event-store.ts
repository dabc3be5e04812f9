import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  type AppendResult as ClientAppendResult,
  type StreamingRead,
} from '@eventstore/db-client';
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
import { judgeRetry, type StoredEventPlace } from '../idempotent-retry.js';
import type { GlobalPosition } from '../position.js';
import {
  assertAppendable,
  assertReadAllOptions,
  assertReadStreamOptions,
  expectedRevisionHolds,
} from '../store-arguments.js';
import { isStreamNotFound, isWrongExpectedVersion, translateClientError } from './client-errors.js';
import {
  revisionNumber,
  toClientCurrentRevision,
  toClientExpectedRevision,
  toWrongExpectedRevisionError,
  type ActualRevision,
} from './expected-revision.js';
import { EventsByIdCollector } from './events-by-id.js';
import { FeedCollector, servedByFeed } from './feed-reads.js';
import { toGlobalPosition, toReadPosition } from './positions.js';
import { toEventData, toRecordedEvent } from './recorded-events.js';
import { StreamReadCollector, planStreamRead } from './stream-reads.js';

/**
 * The event store on EventStoreDB (server 22.6 or later, gRPC, @eventstore/db-client 6.x).
 * Streams are EventStoreDB streams of JSON events; the global feed is `$all`.
 *
 * ## Why polling `readAll({ after })` never skips an event here
 *
 * The projector follows the feed by polling `readAll` from the last position it applied
 * (the port has no subscription). On PostgreSQL that needs the xmin rule (docs/adr/0003)
 * because a larger sequence value can commit before a smaller one. EventStoreDB has no
 * such gap: `$all` *is* its transaction log, one append-only file written by a single
 * writer. An event's position is the offset of its record in that log, so the feed is
 * totally ordered by commit position, positions are handed out in the order the writes
 * happen, every position is final when written, and nothing is ever inserted before a
 * position already written. Reads of `$all` serve only
 * records below the node's (replication) checkpoint, i.e. a prefix of the log. So an event
 * that a read does not return yet can only ever appear after everything that read returned,
 * and "strictly after the last position received" is gap-free — the guarantee the port
 * asks for, with no visibility rule of our own. (Legacy explicit transactions, which order
 * by commit record, are not used: every gRPC append is one implicit transaction.) A
 * `subscribeToAll` catch-up subscription relies on the same property; it is not needed.
 *
 * ## Appends
 *
 * EventStoreDB checks the expected revision atomically, but its idempotence is not the
 * port's: it accepts event ids that are already in the stream when they are not exactly
 * where the append would put them (an append at the current revision never looks at ids),
 * and with `ANY` it compares ids against a bounded in-memory cache only. So `append` reads
 * the stream's state first (its last revision and where the ids are, newest first) and
 * judges it with the same `judgeRetry` as the SQL adapter; then it writes *conditionally on
 * exactly that state* (`expectedRevision` = the last revision seen, or `NO_STREAM`). If the
 * stream moved in between, the server refuses (WrongExpectedVersion) and the append judges
 * again on the new state — optimistic concurrency in place of the SQL adapter's lock, with
 * the same outcomes. After a bounded number of such rounds it writes with the caller's own
 * expectation, so a busy stream cannot starve an `any` writer (that last write falls back
 * on EventStoreDB's own, weaker idempotence check). Ids stored in *another*
 * stream are not looked for: EventStoreDB has no index of event ids.
 *
 * Cost: the state read walks the stream back to its first event unless every id is found
 * sooner; one more read of the last written event gives the position, the same value the
 * stream and the feed report for it (an idempotent server-side write may report none).
 * Both reads require the leader, which takes the writes, so that they see them.
 */
export class EventStoreDbEventStore implements EventStore {
  private closed = false;

  constructor(private readonly client: EventStoreDBClient) {}

  /**
   * A store on the server(s) of an EventStoreDB connection string, e.g.
   * `esdb://localhost:2113?tls=false`. With `verify` (default true) one read of `$all` checks
   * that the server answers; an unreachable server is an `EventStoreUnavailableError`.
   */
  static async connect(
    connectionString: string,
    options: EventStoreDbConnectOptions = {},
  ): Promise<EventStoreDbEventStore> {
    const store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
    if (options.verify ?? true) {
      try {
        const read = store.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
        await store.consume('connect', read, () => false);
      } catch (error) {
        await store.close();
        throw error;
      }
    }
    return store;
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    assertAppendable(streamId, events, expected);
    this.assertOpen();
    const ids = events.map((event) => event.id);
    const lastId = ids[ids.length - 1]!;
    const data = events.map(toEventData);
    for (let attempt = 1; ; attempt++) {
      const state = await this.streamState(streamId, ids);
      const verdict = judgeRetry(streamId, ids, state.found, expected);
      if (verdict === 'retry') return lastPlaceOf(state.found);
      if (verdict === 'conflict' || !expectedRevisionHolds(expected, state.actual)) {
        throw new WrongExpectedRevisionError(streamId, expected, state.actual);
      }
      const conditional = attempt <= CONDITIONAL_ROUNDS;
      let written: ClientAppendResult;
      try {
        written = await this.client.appendToStream(streamId, data, {
          expectedRevision: conditional ? toClientCurrentRevision(state.actual) : toClientExpectedRevision(expected),
        });
      } catch (error) {
        if (isWrongExpectedVersion(error)) {
          if (conditional) continue; // the stream moved since it was read: judge again
          throw toWrongExpectedRevisionError(error, expected, streamId);
        }
        throw translateClientError(error, `append to ${streamId}`);
      }
      const result = await this.writtenResult(streamId, written.nextExpectedRevision, lastId);
      if (result !== undefined) return result;
      if (!conditional) {
        throw new Error(
          `append to ${streamId}: acknowledged, but revision ${written.nextExpectedRevision} is not event ${lastId}`,
        );
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertReadStreamOptions(options);
    this.assertOpen();
    const plan = planStreamRead(options);
    if (plan === undefined) return [];
    const collector = new StreamReadCollector(options);
    const read = this.client.readStream(streamId, {
      direction: plan.direction,
      fromRevision: plan.fromRevision,
      ...(plan.maxCount === undefined ? {} : { maxCount: plan.maxCount }),
    });
    await this.consume(`read ${streamId}`, read, (resolved) =>
      resolved.event === undefined ? true : collector.offer(toRecordedEvent(resolved.event)),
    );
    return collector.events;
  }

  async readEventsById(streamId: string, ids: readonly string[]): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (ids.length === 0) return [];
    const collector = new EventsByIdCollector(ids);
    const read = this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, requiresLeader: true });
    await this.consume(`read ${streamId}`, read, (resolved) =>
      resolved.event === undefined ? true : collector.offer(toRecordedEvent(resolved.event)),
    );
    return collector.events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertReadAllOptions(options);
    this.assertOpen();
    if (options.maxCount === 0) return [];
    const collector = new FeedCollector(options);
    // No maxCount for the server: EventStoreDB's own events and the filtered-out ones are
    // read too. The read streams (gRPC flow control) and is cancelled once enough is taken.
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: toReadPosition(options.after) });
    await this.consume('read $all', read, (resolved) =>
      resolved.event === undefined ? true : collector.offer(resolved.event),
    );
    return collector.events;
  }

  async headPosition(filter?: FeedFilter): Promise<GlobalPosition | undefined> {
    assertReadAllOptions(filter === undefined ? {} : { filter });
    this.assertOpen();
    let head: GlobalPosition | undefined;
    // Backwards from the end of the log to the last event the feed would serve.
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    await this.consume('read $all backwards', read, (resolved) => {
      const event = resolved.event;
      if (event === undefined || !servedByFeed(event, filter)) return true;
      head = toGlobalPosition(event.position, `event ${event.id} (${event.streamId}@${event.revision})`);
      return false;
    });
    return head;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.dispose();
  }

  /** The stream's last revision, and where the given ids are in it (read newest first). */
  private async streamState(streamId: string, ids: readonly string[]): Promise<StreamState> {
    const wanted = new Set(ids.map((id) => id.toLowerCase()));
    const state: StreamState = { actual: 'no_stream', found: [] };
    const read = this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, requiresLeader: true });
    await this.consume(`read ${streamId}`, read, ({ event }) => {
      if (event === undefined) return true;
      const revision = revisionNumber(event.revision);
      if (state.actual === 'no_stream') state.actual = revision;
      if (wanted.has(event.id.toLowerCase())) {
        const position = toGlobalPosition(event.position, `event ${event.id} (${streamId}@${revision})`);
        state.found.push({ id: event.id, streamId, revision, position });
      }
      return state.found.length < wanted.size;
    });
    return state;
  }

  /**
   * The result of an acknowledged append: the position of its last event as stream and
   * feed report it, read back — or undefined when that revision holds another event.
   */
  private async writtenResult(streamId: string, lastRevision: bigint, lastId: string): Promise<AppendResult | undefined> {
    let result: AppendResult | undefined;
    const read = this.client.readStream(streamId, {
      direction: FORWARDS,
      fromRevision: lastRevision,
      maxCount: 1,
      requiresLeader: true,
    });
    await this.consume(`read ${streamId}`, read, ({ event }) => {
      if (event !== undefined && event.id.toLowerCase() === lastId.toLowerCase()) {
        const revision = revisionNumber(event.revision);
        result = {
          nextExpectedRevision: revision,
          position: toGlobalPosition(event.position, `event ${event.id} (${streamId}@${revision})`),
        };
      }
      return false;
    });
    return result;
  }

  /**
   * Runs one streaming read to its end or until `visit` returns false (then cancels the
   * call). An absent stream reads as nothing; failures are translated to the port's.
   */
  private async consume<E>(action: string, read: StreamingRead<E>, visit: (item: E) => boolean): Promise<void> {
    let complete = false;
    try {
      for await (const item of read) {
        if (!visit(item)) return;
      }
      complete = true;
    } catch (error) {
      if (isStreamNotFound(error)) return;
      throw translateClientError(error, action);
    } finally {
      // Leaving the loop early only ends the Readable; the gRPC call goes on until cancelled.
      // Cancelling a call the server already ended (an error) does nothing.
      if (!complete) await read.cancel().catch(() => undefined);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('event store unavailable: the EventStoreDB store is closed');
  }
}

export interface EventStoreDbConnectOptions {
  /** Read `$all` once before returning, so that a wrong address fails at start-up (default true). */
  verify?: boolean;
}

/** Writes conditional on the state just read, before one with the caller's own expectation. */
const CONDITIONAL_ROUNDS = 32;

interface StoredPlace extends StoredEventPlace {
  position: GlobalPosition;
}

interface StreamState {
  actual: ActualRevision;
  found: StoredPlace[];
}

/** The original result of an append whose events are all stored: its last event's place. */
function lastPlaceOf(found: readonly StoredPlace[]): AppendResult {
  const last = found.reduce((a, b) => (b.revision > a.revision ? b : a));
  return { nextExpectedRevision: last.revision, position: last.position };
}
