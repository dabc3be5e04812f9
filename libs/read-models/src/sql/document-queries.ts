import { SqlParameters } from '#sql';
import { InvalidViewQueryError, type AggregateQuery, type DocumentFilter, type DocumentQuery, type FieldFilter } from '../read-store.port.js';
import { decodeCursor } from './page-cursor.js';
import { searchWords } from '../search-normalization.js';
import { MAX_PAGE_SIZE, assertName, fieldPath } from '../query-arguments.js';

/**
 * The SQL of the read store's queries. Everything a caller passes — values, field paths,
 * names — goes in as a `$n` parameter; paths and names are also validated, so that a
 * mistake in code fails loudly instead of matching nothing.
 */

/** The generation queries read: the active one, 1 until the projection is first rebuilt. */
function activeGeneration(projection: string): string {
  return `COALESCE((SELECT active FROM read_generations WHERE projection = ${projection}), 1)`;
}

/**
 * The sort key of a field: numbers sort numerically, strings by code point (COLLATE "C",
 * whatever the server's locale), ties by key. The same expressions as the migration's
 * per-collection indexes, so that those serve sorting and keyset pagination.
 */
function sortNumber(path: string): string {
  return `read_sort_number(doc #> ${path})`;
}
function sortText(path: string): string {
  return `(read_sort_text(doc #> ${path}) COLLATE "C")`;
}

/**
 * Conditions selecting the documents of a collection in the projection's active
 * generation that pass `filter`.
 */
export function whereDocuments(
  params: SqlParameters,
  projection: string,
  collection: string,
  filter: DocumentFilter,
): string[] {
  assertName('projection', projection);
  assertName('collection', collection);
  const projectionParam = params.add(projection);
  const where = [
    `projection = ${projectionParam}`,
    `generation = ${activeGeneration(projectionParam)}`,
    `collection = ${params.add(collection)}`,
  ];
  for (const condition of filter.fields ?? []) where.push(fieldCondition(params, condition));
  // strpos, not LIKE: a word's % or _ is just a character.
  for (const word of searchWords(filter.text ?? '')) where.push(`strpos(doc ->> 'searchText', ${params.add(word)}) > 0`);
  return where;
}

function fieldCondition(params: SqlParameters, filter: FieldFilter): string {
  const path = fieldPath(filter.field);
  switch (filter.op) {
    // Containment, so that the GIN index on doc answers: exact for scalars, as jsonb
    // containment below the top level never matches a scalar against an array. For a string
    // or a number, also the same condition on the sort key: implied by the containment, so
    // it selects nothing less, but it lets a field's (number, text, key) sort index answer in
    // a collection the GIN index leaves out (the audit trail's entries, migration 1003).
    case 'eq': {
      assertScalar(filter, filter.value, ['string', 'number', 'boolean']);
      const containment = `doc @> ${params.add(JSON.stringify(nested(path, filter.value)))}::text::jsonb`;
      if (typeof filter.value === 'boolean') return containment;
      const at = `${params.add(path)}::text[]`;
      const [number, text] = typeof filter.value === 'number' ? [String(filter.value), ''] : ['0', filter.value];
      return (
        `(${containment} AND ${sortNumber(at)} = ${params.add(number)}::numeric` +
        ` AND ${sortText(at)} = ${params.add(text)}::text)`
      );
    }
    case 'in': {
      if (!Array.isArray(filter.value)) throw new RangeError(`${filter.field} in: the value must be an array`);
      filter.value.forEach((value) => assertScalar(filter, value, ['string', 'number']));
      const candidates = filter.value.map((value) => JSON.stringify(nested(path, value)));
      return `doc @> ANY(${params.add(candidates)}::text[]::jsonb[])`;
    }
    case 'contains':
      assertScalar(filter, filter.value, ['string', 'number']);
      return `doc @> ${params.add(JSON.stringify(nested(path, [filter.value])))}::text::jsonb`;
    case 'containsAny': {
      if (!Array.isArray(filter.value)) throw new RangeError(`${filter.field} containsAny: the value must be an array`);
      filter.value.forEach((value) => assertScalar(filter, value, ['string', 'number']));
      const candidates = filter.value.map((value) => JSON.stringify(nested(path, [value])));
      return `doc @> ANY(${params.add(candidates)}::text[]::jsonb[])`;
    }
    case 'gte':
    case 'lte':
    case 'gt':
    case 'lt':
      return rangeCondition(params, path, filter);
    default:
      throw new RangeError(`unknown filter operator: ${JSON.stringify((filter as { op: unknown }).op)}`);
  }
}

