import type { ProjectCommand } from '../commands.js';
import { command, spec, usd } from '../testing/project-fixtures.js';
import { historyTo } from '../testing/project-history.js';

// The standard history: approved 2019-02-15 (an old event: its date is that of its instant), started 2019-03-01.
const today = (cmd: ProjectCommand, date = '2019-06-03'): ProjectCommand => ({ ...cmd, context: { ...cmd.context, today: date } });
const disburse = (valueDate: string) => today(command('RecordDisbursement', { transactionId: 'd-9', amount: usd('100.00'), valueDate }));
const spend = (valueDate: string) => today(command('RecordExpenditure', { transactionId: 'e-9', amount: usd('100.00'), valueDate }));

describe('value dates', () => {
  it('refuses a disbursement dated before the approval', () => {
    const error = spec.given(historyTo('approved')).when(disburse('2019-02-14')).thenThrows('disbursement.before-approval');
    expect(error.detail).toContain('2019-02-15');
  });

  it('allows a disbursement on the day of the approval', () => {
    spec.given(historyTo('approved')).when(disburse('2019-02-15')).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('judges a disbursement on the business date of the approval, not the day it was keyed in', () => {
    const approvedLate = historyTo('approved').map((event) => (event.type === 'ProjectApproved' ? { ...event, data: { ...event.data, effectiveOn: '2019-02-10' } } : event));
    spec.given(approvedLate).when(disburse('2019-02-12')).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('refuses an expenditure dated before the actual start', () => {
    const error = spec.given(historyTo('active')).when(spend('2019-02-28')).thenThrows('expenditure.before-start');
    expect(error.detail).toContain('2019-03-01');
  });

  it('allows an expenditure on the day of the actual start', () => {
    spec.given(historyTo('active')).when(spend('2019-03-01')).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it.each([
    ['disbursement', () => disburse('2019-06-04')],
    ['expenditure', () => spend('2019-06-04')],
  ])('refuses a %s dated after today', (_, send) => {
    spec.given(historyTo('active')).when(send()).thenThrows('transaction.value-date-in-future');
  });

  it("uses the fund's today, not the UTC date of the instant", () => {
    // At 2019-06-03T10:00Z it is already 2019-06-04 in the fund's zone (say, Pacific/Kiritimati).
    spec.given(historyTo('active')).when(today(spend('2019-06-04'), '2019-06-04')).thenEvents((events) => expect(events).toHaveLength(1));
  });
});
