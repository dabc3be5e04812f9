import { setImmediate as yieldToOthers, setTimeout as sleep } from 'node:timers/promises';
import { formatPosition, type EventStore, type GlobalPosition, type RecordedEvent } from '#event-store';
import { RetiredGenerationError, type ReadStore } from '../read-store.port.js';
import type { ProjectionTrack, RunnerStatus } from './projection-track.js';
import { meansStoreUnavailable, OUTAGE_RETRY_MS, StoreOutage } from './store-outage.js';

export type { RunnerState, RunnerStatus } from './projection-track.js';

export interface RunnerOptions {
  batchSize: number;
  /** How long to wait for new events when caught up (a wake-up cuts it short). */
  idleMs: number;
  /**
   * After a wake-up, how long to let further appends arrive before reading the feed: a burst
   * of appends becomes one batch instead of one batch each.
   */
  wakeWindowMs: number;
  /** Longest pause between retries after a failure (backs off exponentially up to it). */
  maxBackoffMs: number;
  /** Every projection reads the same feed filter, so all checkpoints move over the same events. */
  feedPrefixes: readonly string[];
  log: (entry: Record<string, unknown>) => void;
  /**
   * The runner follows the active generation: when a rebuild (in this process or another)
   * activates a newer one, it moves to it. This is how often it asks for it. A commit to a
   * retired generation is refused and tells the runner at once; asking catches a rebuild by
   * another process while there is nothing to commit.
   */
  generationCheckMs: number;
}

/**
 * Keeps projections up to date from the global feed, one generation each: reads the feed
 * after their checkpoint a batch at a time, applies it and commits each projection's
 * documents and checkpoint together. Projections at the same checkpoint (the usual case) share
 * one read of the feed. A failing batch is not committed, so a checkpoint never passes an
 * event that was not applied; that projection is retried from its stored checkpoint with
 * back-off, reported `failing` meanwhile, and the others go on without it.
 */
export class ProjectionRunner {
  private stopping = false;
  /** A wake-up arrived since the feed was last read. */
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  /** Its tracks start on the active generations (read when they were made). */
  private generationsCheckedAt = Date.now();
  private readonly outage: StoreOutage;

  constructor(
    private readonly events: EventStore,
    private readonly views: ReadStore,
    readonly tracks: readonly ProjectionTrack[],
    private readonly options: RunnerOptions,
  ) {
    this.outage = new StoreOutage(options.log);
  }

  start(): void {
    for (const track of this.tracks) track.resume();
    this.loop ??= this.run();
  }

  /** Stops after the batch in hand; resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    for (const track of this.tracks) track.stop();
  }

  /** New events were appended in this process: look now instead of at the end of the idle wait. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  status(): RunnerStatus[] {
    return this.tracks.map((track) => track.status());
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.step();
      } catch (error) {
        // Not expected (step() gives each projection its own failures), but the loop must
        // not end: every projection backs off and starts again from its stored checkpoint.
        for (const track of this.tracks) this.failed(track, error);
      }
      // An embedded store (PGlite) resolves its promises without ever giving timers and
      // sockets a turn: without a yield, working through a backlog would freeze the API
      // process that hosts the projector.
      const now = Date.now();
      if (this.tracks.some((track) => track.state === 'catching-up' && track.isDue(now))) await yieldToOthers();
      else if (await this.idle(this.untilNextRetry())) await sleep(this.options.wakeWindowMs);
    }
  }

  /** One batch for every projection that is due; projections at one checkpoint read the feed once. */
  private async step(): Promise<void> {
    // Appends after this point may not be in the reads below: a wake-up for them must not be lost.
    this.woken = false;
    await this.followActiveGeneration();
    const now = Date.now();
    const due = this.tracks.filter((track) => track.isDue(now));
    await Promise.all(due.filter((track) => track.checkpoint === undefined).map((track) => this.readCheckpoint(track)));
    const byCheckpoint = new Map<string, ProjectionTrack[]>();
    for (const track of due) {
      if (track.checkpoint === undefined) continue; // its read failed
      const key = formatPosition(track.checkpoint);
      byCheckpoint.set(key, [...(byCheckpoint.get(key) ?? []), track]);
    }
    await Promise.all([...byCheckpoint.values()].map((tracks) => this.advance(tracks, tracks[0]!.checkpoint!)));
  }

