import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '#event-store';
import type { CommandMetadata } from './command-metadata.js';
import { EventSourcedRepository } from './event-sourced-repository.js';

/** The response a command gave the first time, replayed to every retry with the same key. */
export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type KeyReservation =
  /** First use of the key: run the command, then `complete` (or `abandon` on a transient failure). */
  | { outcome: 'run'; complete(response: StoredResponse): Promise<void>; abandon(): Promise<void> }
  /** The key was used before for the same request: answer with its response again. */
  | { outcome: 'replay'; response: StoredResponse }
  /** The key was used before for a different request. */
  | { outcome: 'mismatch' }
  /** The first request with this key is still running. */
  | { outcome: 'in-progress' };

export interface IdempotencyOptions {
  /** How long a concurrent retry waits for the first request to finish. */
  waitMs: number;
  /** After this long without an outcome, a started request counts as crashed and may be run again. */
  leaseMs: number;
}

const STARTED = 'IdempotentCommandStarted';
const COMPLETED = 'IdempotentCommandCompleted';
const ABANDONED = 'IdempotentCommandAbandoned';

/**
 * Idempotency-Key support kept in the event store itself (stream `idempotency-<hash>`), so it
 * holds across API instances and on every adapter. Claiming a key is an append with an
 * expected revision: of two requests racing with one key, exactly one runs the command;
 * the other waits and replays its response.
 */
export class IdempotencyKeys {
  private readonly repository: EventSourcedRepository;

  constructor(
    private readonly store: EventStore,
    private readonly options: IdempotencyOptions = { waitMs: 10_000, leaseMs: 60_000 },
  ) {
    this.repository = new EventSourcedRepository(store);
  }

  static streamId(scope: string, key: string): string {
    return `idempotency-${createHash('sha256').update(scope).update('\n').update(key).digest('hex').slice(0, 40)}`;
  }

  /** `scope` separates callers (the actor id); `fingerprint` identifies the request (method, path, body). */
  async reserve(scope: string, key: string, fingerprint: string, metadata: CommandMetadata): Promise<KeyReservation> {
    const streamId = IdempotencyKeys.streamId(scope, key);
    const deadline = Date.now() + this.options.waitMs;
    // Nearly every key is new: claim it without reading first. A key already used makes
    // this append fail (its stream exists), and then the stream is read and judged below.
    const claimed = await this.claim(streamId, fingerprint, { revision: undefined, lastHash: '' }, metadata);
    if (claimed) return claimed;
    for (;;) {
      const events = await this.store.readStream(streamId);
      const started = events.filter((e) => e.type === STARTED);
      const completed = events.find((e) => e.type === COMPLETED);
      const last = events.at(-1);
      if (started.length > 0 && started[0]!.data.fingerprint !== fingerprint) return { outcome: 'mismatch' };
      if (completed) return { outcome: 'replay', response: completed.data.response as StoredResponse };
      const mayRun =
        last === undefined || last.type === ABANDONED || (last.type === STARTED && this.leaseExpired(last));
      if (mayRun) {
        const reservation = await this.claim(streamId, fingerprint, { revision: last?.revision, lastHash: last?.metadata.hash ?? '' }, metadata);
        if (reservation) return reservation;
        continue; // another request claimed it first: look again
      }
      if (Date.now() >= deadline) return { outcome: 'in-progress' };
      await sleep(25);
    }
  }

  /** Records that this request runs under the key, right after `after`; undefined if another request got there first. */
  private async claim(
    streamId: string,
    fingerprint: string,
    after: { revision: number | undefined; lastHash: string },
    metadata: CommandMetadata,
  ): Promise<KeyReservation | undefined> {
    try {
      const result = await this.repository.append(streamId, [{ type: STARTED, data: { fingerprint } }], after, metadata);
      return this.running(streamId, { revision: result.nextExpectedRevision, lastHash: result.lastHash }, metadata);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      return undefined;
    }
  }

  private leaseExpired(started: RecordedEvent): boolean {
    return Date.now() - Date.parse(started.metadata.recordedAt) > this.options.leaseMs;
  }

  private running(streamId: string, claimed: { revision: number; lastHash: string }, metadata: CommandMetadata): KeyReservation {
    const finish = async (type: string, data: Record<string, unknown>) => {
      await this.repository.append(streamId, [{ type, data }], claimed, metadata);
    };
    return {
      outcome: 'run',
      complete: (response) => finish(COMPLETED, { response }),
      abandon: () => finish(ABANDONED, {}),
    };
  }
}
