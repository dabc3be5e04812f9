/** Calendar dates (YYYY-MM-DD, UTC) and USD amounts as the API writes them, for the generator. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function parts(date: string): [number, number, number] {
  const match = DATE.exec(date);
  if (!match) throw new Error(`not a calendar date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function format(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

/** Today's UTC date. */
export function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  return format(year, month - 1, day + days);
}

/** Calendar months, clamped to the end of a shorter month (2020-01-31 + 1 → 2020-02-29). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return format(year, month - 1 + months, Math.min(day, lastDay));
}

export function yearOf(date: string): number {
  return parts(date)[0];
}

export function monthOf(date: string): number {
  return parts(date)[1];
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/** 3788701 → "37887.01" */
export function usd(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Error(`not a whole, non-negative number of cents: ${cents}`);
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Cents that never end in 00: real budgets and transactions rarely do. */
export function oddCents(cents: number): number {
  return cents % 100 === 0 ? cents - 37 : cents;
}
