import type { Project } from '../state.js';
import { historyTo, reportAccepted, reportSubmitted } from '../testing/project-history.js';
import { APPROVER, AT, DRAFTER, at, command, spec } from '../testing/project-fixtures.js';

// Final reports come after the completion (AT.completed), so they are sent and decided at AT.closing.
const submitReport = (reportId: string, kind: 'interim' | 'final-narrative' | 'final-financial', summary?: string) =>
  command('SubmitReport', { reportId, kind, ...(summary === undefined ? {} : { summary }) }, { at: kind === 'interim' ? AT.now : AT.closing });
const accept = (reportId: string, by = APPROVER) => command('AcceptReport', { reportId }, { by, at: AT.closing });
const reject = (reportId: string) => command('RejectReport', { reportId }, { by: APPROVER, reason: 'Figures do not match the ledger', at: AT.closing });

describe('submitting reports', () => {
  it('submits an interim report during implementation', () => {
    spec
      .given(historyTo('active'))
      .when(submitReport('interim-1', 'interim', '  First six months  '))
      .then([
        { type: 'ReportSubmitted', data: { reportId: 'interim-1', kind: 'interim', summary: 'First six months', submittedBy: DRAFTER, at: AT.now, effectiveOn: '2019-06-03' } },
      ]);
  });

  it('holds the report as submitted, awaiting a decision', () => {
    spec.given(historyTo('completed')).when(submitReport('final-n', 'final-narrative')).thenEvents((_, state) => {
      expect((state as Project).reports).toEqual({
        'final-n': { kind: 'final-narrative', status: 'submitted', submittedBy: DRAFTER, submittedAt: AT.closing },
      });
    });
  });

  it('accepts several interim reports', () => {
    spec
      .given([...historyTo('active'), reportSubmitted('interim-1', 'interim')])
      .when(submitReport('interim-2', 'interim'))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('refuses a report id that is already taken', () => {
    spec.given([...historyTo('active'), reportSubmitted('interim-1', 'interim')]).when(submitReport('interim-1', 'interim')).thenThrows('report.duplicate');
  });

  it.each([
    ['an unknown kind', command('SubmitReport', { reportId: 'r-1', kind: 'annual' as never })],
    ['a blank id', command('SubmitReport', { reportId: ' ', kind: 'interim' })],
  ])('refuses %s', (_, cmd) => {
    spec.given(historyTo('completed')).when(at(AT.closing, cmd)).thenThrows('report.invalid');
  });

  it('refuses a second final report of a kind while the first stands', () => {
    spec
      .given([...historyTo('completed'), reportSubmitted('fn-1', 'final-narrative')])
      .when(submitReport('fn-2', 'final-narrative'))
      .thenThrows('report.already-submitted');
    spec
      .given([...historyTo('completed'), reportSubmitted('fn-1', 'final-narrative'), reportAccepted('fn-1', 'final-narrative')])
      .when(submitReport('fn-2', 'final-narrative'))
      .thenThrows('report.already-submitted');
  });

  it('accepts a new final report after the previous one was rejected', () => {
    const rejected = { type: 'ReportRejected' as const, data: { reportId: 'fn-1', kind: 'final-narrative' as const, rejectedBy: APPROVER, reason: 'Incomplete', at: AT.completed } };
    spec
      .given([...historyTo('completed'), reportSubmitted('fn-1', 'final-narrative'), rejected])
      .when(submitReport('fn-2', 'final-narrative'))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });
});

describe('deciding on reports', () => {
  const withReport = (by = DRAFTER) => [...historyTo('completed'), reportSubmitted('fn-1', 'final-narrative', by)];

  it('accepts a submitted report', () => {
    spec.given(withReport()).when(accept('fn-1')).thenEvents((events, state) => {
      expect(events).toEqual([{ type: 'ReportAccepted', data: { reportId: 'fn-1', kind: 'final-narrative', acceptedBy: APPROVER, at: AT.closing, effectiveOn: '2020-06-01' } }]);
      expect((state as Project).reports['fn-1']).toMatchObject({ status: 'accepted', decidedBy: APPROVER, decidedAt: AT.closing });
    });
  });

  it('refuses the acceptance of a report by the person who submitted it', () => {
    spec.given(withReport(APPROVER)).when(accept('fn-1', APPROVER)).thenThrows('approval.four-eyes');
  });

  it('rejects a submitted report, saying why', () => {
    spec.given(withReport()).when(reject('fn-1')).thenEvents((events, state) => {
      expect(events).toEqual([
        {
          type: 'ReportRejected',
          data: { reportId: 'fn-1', kind: 'final-narrative', rejectedBy: APPROVER, reason: 'Figures do not match the ledger', at: AT.closing, effectiveOn: '2020-06-01' },
        },
      ]);
      expect((state as Project).reports['fn-1']).toMatchObject({ status: 'rejected', rejectionReason: 'Figures do not match the ledger' });
    });
  });

  it('refuses to decide on a report that does not exist', () => {
    spec.given(withReport()).when(accept('fn-9')).thenThrows('report.not-found');
    spec.given(withReport()).when(reject('fn-9')).thenThrows('report.not-found');
    spec.given(withReport()).when(accept('toString')).thenThrows('report.not-found');
  });

  it('refuses to decide twice on the same report', () => {
    const accepted = [...withReport(), reportAccepted('fn-1', 'final-narrative')];
    spec.given(accepted).when(accept('fn-1')).thenThrows('report.already-decided');
    spec.given(accepted).when(reject('fn-1')).thenThrows('report.already-decided');
  });

  it('refuses to accept a rejected report', () => {
    spec.given(withReport()).when(reject('fn-1')).thenEvents((events) => {
      spec.given([...withReport(), ...events]).when(accept('fn-1')).thenThrows('report.already-decided');
    });
  });
});
