import { cents } from '../../shared/money.js';
import { closureReportsRequired, lastsTwelveMonthsOrMore } from './closure-reports.js';
import type { ProjectEvent } from '../events.js';
import type { Project } from '../state.js';
import { acceptedReport, approved, completed, disbursed, drafted, endorsed, endorsementRecorded, extensionApproved, focalPointRecorded, reportSubmitted, started, submitted } from '../testing/project-history.js';
import { APPROVER, AT, TOTAL, command, spec, usd } from '../testing/project-fixtures.js';
import { fold } from '../../shared/decider.js';
import { projectDecider } from '../project-decider.js';

describe('rule 11: how long a project lasts (both ends counted)', () => {
  it.each([
    ['2019-01-01', '2019-12-31', true],
    ['2019-01-02', '2019-12-31', false],
    ['2019-03-01', '2020-02-29', true],
    ['2019-03-01', '2020-02-28', false],
    ['2019-03-31', '2020-03-30', true],
    ['2020-02-29', '2021-02-27', true],
    ['2020-02-29', '2021-02-26', false],
    ['2019-03-01', '2019-03-01', false],
  ])('%s to %s lasts 12 months or more: %s', (start, end, expected) => {
    expect(lastsTwelveMonthsOrMore(start, end)).toBe(expected);
  });
});

/** A project running from `start` to `end`, completed, with the given events after completion. */
function completedProject(plannedStartDate: string, plannedEndDate: string, options: { actualStart?: string; extendTo?: string } = {}): ProjectEvent[] {
  return [
    drafted({ plannedStartDate, plannedEndDate }),
    endorsementRecorded(),
    focalPointRecorded(),
    submitted(),
    endorsed(),
    approved(),
    started(options.actualStart ?? plannedStartDate),
    ...(options.extendTo ? [extensionApproved('ext-1', options.extendTo, plannedEndDate)] : []),
    completed(options.extendTo ?? plannedEndDate),
  ];
}
const finals = () => [...acceptedReport('fn', 'final-narrative'), ...acceptedReport('ff', 'final-financial')];
const close = () => command('CloseProject', {}, { by: APPROVER, at: AT.closing });
/** Nothing of what these projects disbursed was spent: closing them needs a reason (or a refund). */
const UNSPENT_REASON = 'The partner keeps the balance for the follow-up phase';
const closeExplained = () => command('CloseProject', {}, { by: APPROVER, at: AT.closing, reason: UNSPENT_REASON });

describe('closing a project', () => {
  it('closes a project shorter than 12 months with both final reports accepted, releasing what was not disbursed', () => {
    spec
      .given([...completedProject('2019-03-01', '2020-02-28'), ...finals(), disbursed('d-1', usd('30000.00'))])
      .when(closeExplained())
      .then([
        {
          type: 'ProjectClosed',
          data: {
            closedBy: APPROVER,
            committed: TOTAL,
            disbursed: usd('30000.00'),
            releasedAmount: usd('7887.00'),
            unspentBalance: usd('30000.00'),
            year: 2019,
            fundingLine: 1,
            at: AT.closing, effectiveOn: '2020-06-01',
            reason: UNSPENT_REASON,
          },
        },
      ]);
  });

  it('refuses to close a project of exactly 12 months without an accepted interim report', () => {
    const error = spec.given([...completedProject('2019-03-01', '2020-02-29'), ...finals()]).when(close()).thenThrows('closure.reports-missing');
    expect(error.detail).toContain('interim');
    expect(error.detail).not.toContain('final');
  });

  it('closes a project of 12 months with the interim report accepted too', () => {
    spec
      .given([...completedProject('2019-03-01', '2020-02-29'), ...finals(), ...acceptedReport('int', 'interim')])
      .when(close())
      .thenEvents((_, state) => expect(state.status).toBe('closed'));
  });

  it('counts extensions: an 11-month project extended to 13 months needs an interim report', () => {
    spec
      .given([...completedProject('2019-03-01', '2020-01-31', { extendTo: '2020-03-31' }), ...finals()])
      .when(close())
      .thenThrows('closure.reports-missing');
  });

  it('counts from the actual start when implementation started late', () => {
    const events = completedProject('2019-01-01', '2019-12-31', { actualStart: '2019-02-01' });
    expect(closureReportsRequired(fold(projectDecider, events) as Project)).toEqual(['final-narrative', 'final-financial']);
    spec.given([...events, ...finals()]).when(close()).thenEvents((_, state) => expect(state.status).toBe('closed'));
  });

  it('lists every missing report', () => {
    const error = spec.given(completedProject('2019-01-01', '2019-12-31')).when(close()).thenThrows('closure.reports-missing');
    expect(error.detail).toContain('final-narrative, final-financial, interim');
  });

  it('does not count reports that are only submitted, or were rejected', () => {
    const rejectedFinancial: ProjectEvent = {
      type: 'ReportRejected',
      data: { reportId: 'ff', kind: 'final-financial', rejectedBy: APPROVER, reason: 'Unsigned', at: AT.closing, effectiveOn: '2020-06-01' },
    };
    spec
      .given([...completedProject('2019-03-01', '2019-12-31'), ...acceptedReport('fn', 'final-narrative'), reportSubmitted('ff', 'final-financial'), rejectedFinancial])
      .when(close())
      .thenThrows('closure.reports-missing');
    spec
      .given([...completedProject('2019-03-01', '2019-12-31'), ...acceptedReport('fn', 'final-narrative'), reportSubmitted('ff', 'final-financial')])
      .when(close())
      .thenThrows('closure.reports-missing');
  });

  it('releases nothing when the whole budget was disbursed', () => {
    spec
      .given([...completedProject('2019-03-01', '2019-12-31'), ...finals(), disbursed('d-1', TOTAL)])
      .when(closeExplained())
      .thenEvents(([event]) => expect(event!.data).toMatchObject({ releasedAmount: cents(0) }));
  });
});
