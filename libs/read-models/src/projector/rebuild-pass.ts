import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { formatPosition, type EventStore, type GlobalPosition, type RecordedEvent } from '#event-store';
import type { DocumentRef, ViewDocument } from '../projection.js';
import type { DocumentChange, ReadStore } from '../read-store.port.js';
import type { ProjectionTrack } from './projection-track.js';

export interface RebuildPassOptions {
  batchSize: number;
  /** Every projection reads the same feed filter, so all checkpoints move over the same events. */
  feedPrefixes: readonly string[];
  /** Called after each committed batch of a projection (progress). */
  onBatch: (track: ProjectionTrack) => void;
}

/**
 * A rebuild's pass over the feed, from the tracks' common checkpoint to the end of the feed,
 * for new generations that only this pass writes. It keeps three kinds of work going at
 * once instead of one after the other: the feed's next batch is read while a batch is
 * applied, and a batch is applied while the one before it commits. On the PostgreSQL
 * profile those run on the server's connections and this process's JavaScript at the same
 * time; on the embedded one they share one thread, and the pass costs what the batches
 * cost.
 *
 * Applying a batch before the previous one has committed is sound here, and only here: the
 * generations are new and written by this pass alone, so a track's memory is the truth as of
 * the batches applied so far. A batch is remembered when it is applied; at most one commit
 * per track is in flight, and the commits keep their compare-and-set on the checkpoint.
 * A batch's changes stay in the memory until its commit is in, whatever its budget; so when a
 * memory has had to drop documents (it was over its budget) and a batch needs one of them,
 * it is read from the store at once: the store holds it as the memory last did. (Waiting for
 * the commits in flight before such a read instead made the pass apply and commit one after
 * the other whenever the views did not fit the memory: docs/adr/0013.) Any failure ends the
 * pass: a rebuild is not resumed, it is started again.
 */
export async function rebuildPass(
  events: EventStore,
  views: ReadStore,
  tracks: readonly ProjectionTrack[],
  options: RebuildPassOptions,
): Promise<void> {
  const start = tracks[0]?.checkpoint;
  if (start === undefined) return;
  if (!tracks.every((track) => track.checkpoint !== undefined && formatPosition(track.checkpoint) === formatPosition(start))) {
    throw new Error('a rebuild pass starts all its projections from one checkpoint');
  }
  const read = (after: GlobalPosition) =>
    quiet(events.readAll({ after, filter: { streamPrefixes: options.feedPrefixes }, maxCount: options.batchSize }));
  let after = start;
  let next = read(after);
  let committing: Promise<void> = Promise.resolve();
  for (;;) {
    const batch = await next;
    if (batch.length === 0) break;
    const from = after;
    after = batch.at(-1)!.position;
    const last = batch.length < options.batchSize;
    next = last ? Promise.resolve([]) : read(after);
    // A document the memory has dropped is read from the store at once: the memory drops no
    // document whose commit is still in flight, so the store holds every other as it should.
    const fromStore = (track: ProjectionTrack) => (refs: DocumentRef[]) => views.load(track.name, track.generation, refs);
    const applied = await Promise.all(tracks.map((track) => applyAhead(track, batch, fromStore(track))));
    await committing;
    committing = quiet(
      Promise.all(tracks.map((track, index) => commit(views, track, applied[index]!, { from, to: after, events: batch.length, last }, options))).then(
        () => undefined,
      ),
    );
    // On the embedded profile the store never gives timers and sockets a turn by itself:
    // the API that hosts the rebuild must keep answering.
    await yieldToOthers();
    if (last) break;
  }
  await committing;
  for (const track of tracks) if (track.state !== 'caught-up') track.caughtUp();
}

/**
 * The batch applied to the track's documents and remembered, ahead of its commit. The memory
 * answers for the documents it holds; `fromStore` is asked only for those it has dropped.
 */
async function applyAhead(
  track: ProjectionTrack,
  batch: readonly RecordedEvent[],
  fromStore: (refs: DocumentRef[]) => Promise<Map<string, ViewDocument>>,
): Promise<DocumentChange[]> {
  const changes = await track.apply(batch, fromStore);
  track.rememberPending(changes);
  return changes;
}

async function commit(
  views: ReadStore,
  track: ProjectionTrack,
  changes: readonly DocumentChange[],
  batch: { from: GlobalPosition; to: GlobalPosition; events: number; last: boolean },
  options: RebuildPassOptions,
): Promise<void> {
  if (!(await views.commit(track.name, track.generation, changes, batch.to, { from: batch.from }))) {
    throw new Error(
      `the checkpoint of ${track.name}, generation ${track.generation}, moved under its rebuild: another process wrote the generation`,
    );
  }
  track.pendingCommitted(changes);
  track.advanced(batch.to, batch.events, batch.last);
  options.onBatch(track);
}

/**
 * The same promise, marked as handled: it is awaited later, after other awaits, and a
 * rejection meanwhile must not count as unhandled (which ends the process).
 */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
