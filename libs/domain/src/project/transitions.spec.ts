import type { ProjectCommand } from './commands.js';
import type { ProjectEvent } from './events.js';
import { PROJECT_STATUSES, type ProjectStatus } from './state.js';
import { closureReports, disbursed, extensionRequested, historyTo, reportSubmitted, revisionRequested } from './testing/project-history.js';
import { APPROVER, AT, SUBMITTER, at, command, proposal, spec, usd } from './testing/project-fixtures.js';

interface Sample {
  /** The statuses it is allowed from, as DOMAIN.md and the lifecycle diagram say. */
  from: readonly ProjectStatus[];
  /** Where it leads; absent: the status stays. */
  to?: ProjectStatus;
  /** Events after the status that make the command otherwise acceptable (a pending request, a report, …). */
  after?: ProjectEvent[];
  send: () => ProjectCommand;
}

const PIPELINE = ['submitted', 'endorsed', 'retained'] as const;
const FUNDED = ['approved', 'active', 'suspended'] as const;
const IMPLEMENTING = ['active', 'suspended', 'completed'] as const;
const REVISION = revisionRequested('r-1', { staffAndOfficeCosts: usd('1000.00'), operationalCosts: usd('9000.00') });
const EXTENSION = extensionRequested('x-1', '2020-06-30');
const why = { reason: 'Recorded for the audit trail' };

const SAMPLES: Record<string, Sample> = {
  AmendDraft: { from: ['draft'], send: () => command('AmendDraft', { year: 2020 }) },
  RecordGovernmentEndorsement: {
    from: ['draft'],
    send: () => command('RecordGovernmentEndorsement', { state: 'KG', endorsedOn: '2019-06-01', authority: 'Cabinet of Ministers' }),
  },
  SubmitProject: { from: ['draft'], to: 'submitted', send: () => command('SubmitProject', {}, { by: SUBMITTER }) },
  EndorseProject: { from: ['submitted'], to: 'endorsed', send: () => command('EndorseProject', {}, { by: APPROVER }) },
  ApproveProject: { from: ['endorsed', 'retained'], to: 'approved', send: () => command('ApproveProject', {}, { by: APPROVER }) },
  RetainProject: { from: ['endorsed'], to: 'retained', send: () => command('RetainProject', {}, { by: APPROVER }) },
  RejectProject: { from: PIPELINE, to: 'rejected', send: () => command('RejectProject', {}, { by: APPROVER, ...why }) },
  ReturnProject: { from: PIPELINE, to: 'draft', send: () => command('ReturnProject', {}, { by: APPROVER, ...why }) },
  RecordFocalPoint: {
    from: ['draft', ...PIPELINE, ...FUNDED],
    send: () => command('RecordFocalPoint', { name: 'Aizada Toktosunova', organisation: 'Ministry of Labour' }),
  },
  StartImplementation: { from: ['approved'], to: 'active', send: () => command('StartImplementation', {}) },
  SuspendProject: { from: ['active'], to: 'suspended', send: () => command('SuspendProject', {}, { by: APPROVER, ...why }) },
  ResumeProject: { from: ['suspended'], to: 'active', send: () => command('ResumeProject', {}, { by: APPROVER }) },
  CompleteProject: { from: ['active'], to: 'completed', send: () => command('CompleteProject', { actualEndDate: '2020-03-31' }) },
  CloseProject: { from: ['completed'], to: 'closed', after: closureReports(), send: () => command('CloseProject', {}, { by: APPROVER }) },
  CancelProject: { from: FUNDED, to: 'cancelled', send: () => command('CancelProject', {}, { by: APPROVER, ...why }) },
  RequestBudgetRevision: {
    from: FUNDED,
    send: () => command('RequestBudgetRevision', { requestId: 'r-1', budget: { staffAndOfficeCosts: usd('1000.00'), operationalCosts: usd('9000.00') } }, why),
  },
  ApproveBudgetRevision: { from: FUNDED, after: [REVISION], send: () => command('ApproveBudgetRevision', { requestId: 'r-1' }, { by: APPROVER }) },
  RejectBudgetRevision: { from: FUNDED, after: [REVISION], send: () => command('RejectBudgetRevision', { requestId: 'r-1' }, { by: APPROVER, ...why }) },
  RequestNoCostExtension: { from: FUNDED, send: () => command('RequestNoCostExtension', { requestId: 'x-1', newEndDate: '2020-06-30' }, why) },
  ApproveNoCostExtension: { from: FUNDED, after: [EXTENSION], send: () => command('ApproveNoCostExtension', { requestId: 'x-1' }, { by: APPROVER }) },
  RejectNoCostExtension: { from: FUNDED, after: [EXTENSION], send: () => command('RejectNoCostExtension', { requestId: 'x-1' }, { by: APPROVER, ...why }) },
  'SubmitReport (interim)': { from: IMPLEMENTING, send: () => command('SubmitReport', { reportId: 'r-9', kind: 'interim' }) },
  'SubmitReport (final-narrative)': { from: ['completed'], send: () => command('SubmitReport', { reportId: 'r-9', kind: 'final-narrative' }) },
  'SubmitReport (final-financial)': { from: ['completed'], send: () => command('SubmitReport', { reportId: 'r-9', kind: 'final-financial' }) },
  AcceptReport: { from: IMPLEMENTING, after: [reportSubmitted('r-1', 'interim')], send: () => command('AcceptReport', { reportId: 'r-1' }, { by: APPROVER }) },
  RejectReport: { from: IMPLEMENTING, after: [reportSubmitted('r-1', 'interim')], send: () => command('RejectReport', { reportId: 'r-1' }, { by: APPROVER, ...why }) },
  RecordDisbursement: {
    from: ['approved', 'active', 'completed'],
    send: () => command('RecordDisbursement', { transactionId: 't-9', amount: usd('100.00'), valueDate: '2019-06-03' }),
  },
  RecordExpenditure: {
    from: IMPLEMENTING,
    send: () => command('RecordExpenditure', { transactionId: 't-9', amount: usd('100.00'), valueDate: '2019-06-03' }),
  },
  CorrectTransaction: {
    from: ['approved', ...IMPLEMENTING],
    after: [disbursed('t-1', usd('100.00'))],
    send: () => command('CorrectTransaction', { transactionId: 't-1', correctedAmount: usd('90.00') }, why),
  },
};

