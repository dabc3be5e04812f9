import { isCalendarDate } from '#domain';
import { ProblemError } from './problem.js';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The earliest instant every store can hold and compare (PostgreSQL has no year 0). */
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * An optional ISO 8601 instant from a query parameter, normalised to UTC. A day or time
 * that does not exist (February 30th, 24:00) and an instant outside years 0001–9999 are
 * refused rather than rolled over into another instant.
 */
export function instantFrom(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const match = ISO_INSTANT.exec(value);
  const time = Date.parse(value);
  if (!match || Number.isNaN(time) || !existingDayAndTime(match)) {
    throw invalidInstant(name, `${name} must be an ISO 8601 instant such as 2020-01-31T00:00:00Z`, 'expected an ISO 8601 instant');
  }
  if (time < EARLIEST || time > LATEST) {
    throw invalidInstant(name, `${name} must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z`, 'outside the years 0001 to 9999');
  }
  return new Date(time).toISOString();
}

/** The day by the domain's own calendar rule; the time within one day. */
function existingDayAndTime(match: RegExpExecArray): boolean {
  const [hour, minute, second] = match.slice(4, 7).map((part) => Number(part ?? 0));
  return isCalendarDate(`${match[1]}-${match[2]}-${match[3]}`) && hour! <= 23 && minute! <= 59 && second! <= 59;
}

function invalidInstant(name: string, detail: string, message: string): ProblemError {
  return new ProblemError(400, 'request.invalid-instant', detail, [{ field: name, message }]);
}
