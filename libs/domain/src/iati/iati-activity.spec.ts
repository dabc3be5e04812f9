import { cents } from '../shared/money.js';
import type { ProjectEvent } from '../project/events.js';
import { approved, completed, disbursed, drafted, endorsed, refunded, spent, started, submitted } from '../project/testing/project-history.js';
import { DEFAULT_DAC_SECTORS } from './dac-codes.js';
import { iatiActivityOf, type IatiTransactionType } from './iati-activity.js';

const closed = (releasedAmount: number): ProjectEvent => ({
  type: 'ProjectClosed',
  data: { closedBy: 'ap-chen', committed: cents(3_788_700), disbursed: cents(3_000_000), releasedAmount: cents(releasedAmount), year: 2019, fundingLine: 1, at: '2020-05-01T09:00:00.000Z', effectiveOn: '2020-05-01' },
});
const sum = (type: IatiTransactionType, transactions: { type: number; amount: number }[]) =>
  transactions.filter((t) => t.type === type).reduce((total, t) => total + t.amount, 0);

describe('a project as an IATI activity', () => {
  const pipeline = [drafted(), submitted(), endorsed(), approved()];

  it('commits the budget on the approval date', () => {
    const activity = iatiActivityOf([...pipeline], DEFAULT_DAC_SECTORS)!;
    expect(activity.status).toBe(1);
    expect(activity.transactions).toEqual([{ type: 2, date: approved().data.at.slice(0, 10), amount: 3_788_700 }]);
  });

  it('decommits what closure released and publishes a refund as a negative disbursement', () => {
    const events = [...pipeline, started(), disbursed('d1', 3_000_000), spent('e1', 2_500_000), completed(), closed(788_700), refunded('r1', 500_000, 500_000)];
    const activity = iatiActivityOf(events, DEFAULT_DAC_SECTORS)!;
    expect(activity.status).toBe(4);
    expect(activity.transactions.filter((t) => t.type === 2).map((t) => t.amount)).toEqual([3_788_700, -788_700, -500_000]);
    expect(sum(2, activity.transactions)).toBe(2_500_000);
    expect(sum(3, activity.transactions)).toBe(2_500_000);
    expect(sum(4, activity.transactions)).toBe(2_500_000);
    expect(activity.transactions.find((t) => t.amount === -500_000 && t.type === 3)?.date).toBe('2020-05-05');
  });

  it('dates the activity by plan and by what happened', () => {
    const activity = iatiActivityOf([...pipeline, started('2019-03-01'), completed('2020-03-31')], DEFAULT_DAC_SECTORS)!;
    expect(activity.dates.map(({ type }) => type)).toEqual([1, 2, 3, 4]);
    expect(activity.dates.find((d) => d.type === 2)?.date).toBe('2019-03-01');
    expect(activity.dates.find((d) => d.type === 4)?.date).toBe('2020-03-31');
  });

  it('publishes the one beneficiary state at 100 % and the theme as a DAC code', () => {
    const activity = iatiActivityOf(pipeline, DEFAULT_DAC_SECTORS)!;
    expect(activity.recipientCountries).toEqual([{ code: 'KG', percentage: '100.00' }]);
    expect(activity.recipientRegion).toBeUndefined();
    expect(activity.sector).toMatch(/^\d{5}$/);
  });

  it('publishes a project with no beneficiary state in a DAC region', () => {
    const activity = iatiActivityOf([drafted({ coverage: 'global', region: 'global', beneficiaryStates: [] }), submitted(), endorsed(), approved()], DEFAULT_DAC_SECTORS)!;
    expect(activity.recipientCountries).toEqual([]);
    expect(activity.recipientRegion).toEqual({ code: '998', percentage: '100.00' });
    expect(activity.scope).toBe('1');
  });

  it('has nothing to publish for a stream without a project', () => {
    expect(iatiActivityOf([], DEFAULT_DAC_SECTORS)).toBeUndefined();
  });
});
