import { formatPosition, type GlobalPosition, type RecordedEvent } from '#event-store';
import type { DocumentRef, Projection, ViewDocument } from '../projection.js';
import type { DocumentChange } from '../read-store.port.js';
import { applyBatch } from './apply-batch.js';
import type { DocumentMemory } from './document-memory.js';

export type RunnerState = 'starting' | 'catching-up' | 'caught-up' | 'failing' | 'stopped';

export interface RunnerStatus {
  projection: string;
  generation: number;
  state: RunnerState;
  checkpoint: string;
  eventsApplied: number;
  failures: number;
  lastError?: string;
}

/** The first pause after a failure; it doubles with each failure in a row. */
const FIRST_BACKOFF_MS = 100;

/**
 * Where one generation of one projection stands in the feed, as a runner keeps it: its
 * checkpoint (known after this runner's own commits, so it is not read again before every
 * batch), the documents it remembers, how it is doing, and when to try again after a failure.
 * A failing projection backs off on its own; the others go on.
 */
export class ProjectionTrack {
  state: RunnerState = 'starting';
  eventsApplied = 0;
  failures = 0;
  lastError: Error | undefined;
  /** Not before this instant (ms), after a failure. */
  retryAt = 0;
  private backoffMs = 0;
  /** The last checkpoint known, shown while the checkpoint is being read again. */
  private shown: GlobalPosition | undefined;

  constructor(
    readonly projection: Projection,
    public generation: number,
    readonly memory: DocumentMemory,
    /** Undefined: not known, read it from the store (at the start, after a failure or a lost race). */
    public checkpoint: GlobalPosition | undefined = undefined,
  ) {}

  get name(): string {
    return this.projection.name;
  }

  /**
   * The net changes of the events of `batch` that are this projection's, applied to its
   * documents: those it remembers, the others read by `fromStore`. Nothing is remembered yet.
   */
  apply(batch: readonly RecordedEvent[], fromStore: (refs: DocumentRef[]) => Promise<Map<string, ViewDocument>>): Promise<DocumentChange[]> {
    const mine = batch.filter((event) => this.projection.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix)));
    return applyBatch(this.projection, mine, (refs) => this.memory.load(refs, fromStore));
  }

  isDue(now: number): boolean {
    return this.retryAt <= now;
  }

  /** The batch up to `position` is committed: `caughtUp` when it was the end of the feed. */
  committed(changes: readonly DocumentChange[], position: GlobalPosition, events: number, caughtUp: boolean): void {
    this.remember(changes);
    this.advanced(position, events, caughtUp);
  }

  /** A batch's changes, in the memory (the documents of write-only collections are not read back). */
  remember(changes: readonly DocumentChange[]): void {
    this.memory.remember(this.readBack(changes));
  }

  /** A batch's changes applied ahead of its commit, kept in the memory until `pendingCommitted`. */
  rememberPending(changes: readonly DocumentChange[]): void {
    this.memory.rememberPending(this.readBack(changes));
  }

  /** The commit of changes given to `rememberPending` is in. */
  pendingCommitted(changes: readonly DocumentChange[]): void {
    this.memory.committed(this.readBack(changes));
  }

  private readBack(changes: readonly DocumentChange[]): readonly DocumentChange[] {
    const writeOnly = this.projection.writeOnlyCollections ?? [];
    return writeOnly.length === 0 ? changes : changes.filter((change) => !writeOnly.includes(change.ref.collection));
  }

  /** The checkpoint moved to `position` over `events` events, whose changes are remembered. */
  advanced(position: GlobalPosition, events: number, caughtUp: boolean): void {
    this.checkpoint = position;
    this.eventsApplied += events;
    this.healthy(caughtUp ? 'caught-up' : 'catching-up');
  }

  /** Nothing after the checkpoint. */
  caughtUp(): void {
    this.healthy('caught-up');
  }

  /**
   * Another runner of this generation (another projector process) moved the checkpoint
   * first: what this one knows is stale; read the checkpoint again and go on from there.
   */
  lostRace(): void {
    this.unknownCheckpoint();
    this.state = 'catching-up';
  }

  /** A rebuild activated a newer generation: follow it from its own checkpoint, now. */
  moveTo(generation: number): void {
    this.generation = generation;
    this.checkpoint = undefined;
    this.shown = undefined;
    this.memory.forget();
    this.state = 'catching-up';
    this.retryAt = 0;
  }

  /**
   * Nothing of the batch was committed: start again from the stored checkpoint, after a
   * pause that doubles with each failure in a row (up to `maxBackoffMs`). Returns the pause.
   * A store out of reach (`outageRetryMs` given) is not the projection's fault: it tries
   * again at that steady pause, so that it resumes soon after the store is back, not up to
   * `maxBackoffMs` later (30 s after an outage before), and its own back-off is kept as it was.
   */
  failed(error: unknown, maxBackoffMs: number, now: number, outageRetryMs?: number): number {
    this.failures += 1;
    this.state = 'failing';
    this.lastError = error instanceof Error ? error : new Error(String(error));
    this.unknownCheckpoint();
    if (outageRetryMs !== undefined) {
      this.retryAt = now + outageRetryMs;
      return outageRetryMs;
    }
    this.backoffMs = this.backoffMs === 0 ? FIRST_BACKOFF_MS : Math.min(this.backoffMs * 2, maxBackoffMs);
    this.retryAt = now + this.backoffMs;
    return this.backoffMs;
  }

  /** Its runner stopped; a runner that takes it over (after a rebuild) starts it again. */
  stop(): void {
    this.state = 'stopped';
  }

  resume(): void {
    if (this.state === 'stopped') this.state = 'starting';
  }

  status(): RunnerStatus {
    return {
      projection: this.name,
      generation: this.generation,
      state: this.state,
      checkpoint: this.shownCheckpoint ? formatPosition(this.shownCheckpoint) : 'unknown',
      eventsApplied: this.eventsApplied,
      failures: this.failures,
      ...(this.lastError ? { lastError: this.lastError.message } : {}),
    };
  }

  /** The checkpoint to show: the known one, else the last one known. */
  get shownCheckpoint(): GlobalPosition | undefined {
    return this.checkpoint ?? this.shown;
  }

  private unknownCheckpoint(): void {
    this.shown = this.shownCheckpoint;
    this.checkpoint = undefined;
    this.memory.forget();
  }

  private healthy(state: RunnerState): void {
    this.state = state;
    this.lastError = undefined;
    this.backoffMs = 0;
    this.retryAt = 0;
  }
}
