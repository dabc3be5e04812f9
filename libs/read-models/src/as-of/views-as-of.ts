import { comparePositions, formatPosition, START, type EventStore, type GlobalPosition } from '#event-store';
import type { Projection } from '../projection.js';
import { applyInMemory, type FoldedViews } from '../projections/fold-views.js';
import { MemoryReadStore, type MemoryCollections } from '../memory/memory-read-store.js';
import type { ReadStore } from '../read-store.port.js';

export interface ViewsAsOfOptions {
  /** Folds kept, most recently asked first (default 4): each holds every view as of its position. */
  cachedFolds?: number;
  /** Events between two snapshots a fold leaves behind on its way (default 20,000). */
  snapshotEvery?: number;
  /** Snapshots kept (default 16); past that, every other one is dropped and the spacing doubles. */
  maxSnapshots?: number;
  /** Events read from the feed per round trip (default 5,000). */
  batchSize?: number;
}

/** How often `follow` folds what was appended since, in ms. */
export interface FollowOptions {
  intervalMs: number;
  onError?: (error: unknown) => void;
}

/** The views as of an instant, and where in the feed that is. */
export interface ViewsAtInstant {
  /** The views as they stood (read-only: its write methods must not be called). */
  store: ReadStore;
  /** The last event folded in; START when nothing had been recorded yet. */
  position: GlobalPosition;
  /** Events folded in. */
  events: number;
}

/** Views folded over a prefix of the feed. */
interface Fold {
  position: GlobalPosition;
  /** The latest recording instant (epoch ms) among the events folded in: the fold holds for any instant from it on. */
  knownUntil: number;
  events: number;
  views: FoldedViews;
  store?: MemoryReadStore;
}

/**
 * Every view as of an instant: the projections the service runs (the same `touches`/`apply`),
 * applied in memory to the global feed up to that instant — the longest prefix of the feed
 * whose events were all recorded at or before it (docs/adr/0020-views-as-of-an-instant.md).
 * A prefix is a state the live views actually passed through, which a filter on recording
 * instants would not always be.
 *
 * What makes it fast: a fold starts from the latest snapshot (or kept fold) that the instant
 * covers, and leaves snapshots behind every `snapshotEvery` events; folds are kept by
 * position (LRU), and an instant whose prefix is closed (an event recorded after it follows)
 * maps to its position for good. Snapshots and folds share every document they have in
 * common (projections replace documents, never change them), so memory grows with the
 * documents that differ, not with the number of copies.
 */