const allowed = Object.entries(SAMPLES).flatMap(([name, sample]) => sample.from.map((status) => [name, status, sample] as const));
const refused = Object.entries(SAMPLES).flatMap(([name, sample]) =>
  PROJECT_STATUSES.filter((status) => !sample.from.includes(status)).map((status) => [name, status, sample] as const),
);

describe('the lifecycle', () => {
  it('has a sample for every command', () => {
    const commandTypes = new Set(Object.values(SAMPLES).map((sample) => sample.send().type));
    expect(commandTypes.size).toBe(27); // every command but DraftProject
  });

  it.each(allowed)('%s is accepted from %s', (_, status, sample) => {
    // A completed project's history ends after AT.now: a command on it comes later still.
    const send = status === 'completed' ? at(AT.closing, sample.send()) : sample.send();
    spec
      .given([...historyTo(status), ...(sample.after ?? [])])
      .when(send)
      .thenEvents((events, state) => {
        expect(events.length).toBeGreaterThan(0);
        expect(state.status).toBe(sample.to ?? status);
      });
  });

  it.each(refused)('%s is refused from %s', (name, status, sample) => {
    const error = spec
      .given([...historyTo(status), ...(sample.after ?? [])])
      .when(sample.send())
      .thenThrows('transition.not-allowed');
    expect(error.kind).toBe('conflict');
    expect(error.detail).toContain(name);
    expect(error.detail).toContain(`is ${status}`);
  });

  it.each(Object.entries(SAMPLES))('%s on a project that does not exist is refused as not found', (_, sample) => {
    const error = spec.given([]).when(sample.send()).thenThrows('project.not-found');
    expect(error.kind).toBe('not-found');
  });

  it('refuses to draft a project in any status, since it exists', () => {
    for (const status of PROJECT_STATUSES) {
      spec.given(historyTo(status)).when(command('DraftProject', proposal())).thenThrows('project.already-exists');
    }
  });
});
