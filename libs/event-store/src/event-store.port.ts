import type { GlobalPosition } from './position.js';

/**
 * What is known about the stream before an append:
 * - `no_stream`: it must not exist yet
 * - `stream_exists`: it must have at least one event
 * - `any`: no check
 * - a number: its last event must have exactly this revision (0-based)
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

/** Who did it, when and why; the same shape in every adapter. */
export interface EventMetadata {
  actorId: string;
  actorRole: string;
  /** ISO 8601 UTC instant the event was recorded at (the command's instant). */
  recordedAt: string;
  correlationId: string;
  causationId: string;
  reason?: string;
  schemaVersion: number;
  /** SHA-256 (hex) of the previous event of the stream; '' for the first event. */
  previousHash: string;
  /** SHA-256 (hex) over `previousHash` and this event's canonical content. */
  hash: string;
  /** Further metadata (e.g. the idempotency key); adapters store it unchanged. */
  [key: string]: unknown;
}

export interface EventToAppend {
  /** UUID, chosen by the writer: appending the same id at the same place again is a no-op. */
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface RecordedEvent {
  id: string;
  streamId: string;
  /** 0-based place of the event in its stream. */
  revision: number;
  position: GlobalPosition;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  nextExpectedRevision: number;
  /** Global position of the last event written (or found, for an idempotent retry). */
  position: GlobalPosition;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** First revision to read (inclusive). Backwards: the revision to start from going down. */
  fromRevision?: number;
  /**
   * Last revision to include (inclusive): an upper bound in stream order whatever the
   * direction, i.e. the stream as it was at that revision.
   */
  toRevision?: number;
  /** Only events recorded at or before this instant (metadata.recordedAt). */
  until?: string;
  maxCount?: number;
}

export interface FeedFilter {
  /** Only streams whose id starts with one of these prefixes. */
  streamPrefixes?: readonly string[];
  /** Only these event types. */
  eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Default: from the start. */
  after?: GlobalPosition;
  filter?: FeedFilter;
  maxCount?: number;
}

/**
 * The event store: the only source of truth. Every adapter (embedded, postgres,
 * eventstoredb) passes the shared contract suite in `testing/event-store.contract.ts`.
 */
export interface EventStore {
  /**
   * Appends events to one stream atomically, after checking `expected`.
   * Throws `WrongExpectedRevisionError` on a mismatch, whatever the adapter. If every
   * event's id is already stored in this stream at the revisions this append would give
   * it, nothing is written and the original result is returned (idempotent retry); ids
   * stored elsewhere in the stream, or only some of them, are a mismatch (the SQL
   * adapter also refuses ids stored in another stream; EventStoreDB checks ids only at
   * the place `expected` gives them, and for `any`/`stream_exists` only against its
   * cache of recent writes: see eventstoredb/README.md). An empty `events`, or ids that
   * are not distinct UUIDs, are refused with a plain `Error`.
   */
  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;

  /** Reads one stream in revision order (or reverse). An absent stream reads as []. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * The events of one stream whose ids are among `ids`, in revision order; ids not stored
   * there (or stored in another stream) are simply absent. How a keyed command finds what it
   * recorded before (docs/adr/0016): on SQL an index probe on the unique event id; on
   * EventStoreDB, which has no index of ids, a read of the stream newest first that stops
   * once every id is found.
   */
  readEventsById(streamId: string, ids: readonly string[]): Promise<RecordedEvent[]>;

  /**
   * Reads the global feed in its order, strictly after `after`. Never skips an event: an
   * event that is not returned now (because its transaction is still open) can only ever
   * appear after every event already returned.
   */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * The position of the last event the feed would serve now (with the filter), or
   * undefined when there is none: how far a reader has to go.
   */
  headPosition(filter?: FeedFilter): Promise<GlobalPosition | undefined>;

  /** Releases connections. */
  close(): Promise<void>;
}

/** The one error every adapter throws when `expected` does not hold. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The store could not be reached or failed; the caller may retry later (HTTP 503). */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}
