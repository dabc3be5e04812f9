import { jsonEvent, type EventData, type RecordedEvent as ClientRecordedEvent } from '@eventstore/db-client';
import type { EventMetadata, EventToAppend, FeedFilter, RecordedEvent } from '../event-store.port.js';
import { revisionNumber } from './expected-revision.js';
import { toGlobalPosition } from './positions.js';

/**
 * Port events ↔ EventStoreDB events (pure; see recorded-events.spec.ts).
 *
 * An event is stored as a JSON event (`jsonEvent({ id, type, data, metadata })`, content
 * type application/json): the client sends `JSON.stringify(data)` and
 * `JSON.stringify(metadata)` and, on reads, parses both back (`convertGrpcRecord`), so the
 * port's data and metadata objects round-trip as JSON — as in the SQL adapter's jsonb
 * columns. `metadata.recordedAt` stays the port's instant; the server's own `created`
 * timestamp is not used, so reads by instant give what the SQL adapter gives.
 */

export function toEventData(event: EventToAppend): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });
}

/** An event of EventStoreDB's own: its type or its stream starts with `$` (`$metadata`, `$>`, `$stats-…`). */
export function isSystemEvent(event: { readonly streamId: string; readonly type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

/** Whether an event passes the feed filter (prefixes of stream ids, exact event types; both when both). */
export function matchesFeedFilter(
  event: { readonly streamId: string; readonly type: string },
  filter: FeedFilter | undefined,
): boolean {
  const { streamPrefixes, eventTypes } = filter ?? {};
  if (streamPrefixes !== undefined && !streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) {
    return false;
  }
  return eventTypes === undefined || eventTypes.includes(event.type);
}

/**
 * The port's event for one read from EventStoreDB. Throws on an event this adapter cannot
 * have written (binary content, data or metadata that are not JSON objects, no position):
 * silently skipping it would make the feed lie, and guessing would make it wrong.
 */
export function toRecordedEvent(event: ClientRecordedEvent): RecordedEvent {
  const what = `event ${event.id} (${event.streamId}@${event.revision})`;
  if (!event.isJson || !isJsonObject(event.data)) {
    throw new Error(`EventStoreDB ${what} is not a JSON object event; this adapter stores only those`);
  }
  if (!isJsonObject(event.metadata)) {
    throw new Error(`EventStoreDB ${what} has no JSON object metadata; this adapter stores the port's metadata there`);
  }
  return {
    id: event.id,
    streamId: event.streamId,
    revision: revisionNumber(event.revision),
    position: toGlobalPosition(event.position, what),
    type: event.type,
    data: event.data,
    metadata: event.metadata as EventMetadata,
  };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
