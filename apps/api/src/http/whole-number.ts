import { ProblemError } from './problem.js';

/** An optional whole-number query parameter within [min, max]; anything else is refused 400 `request.invalid-query`. */
export function wholeNumber(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new ProblemError(400, 'request.invalid-query', `${name} must be a whole number from ${min} to ${max}`, [{ field: name, message: 'out of range' }]);
  }
  return parsed;
}
