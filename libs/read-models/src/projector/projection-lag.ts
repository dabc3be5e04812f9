import { formatPosition, type EventStore, type GlobalPosition } from '#event-store';
import type { Projection } from '../projection.js';
import type { ReadStore } from '../read-store.port.js';

/** Beyond this many events behind, the lag is reported as "at least" this many. */
export const LAG_COUNT_LIMIT = 10_000;

export interface ProjectionLag {
  projection: string;
  generation: number;
  checkpoint: string;
  /** Events in the feed not applied yet (capped at LAG_COUNT_LIMIT, see `atLeast`). */
  eventsBehind: number;
  atLeast: boolean;
  /** How long the oldest unapplied event has waited, in seconds (0 when caught up). */
  secondsBehind: number;
}

/**
 * How far each projection is behind the feed, read from the stores themselves, so it is
 * the same whichever process asks (an API instance or the projector app).
 */
export async function projectionLag(
  events: EventStore,
  views: ReadStore,
  projections: readonly Projection[],
  now: Date = new Date(),
): Promise<ProjectionLag[]> {
  const streamPrefixes = [...new Set(projections.flatMap((p) => p.streamPrefixes))];
  // Projections usually share a checkpoint: read the unapplied events once per checkpoint.
  const unappliedAfter = new Map<string, ReturnType<EventStore['readAll']>>();
  const readAfter = (checkpoint: GlobalPosition) => {
    const key = formatPosition(checkpoint);
    if (!unappliedAfter.has(key)) {
      unappliedAfter.set(key, events.readAll({ after: checkpoint, filter: { streamPrefixes }, maxCount: LAG_COUNT_LIMIT }));
    }
    return unappliedAfter.get(key)!;
  };
  return Promise.all(
    projections.map(async (projection) => {
      const { generation, checkpoint } = await activeCheckpoint(views, projection.name);
      const unapplied = await readAfter(checkpoint);
      const oldest = unapplied[0]?.metadata.recordedAt;
      return {
        projection: projection.name,
        generation,
        checkpoint: formatPosition(checkpoint),
        eventsBehind: unapplied.length,
        atLeast: unapplied.length === LAG_COUNT_LIMIT,
        secondsBehind: oldest ? Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)) : 0,
      };
    }),
  );
}

/**
 * The active generation of a projection and its checkpoint, as of one moment. Read one after
 * the other, a rebuild's activation between the two reads (it drops the retired generation's
 * checkpoint) made the retired generation read as START: /health and /metrics showed the whole
 * feed behind. The generation is read again after the checkpoint: unchanged, the checkpoint
 * was read while it was active (activations only move forwards); changed, read again.
 */
export async function activeCheckpoint(views: ReadStore, projection: string): Promise<{ generation: number; checkpoint: GlobalPosition }> {
  let generation = await views.activeGeneration(projection);
  for (;;) {
    const checkpoint = await views.checkpoint(projection, generation);
    const still = await views.activeGeneration(projection);
    if (still === generation) return { generation, checkpoint };
    generation = still;
  }
}
