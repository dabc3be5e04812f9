import type { FieldError } from '#domain';

/**
 * What no request may carry, checked once at the edge for the body, the query and the path,
 * before anything else reads them (the idempotency fingerprint, class-transformer, a store):
 *
 * - text holding NUL or a lone UTF-16 surrogate: PostgreSQL refuses both in text and JSON,
 *   so letting them through turned a bad request into a failed append (a 500);
 * - `null`: no field of this API takes null (an absent field says "not given");
 * - keys that name an object's prototype (`__proto__`, `constructor`, `prototype`);
 * - nesting deeper than MAX_DEPTH: class-transformer recurses over the body and overflowed
 *   the stack at a few thousand levels. The deepest body the API takes has 3 levels.
 *
 * The walk is iterative, so a hostile body cannot overflow this check either.
 */
export const MAX_DEPTH = 8;

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const FORBIDDEN_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Fields (dotted paths, list items by index) that hold what no request may carry. */
export function refusedInput(value: unknown, root: string): FieldError[] {
  const errors: FieldError[] = [];
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (pending.length > 0 && errors.length < 20) {
    const { value: current, path, depth } = pending.pop()!;
    if (typeof current === 'string') {
      if (FORBIDDEN_TEXT.test(current)) errors.push({ field: path, message: 'must not contain NUL or an unpaired UTF-16 surrogate' });
      continue;
    }
    if (current === null) {
      errors.push({ field: path, message: 'must not be null; leave the field out instead' });
      continue;
    }
    if (typeof current !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      errors.push({ field: path, message: `is nested deeper than ${MAX_DEPTH} levels` });
      continue;
    }
    if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, path: join(path, String(index)), depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      const field = join(path, key);
      if (PROTOTYPE_KEYS.has(key)) errors.push({ field, message: 'is not a field any request takes' });
      else if (FORBIDDEN_TEXT.test(key)) errors.push({ field: join(path, '(key)'), message: 'a key must not contain NUL or an unpaired UTF-16 surrogate' });
      else pending.push({ value: item, path: field, depth: depth + 1 });
    }
  }
  return errors.sort((a, b) => a.field.localeCompare(b.field));
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
