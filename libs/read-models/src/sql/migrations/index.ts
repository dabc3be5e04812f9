import type { Migration } from '#sql';
import { documentsAndCheckpoints } from './1000-documents-and-checkpoints.js';
import { inlineDocumentsAndPageSorts } from './1001-inline-documents-and-page-sorts.js';
import { noContainmentIndexForAuditSubjects } from './1002-no-containment-index-for-audit-subjects.js';
import { noContainmentIndexForAuditEntries } from './1003-no-containment-index-for-audit-entries.js';

/**
 * The SQL read store's schema, for `migrate(client, READ_STORE_MIGRATIONS)`. The read
 * store owns versions 1000–1999 of the shared `schema_migrations` table (the event store
 * has 1–999), so both lists can be migrated into one database in either order.
 */
export const READ_STORE_MIGRATIONS: readonly Migration[] = Object.freeze([
  documentsAndCheckpoints,
  inlineDocumentsAndPageSorts,
  noContainmentIndexForAuditSubjects,
  noContainmentIndexForAuditEntries,
]);
