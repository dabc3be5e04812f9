import { comparePositions, formatPosition, parsePosition, type GlobalPosition } from '#event-store';
import type { ReadStore } from '../read-store.port.js';
import type { RunnerStatus } from '../projector/projection-runner.js';

/**
 * Views change only when the projector commits, and a commit moves the checkpoint of the
 * projection's active generation. So (active generation, checkpoint) of each projection an
 * answer reads is a version of that answer: the same query at the same version gives the
 * same answer.
 */
export interface ViewCheckpoint {
  projection: string;
  generation: number;
  checkpoint: GlobalPosition;
}

/** The version of an answer: one checkpoint per projection it reads, in the order asked. */
export type ViewVersion = readonly ViewCheckpoint[];

/** Where the versions come from. */
export interface ViewVersionSource {
  /**
   * The version of `projections`, as of this call or later (never one that a commit
   * finished before the call had already replaced). With `atLeast`, a source that can tell
   * cheaply that it is behind that position reads again instead.
   */
  current(projections: readonly string[], atLeast?: GlobalPosition): Promise<ViewVersion>;
}

/** `portfolio@1:753-12` — for cache keys. */
export function formatViewVersion(version: ViewVersion): string {
  return version.map(({ projection, generation, checkpoint }) => `${projection}@${generation}:${formatPosition(checkpoint)}`).join(' ');
}

/** Whether every projection of `version` has applied the feed up to `position`. */
export function viewVersionReached(version: ViewVersion, position: GlobalPosition): boolean {
  return version.every(({ checkpoint }) => comparePositions(checkpoint, position) >= 0);
}

/** Later generation first, then later checkpoint: > 0 when `a` is newer than `b`. */
export function compareViewCheckpoints(a: ViewCheckpoint, b: ViewCheckpoint): number {
  return a.generation - b.generation || comparePositions(a.checkpoint, b.checkpoint);
}

/**
 * Versions read from the read store's checkpoint rows: right whichever process runs the
 * projector (the postgres profile's API instances, with the projector in apps/projector).
 *
 * Concurrent requests share reads, one projection at a time, without ever getting a version
 * older than their own arrival: a request that finds a read in flight does not join it (it
 * may have started before a commit the request must see) but waits for the next one, which
 * starts when the one in flight ends and serves every request that queued meanwhile. So
 * however many requests arrive, at most two reads per projection are under way, and each
 * request's version was read after it arrived.
 */
export class StoredViewVersions implements ViewVersionSource {
  private readonly reads = new Map<string, CoalescedRead<ViewCheckpoint>>();

  constructor(private readonly views: ReadStore) {}

  current(projections: readonly string[]): Promise<ViewVersion> {
    return Promise.all(projections.map((projection) => this.readerOf(projection).read()));
  }

  private readerOf(projection: string): CoalescedRead<ViewCheckpoint> {
    let reader = this.reads.get(projection);
    if (!reader) {
      reader = new CoalescedRead(async () => {
        const generation = await this.views.activeGeneration(projection);
        return { projection, generation, checkpoint: await this.views.checkpoint(projection, generation) };
      });
      this.reads.set(projection, reader);
    }
    return reader;
  }
}

/**
 * Versions from the projector running in this process (the embedded profile), without
 * asking the store: each runner knows the checkpoint it last committed, and nothing else
 * writes this store. A runner reports a checkpoint only once its commit has returned, so
 * every answer computed after reading a version here sees at least that version. A
 * projection whose runner does not know its checkpoint yet (just started, or just moved to
 * a rebuilt generation), or is behind `atLeast` (a read-your-writes query whose wait was
 * decided by the store), is read from the store instead.
 */
export class InProcessViewVersions implements ViewVersionSource {
  constructor(
    private readonly runners: () => readonly RunnerStatus[],
    private readonly stored: ViewVersionSource,
  ) {}

  async current(projections: readonly string[], atLeast?: GlobalPosition): Promise<ViewVersion> {
    const statuses = this.runners();
    const known = projections.map((projection): ViewCheckpoint | undefined => {
      const status = statuses.find((runner) => runner.projection === projection && runner.state !== 'stopped');
      const checkpoint = status ? parsePosition(status.checkpoint) : undefined;
      if (!status || !checkpoint) return undefined;
      if (atLeast && comparePositions(checkpoint, atLeast) < 0) return undefined;
      return { projection, generation: status.generation, checkpoint };
    });
    const missing = projections.filter((_, index) => known[index] === undefined);
    if (missing.length === 0) return known as ViewCheckpoint[];
    const read = await this.stored.current(missing, atLeast);
    let next = 0;
    return known.map((checkpoint) => checkpoint ?? read[next++]!);
  }
}

/**
 * One read shared by everyone who asked while it was queued, and never by someone who asked
 * after it started (see StoredViewVersions).
 */
export class CoalescedRead<Value> {
  private running: Promise<Value> | undefined;
  private next: Promise<Value> | undefined;

  constructor(private readonly load: () => Promise<Value>) {}

  read(): Promise<Value> {
    if (!this.running) return this.start();
    this.next ??= this.running.then(
      () => this.startQueued(),
      () => this.startQueued(),
    );
    return this.next;
  }

  private startQueued(): Promise<Value> {
    this.next = undefined;
    return this.start();
  }

  private start(): Promise<Value> {
    const running = this.load();
    this.running = running;
    const done = () => {
      if (this.running === running) this.running = undefined;
    };
    running.then(done, done);
    return running;
  }
}
