import type { AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import { EventStoreUnavailableError, type FeedFilter, type RecordedEvent } from '../event-store.port.js';
import { comparePositions, type GlobalPosition } from '../position.js';
import { feedFilterKey, type CheckpointReached } from './feed-filters.js';
import { servedByFeed } from './feed-reads.js';
import { isStrictlyAfter, toGlobalPosition } from './positions.js';
import { toRecordedEvent } from './recorded-events.js';

/**
 * Follows the feed with one catch-up subscription to `$all` per filter, as EventStoreDB's
 * makers intend, and serves the port's `readAll({ after, filter, maxCount })` from it.
 *
 * The projector reads the feed a batch at a time from its checkpoint (the port's shape);
 * here those reads are answered by a subscription that stays open between them: the
 * server reads `$all` once, filters it on its side (feed-filters.ts), catches up, then
 * pushes new events as they are written — no polling of the log, no re-reading of what
 * other streams wrote. A read whose `after` lies in what a follower has received (its
 * buffer, from `base` to `seen`) is served by it; any other read opens a follower there.
 * Reads never consume: a projector that failed and reads again from its checkpoint gets
 * the same events, and events are only dropped once a read asks for a later position.
 *
 * When a read returns (never skipping: the subscription delivers in log order):
 * - it has `maxCount` events after `after`, or
 * - the server said `caughtUp` (server 23.10 or later) and the follower has seen every
 *   event this process appended that the filter serves (read-your-own-writes: a live
 *   subscription delivers them a few milliseconds after the append is acknowledged), or
 * - nothing arrived for `quietMs` (a server that never says `caughtUp`): what it has.
 *
 * The subscription is paused (gRPC flow control reaches the server) while the buffer holds
 * more than the largest read asks for; a failed or ended subscription fails the reads
 * waiting on it and the next read opens a new one from its own `after`.
 */

/** What a follower needs of the client's `AllStreamSubscription` (so that unit tests can drive it). */
export interface FeedSubscription {
  on(event: 'data', listener: (resolved: AllStreamResolvedEvent) => void): unknown;
  on(event: 'caughtUp' | 'fellBehind' | 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
  isPaused(): boolean;
  unsubscribe(): Promise<void>;
}

/** Opens a filtered subscription to `$all` strictly after `after` (START when undefined). */
export type OpenSubscription = (
  filter: FeedFilter | undefined,
  after: GlobalPosition | undefined,
  checkpointReached: CheckpointReached,
) => FeedSubscription;

export interface FollowerLimits {
  /** Events buffered before the subscription is paused, unless a read asks for more. */
  bufferSize: number;
  /** A read returns what it has once nothing arrived for this long. */
  quietMs: number;
}

export class FeedFollower {
  readonly key: string;
  /** Matching events strictly after `base`, in feed order. */
  private buffer: RecordedEvent[] = [];
  private base: GlobalPosition | undefined;
  /** How far the server has read `$all` for this follower (events and checkpoints). */
  private seen: GlobalPosition | undefined;
  /** The last event this process appended that this follower's filter serves. */
  private ownWrite: GlobalPosition | undefined;
  private live = false;
  private failure: Error | undefined;
  private readonly pendingAfters = new Map<symbol, GlobalPosition | undefined>();
  private largestRead = 0;
  private wakeUps: (() => void)[] = [];
  private readonly subscription: FeedSubscription;
  lastUsed = Date.now();

  constructor(
    readonly filter: FeedFilter | undefined,
    after: GlobalPosition | undefined,
    open: OpenSubscription,
    private readonly limits: FollowerLimits,
  ) {
    this.key = feedFilterKey(filter);
    this.base = after;
    this.seen = after;
    this.subscription = open(filter, after, (_subscription, position) => this.reached(position));
    this.subscription.on('data', (resolved) => this.received(resolved));
    this.subscription.on('caughtUp', () => this.changed(() => (this.live = true)));
    this.subscription.on('fellBehind', () => this.changed(() => (this.live = false)));
    this.subscription.on('error', (error) => this.fail(error));
    const ended = (): void => this.fail(new EventStoreUnavailableError('event store unavailable: the $all subscription ended'));
    this.subscription.on('end', ended);
    this.subscription.on('close', ended);
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** A read is waiting on it: closing it now would fail that read. */
  get busy(): boolean {
    return this.pendingAfters.size > 0;
  }

  /** Whether a read after `after` can be served without a subscription of its own. */
  covers(filter: FeedFilter | undefined, after: GlobalPosition | undefined): boolean {
    if (this.failed || feedFilterKey(filter) !== this.key) return false;
    return !isBefore(after, this.base) && !isBefore(this.seen, after);
  }

  /** This process appended events: once the filter serves one of them, reads wait for it. */
  noteAppended(streamId: string, types: readonly string[], position: GlobalPosition): void {
    if (!types.some((type) => servedByFeed({ streamId, type }, this.filter))) return;
    if (this.ownWrite === undefined || comparePositions(position, this.ownWrite) > 0) this.ownWrite = position;
  }

  /** The feed strictly after `after`, at most `maxCount` events (see the class comment for when it returns). */
  async read(after: GlobalPosition | undefined, maxCount: number): Promise<RecordedEvent[]> {
    this.lastUsed = Date.now();
    const token = Symbol('read');
    this.pendingAfters.set(token, after);
    this.dropUpTo(this.earliestPendingAfter());
    this.largestRead = Math.max(this.largestRead, maxCount);
    this.resumeIfRoom();
    try {
      const ready = (): boolean =>
        this.failed || this.countAfter(after) >= maxCount || (this.live && !isBefore(this.seen, this.ownWrite));
      while (!ready()) {
        if (!(await this.nextChange())) break; // quiet: what there is
      }
      if (this.failure) throw this.failure;
      return this.buffer.filter((event) => isStrictlyAfter(event.position, after)).slice(0, maxCount);
    } finally {
      this.pendingAfters.delete(token);
      this.lastUsed = Date.now();
    }
  }

  async close(): Promise<void> {
    this.fail(new EventStoreUnavailableError('event store unavailable: the EventStoreDB store is closed'));
    await this.subscription.unsubscribe().catch(() => undefined);
  }

  private received({ event }: AllStreamResolvedEvent): void {
    if (event === undefined || this.failed) return;
    try {
      const position = toGlobalPosition(event.position, `event ${event.id} (${event.streamId}@${event.revision})`);
      this.changed(() => {
        this.seen = position;
        // The server filtered on one field; the rest of the filter and `$`-events are checked here.
        if (servedByFeed(event, this.filter) && isStrictlyAfter(position, this.base)) this.buffer.push(toRecordedEvent(event));
      });
      if (this.buffer.length >= Math.max(this.limits.bufferSize, this.largestRead)) this.subscription.pause();
    } catch (error) {
      // An event this adapter cannot map is refused rather than skipped (toRecordedEvent).
      this.fail(error as Error);
      void this.subscription.unsubscribe().catch(() => undefined);
    }
  }

  private reached(position: Position): void {
    const checkpoint = toGlobalPosition(position, 'a checkpoint of the $all subscription');
    this.changed(() => {
      if (isBefore(this.seen, checkpoint)) this.seen = checkpoint;
    });
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.changed(() => (this.failure = error));
  }

  private changed(change: () => void): void {
    change();
    const wakeUps = this.wakeUps;
    this.wakeUps = [];
    for (const wakeUp of wakeUps) wakeUp();
  }

  /** Resolves true on the next change, false when nothing changed for `quietMs`. */
  private nextChange(): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), this.limits.quietMs);
      this.wakeUps.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private countAfter(after: GlobalPosition | undefined): number {
    const first = this.buffer.findIndex((event) => isStrictlyAfter(event.position, after));
    return first < 0 ? 0 : this.buffer.length - first;
  }

  /** Forgets the events no pending read needs any more, and moves `base` up to them. */
  private dropUpTo(after: GlobalPosition | undefined): void {
    if (after === undefined || !isBefore(this.base, after)) return;
    const keep = this.buffer.findIndex((event) => isStrictlyAfter(event.position, after));
    this.buffer = keep < 0 ? [] : this.buffer.slice(keep);
    this.base = after;
    this.resumeIfRoom();
  }

  private earliestPendingAfter(): GlobalPosition | undefined {
    let earliest: GlobalPosition | undefined;
    let first = true;
    for (const after of this.pendingAfters.values()) {
      if (first || isBefore(after, earliest)) earliest = after;
      first = false;
    }
    return earliest;
  }

  private resumeIfRoom(): void {
    if (this.subscription.isPaused() && this.buffer.length < Math.max(this.limits.bufferSize, this.largestRead)) {
      this.subscription.resume();
    }
  }
}

/** `a` strictly before `b`; undefined is the start of the feed, before everything. */
function isBefore(a: GlobalPosition | undefined, b: GlobalPosition | undefined): boolean {
  if (b === undefined) return false;
  if (a === undefined) return true;
  return comparePositions(a, b) < 0;
}

export interface FollowersLimits extends FollowerLimits {
  /** Subscriptions kept open at most; the one read least recently is closed first. */
  maxFollowers: number;
  /** A follower nobody read for this long is closed. */
  idleMs: number;
}

/** The open followers of one store: finds or opens the one that serves a read. */
export class FeedFollowers {
  private followers: FeedFollower[] = [];

  constructor(
    private readonly open: OpenSubscription,
    private readonly limits: FollowersLimits,
  ) {}

  /** `readAll` of the port: `maxCount` undefined reads up to where the server caught up. */
  async read(filter: FeedFilter | undefined, after: GlobalPosition | undefined, maxCount: number | undefined): Promise<RecordedEvent[]> {
    const from = fromTheStart(after) ? undefined : after;
    await this.closeStale();
    let follower = this.followers.find((candidate) => candidate.covers(filter, from));
    if (follower === undefined) {
      follower = new FeedFollower(filter, from, this.open, this.limits);
      this.followers.push(follower);
    }
    try {
      return await follower.read(from, maxCount ?? Number.POSITIVE_INFINITY);
    } finally {
      if (follower.failed) await this.remove(follower);
    }
  }

  noteAppended(streamId: string, types: readonly string[], position: GlobalPosition): void {
    for (const follower of this.followers) follower.noteAppended(streamId, types, position);
  }

  /** How many subscriptions are open (for tests and diagnostics). */
  get size(): number {
    return this.followers.length;
  }

  async close(): Promise<void> {
    const all = this.followers;
    this.followers = [];
    await Promise.all(all.map((follower) => follower.close()));
  }

  private async closeStale(): Promise<void> {
    const now = Date.now();
    const byUse = [...this.followers].sort((a, b) => b.lastUsed - a.lastUsed);
    const stale = byUse.filter(
      (follower, rank) =>
        follower.failed || (!follower.busy && (now - follower.lastUsed > this.limits.idleMs || rank >= this.limits.maxFollowers - 1)),
    );
    await Promise.all(stale.map((follower) => this.remove(follower)));
  }

  private async remove(follower: FeedFollower): Promise<void> {
    this.followers = this.followers.filter((candidate) => candidate !== follower);
    await follower.close();
  }
}

/** The port's START (-1, -1), or no position: the start of the feed. */
function fromTheStart(after: GlobalPosition | undefined): boolean {
  return after === undefined || after.commit < 0n || after.prepare < 0n;
}
