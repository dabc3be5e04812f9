import { cents } from '../../shared/money.js';
import type { BudgetBreakdown, ReportKind } from '../commands.js';
import type { ProjectEvent } from '../events.js';
import { totalOf } from '../proposal.js';
import type { ProjectStatus } from '../state.js';
import { APPROVER, AT, DRAFTER, SUBMITTER, TOTAL, proposal } from './project-fixtures.js';

type EventOf<T extends ProjectEvent['type']> = Extract<ProjectEvent, { type: T }>;
type Data<T extends ProjectEvent['type']> = EventOf<T>['data'];

function event<T extends ProjectEvent['type']>(type: T, data: Data<T>): EventOf<T> {
  return { type, data } as EventOf<T>;
}

/** PO.0143 as drafted from `proposal()`: its one state has the whole share. */
export function drafted(overrides: Partial<Data<'ProjectDrafted'>> = {}): EventOf<'ProjectDrafted'> {
  const { beneficiaryStates: _states, ...fields } = proposal();
  return event('ProjectDrafted', {
    ...fields,
    beneficiaryStates: [{ code: 'KG', share: 10_000 }],
    budgetTotal: TOTAL,
    draftedBy: DRAFTER,
    at: AT.drafted,
    ...overrides,
  });
}

export const endorsementRecorded = (state = 'KG', at = AT.endorsementRecorded) =>
  event('GovernmentEndorsementRecorded', {
    state,
    endorsedOn: '2019-01-14',
    authority: 'Ministry of Labour and Social Development',
    recordedBy: DRAFTER,
    at,
  });

export const focalPointRecorded = () =>
  event('FocalPointRecorded', {
    name: 'Nurlan Abdyldaev',
    organisation: 'State Migration Service',
    recordedBy: DRAFTER,
    at: AT.focalPointRecorded,
  });

export const submitted = (by = SUBMITTER, at = AT.submitted) => event('ProjectSubmitted', { submittedBy: by, at });
export const endorsed = (by = APPROVER, at = AT.endorsed) => event('ProjectEndorsed', { endorsedBy: by, at });
export const retained = (by = APPROVER, at = AT.retained) => event('ProjectRetained', { retainedBy: by, at });
export const approved = (by = APPROVER, at = AT.approved) =>
  event('ProjectApproved', { approvedBy: by, committed: TOTAL, year: 2019, fundingLine: 1, at });
export const rejected = () => event('ProjectRejected', { rejectedBy: APPROVER, reason: 'Outside the fund’s mandate', at: AT.endorsed });
export const returned = () => event('ProjectReturned', { returnedBy: APPROVER, reason: 'Clarify the outputs', at: AT.endorsed });
export const started = (actualStartDate = '2019-03-01') =>
  event('ImplementationStarted', { actualStartDate, startedBy: DRAFTER, at: AT.started });
export const suspended = () => event('ProjectSuspended', { suspendedBy: APPROVER, reason: 'Elections', at: '2019-05-01T09:00:00.000Z' });
export const resumed = () => event('ProjectResumed', { resumedBy: APPROVER, at: '2019-05-20T09:00:00.000Z' });
export const completed = (actualEndDate = '2020-03-31') =>
  event('ProjectCompleted', { actualEndDate, completedBy: DRAFTER, at: AT.completed });

export const disbursed = (transactionId: string, amount: number, valueDate = '2019-03-05') =>
  event('DisbursementRecorded', { transactionId, amount: cents(amount), valueDate, recordedBy: DRAFTER, at: AT.started });
export const spent = (transactionId: string, amount: number, valueDate = '2019-04-05') =>
  event('ExpenditureRecorded', { transactionId, amount: cents(amount), valueDate, recordedBy: DRAFTER, at: AT.started });

/** A refund of unspent money; `releasedAmount` is what its status (closed, cancelled) released. */
export const refunded = (transactionId: string, amount: number, releasedAmount = 0, valueDate = '2020-05-05') =>
  event('RefundRecorded', {
    transactionId,
    amount: cents(amount),
    valueDate,
    recordedBy: 'farid',
    releasedAmount: cents(releasedAmount),
    year: 2019,
    fundingLine: 1,
    at: AT.closing,
  });

