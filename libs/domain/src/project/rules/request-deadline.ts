import { addMonths, type CalendarDate } from '../../calendar/calendar-date.js';
import { DomainError } from '../../shared/domain-error.js';

/**
 * Rule 10: the last day on which a budget revision or a no-cost extension may be requested
 * is one calendar month before the current end date (extensions included), clamped to the
 * end of a shorter month: for an end on 2020-03-31 the deadline is 2020-02-29.
 */
export function requestDeadline(currentEndDate: CalendarDate): CalendarDate {
  return addMonths(currentEndDate, -1);
}

/** `requestedOn`: the request's business date (its effectiveOn), not the day it is keyed in. */
export function assertRequestInTime(requestedOn: CalendarDate, currentEndDate: CalendarDate, request: string): void {
  const deadline = requestDeadline(currentEndDate);
  if (requestedOn > deadline) {
    throw new DomainError(
      'request.too-late',
      `a ${request} must be requested by ${deadline}, one month before the end date ${currentEndDate}; it is ${requestedOn}`,
      'conflict',
    );
  }
}
