import { cents } from '../shared/money.js';
import { yearlyBudgetPeriods } from './budget-periods.js';

describe('yearly budget periods', () => {
  it('slices a budget along calendar years in proportion to the days, adding up to the cent', () => {
    const periods = yearlyBudgetPeriods(cents(3_788_700), '2019-07-01', '2020-12-31');
    expect(periods.map(({ start, end }) => [start, end])).toEqual([
      ['2019-07-01', '2019-12-31'],
      ['2020-01-01', '2020-12-31'],
    ]);
    // 184 and 366 of 550 days: 1,267,492.36 and 2,521,207.64 cents, the cent left to the larger remainder.
    expect(periods.map(({ amount }) => amount)).toEqual([1_267_492, 2_521_208]);
    expect(periods.reduce((sum, { amount }) => sum + amount, 0)).toBe(3_788_700);
  });

  it('keeps a project within one year in one period', () => {
    expect(yearlyBudgetPeriods(cents(100), '2021-02-01', '2021-11-30')).toEqual([{ start: '2021-02-01', end: '2021-11-30', amount: 100 }]);
  });

  it('never makes a period longer than a year, over three calendar years', () => {
    const periods = yearlyBudgetPeriods(cents(1), '2019-12-31', '2021-01-01');
    expect(periods.map(({ start, end }) => `${start}/${end}`)).toEqual(['2019-12-31/2019-12-31', '2020-01-01/2020-12-31', '2021-01-01/2021-01-01']);
    expect(periods.map(({ amount }) => amount)).toEqual([0, 1, 0]);
  });
});
