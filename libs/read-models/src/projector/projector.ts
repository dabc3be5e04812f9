import { comparePositions, START, type EventStore, type GlobalPosition } from '#event-store';
import type { Projection } from '../projection.js';
import type { ReadStore } from '../read-store.port.js';
import { ProjectionRunner, type RunnerOptions, type RunnerStatus } from './projection-runner.js';

export interface ProjectorOptions {
  batchSize?: number;
  idleMs?: number;
  maxBackoffMs?: number;
  log?: (entry: Record<string, unknown>) => void;
}

export interface RebuildProgress {
  projection: string;
  generation: number;
  eventsDone: number;
  eventsPerSecond: number;
  checkpoint: GlobalPosition;
  /** The feed's last position when the rebuild started: how far it has to go. */
  target: GlobalPosition | undefined;
  state: 'running' | 'switched' | 'failed';
}

/**
 * Runs every projection against the global feed (one runner each, so that one failing
 * projection does not hold the others back), and rebuilds a projection into a new
 * generation while the old one keeps answering queries.
 */
export class Projector {
  private readonly runners = new Map<string, ProjectionRunner>();
  private readonly feedPrefixes: string[];
  private readonly runnerOptions: Omit<RunnerOptions, 'feedPrefixes'>;
  private started = false;

  constructor(
    private readonly events: EventStore,
    private readonly views: ReadStore,
    private readonly projections: readonly Projection[],
    options: ProjectorOptions = {},
  ) {
    this.feedPrefixes = [...new Set(projections.flatMap((p) => p.streamPrefixes))];
    this.runnerOptions = {
      batchSize: options.batchSize ?? 500,
      idleMs: options.idleMs ?? 250,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      log: options.log ?? (() => undefined),
    };
  }

  names(): string[] {
    return this.projections.map((p) => p.name);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const projection of this.projections) {
      const runner = this.runner(projection, await this.views.activeGeneration(projection.name), { live: true });
      this.runners.set(projection.name, runner);
      runner.start();
    }
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.runners.clear();
  }

  /** Events were appended in this process: every runner looks at the feed now. */
  wake(): void {
    for (const runner of this.runners.values()) runner.wake();
  }

  status(): RunnerStatus[] {
    return [...this.runners.values()].map((runner) => runner.status());
  }

  /**
   * Rebuilds one projection from the start of the feed into a new generation, while the
   * active generation keeps answering; when the new one has caught up it becomes active,
   * and the live runner moves to it. Progress is reported after every batch.
   */
  async rebuild(name: string, onProgress: (progress: RebuildProgress) => void = () => undefined): Promise<RebuildProgress> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`no projection named ${name}; there are ${this.names().join(', ')}`);
    const generation = await this.views.createGeneration(name);
    const target = await this.events.headPosition({ streamPrefixes: this.feedPrefixes });
    const startedAt = Date.now();
    let eventsDone = 0;
    let checkpoint: GlobalPosition = START;
    const progress = (state: RebuildProgress['state']): RebuildProgress => ({
      projection: name,
      generation,
      eventsDone,
      eventsPerSecond: Math.round(eventsDone / Math.max((Date.now() - startedAt) / 1000, 0.001)),
      checkpoint,
      target,
      state,
    });
    const rebuilding = this.runner(projection, generation, {
      onBatch: (count, position) => {
        eventsDone += count;
        checkpoint = position;
        onProgress(progress('running'));
      },
    });
    await rebuilding.catchUp();
    // Caught up: switch. The old generation's runner stops first (a commit to a retired
    // generation is refused); events appended meanwhile are applied by the live runner of
    // the new generation, from the checkpoint the rebuild reached.
    const previous = this.runners.get(name);
    await previous?.stop();
    await this.views.activate(name, generation);
    if (previous) {
      const live = this.runner(projection, generation, { live: true });
      this.runners.set(name, live);
      live.start();
    }
    const done = progress('switched');
    onProgress(done);
    return done;
  }

  /**
   * Resolves true once every projection (or the named ones) has applied the feed up to
   * `position`, false when `timeoutMs` runs out first. Reads checkpoints from the read
   * store, so it also works in a process that does not run the projector.
   */
  async waitFor(position: GlobalPosition, timeoutMs: number, names: readonly string[] = this.names()): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoints = await Promise.all(
        names.map(async (name) => this.views.checkpoint(name, await this.views.activeGeneration(name))),
      );
      if (checkpoints.every((checkpoint) => comparePositions(checkpoint, position) >= 0)) return true;
      if (Date.now() >= deadline) return false;
      this.wake();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private runner(projection: Projection, generation: number, options: { live?: boolean; onBatch?: RunnerOptions['onBatch'] }): ProjectionRunner {
    return new ProjectionRunner(this.events, this.views, projection, generation, {
      ...this.runnerOptions,
      feedPrefixes: this.feedPrefixes,
      followActiveGeneration: options.live ?? false,
      ...(options.onBatch ? { onBatch: options.onBatch } : {}),
    });
  }
}