export class ViewsAsOf {
  private readonly cachedFolds: number;
  private snapshotEvery: number;
  private readonly maxSnapshots: number;
  private readonly batchSize: number;
  private readonly prefixes: string[];
  /** By position, in feed order. */
  private snapshots: Fold[] = [];
  /** By formatted position; Map order is recency (least recent first). */
  private readonly folds = new Map<string, Fold>();
  /** Instants whose prefix is closed → formatted position of its fold. */
  private readonly closedInstants = new Map<string, string>();
  private readonly inFlight = new Map<string, Promise<ViewsAtInstant>>();
  /** The fold that `follow` keeps at the head of the feed, leaving snapshots behind. */
  private head: Fold | undefined;
  private following: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly projections: readonly Projection[],
    options: ViewsAsOfOptions = {},
  ) {
    this.cachedFolds = Math.max(1, options.cachedFolds ?? 4);
    this.snapshotEvery = Math.max(1, options.snapshotEvery ?? 20_000);
    this.maxSnapshots = Math.max(2, options.maxSnapshots ?? 16);
    this.batchSize = Math.max(1, options.batchSize ?? 5_000);
    this.prefixes = [...new Set(projections.flatMap((projection) => projection.streamPrefixes))];
  }

  /** The views as of `instant` (an ISO 8601 UTC instant). */
  at(instant: string): Promise<ViewsAtInstant> {
    const known = this.closedInstants.get(instant);
    const kept = known === undefined ? undefined : this.folds.get(known);
    if (kept) return Promise.resolve(this.answerOf(this.touch(kept)));
    // Requests for one instant at once share one fold.
    let pending = this.inFlight.get(instant);
    if (!pending) {
      pending = this.fold(instant).finally(() => this.inFlight.delete(instant));
      this.inFlight.set(instant, pending);
    }
    return pending;
  }

  /**
   * Keeps folding the feed as it grows, every `intervalMs`, leaving a snapshot every
   * `snapshotEvery` events: a first question for any instant then folds at most that many
   * events. It costs a second pass of the projections over every event, in this process.
   */
  follow(options: FollowOptions): void {
    if (this.following !== undefined) return;
    const step = async () => {
      try {
        await this.catchUp();
      } catch (error) {
        options.onError?.(error);
      }
      if (this.following !== undefined) this.following = setTimeout(() => void step(), options.intervalMs);
    };
    this.following = setTimeout(() => void step(), 0);
  }

  stopFollowing(): void {
    if (this.following !== undefined) clearTimeout(this.following);
    this.following = undefined;
  }

  /**
   * Folds what the feed serves after the head fold into it, leaving snapshots on the way (what
   * `follow` does each time). In place: every copy of it is made synchronously, between batches.
   */
  async catchUp(): Promise<void> {
    this.head ??= { position: START, knownUntil: -Infinity, events: 0, views: this.emptyViews() };
    const head = this.head;
    for (;;) {
      const batch = await this.events.readAll({ after: head.position, filter: { streamPrefixes: this.prefixes }, maxCount: this.batchSize });
      for (const event of batch) {
        for (const projection of this.projections) applyInMemory(head.views, projection, event, false);
        head.position = event.position;
        head.knownUntil = Math.max(head.knownUntil, Date.parse(event.metadata.recordedAt));
        head.events += 1;
        if (head.events - this.lastSnapshotEvents() >= this.snapshotEvery) this.snapshot(head);
      }
      if (batch.length < this.batchSize) return;
    }
  }

  /** Snapshots and folds kept, for the operator and the benchmark. */
  status(): { snapshots: number; folds: number; snapshotEvery: number } {
    return { snapshots: this.snapshots.length, folds: this.folds.size, snapshotEvery: this.snapshotEvery };
  }

  private async fold(instant: string): Promise<ViewsAtInstant> {
    const until = Date.parse(instant);
    if (Number.isNaN(until)) throw new RangeError(`not an instant: ${instant}`);
    const start = this.startFor(until);
    // Snapshots and kept folds never change, so they are copied only once there is an event to
    // add (an instant asked again before anything new costs no copy); the head fold changes
    // between awaits, so it is copied now.
    let owned = start === this.head;
    const fold: Fold = { position: start.position, knownUntil: start.knownUntil, events: start.events, views: owned ? copyOf(start.views) : start.views };
    let closed = false;
    while (!closed) {
      const batch = await this.events.readAll({ after: fold.position, filter: { streamPrefixes: this.prefixes }, maxCount: this.batchSize });
      for (const event of batch) {
        const recordedAt = Date.parse(event.metadata.recordedAt);
        if (recordedAt > until) {
          closed = true;
          break;
        }
        if (!owned) {
          fold.views = copyOf(fold.views);
          owned = true;
        }
        for (const projection of this.projections) applyInMemory(fold.views, projection, event, false);
        fold.position = event.position;
        fold.knownUntil = Math.max(fold.knownUntil, recordedAt);
        fold.events += 1;
        if (fold.events - this.lastSnapshotEvents() >= this.snapshotEvery) this.snapshot(fold);
      }
      if (batch.length < this.batchSize) break;
    }
    const key = formatPosition(fold.position);
    // Nothing added: the start itself when it is a kept fold or a snapshot (never the moving head).
    const kept = this.folds.get(key) ?? (owned ? fold : start);
    this.keep(key, kept);
    // Only a closed prefix is final: before the feed's head, an event recorded at or before
    // the instant may still be committed.
    if (closed) this.closeInstant(instant, key);
    return this.answerOf(kept);
  }

  /** The latest snapshot or kept fold that holds for `until`: every event in it recorded by then. */
  private startFor(until: number): Fold {
    let best: Fold = { position: START, knownUntil: -Infinity, events: 0, views: this.emptyViews() };
    for (const candidate of [...this.snapshots, ...this.folds.values(), ...(this.head ? [this.head] : [])]) {
      if (candidate.knownUntil <= until && comparePositions(candidate.position, best.position) > 0) best = candidate;
    }
    return best;
  }

  private lastSnapshotEvents(): number {
    return this.snapshots.at(-1)?.events ?? 0;
  }

  private snapshot(fold: Fold): void {
    const last = this.snapshots.at(-1);
    if (last && comparePositions(fold.position, last.position) <= 0) return;
    this.snapshots.push({ position: fold.position, knownUntil: fold.knownUntil, events: fold.events, views: copyOf(fold.views) });
    if (this.snapshots.length > this.maxSnapshots) {
      // Keep them spread over the whole feed: drop every other one, and take them half as often.
      this.snapshots = this.snapshots.filter((_, index) => index % 2 === 1);
      this.snapshotEvery *= 2;
    }
  }

  private keep(key: string, fold: Fold): void {
    this.folds.delete(key);
    this.folds.set(key, fold);
    while (this.folds.size > this.cachedFolds) {
      const [oldest] = this.folds.keys();
      this.folds.delete(oldest!);
      for (const [instant, position] of this.closedInstants) if (position === oldest) this.closedInstants.delete(instant);
    }
  }

  private closeInstant(instant: string, key: string): void {
    this.closedInstants.delete(instant);
    this.closedInstants.set(instant, key);
    // A bound on the instants remembered, whatever is asked; they point at kept folds only.
    while (this.closedInstants.size > this.cachedFolds * 256) {
      const [oldest] = this.closedInstants.keys();
      this.closedInstants.delete(oldest!);
    }
  }

  private touch(fold: Fold): Fold {
    this.keep(formatPosition(fold.position), fold);
    return fold;
  }

  private answerOf(fold: Fold): ViewsAtInstant {
    fold.store ??= MemoryReadStore.holding(this.byProjection(fold.views), fold.position);
    return { store: fold.store, position: fold.position, events: fold.events };
  }

  private byProjection(views: FoldedViews): Map<string, MemoryCollections> {
    return new Map(
      this.projections.map((projection) => [projection.name, new Map(projection.collections.map((collection) => [collection, views.get(collection)!]))]),
    );
  }

  private emptyViews(): FoldedViews {
    return new Map(this.projections.flatMap((projection) => projection.collections.map((collection) => [collection, new Map()])));
  }
}

/** A copy that shares the documents: only the maps are new. */
function copyOf(views: FoldedViews): FoldedViews {
  return new Map([...views].map(([collection, documents]) => [collection, new Map(documents)]));
}
