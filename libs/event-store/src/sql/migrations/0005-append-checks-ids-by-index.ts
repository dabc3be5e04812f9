import type { Migration } from '#sql';

/**
 * append_to_stream (migration 2) with its check for ids already stored done one id at a
 * time, so that it probes the unique index whatever the session's cached plan believes.
 *
 * A PL/pgSQL function keeps the plans of its statements for the life of the connection,
 * and after five calls it keeps a generic one. `event_id = ANY (p_event_ids)` planned
 * while the events table was empty (a new store, a new database) became a sequential scan
 * — cheaper, for an empty table, than an index probe per element — and stayed one while
 * the table grew: at 37,560 events (1,000 projects, postgres) it took 50 ms of an append
 * and most of the server's time in the benchmark's commands (docs/adr/0014). An equality
 * on one uuid is planned as an index probe even for an empty table, so the generic plan
 * is the right one for every size.
 *
 * Everything else is as in migration 2: the same arguments, steps and outcomes.
 */
export const appendChecksIdsByIndex: Migration = {
  version: 5,
  name: 'event store: the append checks stored ids with index probes, whatever plan is cached',
  up: `
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
      UPDATE streams SET last_revision = v_last + v_count WHERE stream_id = p_stream_id;
    END
    $$;
  `,
};
