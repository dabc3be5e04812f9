import type { Request } from 'express';
import { ProblemError } from './problem.js';

/**
 * The revision a client says it saw, from `If-Match: "<revision>"` (the ETag it was given).
 * Absent ⇒ undefined (the command is decided on the latest state).
 */
export function expectedRevisionFrom(request: Request): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match) {
    throw new ProblemError(400, 'request.invalid-if-match', 'If-Match must be an ETag this API returned, e.g. "3"');
  }
  return Number(match[1]);
}