const COMPARISON = { gte: '>=', lte: '<=', gt: '>', lt: '<' } as const;

/** A range compares values of the bound's own type only (a number bound skips strings). */
function rangeCondition(params: SqlParameters, path: string[], filter: FieldFilter & { op: keyof typeof COMPARISON }): string {
  assertScalar(filter, filter.value, ['string', 'number']);
  const at = params.add(path);
  const field = `doc #> ${at}::text[]`;
  const operator = COMPARISON[filter.op];
  if (typeof filter.value === 'number') {
    return `(jsonb_typeof(${field}) = 'number' AND ${sortNumber(`${at}::text[]`)} ${operator} ${params.add(String(filter.value))}::numeric)`;
  }
  // read_sort_number(...) = 0 holds for every string; it lets the (number, text, key)
  // indexes bound the range on their text column.
  return (
    `(jsonb_typeof(${field}) = 'string' AND ${sortNumber(`${at}::text[]`)} = 0` +
    ` AND ${sortText(`${at}::text[]`)} ${operator} ${params.add(filter.value)}::text)`
  );
}

function assertScalar(filter: FieldFilter, value: unknown, types: readonly string[]): void {
  const ok = types.includes(typeof value) && (typeof value !== 'number' || Number.isFinite(value));
  if (!ok) throw new RangeError(`${filter.field} ${filter.op}: expected a ${types.join(' or ')}, got ${JSON.stringify(value)}`);
}

/** `['a', 'b']`, v → `{"a": {"b": v}}`: the document shape a containment query looks for. */
function nested(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), value);
}

export interface FindRow {
  key: string;
  doc: Record<string, unknown>;
  sort_number: string;
  sort_text: string;
}

