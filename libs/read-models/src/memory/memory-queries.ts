import type { ViewDocument } from '../projection.js';
import {
  byGroup,
  InvalidViewQueryError,
  type AggregateQuery,
  type AggregateRow,
  type DocumentFilter,
  type DocumentPage,
  type DocumentQuery,
  type FieldFilter,
} from '../read-store.port.js';
import { decodeCursor, encodeCursor } from '../sql/page-cursor.js';
import { MAX_PAGE_SIZE, fieldPath } from '../query-arguments.js';
import { searchWords } from '../search-normalization.js';

/**
 * The read store's queries over documents held in memory, with the SQL store's semantics
 * (the shared read-store contract holds them to it): JSON values compare only with values of
 * their own type, strings by code point, sort keys as `read_sort_number` / `read_sort_text`
 * compute them, and the SQL store's page cursors — so a page's cursor means the same here.
 */

export type Documents = ReadonlyMap<string, ViewDocument>;

export function findIn(documents: Documents, query: DocumentQuery): DocumentPage {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_PAGE_SIZE) {
    throw new InvalidViewQueryError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${query.limit}`);
  }
  if (query.direction !== 'asc' && query.direction !== 'desc') {
    throw new RangeError(`direction must be asc or desc, got ${JSON.stringify(query.direction)}`);
  }
  const path = fieldPath(query.sortBy);
  const matches = matcherOf(query);
  const after = query.after === undefined ? undefined : decodeCursor(query, query.after);
  const sign = query.direction === 'asc' ? 1 : -1;
  const rows: SortRow[] = [];
  for (const [key, doc] of documents) {
    if (!matches(doc)) continue;
    const value = valueAt(doc, path);
    const row: SortRow = { key, doc, number: typeof value === 'number' ? value : 0, text: typeof value === 'string' ? value : '' };
    if (after !== undefined && sign * compareRows(row, { key: after.key, number: Number(after.sortNumber), text: after.sortText }) <= 0) continue;
    rows.push(row);
  }
  rows.sort((a, b) => sign * compareRows(a, b));
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  if (rows.length <= query.limit || !last) return { items: items.map((row) => row.doc!) };
  return {
    items: items.map((row) => row.doc!),
    nextCursor: encodeCursor(query, { sortNumber: String(last.number), sortText: last.text, key: last.key }),
  };
}

export function aggregateIn(documents: Documents, query: AggregateQuery): { groups: AggregateRow[]; total: AggregateRow } {
  const matches = matcherOf(query);
  const groupPath = fieldPath(query.groupBy);
  const sumPaths = query.sum.map((field) => fieldPath(field));
  const unwindPath = query.unwind === undefined ? undefined : fieldPath(query.unwind);
  const total = emptyRow(null, query.sum);
  const groups = new Map<string, AggregateRow>();
  const add = (row: AggregateRow, source: unknown) => {
    row.count += 1;
    sumPaths.forEach((path, index) => {
      const value = valueAt(source, path);
      if (typeof value === 'number') row.sums[query.sum[index]!] += value;
    });
  };
  const addToGroup = (source: unknown) => {
    const value = valueAt(source, groupPath);
    const group = value === undefined || value === null ? null : (value as string | number);
    const id = JSON.stringify(group);
    if (!groups.has(id)) groups.set(id, emptyRow(group, query.sum));
    add(groups.get(id)!, source);
  };
  for (const doc of documents.values()) {
    if (!matches(doc)) continue;
    add(total, doc);
    if (unwindPath === undefined) addToGroup(doc);
    else {
      const elements = valueAt(doc, unwindPath);
      if (Array.isArray(elements)) elements.forEach(addToGroup);
    }
  }
  for (const row of [total, ...groups.values()]) {
    for (const [field, sum] of Object.entries(row.sums)) {
      if (!Number.isSafeInteger(sum)) throw new RangeError(`the sum of ${field} (${sum}) is not an integer a JSON number holds exactly`);
    }
  }
  return { groups: [...groups.values()].sort(byGroup), total };
}

interface SortRow {
  key: string;
  doc?: ViewDocument;
  number: number;
  text: string;
}

/** The SQL store's order: (number, text by code point, key). */
function compareRows(a: SortRow, b: SortRow): number {
  return a.number - b.number || byCodePoint(a.text, b.text) || byCodePoint(a.key, b.key);
}

/** Code-point order (COLLATE "C" on UTF-8), which UTF-16 `<` breaks for characters beyond U+FFFF. */
export function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function emptyRow(group: AggregateRow['group'], sum: readonly string[]): AggregateRow {
  return { group, count: 0, sums: Object.fromEntries(sum.map((field) => [field, 0])) };
}

function valueAt(doc: unknown, path: readonly string[]): unknown {
  let value = doc;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Whether a document passes every condition of the filter. */
function matcherOf(filter: DocumentFilter): (doc: ViewDocument) => boolean {
  const conditions = (filter.fields ?? []).map(conditionOf);
  const words = searchWords(filter.text ?? '');
  return (doc) => {
    if (!conditions.every((condition) => condition(doc))) return false;
    if (words.length === 0) return true;
    const text = doc['searchText'];
    return typeof text === 'string' && words.every((word) => text.includes(word));
  };
}

const RANGES = {
  gte: (order: number) => order >= 0,
  gt: (order: number) => order > 0,
  lte: (order: number) => order <= 0,
  lt: (order: number) => order < 0,
} as const;

function conditionOf(filter: FieldFilter): (doc: ViewDocument) => boolean {
  const path = fieldPath(filter.field);
  switch (filter.op) {
    case 'eq':
      assertScalar(filter, filter.value, ['string', 'number', 'boolean']);
      return (doc) => valueAt(doc, path) === filter.value;
    case 'in': {
      if (!Array.isArray(filter.value)) throw new RangeError(`${filter.field} in: the value must be an array`);
      filter.value.forEach((value) => assertScalar(filter, value, ['string', 'number']));
      const values = new Set<unknown>(filter.value);
      return (doc) => values.has(valueAt(doc, path));
    }
    case 'contains':
      assertScalar(filter, filter.value, ['string', 'number']);
      return (doc) => arrayHolds(valueAt(doc, path), [filter.value]);
    case 'containsAny': {
      if (!Array.isArray(filter.value)) throw new RangeError(`${filter.field} containsAny: the value must be an array`);
      filter.value.forEach((value) => assertScalar(filter, value, ['string', 'number']));
      const values: readonly unknown[] = filter.value;
      return (doc) => arrayHolds(valueAt(doc, path), values);
    }
    case 'gte':
    case 'gt':
    case 'lte':
    case 'lt': {
      assertScalar(filter, filter.value, ['string', 'number']);
      const bound = filter.value;
      const holds = RANGES[filter.op];
      // A range compares values of the bound's own type only (a number bound skips strings).
      return (doc) => {
        const value = valueAt(doc, path);
        if (typeof value !== typeof bound) return false;
        return holds(typeof bound === 'number' ? (value as number) - bound : byCodePoint(value as string, bound));
      };
    }
    default:
      throw new RangeError(`unknown filter operator: ${JSON.stringify((filter as { op: unknown }).op)}`);
  }
}

function arrayHolds(field: unknown, values: readonly unknown[]): boolean {
  return Array.isArray(field) && values.some((value) => field.includes(value));
}

function assertScalar(filter: FieldFilter, value: unknown, types: readonly string[]): void {
  const ok = types.includes(typeof value) && (typeof value !== 'number' || Number.isFinite(value));
  if (!ok) throw new RangeError(`${filter.field} ${filter.op}: expected a ${types.join(' or ')}, got ${JSON.stringify(value)}`);
}
