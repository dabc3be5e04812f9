import type { Migration } from '#sql';

/**
 * The containment (GIN) index leaves out the audit trail's subject states (issue 6).
 *
 * Those documents are only ever read by key, by the projector, and are rewritten by every
 * event of their subject: each write put every path of the state into the GIN index — for
 * an envelope, one per project it held — for an index no query uses.
 *
 * Queries pass their collection as a bind parameter. Both clients send unnamed statements,
 * which PostgreSQL plans with the parameters' values (a custom plan), so the planner proves
 * that `collection = 'projects'` (or 'audit-entries', …) lies inside the index's predicate
 * and uses it (checked with EXPLAIN). A generic plan (`plan_cache_mode = force_generic_plan`,
 * or named prepared statements after five runs) could not. The index is rebuilt inside the
 * migration's transaction (no CONCURRENTLY): writes to the views wait while it builds.
 */
export const noContainmentIndexForAuditSubjects: Migration = {
  version: 1002,
  name: 'read store: no containment index for the audit trail subject states',
  up: `
    DROP INDEX read_documents_doc;
    CREATE INDEX read_documents_doc ON read_documents USING gin (doc jsonb_path_ops) WHERE collection <> 'audit-subjects';
  `,
};
