import { formatPosition, type EventStore, type RecordedEvent } from '#event-store';
import { auditEntryAtTheEdge, type DocumentPage, type DocumentQuery, type ViewDocument } from '#read-models';
import { jsonLine } from './json-lines.js';
import { EXPORT_PAGE_SIZE } from './portfolio-csv.js';

/** A page of the trail as the JSON trail reads it. */
export type AuditTrailPages = (query: DocumentQuery) => Promise<DocumentPage>;

/**
 * The trail as JSON Lines: per event, the entry exactly as GET /audit-trail shows it (who,
 * role, when, why, before → after in USD), plus `hash` and `previousHash` of the stream's
 * hash chain and `event`, the event as the store holds it — id, stream, revision, global
 * position, type, data (integer cents, as hashed) and every metadata field — so that an
 * auditor can recompute each hash (libs/ledger/src/hash-chain.ts) from the file alone.
 * `event: null` (and no hash) marks an entry whose event the store no longer holds: the view
 * remembers an event the history lost, which is itself evidence for the auditor.
 */
export async function* auditTrailLines(pages: AuditTrailPages, query: DocumentQuery, events: EventStore): AsyncGenerator<string> {
  const { after: _fromTheStart, ...whole } = query;
  let after: string | undefined;
  do {
    const page = await pages({ ...whole, limit: EXPORT_PAGE_SIZE, ...(after === undefined ? {} : { after }) });
    if (page.items.length > 0) {
      const recorded = await recordedEventsOf(page.items, events);
      yield page.items.map((entry) => jsonLine(lineOf(entry, recorded.get(entry['eventId'] as string)))).join('');
    }
    after = page.nextCursor;
  } while (after !== undefined);
}

function lineOf(entry: ViewDocument, event: RecordedEvent | undefined): Record<string, unknown> {
  if (event === undefined) return { ...auditEntryAtTheEdge(entry), hash: null, previousHash: null, event: null };
  return {
    ...auditEntryAtTheEdge(entry),
    hash: event.metadata.hash,
    previousHash: event.metadata.previousHash,
    event: {
      id: event.id,
      streamId: event.streamId,
      revision: event.revision,
      position: formatPosition(event.position),
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    },
  };
}

/**
 * The stored events of a page's entries, by event id: per stream, one read of the revisions
 * the page spans (an index range on SQL, a bounded read on EventStoreDB), never a whole
 * stream.
 */
async function recordedEventsOf(entries: readonly ViewDocument[], events: EventStore): Promise<Map<string, RecordedEvent>> {
  const spans = new Map<string, { from: number; to: number }>();
  for (const entry of entries) {
    const streamId = entry['streamId'] as string;
    const revision = entry['revision'] as number;
    const span = spans.get(streamId);
    spans.set(streamId, span === undefined ? { from: revision, to: revision } : { from: Math.min(span.from, revision), to: Math.max(span.to, revision) });
  }
  const read = await Promise.all(
    [...spans].map(([streamId, { from, to }]) => events.readStream(streamId, { fromRevision: from, toRevision: to })),
  );
  return new Map(read.flat().map((event) => [event.id, event]));
}
