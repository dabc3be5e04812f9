/**
 * What kind of refusal an error is. The HTTP edge maps kinds to statuses; the domain
 * never speaks HTTP.
 *
 * - `invalid`: the command itself is malformed or breaks a rule on its values (422)
 * - `conflict`: the command is valid but the current state refuses it (409)
 * - `not-found`: the aggregate it names does not exist (404)
 * - `forbidden`: the actor may not do this to this aggregate (403), e.g. four eyes
 */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not-found' | 'forbidden';

/** A per-field problem, reported with `invalid` errors (JSON-pointer-ish field path). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A refusal by a rule: a stable `code` (e.g. `budget.ceiling-exceeded`), a human `detail`.
 * Codes are part of the public API: never rename one.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly errors: FieldError[] = [],
  ) {
    super(`${code}: ${detail}`);
    this.name = 'DomainError';
  }
}
