/**
 * The checks every read store applies to what code passes it (names, generations, field
 * paths, page sizes), so that SQL and MongoDB refuse the same mistakes the same way.
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
