import type { Migration } from '#sql';

/** Sort / range index of one field of one collection (see `read_sort_number`). */
function sortIndex(collection: string, field: string): string {
  const path = `'{${field}}'`;
  const name = `read_documents_${collection.replaceAll('-', '_')}_${field.toLowerCase()}`;
  return `
    CREATE INDEX ${name} ON read_documents
      (projection, generation, read_sort_number(doc #> ${path}), (read_sort_text(doc #> ${path}) COLLATE "C"), key)
      WHERE collection = '${collection}';`;
}

/**
 * The fields the API filters and sorts on most, by collection. Part of this released
 * migration: an index for another field is a new migration, not an edit here.
 */
const SORTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  projects: ['status', 'year', 'region', 'fundingLine', 'thematicArea', 'awaitingSince'],
  'audit-entries': ['feedOrder', 'actorId', 'type', 'recordedAt', 'subjectId'],
};

/**
 * The SQL read store's tables: one generic document store shared by every projection,
 * with each projection's checkpoint and active generation next to it, so that a commit
 * writes views and checkpoint in one transaction.
 *
 * Sorting and ranges go through `read_sort_number` / `read_sort_text` rather than jsonb
 * comparison: jsonb compares strings in the database's collation, the read-store contract
 * orders them by code point (`COLLATE "C"`) whatever the server's locale. A field sorts on
 * the pair (number or 0, string or ''), then the key. Both functions are inlinable SQL,
 * so the per-collection expression indexes below match the queries' expressions.
 */
export const documentsAndCheckpoints: Migration = {
  version: 1000,
  name: 'read store: documents, checkpoints and generations',
  up: `
    CREATE TABLE read_documents (
      projection text NOT NULL,
      generation int NOT NULL,
      collection text NOT NULL,
      key text COLLATE "C" NOT NULL,
      doc jsonb NOT NULL,
      -- the feed position of the commit that last wrote the document
      position_commit bigint NOT NULL,
      position_prepare bigint NOT NULL,
      PRIMARY KEY (projection, generation, collection, key)
    );

    -- eq / in / contains are containment queries (doc @> {...}).
    CREATE INDEX read_documents_doc ON read_documents USING gin (doc jsonb_path_ops);

    CREATE TABLE read_checkpoints (
      projection text NOT NULL,
      generation int NOT NULL,
      position_commit bigint NOT NULL,
      position_prepare bigint NOT NULL,
      PRIMARY KEY (projection, generation)
    );

    -- No row: generation 1 is active. Commits lock the row FOR SHARE, activation for
    -- update, so a commit to a generation being retired cannot outlive the activation.
    CREATE TABLE read_generations (
      projection text PRIMARY KEY,
      active int NOT NULL CHECK (active >= 1)
    );

    CREATE FUNCTION read_sort_number(value jsonb) RETURNS numeric
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN jsonb_typeof(value) = 'number' THEN value::numeric ELSE 0 END $$;

    CREATE FUNCTION read_sort_text(value jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN jsonb_typeof(value) = 'string' THEN value #>> '{}' ELSE '' END $$;

    ${Object.entries(SORTED_FIELDS)
      .flatMap(([collection, fields]) => fields.map((field) => sortIndex(collection, field)))
      .join('\n')}
  `,
};
