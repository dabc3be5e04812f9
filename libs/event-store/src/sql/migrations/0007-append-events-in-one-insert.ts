import type { Migration } from '#sql';

/**
 * Every append of a group commit (sql/group-commit.ts) written by one INSERT, and an
 * append's answer one row, not one per event (docs/adr/0025). What append_batch
 * (migration 3) over append_to_stream (migrations 2, 5, 6) spent per event, and this no
 * longer does:
 *
 * - the check for ids already stored: an index probe per event, each a statement of its
 *   own inside PL/pgSQL (100 for a 100-event append). The unique index on event_id makes
 *   the same check as the INSERT writes; an id already stored now fails the statement
 *   (a unique violation, nothing written) and SqlEventStore then reads where the ids are
 *   and judges a retry as before (idempotent-retry.ts). An append refused for its
 *   revision is looked up the same way, since a retry of an append made with the exact
 *   revision finds the stream past it.
 * - the events' JSON parsed twice or three times (the batch's document, each append's
 *   events taken out as text, parsed again) and one INSERT per append: here the document
 *   is parsed once and one INSERT takes every event of every accepted append.
 * - a returned row per event, each cast to text and parsed by the driver: one per append
 *   (its last revision and position), which is all the caller uses.
 *
 * The rules stand as they were. The stream locks are all taken first, in stream id
 * order (no cycle between two batches that share streams) and before anything is
 * written — an advisory lock takes no transaction id, so the transaction's id is
 * assigned after every earlier append to these streams committed, and the feed keeps
 * each stream in revision order (docs/adr/0003). Appends to one stream go in their order
 * in the batch, each checked against the revision the previous one left. A refused
 * append writes nothing and answers 'wrong-revision' with the stream's revision
 * (-1: no stream); the others are written. The heads keep their last hash (migration 6).
 *
 * - p_stream_ids, p_required: per append; p_required as in migration 2 (NULL: any, -1:
 *   must not exist, -2: must exist, else the last revision it must have).
 * - p_appends: a JSON array, per append, of its events: { id, type, data, metadata }.
 * - answers one row per append: item (1-based), outcome 'appended' or 'wrong-revision',
 *   the stream's last revision, and for 'appended' the position of its last event.
 *
 * append_to_stream and append_batch stay for a store whose older code still calls them
 * during an upgrade; nothing in this version does.
 */
export const appendEventsInOneInsert: Migration = {
  version: 7,
  name: 'event store: a group of appends in one insert, one answer row per append',
  up: `
    CREATE FUNCTION append_events(p_lock_space int, p_stream_ids text[], p_required bigint[], p_appends text)
    RETURNS TABLE (item int, outcome text, revision text, commit_position text, prepare_position text)
    LANGUAGE plpgsql AS $$
    #variable_conflict use_column
    DECLARE
      v_appends jsonb := p_appends::jsonb;
      v_count int := cardinality(p_stream_ids);
      -- Per append: the revision before its first event; NULL if refused.
      v_before bigint[] := array_fill(NULL::bigint, ARRAY[v_count]);
      v_events int;
      v_last bigint;
      v_item int;
      v_last_hash text;
    BEGIN
      PERFORM pg_advisory_xact_lock(p_lock_space, hashtext(s.stream_id))
         FROM (SELECT DISTINCT u.stream_id FROM unnest(p_stream_ids) AS u(stream_id)) AS s
        ORDER BY s.stream_id COLLATE "C";
      INSERT INTO streams (stream_id, last_revision)
        SELECT DISTINCT u.stream_id, -1 FROM unnest(p_stream_ids) AS u(stream_id)
        ON CONFLICT (stream_id) DO NOTHING;

      FOR v_item IN 1 .. v_count LOOP
        SELECT s.last_revision INTO v_last FROM streams s WHERE s.stream_id = p_stream_ids[v_item] FOR UPDATE;
        IF p_required[v_item] IS NOT NULL
           AND NOT (CASE WHEN p_required[v_item] = -2 THEN v_last >= 0 ELSE v_last = p_required[v_item] END) THEN
          item := v_item; outcome := 'wrong-revision'; revision := v_last::text; commit_position := NULL; prepare_position := NULL;
          RETURN NEXT;
          CONTINUE;
        END IF;
        v_events := jsonb_array_length(v_appends -> (v_item - 1));
        v_last_hash := v_appends -> (v_item - 1) -> -1 -> 'metadata' ->> 'hash';
        v_before[v_item] := v_last;
        UPDATE streams SET last_revision = v_last + v_events, last_hash = v_last_hash WHERE stream_id = p_stream_ids[v_item];
      END LOOP;

      -- One statement for every accepted append: the identity values follow the batch's order.
      RETURN QUERY
        WITH written AS (
          INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata, recorded_at)
          SELECT p_stream_ids[a.item::int], v_before[a.item::int] + e.n, (e.event->>'id')::uuid, e.event->>'type',
                 e.event->'data', e.event->'metadata', (e.event->'metadata'->>'recordedAt')::timestamptz
            FROM jsonb_array_elements(v_appends) WITH ORDINALITY AS a(events, item)
           CROSS JOIN LATERAL jsonb_array_elements(a.events) WITH ORDINALITY AS e(event, n)
           WHERE v_before[a.item::int] IS NOT NULL
           ORDER BY a.item, e.n
          RETURNING stream_id, stream_revision, global_position
        )
        SELECT a.item::int, 'appended', w.stream_revision::text, pg_current_xact_id()::text, w.global_position::text
          FROM jsonb_array_elements(v_appends) WITH ORDINALITY AS a(events, item)
          JOIN written w
            ON w.stream_id = p_stream_ids[a.item::int]
           AND w.stream_revision = v_before[a.item::int] + jsonb_array_length(a.events)
         WHERE v_before[a.item::int] IS NOT NULL;
    END
    $$;
  `,
};
