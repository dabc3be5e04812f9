import { ProblemError } from './problem.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An optional ISO 8601 instant from a query parameter, normalised to UTC. */
export function instantFrom(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const time = Date.parse(value);
  if (!ISO_INSTANT.test(value) || Number.isNaN(time)) {
    throw new ProblemError(400, 'request.invalid-instant', `${name} must be an ISO 8601 instant such as 2020-01-31T00:00:00Z`, [
      { field: name, message: 'expected an ISO 8601 instant' },
    ]);
  }
  return new Date(time).toISOString();
}
