import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { FeedFilter } from '../event-store.port.js';

/**
 * The port's feed filter as the server-side filter of a `$all` subscription (pure; see
 * feed-filters.spec.ts).
 *
 * @eventstore/db-client 6.x filters on one field only: stream names (`streamNameFilter`)
 * or event types (`eventTypeFilter`), by a list of prefixes or a regular expression
 * (`dist/utils/filter.d.ts`). So the server filters on the more selective field the port
 * gives: stream prefixes when there are some (the projector's case), else the exact event
 * types (an anchored alternation), else it drops EventStoreDB's own events
 * (`excludeSystemEvents`, types starting with `$`). The rest of the port's filter, and
 * `$`-events that a prefix or type filter lets through, are checked again in the client
 * (`servedByFeed`): cheap, as the server has already left out everything else.
 *
 * `checkpointReached` is called every `checkpointInterval` × `maxSearchWindow` events the
 * server looked at, matching or not: a follower learns how far the server has read even
 * through long stretches of other streams' events (see feed-follower.ts).
 */

/** Events the server scans, at most, between two checkpoints of a filtered subscription. */
export const SEARCH_WINDOW = 1_000;

export type CheckpointReached = NonNullable<Filter['checkpointReached']>;

export function toServerFilter(filter: FeedFilter | undefined, checkpointReached?: CheckpointReached): Filter {
  const options = { checkpointInterval: 1, maxSearchWindow: SEARCH_WINDOW, ...(checkpointReached ? { checkpointReached } : {}) };
  if (filter?.streamPrefixes !== undefined) return streamNameFilter({ prefixes: [...filter.streamPrefixes], ...options });
  if (filter?.eventTypes !== undefined) return eventTypeFilter({ regex: exactlyOneOf(filter.eventTypes), ...options });
  return excludeSystemEvents(options);
}

/** A regular expression (.NET and JavaScript alike) that matches exactly one of `values`. */
export function exactlyOneOf(values: readonly string[]): string {
  return `^(?:${values.map(escapeRegex).join('|')})$`;
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One key per filter, whatever the order of its lists: followers with equal keys serve the same feed. */
export function feedFilterKey(filter: FeedFilter | undefined): string {
  return JSON.stringify([[...(filter?.streamPrefixes ?? [])].sort(), [...(filter?.eventTypes ?? [])].sort(), filter?.streamPrefixes === undefined, filter?.eventTypes === undefined]);
}
