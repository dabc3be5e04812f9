import { BACKWARDS, END, EventStoreDBClient, type StreamingRead } from '@eventstore/db-client';
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
import type { GlobalPosition } from '../position.js';
import { assertAppendable, assertReadAllOptions, assertReadStreamOptions } from '../store-arguments.js';
import { firstRevisionOfPlace, lastWrittenPosition, placeFitsExpectation, retriedResult } from './append-outcome.js';
import { isStreamNotFound, isWrongExpectedVersion, translateClientError } from './client-errors.js';
import { revisionNumber, toClientExpectedRevision, toWrongExpectedRevisionError, type ActualRevision } from './expected-revision.js';
import { toServerFilter } from './feed-filters.js';
import { FeedFollowers, type FollowersLimits } from './feed-follower.js';
import { servedByFeed } from './feed-reads.js';
import { EventsByIdCollector } from './events-by-id.js';
import { toGlobalPosition, toReadPosition } from './positions.js';
import { toEventData, toRecordedEvent } from './recorded-events.js';
import { StreamReadCollector, planStreamRead } from './stream-reads.js';

/**
 * The event store on EventStoreDB (server 23.10 or later, gRPC, @eventstore/db-client 6.x).
 * Streams are EventStoreDB streams of JSON events; the global feed is `$all`. The design,
 * and what EventStoreDB gives differently from the SQL adapters, is in ./README.md.
 *
 * - `append`: one `appendToStream` with the caller's expected revision; the server checks
 *   it and deduplicates by event id; a read only when its answer must be resolved
 *   (append-outcome.ts). Nothing reads the stream before writing.
 * - `readAll`: served by catch-up subscriptions to `$all` with a server-side filter, kept
 *   open between reads (feed-follower.ts).
 * - `readStream`, `headPosition`: reads.
 */
export class EventStoreDbEventStore implements EventStore {
  private closed = false;
  private readonly followers: FeedFollowers;

  constructor(
    private readonly client: EventStoreDBClient,
    limits: Partial<FollowersLimits> = {},
  ) {
    this.followers = new FeedFollowers(
      (filter, after, checkpointReached) =>
        this.client.subscribeToAll({ fromPosition: toReadPosition(after), filter: toServerFilter(filter, checkpointReached) }),
      { ...DEFAULT_FOLLOWER_LIMITS, ...limits },
    );
  }

  /**
   * A store on the server(s) of an EventStoreDB connection string, e.g.
   * `esdb://localhost:2113?tls=false`. With `verify` (default true) one read of `$all` checks
   * that the server answers; an unreachable server is an `EventStoreUnavailableError`.
   */
  static async connect(
    connectionString: string,
    options: EventStoreDbConnectOptions = {},
  ): Promise<EventStoreDbEventStore> {
    const store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options.followers);
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
    let result: AppendResult;
    try {
      const written = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toClientExpectedRevision(expected),
      });
      const nextExpectedRevision = revisionNumber(written.nextExpectedRevision);
      const position = lastWrittenPosition(written.position);
      // No position: the server found the ids and wrote nothing; the original result is theirs.
      result = position !== undefined ? { nextExpectedRevision, position } : await this.deduplicated(streamId, ids, expected, nextExpectedRevision);
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw translateClientError(error, `append to ${streamId}`);
      const retried = await this.storedAtPlace(streamId, ids, expected, firstRevisionOfPlace(expected, ids.length));
      if (retried === undefined) throw toWrongExpectedRevisionError(error, expected, streamId);
      result = retried;
    }
    this.followers.noteAppended(streamId, events.map((event) => event.type), result.position);
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.readStreamOf(streamId, options, false);
  }

  /** `requiresLeader`: resolving an append's outcome must see the leader's writes. */
  private async readStreamOf(streamId: string, options: ReadStreamOptions, requiresLeader: boolean): Promise<RecordedEvent[]> {
    assertReadStreamOptions(options);
    this.assertOpen();
    const plan = planStreamRead(options);
    if (plan === undefined) return [];
    const collector = new StreamReadCollector(options);
    const read = this.client.readStream(streamId, {
      direction: plan.direction,
      fromRevision: plan.fromRevision,
      requiresLeader,
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
    try {
      return await this.followers.read(options.filter, options.after, options.maxCount);
    } catch (error) {
      throw translateClientError(error, 'subscribe to $all');
    }
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
    await this.followers.close();
    await this.client.dispose();
  }

  /**
   * The result of a write the server deduplicated: the events at the revisions it reported
   * must be ours, in our order, where `expected` would have put them — else it is the
   * port's mismatch (e.g. the same ids in another order, found in the server's cache).
   */
  private async deduplicated(
    streamId: string,
    ids: readonly string[],
    expected: ExpectedRevision,
    lastRevision: number,
  ): Promise<AppendResult> {
    const first = firstRevisionOfPlace(expected, ids.length, lastRevision);
    const retried = await this.storedAtPlace(streamId, ids, expected, first);
    if (retried !== undefined) return retried;
    throw new WrongExpectedRevisionError(streamId, expected, await this.lastRevision(streamId));
  }

  /** The original result when our ids are the events stored from `first` on, else undefined. */
  private async storedAtPlace(
    streamId: string,
    ids: readonly string[],
    expected: ExpectedRevision,
    first: number | undefined,
  ): Promise<AppendResult | undefined> {
    if (first === undefined || !placeFitsExpectation(expected, first)) return undefined;
    const stored = await this.readStreamOf(streamId, { fromRevision: first, maxCount: ids.length }, true);
    return retriedResult(ids, stored, first);
  }

  private async lastRevision(streamId: string): Promise<ActualRevision> {
    const [last] = await this.readStreamOf(streamId, { direction: 'backwards', maxCount: 1 }, true);
    return last === undefined ? 'no_stream' : last.revision;
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
  /** How the feed's subscriptions buffer and when they are closed (see feed-follower.ts). */
  followers?: Partial<FollowersLimits>;
}

const DEFAULT_FOLLOWER_LIMITS: FollowersLimits = { bufferSize: 4_096, quietMs: 1_000, maxFollowers: 8, idleMs: 60_000 };
