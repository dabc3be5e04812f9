import type { RecordedEvent } from '#event-store';
import { refId, type DocumentRef, type Projection, type ViewDocument } from '../projection.js';
import type { DocumentChange } from '../read-store.port.js';

/**
 * Applies a batch of events to one projection's documents: loads every document the batch
 * touches once, folds the events through `apply` in order (each sees the previous one's
 * result), and returns the net changes to write. Pure apart from the one `load` call.
 */
export async function applyBatch(
  projection: Projection,
  events: readonly RecordedEvent[],
  load: (refs: DocumentRef[]) => Promise<Map<string, ViewDocument>>,
): Promise<DocumentChange[]> {
  const touched = new Map<string, DocumentRef>();
  const perEvent = events.map((event) => {
    const refs = projection.touches(event);
    for (const ref of refs) touched.set(refId(ref), ref);
    return refs;
  });
  if (touched.size === 0) return [];
  const stored = await load([...touched.values()]);
  const current = new Map<string, ViewDocument | undefined>([...touched.keys()].map((id) => [id, stored.get(id)]));
  const changed = new Set<string>();
  for (const [index, event] of events.entries()) {
    const refs = perEvent[index]!;
    if (refs.length === 0) continue;
    const view = new Map(refs.map((ref) => [refId(ref), current.get(refId(ref))]));
    for (const [id, doc] of projection.apply(event, view)) {
      current.set(id, doc ?? undefined);
      changed.add(id);
    }
  }
  return [...changed].map((id) => ({ ref: touched.get(id) ?? parseRefId(id), doc: current.get(id) ?? null }));
}

function parseRefId(id: string): DocumentRef {
  const slash = id.indexOf('/');
  return { collection: id.slice(0, slash), key: id.slice(slash + 1) };
}
