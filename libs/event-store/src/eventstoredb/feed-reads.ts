import type { AllStreamRecordedEvent } from '@eventstore/db-client';
import type { FeedFilter, ReadAllOptions, RecordedEvent } from '../event-store.port.js';
import { isStrictlyAfter, toGlobalPosition } from './positions.js';
import { isSystemEvent, matchesFeedFilter, toRecordedEvent } from './recorded-events.js';

/**
 * What the feed takes from a read of `$all` (pure; see feed-reads.spec.ts).
 *
 * @eventstore/db-client 6.x `readAll` has no server-side filter (it always sends
 * `NoFilter`; filters exist only for `subscribeToAll`), so the port's filter is applied
 * here, while the events stream in: EventStoreDB's own events (`$`-prefixed types or
 * streams) are never served, then stream prefixes and event types, then `after`
 * (exclusive — the server's forward read from a position includes the event at it).
 */

/** Whether the feed serves this event with this filter (before `after` and `maxCount`). */
export function servedByFeed(
  event: { readonly streamId: string; readonly type: string },
  filter: FeedFilter | undefined,
): boolean {
  return !isSystemEvent(event) && matchesFeedFilter(event, filter);
}

/** Takes the events of a forward `$all` read for `readAll(options)`, in the order read. */
export class FeedCollector {
  readonly events: RecordedEvent[] = [];

  constructor(private readonly options: ReadAllOptions) {}

  /** Offers the next event read; returns whether the read should go on. */
  offer(event: AllStreamRecordedEvent): boolean {
    const { after, filter, maxCount } = this.options;
    if (maxCount !== undefined && this.events.length >= maxCount) return false;
    if (!servedByFeed(event, filter)) return true;
    const what = `event ${event.id} (${event.streamId}@${event.revision})`;
    if (!isStrictlyAfter(toGlobalPosition(event.position, what), after)) return true;
    this.events.push(toRecordedEvent(event));
    return maxCount === undefined || this.events.length < maxCount;
  }
}
