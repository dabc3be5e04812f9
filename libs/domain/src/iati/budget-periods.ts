import { addDays, type CalendarDate } from '../calendar/calendar-date.js';
import { splitByWeights, type Cents } from '../shared/money.js';

/** A slice of a budget over one period of at most a year (IATI: a budget period is ≤ 1 year). */
export interface BudgetPeriod {
  /** YYYY-MM-DD, inclusive */
  start: CalendarDate;
  /** YYYY-MM-DD, inclusive */
  end: CalendarDate;
  amount: Cents;
}

/**
 * A budget over `start`…`end` as yearly slices along calendar years (the fund's years: a
 * project's `year` and its envelope are calendar years): the first from the start to 31
 * December, the last from 1 January to the end, each at most a year. The amount is split in
 * proportion to the days of each slice, remainder cents by largest remainder, so that the
 * slices add up to the budget exactly. An end before the start is read as a one-day span.
 */
export function yearlyBudgetPeriods(total: Cents, start: CalendarDate, end: CalendarDate): BudgetPeriod[] {
  const last = end < start ? start : end;
  const spans: { start: CalendarDate; end: CalendarDate; days: number }[] = [];
  for (let from = start; from <= last; ) {
    const yearEnd = `${from.slice(0, 4)}-12-31`;
    const to = yearEnd < last ? yearEnd : last;
    spans.push({ start: from, end: to, days: daysBetween(from, to) + 1 });
    from = addDays(to, 1);
  }
  const amounts = splitByWeights(total, spans.map(({ days }) => days));
  return spans.map(({ start: from, end: to }, index) => ({ start: from, end: to, amount: amounts[index]! }));
}

function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
