import type { Migration } from '#sql';

/**
 * The event store's tables. Events are ordered in the global feed by
 * (transaction_id, global_position), not by global_position alone: see
 * docs/adr/0003-global-feed-without-gaps.md.
 */
export const eventsAndStreams: Migration = {
  version: 1,
  name: 'event store: events and streams',
  up: `
    -- One row per stream: the row whose lock serialises appends to that stream.
    CREATE TABLE streams (
      stream_id text PRIMARY KEY,
      last_revision bigint NOT NULL
    );

    CREATE TABLE events (
      global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id text NOT NULL,
      stream_revision bigint NOT NULL CHECK (stream_revision >= 0),
      event_id uuid NOT NULL,
      event_type text NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      -- metadata.recordedAt, typed, for reads "as of an instant"
      recorded_at timestamptz NOT NULL,
      CONSTRAINT events_event_id_unique UNIQUE (event_id),
      -- also the index of stream reads
      CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, stream_revision)
    );

    CREATE INDEX events_feed ON events (transaction_id, global_position);
    CREATE INDEX events_type_feed ON events (event_type, transaction_id, global_position);

    -- Events are immutable once recorded: a change is a new event, never an edit.
    CREATE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'events are immutable: % refused', TG_OP USING ERRCODE = 'restrict_violation';
    END
    $$;
    CREATE TRIGGER events_are_immutable BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_are_immutable();
  `,
};
