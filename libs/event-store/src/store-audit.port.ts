import type { RecordedEvent } from './event-store.port.js';

/**
 * What an auditor reads from a store beyond the EventStore port: the events in the order
 * the store numbered them, with the copies of their facts the store keeps outside the
 * hashed event (the `recorded_at` column that as-of reads use), and each stream's recorded
 * head. Verification (libs/ledger/src/verification) judges; an adapter only reports what
 * is stored, even when it is inconsistent — that is what it is asked for.
 */
export interface StoreAudit {
  /** The largest sequence number stored now (0 when empty). */
  lastSequence(): Promise<bigint>;
  /**
   * Events with `after < sequence <= upTo`, in sequence order, at most `maxCount`. Every
   * committed event is returned, whatever its transaction: an auditor reads the store, not
   * the feed.
   */
  readSequence(after: bigint, upTo: bigint, maxCount: number): Promise<AuditedEvent[]>;
  /** A stream's events after `afterRevision`, in revision order (streams that grew during a scan). */
  readStreamAfter(streamId: string, afterRevision: number): Promise<AuditedEvent[]>;
  /** The sequence numbers among `from..to` (inclusive) that are stored now. */
  storedSequences(from: bigint, to: bigint): Promise<bigint[]>;
  /** Recorded heads with stream id > `afterStreamId` (in the store's order of stream ids), at most `maxCount`. */
  readHeads(afterStreamId: string | undefined, maxCount: number): Promise<RecordedHead[]>;
  /**
   * One consistent view of the store for a signed checkpoint: its last sequence number,
   * which numbers up to it are absent (those of `previous.absent` re-checked, and every
   * number after `previous.upTo`), and every stream's recorded head.
   */
  checkpointState(previous: { upTo: bigint; absent: readonly SequenceRange[] } | undefined): Promise<CheckpointState>;
}

export interface AuditedEvent {
  event: RecordedEvent;
  /** The store's dense numbering of events (PostgreSQL: global_position). */
  sequence: bigint;
  /** The instant the store indexes the event by for as-of reads (ISO 8601). */
  storedRecordedAt: string;
}

export interface RecordedHead {
  streamId: string;
  /** -1: the stream has a head row and no event (an append that found a conflict). */
  lastRevision: number;
  /** The hash the head records for its last event; null for a head written before it kept one. */
  lastHash: string | null;
}

/** Inclusive range of sequence numbers. */
export type SequenceRange = readonly [bigint, bigint];

export interface CheckpointState {
  upTo: bigint;
  absent: SequenceRange[];
  heads: RecordedHead[];
}
