import type { RecordedEvent } from '#event-store';

/**
 * The business instant of an event: the `at` its command was handled at (every domain event
 * carries it), or the instant it was recorded for an event without one. Views work in
 * business time, never in the projector's clock.
 */
export function businessInstantOf(event: RecordedEvent): string {
  const at = event.data['at'];
  return typeof at === 'string' ? at : event.metadata.recordedAt;
}

/** The id a stream names after its prefix: 'project-PO.0143' → 'PO.0143'. */
export function streamKeyOf(streamId: string, prefix: string): string {
  return streamId.startsWith(prefix) ? streamId.slice(prefix.length) : streamId;
}

/** A domain event as the deciders fold it: the recorded type and data, nothing else. */
export function domainEventOf<Event>(event: RecordedEvent): Event {
  return { type: event.type, data: event.data } as Event;
}
