import type { RecordedEvent } from '#event-store';
import type { Projection, ViewDocument } from '../../projection.js';
import { foldViews } from '../fold-views.js';

/** The documents of one collection after folding `events` through `projection`. */
export function collectionAfter(projection: Projection, collection: string, events: readonly RecordedEvent[]): Map<string, ViewDocument> {
  return foldViews([projection], events).get(collection) ?? new Map();
}

/** One document after folding `events`; fails the spec when there is none. */
export function documentAfter<Doc>(projection: Projection, collection: string, key: string, events: readonly RecordedEvent[]): Doc {
  const doc = collectionAfter(projection, collection, events).get(key);
  if (doc === undefined) throw new Error(`no ${collection}/${key} after ${events.length} events`);
  return doc as Doc;
}

/**
 * The document as a JSONB column gives it back: object keys reordered (shorter keys first,
 * then by bytes), arrays in order. A projection must not depend on key order.
 */
export function asStoredInJsonb<Value>(value: Value): Value {
  if (Array.isArray(value)) return value.map(asStoredInJsonb) as Value;
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, asStoredInJsonb((value as Record<string, unknown>)[key])])) as Value;
}
