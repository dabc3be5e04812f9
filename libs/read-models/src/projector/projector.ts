import { comparePositions, START, type EventStore, type GlobalPosition } from '#event-store';
import type { Projection } from '../projection.js';
import type { ReadStore } from '../read-store.port.js';
import { DocumentMemory } from './document-memory.js';
import { ProjectionRunner, type RunnerOptions, type RunnerStatus } from './projection-runner.js';
import { ProjectionTrack } from './projection-track.js';
import { activeCheckpoint } from './projection-lag.js';
import { rebuildPass } from './rebuild-pass.js';

export interface ProjectorOptions {
  /** Events per batch when following the feed (one commit per projection each). */
  batchSize?: number;
  /** Events per batch when rebuilding. */
  rebuildBatchSize?: number;
  idleMs?: number;
  /** See RunnerOptions.wakeWindowMs. */
  wakeWindowMs?: number;
  maxBackoffMs?: number;
  /** See RunnerOptions.generationCheckMs. */
  generationCheckMs?: number;
  /**
   * Documents remembered between batches (see DocumentMemory), in characters of JSON over all
   * projections: when following the feed, and when rebuilding.
   */
  documentMemory?: { live?: number; rebuild?: number };
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
 * Runs every projection against the global feed (one runner for all, reading the feed once
 * for the projections at the same checkpoint; one failing projection does not hold the others
 * back), and rebuilds projections into new generations while the active ones keep answering
 * queries.
 */
export class Projector {
  private live: ProjectionRunner | undefined;
  private readonly feedPrefixes: string[];
  private readonly runnerOptions: Omit<RunnerOptions, 'feedPrefixes' | 'batchSize'>;
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  private readonly documentMemory: { live: number; rebuild: number };

  constructor(
    private readonly events: EventStore,
    private readonly views: ReadStore,
    private readonly projections: readonly Projection[],
    options: ProjectorOptions = {},
  ) {
    this.feedPrefixes = [...new Set(projections.flatMap((p) => p.streamPrefixes))];
    this.batchSize = options.batchSize ?? 500;
    this.rebuildBatchSize = options.rebuildBatchSize ?? 2_000;
    // Characters of JSON; in memory, documents took about 1.5 times their JSON (measured).
    this.documentMemory = { live: options.documentMemory?.live ?? 8_000_000, rebuild: options.documentMemory?.rebuild ?? 40_000_000 };
    this.runnerOptions = {
      idleMs: options.idleMs ?? 250,
      wakeWindowMs: options.wakeWindowMs ?? 5,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      generationCheckMs: options.generationCheckMs ?? 1_000,
      log: options.log ?? (() => undefined),
    };
  }

  names(): string[] {
    return this.projections.map((p) => p.name);
  }

  async start(): Promise<void> {
    if (this.live) return;
    const tracks = await Promise.all(
      this.projections.map(
        async (projection) =>
          new ProjectionTrack(projection, await this.views.activeGeneration(projection.name), new DocumentMemory(this.liveMemory())),
      ),
    );
    this.live ??= this.liveRunner(tracks);
    this.live.start();
  }

  async stop(): Promise<void> {
    const live = this.live;
    this.live = undefined;
    await live?.stop();
  }

  /** Events were appended in this process: the projections look at the feed now. */
  wake(): void {
    this.live?.wake();
  }

  status(): RunnerStatus[] {
    return this.live?.status() ?? [];
  }

  /**
   * Rebuilds the named projections from the start of the feed, each into a new generation,
   * in one pass over the feed, while the active generations keep answering; when the new ones
   * have caught up they become active, and the live runner moves to them. Progress is
   * reported after every batch of every projection.
   */
  async rebuild(names: readonly string[], onProgress: (progress: RebuildProgress) => void = () => undefined): Promise<RebuildProgress[]> {
    const projections = [...new Set(names)].map((name) => {
      const projection = this.projections.find((p) => p.name === name);
      if (!projection) throw new Error(`no projection named ${name}; there are ${this.names().join(', ')}`);
      return projection;
    });
    const target = await this.events.headPosition({ streamPrefixes: this.feedPrefixes });
    const memory = this.documentMemory.rebuild / projections.length;
    const tracks: ProjectionTrack[] = [];
    for (const projection of projections) {
      // A new generation is empty and only this rebuild writes it: its checkpoint is START and
      // its documents are all in memory from the start (its commits prove both, see DocumentMemory).
      const generation = await this.views.createGeneration(projection.name);
      tracks.push(new ProjectionTrack(projection, generation, new DocumentMemory(memory, { complete: true }), START));
    }
    const startedAt = Date.now();
    const progress = (track: ProjectionTrack, state: RebuildProgress['state']): RebuildProgress => ({
      projection: track.name,
      generation: track.generation,
      eventsDone: track.eventsApplied,
      eventsPerSecond: Math.round(track.eventsApplied / Math.max((Date.now() - startedAt) / 1000, 0.001)),
      checkpoint: track.shownCheckpoint ?? START,
      target,
      state,
    });
    await rebuildPass(this.events, this.views, tracks, {
      feedPrefixes: this.feedPrefixes,
      batchSize: this.rebuildBatchSize,
      onBatch: (track) => onProgress(progress(track, 'running')),
    });
    // Caught up: switch. The live runner stops first (a commit to a retired generation is
    // refused); events appended meanwhile are applied by the live runner of the new
    // generations, from the checkpoints the rebuild reached, with what it remembers.
    const live = this.live;
    await live?.stop();
    for (const track of tracks) await this.views.activate(track.name, track.generation);
    const switched = tracks.map((track) => progress(track, 'switched'));
    switched.forEach(onProgress);
    if (live !== undefined && this.live === live) {
      const rebuilt = new Map(tracks.map((track) => [track.name, track]));
      this.live = this.liveRunner(
        live.tracks.map((running) => {
          const track = rebuilt.get(running.name);
          if (track === undefined) return running;
          track.memory.limitTo(this.liveMemory());
          return new ProjectionTrack(track.projection, track.generation, track.memory, track.checkpoint);
        }),
      );
      this.live.start();
    }
    return switched;
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
        names.map(async (name) => (await activeCheckpoint(this.views, name)).checkpoint),
      );
      if (checkpoints.every((checkpoint) => comparePositions(checkpoint, position) >= 0)) return true;
      if (Date.now() >= deadline) return false;
      this.wake();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Each projection's share of the live runner's document memory. */
  private liveMemory(): number {
    return this.documentMemory.live / this.projections.length;
  }

  private liveRunner(tracks: readonly ProjectionTrack[]): ProjectionRunner {
    return new ProjectionRunner(this.events, this.views, tracks, {
      ...this.runnerOptions,
      feedPrefixes: this.feedPrefixes,
      batchSize: this.batchSize,
    });
  }
}