  private async advance(tracks: readonly ProjectionTrack[], after: GlobalPosition): Promise<void> {
    let batch: RecordedEvent[];
    try {
      batch = await this.events.readAll({ after, filter: { streamPrefixes: this.options.feedPrefixes }, maxCount: this.options.batchSize });
      this.outage.answered();
    } catch (error) {
      for (const track of tracks) this.failed(track, error);
      return;
    }
    if (batch.length === 0) return void tracks.forEach((track) => track.caughtUp());
    // The ids the API logged the commands' requests with, so that a request can be followed
    // into the views: one line per batch (the ids are deduplicated; a command's events share one).
    const correlationIds = [...new Set(batch.map((event) => event.metadata.correlationId))];
    const applied = await Promise.all(tracks.map((track) => this.apply(track, batch, after, correlationIds)));
    this.options.log({
      level: 'debug',
      message: 'applied a batch of the feed',
      projections: tracks.filter((_, i) => applied[i]).map((track) => track.name),
      events: batch.length,
      from: formatPosition(after),
      to: formatPosition(batch.at(-1)!.position),
      correlationIds,
    });
  }

  /** Resolves true when the batch was committed for this projection. */
  private async apply(track: ProjectionTrack, batch: readonly RecordedEvent[], from: GlobalPosition, correlationIds: readonly string[]): Promise<boolean> {
    const { name, generation } = track;
    try {
      const changes = await track.apply(batch, (refs) => this.views.load(name, generation, refs));
      const last = batch.at(-1)!.position;
      if (!(await this.views.commit(name, generation, changes, last, { from }))) {
        // Another runner of this generation (another projector process) moved the checkpoint
        // first: this batch was applied to stale documents; drop it and read again.
        track.lostRace();
        return false;
      }
      track.committed(changes, last, batch.length, batch.length < this.options.batchSize);
      return true;
    } catch (error) {
      if (error instanceof RetiredGenerationError) track.moveTo(error.active);
      else this.failed(track, error, correlationIds);
      return false;
    }
  }

  private async readCheckpoint(track: ProjectionTrack): Promise<void> {
    try {
      track.checkpoint = await this.views.checkpoint(track.name, track.generation);
      this.outage.answered();
    } catch (error) {
      this.failed(track, error);
    }
  }

  /** At most every `generationCheckMs`, and right after a failure. */
  private async followActiveGeneration(): Promise<void> {
    if (Date.now() - this.generationsCheckedAt < this.options.generationCheckMs) return;
    this.generationsCheckedAt = Date.now();
    await Promise.all(
      this.tracks.map(async (track) => {
        try {
          const active = await this.views.activeGeneration(track.name);
          if (active > track.generation) track.moveTo(active);
        } catch (error) {
          this.failed(track, error);
        }
      }),
    );
  }

  /** `correlationIds`: of the batch that failed, to find the commands behind it. */
  private failed(track: ProjectionTrack, error: unknown, correlationIds?: readonly string[]): void {
    this.generationsCheckedAt = Number.NEGATIVE_INFINITY;
    if (meansStoreUnavailable(error)) {
      track.failed(error, this.options.maxBackoffMs, Date.now(), Math.min(OUTAGE_RETRY_MS, this.options.maxBackoffMs));
      this.outage.failed(error);
      return;
    }
    const retryInMs = track.failed(error, this.options.maxBackoffMs, Date.now());
    this.options.log({
      level: 'error',
      message: 'projection failed; retrying from its checkpoint',
      projection: track.name,
      generation: track.generation,
      checkpoint: track.shownCheckpoint ? formatPosition(track.shownCheckpoint) : undefined,
      error: track.lastError?.message,
      retryInMs,
      ...(correlationIds ? { correlationIds } : {}),
    });
  }

  /** The idle wait: until a failing projection is due again, at most `idleMs`. */
  private untilNextRetry(): number {
    const now = Date.now();
    const retries = this.tracks.filter((track) => track.state === 'failing').map((track) => track.retryAt - now);
    return Math.max(0, Math.min(this.options.idleMs, ...retries));
  }

  /** Resolves true when woken (now or before), false when `ms` ran out. */
  private async idle(ms: number): Promise<boolean> {
    if (this.woken) return true;
    let timer: NodeJS.Timeout | undefined;
    const woken = await new Promise<boolean>((resolve) => {
      this.wakeUp = () => resolve(true);
      timer = setTimeout(() => resolve(false), ms);
    });
    clearTimeout(timer);
    this.wakeUp = undefined;
    return woken;
  }
}
