import type { DocumentFilter, FieldFilter } from '../read-store.port.js';
import { assertGeneration, assertName, fieldPath } from '../query-arguments.js';
import { searchWords } from '../search-normalization.js';

/**
 * The MongoDB query of a `DocumentFilter`: the same documents as the SQL store selects.
 * Pure: builds plain filter objects. Paths and names go through the SQL store's own
 * checks, so that a mistake in code fails loudly (and alike) instead of matching nothing.
 *
 * Where MongoDB's matching is wider than JSON containment, conditions narrow it:
 * `{a: v}` also matches an array `a` holding v, and `a.b` also looks into each element of
 * an array `a`. The SQL store does neither, so no field named by a filter — nor any object
 * on the way to it — may be an array (except `contains`, which asks for one).
 */

export type MongoFilter = Record<string, unknown>;

/** Where a query looks: one collection of one generation of a projection. */
export interface DocumentScope {
  projection: string;
  generation: number;
  collection: string;
}

/** `'location.region'` → `'doc.location.region'`, the stored field of a document path. */
export function storedField(field: string): string {
  return `doc.${fieldPath(field).join('.')}`;
}

export function scopeFilter(scope: DocumentScope): MongoFilter {
  assertName('projection', scope.projection);
  assertGeneration(scope.generation);
  assertName('collection', scope.collection);
  return { projection: scope.projection, generation: scope.generation, collection: scope.collection };
}

/** The conditions, besides the scope, that `filter` puts on a document; all must hold. */
export function filterConditions(filter: DocumentFilter): MongoFilter[] {
  const conditions: MongoFilter[] = [];
  for (const condition of filter.fields ?? []) conditions.push(...fieldConditions(condition));
  // A literal substring: every character that means something in a regex is escaped.
  for (const word of searchWords(filter.text ?? '')) conditions.push({ 'doc.searchText': { $regex: literalPattern(word) } });
  return conditions;
}

/** `scope` and `filter` as one MongoDB filter. */
export function documentFilter(scope: DocumentScope, filter: DocumentFilter): MongoFilter {
  return withConditions(scopeFilter(scope), filterConditions(filter));
}

export function withConditions(base: MongoFilter, conditions: readonly MongoFilter[]): MongoFilter {
  return conditions.length === 0 ? base : { ...base, $and: [...conditions] };
}

const NOT_AN_ARRAY = { $not: { $type: 'array' } } as const;

function fieldConditions(filter: FieldFilter): MongoFilter[] {
  const segments = fieldPath(filter.field);
  const field = `doc.${segments.join('.')}`;
  // Objects on the way to the field: never arrays (see above).
  const path: MongoFilter[] = segments
    .slice(0, -1)
    .map((_, index) => ({ [`doc.${segments.slice(0, index + 1).join('.')}`]: NOT_AN_ARRAY }));
  switch (filter.op) {
    case 'eq':
      assertScalar(filter, filter.value, ['string', 'number', 'boolean']);
      return [...path, { [field]: { $eq: filter.value, ...NOT_AN_ARRAY } }];
    case 'in': {
      if (!Array.isArray(filter.value)) throw new RangeError(`${filter.field} in: the value must be an array`);
      filter.value.forEach((value) => assertScalar(filter, value, ['string', 'number']));
      return [...path, { [field]: { $in: [...filter.value], ...NOT_AN_ARRAY } }];
    }
    case 'contains':
      assertScalar(filter, filter.value, ['string', 'number']);
      // $elemMatch matches arrays only: a scalar equal to the value is not "containing" it.
      return [...path, { [field]: { $elemMatch: { $eq: filter.value } } }];
    case 'containsAny':
      if (!Array.isArray(filter.value)) throw new RangeError(`${filter.field} containsAny: the value must be an array`);
      filter.value.forEach((value) => assertScalar(filter, value, ['string', 'number']));
      return [...path, { [field]: { $elemMatch: { $in: [...filter.value] } } }];
    case 'gte':
    case 'lte':
    case 'gt':
    case 'lt':
      // MongoDB compares a bound with values of its own type only (numbers with numbers,
      // strings with strings, by code point under the simple collation): the contract's rule.
      assertScalar(filter, filter.value, ['string', 'number']);
      return [...path, { [field]: { [`$${filter.op}`]: filter.value, ...NOT_AN_ARRAY } }];
    default:
      throw new RangeError(`unknown filter operator: ${JSON.stringify((filter as { op: unknown }).op)}`);
  }
}

function assertScalar(filter: FieldFilter, value: unknown, types: readonly string[]): void {
  const ok = types.includes(typeof value) && (typeof value !== 'number' || Number.isFinite(value));
  if (!ok) throw new RangeError(`${filter.field} ${filter.op}: expected a ${types.join(' or ')}, got ${JSON.stringify(value)}`);
}

/**
 * A PCRE pattern matching `text` literally: regex syntax characters escaped, U+0000 (which
 * MongoDB refuses inside a pattern) written as `\x{0}`.
 */
export function literalPattern(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&').replaceAll('\u0000', '\\x{0}');
}
