import { addDays, addMonths, compareDates, isCalendarDate, utcDateOf } from './calendar-date.js';

describe('calendar dates (YYYY-MM-DD business dates)', () => {
  it.each(['2019-03-01', '2020-02-29', '2000-02-29', '2019-12-31'])('accepts the real date %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each(['2019-02-29', '1900-02-29', '2019-04-31', '2019-13-01', '2019-00-10', '2019-1-1', '20190301', '2019-03-01T00:00:00Z', '', 20190301, null])(
    'refuses %j',
    (date) => {
      expect(isCalendarDate(date)).toBe(false);
    },
  );

  it.each([
    ['2020-03-31', -1, '2020-02-29'],
    ['2019-03-31', -1, '2019-02-28'],
    ['2019-01-31', 1, '2019-02-28'],
    ['2019-03-15', -1, '2019-02-15'],
    ['2019-01-15', -1, '2018-12-15'],
    ['2019-03-01', 12, '2020-03-01'],
    ['2020-02-29', 12, '2021-02-28'],
    ['2019-12-31', 2, '2020-02-29'],
  ])('moves %s by %d month(s) to %s, clamped to the end of a shorter month', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('moves by days across months and leap days', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2019-12-31', 1)).toBe('2020-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
  });

  it('orders dates', () => {
    expect(compareDates('2019-03-01', '2019-03-02')).toBeLessThan(0);
    expect(compareDates('2019-03-01', '2019-03-01')).toBe(0);
    expect(compareDates('2020-01-01', '2019-12-31')).toBeGreaterThan(0);
  });

  it('takes the UTC date of an instant, whatever its offset', () => {
    expect(utcDateOf('2020-02-29T23:30:00.000Z')).toBe('2020-02-29');
    expect(utcDateOf('2020-02-29T23:30:00-02:00')).toBe('2020-03-01');
    expect(() => utcDateOf('yesterday')).toThrow(expect.objectContaining({ code: 'date.invalid-instant' }));
  });

  it('refuses to compute with a date that does not exist', () => {
    expect(() => addMonths('2019-02-29', 1)).toThrow(expect.objectContaining({ code: 'date.invalid' }));
  });
});
