import type { Migration } from '#sql';

/**
 * The containment (GIN) index leaves out the audit trail's subject states (issue 6).
 *
 * Those documents are only ever read by key, by the projector, and are rewritten by every
 * event of their subject: each write put every path of the state into the GIN index — for
 * an envelope, one per project it held — for an index no query uses. Queries name their
 * collection (a constant when the statement is planned), so the planner still proves that
 * the index covers the collections it filters by containment ('projects', 'audit-entries', …).
 */
export const noContainmentIndexForAuditSubjects: Migration = {
  version: 1002,
  name: 'read store: no containment index for the audit trail subject states',
  up: `
    DROP INDEX read_documents_doc;
    CREATE INDEX read_documents_doc ON read_documents USING gin (doc jsonb_path_ops) WHERE collection <> 'audit-subjects';
  `,
};
