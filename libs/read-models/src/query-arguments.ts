import { comparePositions, START, type GlobalPosition } from '#event-store';
import { refId, type DocumentRef } from './projection.js';
import type { DocumentChange } from './read-store.port.js';

/**
 * The checks every read store applies to what code passes it (names, generations, field
 * paths, page sizes, positions, document changes), so that SQL and MongoDB refuse the
 * same mistakes the same way.
 */

/** Projection and collection names: 'portfolio', 'audit-entries'. */
const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;
/** A dotted path into a document: 'budget', 'location.region'. */
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export const MAX_PAGE_SIZE = 500;

export function assertName(kind: 'projection' | 'collection', name: string): void {
  if (typeof name !== 'string' || !NAME.test(name)) throw new RangeError(`invalid ${kind} name: ${JSON.stringify(name)}`);
}

export function assertGeneration(generation: number): void {
  if (!Number.isSafeInteger(generation) || generation < 1 || generation > 2_147_483_647) {
    throw new RangeError(`a generation is a positive integer, got ${generation}`);
  }
}

/** `'location.region'` → `['location', 'region']`, the text[] path of `doc #> path`. */
export function fieldPath(field: string): string[] {
  if (typeof field !== 'string' || !FIELD_PATH.test(field)) throw new RangeError(`invalid field path: ${JSON.stringify(field)}`);
  return field.split('.');
}

const MAX_INT64 = 2n ** 63n - 1n;

export function assertPosition(position: GlobalPosition): void {
  if (typeof position?.commit !== 'bigint' || typeof position.prepare !== 'bigint') {
    throw new TypeError('a position is { commit: bigint, prepare: bigint }');
  }
  for (const part of [position.commit, position.prepare]) {
    // START is (-1, -1); a stored position is a signed 64-bit integer (bigint in SQL, int64 in MongoDB).
    if (part < -1n || part > MAX_INT64) throw new RangeError(`a position part is from -1 to 2^63-1, got ${part}`);
  }
}

export function assertRef(ref: DocumentRef): void {
  assertName('collection', ref?.collection);
  if (typeof ref.key !== 'string' || ref.key === '') {
    throw new RangeError(`a document key is a non-empty string, got ${JSON.stringify(ref.key)}`);
  }
}

/**
 * The checks of a commit's arguments. False when there is nothing to commit: nothing is
 * after START, and an unset checkpoint reads as START.
 */
export function commitArgumentsChecked(
  projection: string,
  generation: number,
  position: GlobalPosition,
  from: GlobalPosition | undefined,
): boolean {
  assertName('projection', projection);
  assertGeneration(generation);
  assertPosition(position);
  if (from !== undefined) assertPosition(from);
  return comparePositions(position, START) > 0;
}

/**
 * The last change of each document (a projection may name one twice), every one checked
 * before anything is written: a valid ref, and a JSON object or null (deleted).
 */
export function lastChanges(changes: readonly DocumentChange[]): DocumentChange[] {
  const latest = new Map<string, DocumentChange>();
  for (const change of changes) {
    assertRef(change.ref);
    if (change.doc !== null && (typeof change.doc !== 'object' || Array.isArray(change.doc))) {
      throw new TypeError(`the document ${refId(change.ref)} is not a JSON object`);
    }
    latest.set(refId(change.ref), change);
  }
  return [...latest.values()];
}
