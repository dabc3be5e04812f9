import { createHash } from 'node:crypto';
import type { EventStore } from '#event-store';

/** The response a command gave the first time, as the old key streams kept it. */
export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** What an old key stream says about a request: replay its response, refuse it, or nothing. */
export type LegacyKeyAnswer = { outcome: 'replay'; response: StoredResponse } | { outcome: 'mismatch' } | undefined;

const STARTED = 'IdempotentCommandStarted';
const COMPLETED = 'IdempotentCommandCompleted';

/**
 * The idempotency keys stores kept before docs/adr/0016, one stream `idempotency-<hash>`
 * per (actor, key) with the response (docs/adr/0004): still read, so that a key completed
 * there keeps replaying its response, and never written again. A key only started there
 * (its process died) says nothing: the command then runs and finds its own events if any.
 */
export class LegacyIdempotencyKeys {
  /**
   * Whether the store holds any old key stream at all. No process writes them any more, so
   * a store without one (every store created since docs/adr/0016) never will: keyed
   * commands then skip the read of a stream that cannot exist. Asked once, in the
   * background; until the answer comes, the old streams are read.
   */
  private holdsOldKeys: boolean | undefined;

  constructor(private readonly store: EventStore) {
    store.headPosition({ eventTypes: [STARTED] }).then(
      (head) => (this.holdsOldKeys = head !== undefined),
      () => (this.holdsOldKeys = undefined),
    );
  }

  static streamId(scope: string, key: string): string {
    return `idempotency-${createHash('sha256').update(scope).update('\n').update(key).digest('hex').slice(0, 40)}`;
  }

  /** `scope` is the actor id; `fingerprint` the request's (method, path, If-Match, body). */
  async find(scope: string, key: string, fingerprint: string): Promise<LegacyKeyAnswer> {
    if (this.holdsOldKeys === false) return undefined;
    const events = await this.store.readStream(LegacyIdempotencyKeys.streamId(scope, key));
    const started = events.find((event) => event.type === STARTED);
    if (started === undefined) return undefined;
    if (started.data.fingerprint !== fingerprint) return { outcome: 'mismatch' };
    const completed = events.find((event) => event.type === COMPLETED);
    return completed === undefined ? undefined : { outcome: 'replay', response: completed.data.response as StoredResponse };
  }
}
