import { DomainError } from '../shared/domain-error.js';

/**
 * Business dates are ISO 8601 calendar dates (`YYYY-MM-DD`) with no time zone: a project
 * starts "on 2019-03-01" wherever one reads it. All arithmetic here is on integers through
 * `Date.UTC`, so no local time zone or daylight-saving shift can move a date.
 */
export type CalendarDate = string;

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Parts {
  year: number;
  month: number;
  day: number;
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real calendar date written `YYYY-MM-DD` (2019-02-29 is not one, 2020-02-29 is). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parts(date: CalendarDate): Parts {
  if (!isCalendarDate(date)) {
    throw new DomainError('date.invalid', `${JSON.stringify(date)} is not a calendar date YYYY-MM-DD`, 'invalid');
  }
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function format({ year, month, day }: Parts): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Moves a date by whole calendar months. When the target month is shorter, the day is
 * clamped to its last day: 2020-03-31 minus one month is 2020-02-29, 2019-01-31 plus one
 * month is 2019-02-28 — a month before the end of March is the end of February.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const { year, month, day } = parts(date);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return format({ year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() });
}

/** Orders two dates: negative, zero or positive. `YYYY-MM-DD` sorts as text. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The UTC calendar date of an ISO 8601 instant ("2020-02-29T23:30:00-02:00" → "2020-03-01"). */
export function utcDateOf(instant: string): CalendarDate {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) {
    throw new DomainError('date.invalid-instant', `${JSON.stringify(instant)} is not an ISO 8601 instant`, 'invalid');
  }
  return new Date(time).toISOString().slice(0, 10);
}
