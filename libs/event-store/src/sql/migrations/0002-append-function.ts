import type { Migration } from '#sql';

/**
 * An append in one round trip (its check of stored ids is replaced in migration 5). The
 * steps are those SqlEventStore used to send one by one (seven statements with BEGIN and
 * COMMIT); on an embedded PGlite every statement costs ~0.3 ms whatever it does, and on a
 * server every one is a network round trip, so an append was dominated by the
 * conversation, not by the work.
 *
 * A PL/pgSQL function runs each statement with a fresh snapshot (READ COMMITTED), so the
 * order that keeps the feed in revision order still holds (docs/adr/0003): the advisory
 * lock first — waiting for it takes no transaction id — then the stream row, whose lock is
 * the first write and so assigns the id after the previous append to the stream committed.
 *
 * The function only checks what the caller tells it to require and reports what it found;
 * the rules (which stored ids make an idempotent retry, what a wrong revision means) stay
 * in TypeScript (idempotent-retry.ts, store-arguments.ts):
 *
 * - p_required: the last revision the stream must have; -1: must not exist; -2: must
 *   exist; NULL: anything.
 * - outcome 'appended': the rows written. 'stored': some ids exist already; their rows,
 *   nothing written. 'wrong-revision': the requirement failed; one row with the actual
 *   last revision (-1 when the stream does not exist), nothing written.
 */
export const appendFunction: Migration = {
  version: 2,
  name: 'event store: append in one statement',
  up: `
    CREATE FUNCTION append_to_stream(
      p_lock_space int, p_stream_id text, p_required bigint, p_event_ids uuid[], p_events text
    ) RETURNS TABLE (
      outcome text, id text, stream_id text, revision text, commit_position text, prepare_position text
    ) LANGUAGE plpgsql AS $$
    #variable_conflict use_column
    DECLARE
      v_last bigint;
      v_count int;
    BEGIN
      PERFORM pg_advisory_xact_lock(p_lock_space, hashtext(p_stream_id));
      SELECT s.last_revision INTO v_last FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
      IF NOT FOUND THEN
        INSERT INTO streams (stream_id, last_revision) VALUES (p_stream_id, -1) ON CONFLICT (stream_id) DO NOTHING;
        SELECT s.last_revision INTO v_last FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
      END IF;

      IF EXISTS (SELECT FROM events e WHERE e.event_id = ANY (p_event_ids)) THEN
        RETURN QUERY
          SELECT 'stored', e.event_id::text, e.stream_id, e.stream_revision::text,
                 e.transaction_id::text, e.global_position::text
            FROM events e WHERE e.event_id = ANY (p_event_ids);
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
