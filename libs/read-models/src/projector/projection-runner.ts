import { setImmediate as yieldToOthers, setTimeout as sleep } from 'node:timers/promises';
import { formatPosition, type EventStore, type GlobalPosition, type RecordedEvent } from '#event-store';
import type { Projection } from '../projection.js';
import type { ReadStore } from '../read-store.port.js';
import { applyBatch } from './apply-batch.js';

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

export interface RunnerOptions {
  batchSize: number;
  /** How long to wait for new events when caught up (a wake-up cuts it short). */
  idleMs: number;
  /** Longest pause between retries after a failure (backs off exponentially up to it). */
  maxBackoffMs: number;
  /** Every projection reads the same feed filter, so all checkpoints move over the same events. */
  feedPrefixes: readonly string[];
  log: (entry: Record<string, unknown>) => void;
  /** Called after each committed batch (progress of a rebuild). */
  onBatch?: (events: number, checkpoint: GlobalPosition) => void;
  /**
   * A live runner follows the active generation: when a rebuild (in this process or
   * another) activates a newer one, it moves to it. A rebuild's runner does not.
   */
  followActiveGeneration?: boolean;
}

/**
 * Keeps one generation of one projection up to date: reads the feed after its checkpoint,
 * a batch at a time, applies it and commits documents and checkpoint together. A failing
 * batch is not committed, so the checkpoint never passes an event that was not applied;
 * it is retried with back-off and reported in the status meanwhile.
 */
export class ProjectionRunner {
  private state: RunnerState = 'starting';
  private checkpoint: GlobalPosition | undefined;
  private eventsApplied = 0;
  private failures = 0;
  private lastError: string | undefined;
  private stopping = false;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly views: ReadStore,
    readonly projection: Projection,
    private generation: number,
    private readonly options: RunnerOptions,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops after the batch in hand; resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    this.state = 'stopped';
  }

  /** New events were appended in this process: look now instead of at the end of the idle wait. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Applies everything already in the feed, then resolves (used by rebuilds and tests). */
  async catchUp(): Promise<void> {
    while (!this.stopping && (await this.step()) === this.options.batchSize) {
      await yieldToOthers(); // see run(): the API must keep answering during a rebuild
    }
  }

  status(): RunnerStatus {
    return {
      projection: this.projection.name,
      generation: this.generation,
      state: this.state,
      checkpoint: this.checkpoint ? formatPosition(this.checkpoint) : 'unknown',
      eventsApplied: this.eventsApplied,
      failures: this.failures,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (!this.stopping) {
      try {
        const read = await this.step();
        backoff = 100;
        if (read < this.options.batchSize) await this.idle(this.options.idleMs);
        // An embedded store (PGlite) resolves its promises without ever giving timers and
        // sockets a turn: without this, working through a backlog would freeze the API
        // process that hosts the projector.
        else await yieldToOthers();
      } catch (error) {
        this.failures += 1;
        this.state = 'failing';
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.log({
          level: 'error',
          message: 'projection failed; retrying from its checkpoint',
          projection: this.projection.name,
          generation: this.generation,
          checkpoint: this.checkpoint ? formatPosition(this.checkpoint) : undefined,
          error: this.lastError,
          retryInMs: backoff,
        });
        await this.idle(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs);
      }
    }
  }

  /** One batch: returns how many events were read. */
  private async step(): Promise<number> {
    if (this.options.followActiveGeneration) {
      const active = await this.views.activeGeneration(this.projection.name);
      if (active > this.generation) this.generation = active;
    }
    // The checkpoint is re-read from the store each time: after a failure, or when another
    // process moved it, this is the only truth.
    const after = await this.views.checkpoint(this.projection.name, this.generation);
    this.checkpoint = after;
    const batch = await this.events.readAll({
      after,
      filter: { streamPrefixes: this.options.feedPrefixes },
      maxCount: this.options.batchSize,
    });
    if (batch.length === 0) {
      this.state = 'caught-up';
      return 0;
    }
    this.state = 'catching-up';
    const mine = batch.filter((event) => this.isMine(event));
    const changes = await applyBatch(this.projection, mine, (refs) => this.views.load(this.projection.name, this.generation, refs));
    const last = batch.at(-1)!.position;
    if (!(await this.views.commit(this.projection.name, this.generation, changes, last, { from: after }))) {
      // Another runner of this projection (another projector process) moved the checkpoint
      // first: this batch was applied to stale documents; drop it and read again.
      return this.options.batchSize;
    }
    this.checkpoint = last;
    this.eventsApplied += batch.length;
    this.lastError = undefined;
    this.state = batch.length < this.options.batchSize ? 'caught-up' : 'catching-up';
    this.options.onBatch?.(batch.length, last);
    return batch.length;
  }

  private isMine(event: RecordedEvent): boolean {
    return this.projection.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix));
  }

  private async idle(ms: number): Promise<void> {
    const woken = new Promise<void>((resolve) => (this.wakeUp = resolve));
    await Promise.race([sleep(ms), woken]);
    this.wakeUp = undefined;
  }
}
