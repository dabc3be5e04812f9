import type { ViewDocument } from '../projection.js';
import { InvalidViewQueryError, type DocumentQuery } from '../read-store.port.js';
import { fieldPath, MAX_PAGE_SIZE } from '../query-arguments.js';
import { filterConditions, scopeFilter, withConditions, type DocumentScope, type MongoFilter } from './document-filter.js';

/**
 * Sorting and keyset pages on MongoDB. Pure.
 *
 * A page is sorted by the stored field, then by the document key, both in the query's
 * direction, under the simple collation: numbers numerically, strings byte-wise in UTF-8,
 * which is code-point order. The per-field indexes of `mongo-schema.ts` serve exactly this
 * order, so a page reads only the index entries it returns.
 *
 * MongoDB orders values of different kinds by kind first: null (and a missing field) <
 * numbers < strings < objects < booleans. The contract sorts by a field that holds a
 * number or a string in every document; a field missing from some documents sorts them
 * first (ascending), as the SQL store does for strings. (For a numeric field the SQL store
 * would put them among the zeros instead.)
 *
 * The cursor is where the last page ended — the kind and value of its sort field and its
 * key — as base64url JSON, bound to the sort it was made for. The next page is everything
 * after that point in the same order, kind by kind: MongoDB compares a bound with values
 * of its own kind only, so "after" is spelled out as the same value with a later key, a
 * later value of the same kind, or any later kind.
 */

export type SortKind = 'null' | 'number' | 'string';

export interface PageCursor {
  kind: SortKind;
  value: null | number | string;
  key: string;
}

interface CursorJson {
  by: string;
  dir: DocumentQuery['direction'];
  t: SortKind;
  v: null | number | string;
  k: string;
}

/** Kinds in MongoDB's sort order, with the $type aliases that select each. */
const KINDS_IN_ORDER: readonly { kind: SortKind | 'other'; types: readonly string[] }[] = [
  { kind: 'null', types: ['null'] },
  { kind: 'number', types: ['number'] },
  { kind: 'string', types: ['string'] },
  // Past strings, a JSON document can only hold objects and booleans (arrays sort by an element).
  { kind: 'other', types: ['object', 'bool'] },
];

export interface FindRequest {
  filter: MongoFilter;
  sort: Record<string, 1 | -1>;
  /** One more than the page, to tell whether there is another. */
  limit: number;
}

/** Checks a query's page size and direction, as every store does before anything else. */
export function assertPageQuery(query: Pick<DocumentQuery, 'limit' | 'direction'>): void {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_PAGE_SIZE) {
    throw new InvalidViewQueryError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${query.limit}`);
  }
  if (query.direction !== 'asc' && query.direction !== 'desc') {
    throw new RangeError(`direction must be asc or desc, got ${JSON.stringify(query.direction)}`);
  }
}

/** The find of one page (plus one document) of `query` in `scope`. */
export function findRequest(scope: DocumentScope, query: DocumentQuery): FindRequest {
  assertPageQuery(query);
  const where = scopeFilter(scope);
  const conditions = filterConditions(query);
  const field = `doc.${fieldPath(query.sortBy).join('.')}`;
  const order = query.direction === 'asc' ? 1 : -1;
  const request = { sort: { [field]: order, key: order } as Record<string, 1 | -1>, limit: query.limit + 1 };
  if (query.after === undefined) return { filter: withConditions(where, conditions), ...request };
  const after = decodeCursor(query, query.after);
  // Each branch a whole query of its own (scope, filters and its part of "after"), so
  // that each can read its own range of the sort index and the ranges merge in order.
  const branches = afterBranches(field, query.direction, after);
  return { filter: { $or: branches.map((branch) => withConditions(where, [...conditions, branch])) }, ...request };
}

/** The documents after `after` in the order of `field` then key, in `direction`. */
export function afterBranches(field: string, direction: DocumentQuery['direction'], after: PageCursor): MongoFilter[] {
  const asc = direction === 'asc';
  // The same value, a later key. ({field: null} also matches a missing field, which sorts as null.)
  const branches: MongoFilter[] = [{ [field]: after.value, key: { [asc ? '$gt' : '$lt']: after.key } }];
  if (after.kind !== 'null') branches.push({ [field]: { [asc ? '$gt' : '$lt']: after.value } });
  const at = KINDS_IN_ORDER.findIndex(({ kind }) => kind === after.kind);
  const later = asc ? KINDS_IN_ORDER.slice(at + 1) : KINDS_IN_ORDER.slice(0, at).reverse();
  const types = later.flatMap(({ types: aliases }) => aliases).filter((type) => type !== 'null');
  if (types.length > 0) branches.push({ [field]: { $type: types.length === 1 ? types[0] : types } });
  // null also matches a missing field, which sorts with null.
  if (!asc && after.kind !== 'null') branches.push({ [field]: null });
  return branches;
}

/**
 * The cursor after `doc`, the last document of a page sorted by `sortBy`. A sort value
 * that is neither a number nor a string (nor missing) is a projection's mistake: the
 * contract sorts by such fields only, and a page cannot say where among objects it ended.
 */
export function cursorAfter(query: Pick<DocumentQuery, 'sortBy' | 'direction'>, key: string, doc: ViewDocument): string {
  const value = sortValue(doc, fieldPath(query.sortBy));
  let cursor: PageCursor;
  if (value === undefined || value === null) cursor = { kind: 'null', value: null, key };
  else if (typeof value === 'number') cursor = { kind: 'number', value, key };
  else if (typeof value === 'string') cursor = { kind: 'string', value, key };
  else {
    throw new TypeError(
      `cannot page by ${query.sortBy}: document ${JSON.stringify(key)} holds ${JSON.stringify(value)} there, ` +
        'and a sort field holds a number or a string',
    );
  }
  return encodeCursor(query, cursor);
}

function sortValue(doc: ViewDocument, path: readonly string[]): unknown {
  let value: unknown = doc;
  for (const segment of path) {
    // MongoDB sorts by an element of an array on the way: no single value to resume from.
    if (Array.isArray(value)) return value;
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

export function encodeCursor(query: Pick<DocumentQuery, 'sortBy' | 'direction'>, at: PageCursor): string {
  const json: CursorJson = { by: query.sortBy, dir: query.direction, t: at.kind, v: at.value, k: at.key };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

/** The position a cursor stands for; InvalidViewQueryError for one this sort did not make. */
export function decodeCursor(query: Pick<DocumentQuery, 'sortBy' | 'direction'>, cursor: string): PageCursor {
  let json: Partial<CursorJson> | null;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorJson> | null;
  } catch {
    throw invalidCursor();
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalidCursor();
  const { by, dir, t, v, k } = json;
  const valueFits =
    (t === 'null' && v === null) ||
    (t === 'number' && typeof v === 'number' && Number.isFinite(v)) ||
    (t === 'string' && typeof v === 'string');
  if (!valueFits || typeof k !== 'string') throw invalidCursor();
  if (by !== query.sortBy || dir !== query.direction) {
    throw new InvalidViewQueryError(`the cursor was made for another sort (${String(by)} ${String(dir)})`);
  }
  return { kind: t, value: v as PageCursor['value'], key: k };
}

function invalidCursor(): InvalidViewQueryError {
  return new InvalidViewQueryError('invalid page cursor: pass a nextCursor from a previous page unchanged');
}
