import type { RecordedEvent } from '#event-store';
import type { Projection, ViewDocument } from '../projection.js';

/** Views in memory: collection → key → document. */
export type FoldedViews = Map<string, Map<string, ViewDocument>>;

/**
 * The views that applying `events`, in order, to empty collections gives: what the projector
 * writes, computed in memory. Each event reaches the projections whose stream prefixes match
 * it; a projection is handed the documents it `touches` and its result is written back
 * (null deletes). Written documents go through JSON, as they would through a store, so a
 * value a store cannot keep (undefined, a bigint) shows up here too.
 */
export function foldViews(projections: readonly Projection[], events: readonly RecordedEvent[]): FoldedViews {
  const views: FoldedViews = new Map();
  for (const projection of projections) {
    for (const collection of projection.collections) views.set(collection, new Map());
  }
  for (const event of events) {
    for (const projection of projections) applyInMemory(views, projection, event);
  }
  return views;
}

/**
 * Applies one event to views in memory, as the projector would to the store. Documents are
 * replaced, never changed in place, so views that share documents (copies of the collection
 * maps) stay apart. `throughJson` (default) keeps each written document as a store would;
 * without it the projection's own (pure, never changed again) document is kept, which saves
 * ~40 % of a fold (docs/adr/0020).
 */
export function applyInMemory(views: FoldedViews, projection: Projection, event: RecordedEvent, throughJson = true): void {
  if (!projection.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) return;
  const refs = projection.touches(event);
  if (refs.length === 0) return;
  const current = new Map<string, ViewDocument | undefined>();
  for (const ref of refs) current.set(`${ref.collection}/${ref.key}`, views.get(ref.collection)?.get(ref.key));
  for (const [id, doc] of projection.apply(event, current)) {
    const slash = id.indexOf('/');
    const [collection, key] = [id.slice(0, slash), id.slice(slash + 1)];
    if (!views.has(collection)) views.set(collection, new Map());
    if (doc === null) views.get(collection)!.delete(key);
    else views.get(collection)!.set(key, throughJson ? (JSON.parse(JSON.stringify(doc)) as ViewDocument) : doc);
  }
}
