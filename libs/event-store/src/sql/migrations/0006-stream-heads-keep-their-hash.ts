import type { Migration } from '#sql';

/**
 * What an auditor needs from the schema to see a history cut short (issue 18):
 *
 * - `streams.last_hash`: each stream's head records the hash of its last event as well
 *   as its revision, written by the append in the same statement. Deleting a stream's
 *   last event (or re-hashing it) then disagrees with the head unless the head is edited
 *   too — and the heads are what the signed checkpoints digest (docs/adr/0022).
 * - TRUNCATE is refused like UPDATE and DELETE (a statement trigger: the row triggers of
 *   migration 1 never fire on TRUNCATE).
 *
 * append_to_stream is that of migration 5 with the head's hash written.
 */
export const streamHeadsKeepTheirHash: Migration = {
  version: 6,
  name: 'event store: stream heads keep their last hash; truncate refused',
  up: `
    ALTER TABLE streams ADD COLUMN last_hash text;
    UPDATE streams s SET last_hash = e.metadata ->> 'hash'
      FROM events e WHERE e.stream_id = s.stream_id AND e.stream_revision = s.last_revision;

    CREATE TRIGGER events_are_never_truncated BEFORE TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable();

    CREATE OR REPLACE FUNCTION append_to_stream(
      p_lock_space int, p_stream_id text, p_required bigint, p_event_ids uuid[], p_events text
    ) RETURNS TABLE (
      outcome text, id text, stream_id text, revision text, commit_position text, prepare_position text
    ) LANGUAGE plpgsql AS $$
    #variable_conflict use_column
    DECLARE
      v_last bigint;
      v_count int;
      v_id uuid;
      v_stored boolean := false;
    BEGIN
      PERFORM pg_advisory_xact_lock(p_lock_space, hashtext(p_stream_id));
      SELECT s.last_revision INTO v_last FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
      IF NOT FOUND THEN
        INSERT INTO streams (stream_id, last_revision) VALUES (p_stream_id, -1) ON CONFLICT (stream_id) DO NOTHING;
        SELECT s.last_revision INTO v_last FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
      END IF;

      FOREACH v_id IN ARRAY p_event_ids LOOP
        IF EXISTS (SELECT FROM events e WHERE e.event_id = v_id) THEN
          v_stored := true;
          EXIT;
        END IF;
      END LOOP;
      IF v_stored THEN
        FOREACH v_id IN ARRAY p_event_ids LOOP
          RETURN QUERY
            SELECT 'stored', e.event_id::text, e.stream_id, e.stream_revision::text,
                   e.transaction_id::text, e.global_position::text
              FROM events e WHERE e.event_id = v_id;
        END LOOP;
        RETURN;
      END IF;

      IF p_required IS NOT NULL
         AND NOT (CASE WHEN p_required = -2 THEN v_last >= 0 ELSE v_last = p_required END) THEN
        RETURN QUERY SELECT 'wrong-revision', NULL::text, p_stream_id, v_last::text, NULL::text, NULL::text;
        RETURN;
      END IF;

      -- One statement for the whole batch: the identity values follow the batch's order.
      RETURN QUERY
        INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata, recorded_at)
        SELECT p_stream_id, v_last + batch.ordinality, (batch.event->>'id')::uuid, batch.event->>'type',
               batch.event->'data', batch.event->'metadata', (batch.event->'metadata'->>'recordedAt')::timestamptz
          FROM jsonb_array_elements(p_events::jsonb) WITH ORDINALITY AS batch(event, ordinality)
         ORDER BY batch.ordinality
        RETURNING 'appended', event_id::text, stream_id, stream_revision::text,
                  transaction_id::text, global_position::text;
      GET DIAGNOSTICS v_count = ROW_COUNT;
      UPDATE streams SET last_revision = v_last + v_count, last_hash = p_events::jsonb -> -1 -> 'metadata' ->> 'hash'
       WHERE stream_id = p_stream_id;
    END
    $$;
  `,
};
