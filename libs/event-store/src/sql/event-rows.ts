import type { EventMetadata, RecordedEvent } from '../event-store.port.js';

/**
 * How events come out of SQL. Numbers travel as text and JSON as text so that PGlite and
 * `pg`, which parse int8 and jsonb differently, give the adapter the same values.
 */
export const EVENT_COLUMNS = `
  event_id::text AS id,
  stream_id,
  stream_revision::text AS revision,
  transaction_id::text AS commit_position,
  global_position::text AS prepare_position,
  event_type AS type,
  data::text AS data,
  metadata::text AS metadata`;

export interface EventRow {
  id: string;
  stream_id: string;
  revision: string;
  commit_position: string;
  prepare_position: string;
  type: string;
  data: string;
  metadata: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}
