import type { RecordedEvent } from '../event-store.port.js';

/**
 * Collects `readEventsById`'s answer from a read of one stream, newest first (pure; see
 * events-by-id.spec.ts). EventStoreDB keeps no index of event ids, so the stream is walked
 * backwards and the walk stops as soon as every id is found: a keyed command's own events
 * are near the end of its stream, and a new key (nothing to find) reads the stream once.
 */
export class EventsByIdCollector {
  private readonly wanted: Set<string>;
  private readonly found: RecordedEvent[] = [];

  constructor(ids: readonly string[]) {
    this.wanted = new Set(ids.map((id) => id.toLowerCase()));
  }

  /** Offers the next event read (newest first); returns whether the read should go on. */
  offer(event: RecordedEvent): boolean {
    if (this.wanted.has(event.id.toLowerCase())) this.found.push(event);
    return this.found.length < this.wanted.size;
  }

  /** What was found, in revision order. */
  get events(): RecordedEvent[] {
    return [...this.found].sort((a, b) => a.revision - b.revision);
  }
}
