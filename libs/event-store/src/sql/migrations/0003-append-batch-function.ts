import type { Migration } from '#sql';

/**
 * Several appends, to any streams, in one statement and one transaction (group commit,
 * see sql/group-commit.ts). Each is exactly an append_to_stream, with the same outcomes;
 * `item` says which append of the batch a row answers. The appends take their stream
 * locks in stream id order, so that two batches sharing streams (two API processes on one
 * server) cannot wait for each other in a cycle; appends to one stream keep their order.
 */
export const appendBatchFunction: Migration = {
  version: 3,
  name: 'event store: several appends in one statement',
  up: `
    CREATE FUNCTION append_batch(p_lock_space int, p_appends text)
    RETURNS TABLE (
      item int, outcome text, id text, stream_id text, revision text, commit_position text, prepare_position text
    ) LANGUAGE plpgsql AS $$
    DECLARE
      v_append record;
    BEGIN
      FOR v_append IN
        SELECT (a.value->>'item')::int AS item_number, a.value->>'streamId' AS append_stream,
               (a.value->>'required')::bigint AS required,
               ARRAY(SELECT jsonb_array_elements_text(a.value->'ids'))::uuid[] AS event_ids,
               (a.value->'events')::text AS events
          FROM jsonb_array_elements(p_appends::jsonb) AS a
         ORDER BY a.value->>'streamId' COLLATE "C", (a.value->>'item')::int
      LOOP
        RETURN QUERY
          SELECT v_append.item_number, r.outcome, r.id, r.stream_id, r.revision, r.commit_position, r.prepare_position
            FROM append_to_stream(p_lock_space, v_append.append_stream, v_append.required, v_append.event_ids, v_append.events) AS r;
      END LOOP;
    END
    $$;
  `,
};
