import type { Migration } from '#sql';

/**
 * Cheaper cold view queries (issue 6), measured on PGlite and PostgreSQL with a generated
 * portfolio (test/view-queries.measure.ts):
 *
 * - Documents up to a page long stay inline and uncompressed. A project document is about
 *   5 kB of jsonb; past the default threshold (~2 kB) PostgreSQL compressed it with pglz, and
 *   every query decompressed it again for each field it read (a filter, a sort key, a sum):
 *   one pass over 2,000 documents took 130 ms on PGlite, 10 ms uncompressed. The table grows
 *   by about a third. Larger documents are still compressed. Rows written before this
 *   migration keep their form until the projector rewrites them (a rebuild rewrites all).
 * - The portfolio's default order (projectId) and its budget order get the same (number,
 *   text, key) indexes as the fields of migration 1000, so that a first page reads 51 rows in
 *   order instead of sorting the whole collection.
 */
export const inlineDocumentsAndPageSorts: Migration = {
  version: 1001,
  name: 'read store: documents inline uncompressed, portfolio sorted by project id and budget',
  up: `
    ALTER TABLE read_documents SET (toast_tuple_target = 8160);
    ${['projectId', 'budget'].map((field) => sortIndex('projects', field)).join('\n')}
  `,
};

/** The (number, text, key) sort / range index of one field of one collection, as in migration 1000. */
function sortIndex(collection: string, field: string): string {
  const path = `'{${field}}'`;
  const name = `read_documents_${collection.replaceAll('-', '_')}_${field.toLowerCase()}`;
  return `
    CREATE INDEX ${name} ON read_documents
      (projection, generation, read_sort_number(doc #> ${path}), (read_sort_text(doc #> ${path}) COLLATE "C"), key)
      WHERE collection = '${collection}';`;
}
