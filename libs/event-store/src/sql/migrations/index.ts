import type { Migration } from '#sql';
import { eventsAndStreams } from './0001-events-and-streams.js';
import { appendFunction } from './0002-append-function.js';
import { appendBatchFunction } from './0003-append-batch-function.js';
import { feedReadFunction } from './0004-feed-read-function.js';
import { appendChecksIdsByIndex } from './0005-append-checks-ids-by-index.js';
import { streamHeadsKeepTheirHash } from './0006-stream-heads-keep-their-hash.js';
import { appendEventsInOneInsert } from './0007-append-events-in-one-insert.js';

/**
 * The event store's schema, for `migrate(client, EVENT_STORE_MIGRATIONS)`. The event
 * store owns versions 1–999 of the shared `schema_migrations` table.
 */
export const EVENT_STORE_MIGRATIONS: readonly Migration[] = Object.freeze([
  eventsAndStreams,
  appendFunction,
  appendBatchFunction,
  feedReadFunction,
  appendChecksIdsByIndex,
  streamHeadsKeepTheirHash,
  appendEventsInOneInsert,
]);
