import { PersistentRecord } from '#domain';

/** One field a recorded event changed in its subject's state. Absent values are null. */
export type FieldChange = {
  /** Dotted path into the state: 'status', 'budget.operationalCosts', 'title'. */
  field: string;
  before: unknown;
  after: unknown;
};

/**
 * The fields that differ between two states of a subject, sorted by field path. Nested
 * structures are followed field by field ('budget.staffAndOfficeCosts'); arrays are compared
 * whole, as JSON, whatever their key order. The `mapFields` (maps keyed by ids or language
 * tags, which ids may contain dots) are compared entry by entry, and their change shows only
 * the entries that differ — an entry absent on one side is absent from that side's object,
 * and a map absent on one side is null there.
 * A map that grows with the portfolio (an envelope's holdings, one per project) or with a
 * project (its transactions) so costs an entry what the entry changed, not the whole map.
 * Money is compared in cents as the states hold it.
 */
export function stateChanges(before: unknown, after: unknown, mapFields: ReadonlySet<string>): FieldChange[] {
  const was = new Map<string, unknown>();
  const is = new Map<string, unknown>();
  flattenDifferences(before, after, mapFields, '', was, is);
  const fields = [...new Set([...was.keys(), ...is.keys()])].sort(byCodePoint);
  return fields.flatMap((field): FieldChange[] => {
    const beforeValue = was.get(field) ?? null;
    const afterValue = is.get(field) ?? null;
    if (mapFields.has(field)) return mapChange(field, beforeValue, afterValue);
    const same = beforeValue === afterValue || canonicalJson(beforeValue) === canonicalJson(afterValue);
    return same ? [] : [{ field, before: beforeValue, after: afterValue }];
  });
}

/**
 * `flatten` of both states into `was` and `is`, without the parts they share. A fold builds
 * the next state from the previous one and carries every part an event leaves alone over as
 * the same object, so a subtree that is identical on both sides has no changes and is not
 * walked: an event costs the diff what it changed, not the size of the state (the rebuild
 * spent more time here than in any other projection code).
 */
function flattenDifferences(
  before: unknown,
  after: unknown,
  mapFields: ReadonlySet<string>,
  path: string,
  was: Map<string, unknown>,
  is: Map<string, unknown>,
): void {
  if (before === after) return;
  if (!isWalked(before, path, mapFields) || !isWalked(after, path, mapFields)) {
    flatten(before, mapFields, path, was);
    flatten(after, mapFields, path, is);
    return;
  }
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [beforeInner, afterInner] = [before[key], after[key]];
    if (beforeInner === afterInner) continue;
    const inner = path === '' ? key : `${path}.${key}`;
    if (beforeInner === undefined) flatten(afterInner, mapFields, inner, is);
    else if (afterInner === undefined) flatten(beforeInner, mapFields, inner, was);
    else flattenDifferences(beforeInner, afterInner, mapFields, inner, was, is);
  }
}

/** The entries of a map field that differ, or nothing. */
function mapChange(field: string, before: unknown, after: unknown): FieldChange[] {
  const was = asMap(before);
  const is = asMap(after);
  const keys =
    was instanceof PersistentRecord && is instanceof PersistentRecord
      ? was.changedKeys(is)
      : [...new Set([...keysOf(was), ...keysOf(is)])]
          .filter((key) => canonicalJson(entryOf(was, key) ?? null) !== canonicalJson(entryOf(is, key) ?? null))
          .sort(byCodePoint);
  if (keys.length === 0) return [];
  // A map that does not exist (yet, or any more) is null, as any absent value.
  const side = (raw: unknown, map: MapValue) => (raw === null || raw === undefined ? null : entriesOf(map, keys));
  return [{ field, before: side(before, was), after: side(after, is) }];
}

type MapValue = PersistentRecord<unknown> | Record<string, unknown>;

function asMap(value: unknown): MapValue {
  return value instanceof PersistentRecord || isStructure(value) ? value : {};
}

function keysOf(map: MapValue): string[] {
  return map instanceof PersistentRecord ? [...map.entries()].map(([key]) => key) : Object.keys(map).filter((key) => map[key] !== undefined);
}

function entryOf(map: MapValue, key: string): unknown {
  if (map instanceof PersistentRecord) return map.get(key);
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** The entries of `keys` that `map` has, as a plain object. */
function entriesOf(map: MapValue, keys: readonly string[]): Record<string, unknown> {
  const entries: Record<string, unknown> = {};
  for (const key of keys) {
    const value = entryOf(map, key);
    // defineProperty: a key such as "__proto__" is an entry like any other.
    if (value !== undefined) Object.defineProperty(entries, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return entries;
}

/** The state as leaf values by dotted path. */
export function flatten(value: unknown, mapFields: ReadonlySet<string>, path = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (isWalked(value, path, mapFields)) {
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) flatten(inner, mapFields, path === '' ? key : `${path}.${key}`, into);
    }
  } else if (path !== '') {
    into.set(path, value);
  }
  return into;
}

/** A structure whose fields are followed one by one (a map field is a leaf of its own). */
function isWalked(value: unknown, path: string, mapFields: ReadonlySet<string>): value is Record<string, unknown> {
  return isStructure(value) && !(value instanceof PersistentRecord) && !mapFields.has(path);
}

function isStructure(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted: equal values give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isStructure(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort(byCodePoint);
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
