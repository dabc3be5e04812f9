import type { FeedFilter } from '../event-store.port.js';
import { isSystemEvent, matchesFeedFilter } from './recorded-events.js';

/**
 * Which events of `$all` the feed serves (pure; see feed-reads.spec.ts): never
 * EventStoreDB's own (`$`-prefixed types or streams), then the port's stream prefixes and
 * event types. The server filters first on one field (feed-filters.ts); this is the whole
 * rule, checked again on what it sends, and on backwards reads (headPosition), which
 * @eventstore/db-client 6.x cannot filter on the server (`readAll` always sends `NoFilter`).
 */

/** Whether the feed serves this event with this filter (before `after` and `maxCount`). */
export function servedByFeed(
  event: { readonly streamId: string; readonly type: string },
  filter: FeedFilter | undefined,
): boolean {
  return !isSystemEvent(event) && matchesFeedFilter(event, filter);
}