/** An interim report comes during implementation (before AT.now), a final one after completion. */
const reportedAt = (kind: ReportKind) => (kind === 'interim' ? INTERIM_REPORTED_AT : AT.completed);
const INTERIM_REPORTED_AT = '2019-05-25T09:00:00.000Z';
export const reportSubmitted = (reportId: string, kind: ReportKind, by = DRAFTER) =>
  event('ReportSubmitted', { reportId, kind, submittedBy: by, at: reportedAt(kind) });
export const reportAccepted = (reportId: string, kind: ReportKind, by = APPROVER) =>
  event('ReportAccepted', { reportId, kind, acceptedBy: by, at: reportedAt(kind) });
/** Submitted and accepted. */
export const acceptedReport = (reportId: string, kind: ReportKind) => [reportSubmitted(reportId, kind), reportAccepted(reportId, kind)];

export const revisionRequested = (requestId: string, budget: BudgetBreakdown, by = DRAFTER) =>
  event('BudgetRevisionRequested', {
    requestId,
    budget,
    budgetTotal: totalOf(budget),
    requestedBy: by,
    reason: 'Exchange-rate loss on the workshop venue',
    at: '2019-06-01T09:00:00.000Z',
  });
export const extensionRequested = (requestId: string, newEndDate: string, by = DRAFTER, currentEndDate = '2020-03-31') =>
  event('NoCostExtensionRequested', {
    requestId,
    currentEndDate,
    newEndDate,
    requestedBy: by,
    reason: 'The parliament postponed the hearing',
    at: '2019-06-01T09:00:00.000Z',
  });
export const extensionApproved = (requestId: string, newEndDate: string, previousEndDate = '2020-03-31') =>
  event('NoCostExtensionApproved', { requestId, approvedBy: APPROVER, previousEndDate, newEndDate, at: '2019-06-02T09:00:00.000Z' });

/** The four reports closing a 12-month-or-longer project needs, accepted. */
export const closureReports = (): ProjectEvent[] => [
  ...acceptedReport('interim-1', 'interim'),
  ...acceptedReport('final-narrative', 'final-narrative'),
  ...acceptedReport('final-financial', 'final-financial'),
];

/**
 * A history that leaves PO.0143 in the given status by the ordinary path. The draft
 * already has the government's endorsement and focal point, so that the next step's
 * other rules pass and only the lifecycle decides.
 */
export function historyTo(status: ProjectStatus): ProjectEvent[] {
  const draft = [drafted(), endorsementRecorded(), focalPointRecorded()];
  const approvedHistory = [...draft, submitted(), endorsed(), approved()];
  const active = [...approvedHistory, started()];
  const histories: Record<ProjectStatus, () => ProjectEvent[]> = {
    draft: () => draft,
    submitted: () => [...draft, submitted()],
    endorsed: () => [...draft, submitted(), endorsed()],
    retained: () => [...draft, submitted(), endorsed(), retained()],
    approved: () => approvedHistory,
    active: () => active,
    suspended: () => [...active, suspended()],
    completed: () => [...active, completed()],
    closed: () => [
      ...active,
      completed(),
      ...closureReports(),
      event('ProjectClosed', {
        closedBy: APPROVER,
        committed: TOTAL,
        disbursed: cents(0),
        releasedAmount: TOTAL,
        year: 2019,
        fundingLine: 1,
        at: AT.closing,
      }),
    ],
    cancelled: () => [
      ...active,
      event('ProjectCancelled', {
        cancelledBy: APPROVER,
        reason: 'Government request',
        committed: TOTAL,
        disbursed: cents(0),
        releasedAmount: TOTAL,
        year: 2019,
        fundingLine: 1,
        at: AT.now,
      }),
    ],
    rejected: () => [...draft, submitted(), rejected()],
  };
  return histories[status]();
}