/** One page (plus one row, to tell whether there is more) of `query`'s documents. */
export function findStatement(
  projection: string,
  collection: string,
  query: DocumentQuery,
): { sql: string; params: unknown[] } {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_PAGE_SIZE) {
    throw new InvalidViewQueryError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${query.limit}`);
  }
  if (query.direction !== 'asc' && query.direction !== 'desc') {
    throw new RangeError(`direction must be asc or desc, got ${JSON.stringify(query.direction)}`);
  }
  const params = new SqlParameters();
  const where = whereDocuments(params, projection, collection, query);
  const path = `${params.add(fieldPath(query.sortBy))}::text[]`;
  const [byNumber, byText] = [sortNumber(path), sortText(path)];
  if (query.after !== undefined) {
    const after = decodeCursor(query, query.after);
    // One row comparison: the indexes' (number, text, key) order, read from a point.
    where.push(
      `(${byNumber}, ${byText}, key) ${query.direction === 'asc' ? '>' : '<'} ` +
        `(${params.add(after.sortNumber)}::numeric, ${params.add(after.sortText)}::text, ${params.add(after.key)}::text)`,
    );
  }
  const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
  const sql =
    `SELECT key, doc, ${byNumber}::text AS sort_number, ${byText} AS sort_text FROM read_documents` +
    ` WHERE ${where.join(' AND ')}` +
    ` ORDER BY ${byNumber} ${direction}, ${byText} ${direction}, key ${direction}` +
    ` LIMIT ${params.add(query.limit + 1)}`;
  return { sql, params: params.values };
}

export interface AggregateSqlRow {
  is_total: boolean;
  group_value: string | number | null;
  count: number;
  sums: string[];
}

/**
 * The groups and the total of `query` in one statement, so that both read one snapshot.
 * Sums are numeric (exact); values that are not numbers are skipped.
 *
 * Each matching document is opened once: `jsonb_to_record` picks the top-level fields the
 * aggregate reads (sums, group, unwound array) in one pass over the document, and everything
 * after works on those small values. Reading each field with its own `doc #> path` walked
 * (and, for a compressed document, decompressed) the whole document once per expression —
 * 17 times per project for a summary — which made a summary of 2,000 projects take
 * ~500 ms on PGlite; picked once, ~50 ms.
 */
export function aggregateStatement(
  projection: string,
  collection: string,
  query: AggregateQuery,
): { sql: string; params: unknown[] } {
  const params = new SqlParameters();
  const where = whereDocuments(params, projection, collection, query);
  const picked = new PickedFields(params);
  const numberOf = (value: string) => `CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value})::numeric END`;
  const sumsOf = (values: readonly string[]) =>
    `ARRAY[${values.map((value) => `COALESCE(sum(${value}), 0)::text`).join(', ')}]::text[]`;
  // The documents' own sums: the total, and the groups' too when nothing is unwound.
  const documentSums = query.sum.map((field) => numberOf(picked.path(field)));
  const sumColumns = documentSums.map((_, index) => `s${index}`);
  if (query.unwind === undefined) {
    const group = `NULLIF(${picked.path(query.groupBy)}, 'null'::jsonb)`;
    const columns = [`${group} AS g`, ...documentSums.map((value, index) => `${value} AS s${index}`)];
    const matching = `SELECT ${columns.join(', ')} FROM ${picked.from(where)}`;
    // One pass: the grand total is the grouping set ().
    const sql = `
      SELECT GROUPING(g) = 1 AS is_total, g AS group_value, count(*)::int AS count, ${sumsOf(sumColumns)} AS sums
        FROM (${matching}) AS matching
       GROUP BY GROUPING SETS ((), (g))`;
    return { sql, params: params.values };
  }
  // Unwound: the groups add up the array's elements, the total the documents themselves.
  const unwind = picked.path(query.unwind);
  const groupPath = params.add(fieldPath(query.groupBy));
  const elementSums = query.sum.map((field) => numberOf(`unwound.item #> ${params.add(fieldPath(field))}::text[]`));
  const columns = [`${unwind} AS unwind`, ...documentSums.map((value, index) => `${value} AS s${index}`)];
  const matching = `SELECT ${columns.join(', ')} FROM ${picked.from(where)}`;
  const sql = `
    WITH matching AS (${matching})
    SELECT true AS is_total, NULL::jsonb AS group_value, count(*)::int AS count, ${sumsOf(sumColumns)} AS sums
      FROM matching
    UNION ALL
    SELECT false, NULLIF(unwound.item #> ${groupPath}::text[], 'null'::jsonb), count(*)::int, ${sumsOf(elementSums)}
      FROM matching CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(matching.unwind) = 'array' THEN matching.unwind ELSE '[]'::jsonb END) AS unwound(item)
     GROUP BY 2`;
  return { sql, params: params.values };
}

/**
 * The top-level fields a statement reads from each document, taken in one pass by
 * `jsonb_to_record(doc) AS picked("budget" jsonb, …)`; a dotted path reads on from its
 * top-level field (`picked."location" #> '{country}'`). Column names are field names, which
 * `fieldPath` allows only as identifiers ([A-Za-z_][A-Za-z0-9_]*), so quoting them is safe.
 */
class PickedFields {
  private readonly fields: string[] = [];

  constructor(private readonly params: SqlParameters) {}

  /** The value at `field` (jsonb; SQL NULL when absent). */
  path(field: string): string {
    const path = fieldPath(field);
    const [top, ...rest] = path;
    // PostgreSQL cuts identifiers at 63 bytes: such a field is read from the document itself.
    if (top!.length > 63) return `(document.doc #> ${this.params.add(path)}::text[])`;
    if (!this.fields.includes(top!)) this.fields.push(top!);
    const column = `picked."${top}"`;
    return rest.length === 0 ? column : `(${column} #> ${this.params.add(rest)}::text[])`;
  }

  /**
   * The documents passing `where`, each with the record of every field asked for so far. The
   * documents are selected in a scope of their own: a field named like a column of the table
   * (`key`, `doc`) would otherwise make the conditions on those columns ambiguous.
   */
  from(where: readonly string[]): string {
    const columns = this.fields.length === 0 ? ['"_"'] : this.fields.map((field) => `"${field}"`);
    return (
      `(SELECT doc FROM read_documents WHERE ${where.join(' AND ')}) AS document` +
      ` CROSS JOIN LATERAL jsonb_to_record(document.doc) AS picked(${columns.map((column) => `${column} jsonb`).join(', ')})`
    );
  }
}
