import type { CommandContext } from '../shared/actor.js';
import { DomainError } from '../shared/domain-error.js';
import { isCalendarDate, utcDateOf, type CalendarDate } from './calendar-date.js';

/**
 * Business dates (DOMAIN.md "Business dates", ADR 0019): a command happens on a business
 * date, `effectiveOn`, and is recorded at an instant, `at`. Late entry is normal in a
 * back office, so the two differ; rules about time use the business date.
 */

/** The fund's today as the command brought it; a caller that gave none (a test, a repair) gets the UTC date of `at`. */
export function todayOf(context: CommandContext): CalendarDate {
  return context.today ?? utcDateOf(context.at);
}

/**
 * The command's business date: the one it says, else today. Never malformed, never after
 * today (the day has not happened yet).
 */
export function businessDateOf(context: CommandContext): CalendarDate {
  const today = todayOf(context);
  const effectiveOn = context.effectiveOn ?? today;
  if (!isCalendarDate(effectiveOn)) {
    throw new DomainError('effective-on.invalid', `effectiveOn ${JSON.stringify(effectiveOn)} is not a calendar date YYYY-MM-DD`, 'invalid', [
      { field: 'effectiveOn', message: 'expected a calendar date YYYY-MM-DD' },
    ]);
  }
  if (effectiveOn > today) {
    throw new DomainError('effective-on.in-future', `effectiveOn ${effectiveOn} is after today, ${today}, in the fund's time zone`, 'invalid', [
      { field: 'effectiveOn', message: `must not be after ${today}` },
    ]);
  }
  return effectiveOn;
}

/** The last step of a stream and its business date: what the next step may not precede. */
export interface LatestStep {
  /** The event type of the step, e.g. `ProjectApproved`. */
  type: string;
  effectiveOn: CalendarDate;
}

/** Never before the step it follows: a stream's business dates never go back. */
export function assertNotBeforeLatestStep(effectiveOn: CalendarDate, latest: LatestStep | undefined): void {
  if (latest !== undefined && effectiveOn < latest.effectiveOn) {
    throw new DomainError(
      'effective-on.before-previous-step',
      `effectiveOn ${effectiveOn} is before the previous step, ${latest.type} on ${latest.effectiveOn}`,
      'conflict',
      [{ field: 'effectiveOn', message: `must not be before ${latest.effectiveOn} (${latest.type})` }],
    );
  }
}

/**
 * The business date of a recorded event: its `effectiveOn`, or for an event recorded before
 * events carried one, the UTC date of its `at` (the only date it had then).
 */
export function effectiveOnOf(data: { at?: unknown; effectiveOn?: unknown }): CalendarDate {
  if (typeof data.effectiveOn === 'string') return data.effectiveOn;
  const at = typeof data.at === 'string' ? data.at : '';
  // What the service has always written ("2019-01-10T09:00:00.000Z") is read without a parse: views fold millions.
  if (at.length === 24 && at[10] === 'T' && at.endsWith('Z')) return at.slice(0, 10);
  // A fold never refuses a recorded fact: an instant it cannot read keeps its own first ten characters.
  return Number.isNaN(Date.parse(at)) ? at.slice(0, 10) : utcDateOf(at);
}

/** The calendar date at an instant in an IANA time zone ("2026-01-01T11:00:00Z" in Pacific/Kiritimati → "2026-01-02"). */
export function calendarDateIn(instant: string, timeZone: string): CalendarDate {
  const parts = dateFormatIn(timeZone).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((candidate) => candidate.type === type)!.value;
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/**
 * One formatter per time zone, made once: making one costs ~0.2 ms (ICU loads the zone's
 * rules), which was a tenth of the API's CPU on the command path (bench, docs/adr/0027).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format;
}

/** True for an IANA time zone name this runtime knows ("Europe/Zurich", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.trim() !== '';
  } catch {
    return false;
  }
}
