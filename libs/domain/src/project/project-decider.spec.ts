import { fold } from '../shared/decider.js';
import type { ProjectCommand } from './commands.js';
import { budgetWarnings } from './budget-warnings.js';
import { PROJECT_EVENT_TYPES, type ProjectEvent } from './events.js';
import { iatiActivityStatus } from './iati-status.js';
import { projectDecider } from './project-decider.js';
import { PROJECT_STATUSES, projectStreamId, type Project } from './state.js';
import { APPROVER, DRAFTER, SECOND_APPROVER, SUBMITTER, TOTAL, command, policy, proposal, regionalProposal, usd } from './testing/project-fixtures.js';

/** Sends commands one after the other, each decided on the state the previous ones left. */
function play(commands: ProjectCommand[], history: ProjectEvent[] = []): ProjectEvent[] {
  return commands.reduce<ProjectEvent[]>((events, cmd) => [...events, ...projectDecider.decide(cmd, fold(projectDecider, events))], history);
}

const on = (at: string) => `${at}T09:00:00.000Z`;
const why = (reason: string) => ({ reason });

/** PO.0143 from proposal to closure, through a revision, an extension and a correction. */
const LIFECYCLE: ProjectCommand[] = [
  command('DraftProject', proposal(), { at: on('2019-01-10') }),
  command('AmendDraft', { description: { en: 'Support to the State Migration Service.', ru: 'Поддержка Государственной миграционной службы.' } }, { at: on('2019-01-12') }),
  command('RecordGovernmentEndorsement', { state: 'KG', endorsedOn: '2019-01-14', authority: 'Ministry of Labour' }, { at: on('2019-01-15') }),
  command('RecordFocalPoint', { name: 'Nurlan Abdyldaev', organisation: 'State Migration Service' }, { at: on('2019-01-16') }),
  command('SubmitProject', {}, { by: SUBMITTER, at: on('2019-01-20') }),
  command('EndorseProject', {}, { by: APPROVER, at: on('2019-02-01') }),
  command('RetainProject', {}, { by: APPROVER, at: on('2019-02-05'), ...why('Envelope exhausted until the June top-up') }),
  command('ApproveProject', {}, { by: SECOND_APPROVER, at: on('2019-06-10') }),
  command('RecordDisbursement', { transactionId: 'd-1', amount: usd('20000.00'), valueDate: '2019-06-15' }, { at: on('2019-06-15') }),
  command('StartImplementation', { actualStartDate: '2019-07-01' }, { at: on('2019-07-01') }),
  command('RecordExpenditure', { transactionId: 'e-1', amount: usd('12000.00'), valueDate: '2019-09-30' }, { at: on('2019-10-01') }),
  command('CorrectTransaction', { transactionId: 'e-1', correctedAmount: usd('11500.00') }, { at: on('2019-10-02'), ...why('Invoice was VAT-inclusive') }),
  command('SuspendProject', {}, { by: APPROVER, at: on('2019-10-15'), ...why('Parliamentary elections') }),
  command('ResumeProject', {}, { by: APPROVER, at: on('2019-11-15') }),
  command('RequestBudgetRevision', { requestId: 'rev-1', budget: { staffAndOfficeCosts: usd('12000.00'), operationalCosts: usd('33000.00') } }, { at: on('2019-12-01'), ...why('Second workshop') }),
  command('ApproveBudgetRevision', { requestId: 'rev-1' }, { by: APPROVER, at: on('2019-12-05') }),
  command('SubmitReport', { reportId: 'interim-1', kind: 'interim' }, { at: on('2020-01-15') }),
  command('AcceptReport', { reportId: 'interim-1' }, { by: APPROVER, at: on('2020-01-20') }),
  command('RequestNoCostExtension', { requestId: 'ext-1', newEndDate: '2020-06-30' }, { at: on('2020-02-20'), ...why('Hearing postponed') }),
  command('ApproveNoCostExtension', { requestId: 'ext-1' }, { by: APPROVER, at: on('2020-02-25') }),
  command('RecordDisbursement', { transactionId: 'd-2', amount: usd('20000.00'), valueDate: '2020-03-01' }, { at: on('2020-03-01') }),
  command('RecordExpenditure', { transactionId: 'e-2', amount: usd('28000.00'), valueDate: '2020-06-15' }, { at: on('2020-06-20') }),
  command('CompleteProject', { actualEndDate: '2020-06-30' }, { at: on('2020-06-30') }),
  command('SubmitReport', { reportId: 'final-n', kind: 'final-narrative' }, { at: on('2020-08-01') }),
  command('SubmitReport', { reportId: 'final-f', kind: 'final-financial' }, { at: on('2020-08-01') }),
  command('RejectReport', { reportId: 'final-f' }, { by: APPROVER, at: on('2020-08-05'), ...why('Unsigned') }),
  command('SubmitReport', { reportId: 'final-f2', kind: 'final-financial' }, { at: on('2020-08-10') }),
  command('AcceptReport', { reportId: 'final-n' }, { by: APPROVER, at: on('2020-08-15') }),
  command('AcceptReport', { reportId: 'final-f2' }, { by: APPROVER, at: on('2020-08-15') }),
  // USD 500.00 disbursed and not spent comes back before closing (closure.unspent-balance otherwise).
  command('RecordRefund', { transactionId: 'r-1', amount: usd('500.00'), valueDate: '2020-08-20' }, { by: 'farid', at: on('2020-08-20') }),
  command('CloseProject', {}, { by: APPROVER, at: on('2020-09-01') }),
];

describe('the project decider, end to end', () => {
  const events = play(LIFECYCLE);
  const project = fold(projectDecider, events) as Project;

  it('takes PO.0143 from draft to closed', () => {
    expect(project.status).toBe('closed');
    expect(events.map((e) => e.type)).toContain('ProjectClosed');
  });

  it('ends with the figures the card shows', () => {
    expect(project).toMatchObject({
      projectId: 'PO.0143',
      primaId: 'KG10P0501',
      plannedEndDate: '2020-03-31',
      currentEndDate: '2020-06-30',
      actualStartDate: '2019-07-01',
      actualEndDate: '2020-06-30',
      budgetTotal: usd('45000.00'),
      // After closure committed is what stays reserved: the net disbursed (ADR 0018).
      committed: usd('39500.00'),
      disbursed: usd('39500.00'),
      spent: usd('39500.00'),
      refunded: usd('500.00'),
      draftedBy: DRAFTER,
      submittedBy: SUBMITTER,
      endorsedBy: APPROVER,
      approvedBy: SECOND_APPROVER,
      submittedAt: on('2019-01-20'),
      endorsedAt: on('2019-02-01'),
      retainedAt: on('2019-02-05'),
      approvedAt: on('2019-06-10'),
      statusChangedAt: on('2020-09-01'),
    });
    expect(project.governmentEndorsements).toHaveProperty('KG');
    expect(project.focalPoint).toEqual({ name: 'Nurlan Abdyldaev', organisation: 'State Migration Service' });
    expect(project.transactions['e-1']).toMatchObject({ kind: 'expenditure', amount: usd('11500.00') });
    expect(project.decidedRequestIds).toEqual(['rev-1', 'ext-1']);
  });

  it('releases on closure what was committed and not disbursed (rule 12)', () => {
    expect(events.at(-1)).toEqual({
      type: 'ProjectClosed',
      data: {
        closedBy: APPROVER,
        committed: usd('45000.00'),
        disbursed: usd('39500.00'),
        releasedAmount: usd('5500.00'),
        year: 2019,
        fundingLine: 1,
        at: on('2020-09-01'),
        effectiveOn: '2020-09-01',
      },
    });
  });

  it('moves the envelope by exactly the committed amount: reserved, revised, released', () => {
    const reserved = events.flatMap((e) => (e.type === 'ProjectApproved' ? [e.data.committed] : []));
    const revised = events.flatMap((e) => (e.type === 'BudgetRevisionApproved' ? [e.data.difference] : []));
    const released = events.flatMap((e) => (e.type === 'ProjectClosed' ? [e.data.releasedAmount] : []));
    expect(reserved).toEqual([TOTAL]);
    expect(revised).toEqual([usd('7113.00')]);
    expect(reserved[0]! + revised[0]! - released[0]!).toBe(project.disbursed);
    expect(project.committed).toBe(reserved[0]! + revised[0]! - released[0]!);
  });

  it('records only plain JSON with a business instant, and only known event types', () => {
    for (const event of events) {
      expect(JSON.parse(JSON.stringify(event))).toEqual(event);
      expect(Object.values(event.data)).not.toContain(undefined);
      expect(event.data.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(PROJECT_EVENT_TYPES).toContain(event.type);
    }
  });

  it('happens in business-time order', () => {
    const instants = events.map((e) => e.data.at);
    expect([...instants].sort()).toEqual(instants);
  });

  it('folds to the same state whether replayed at once or one event at a time', () => {
    const stepByStep = events.reduce((state, event) => projectDecider.evolve(state, event), projectDecider.initialState());
    expect(stepByStep).toEqual(project);
  });
});

describe('cancellation releases what was not disbursed (rule 12)', () => {
  const upToApproval = LIFECYCLE.slice(0, 8);

  it.each([
    ['nothing disbursed', [], TOTAL],
    ['a tranche disbursed', [command('RecordDisbursement', { transactionId: 'd-1', amount: usd('20000.00'), valueDate: '2019-06-15' }, { at: on('2019-06-20') })], usd('17887.00')],
    [
      'a tranche disbursed, then corrected down',
      [
        command('RecordDisbursement', { transactionId: 'd-1', amount: usd('20000.00'), valueDate: '2019-06-15' }, { at: on('2019-06-20') }),
        command('CorrectTransaction', { transactionId: 'd-1', correctedAmount: usd('15000.00') }, { at: on('2019-06-21'), ...why('Wrong wire amount') }),
      ],
      usd('22887.00'),
    ],
  ])('with %s', (_, flows, expected) => {
    const events = play([...upToApproval, ...flows, command('CancelProject', {}, { by: APPROVER, at: on('2019-06-25'), ...why('Government withdrew') })]);
    expect(events.at(-1)!.data).toMatchObject({ releasedAmount: expected, year: 2019, fundingLine: 1 });
  });
});

describe('IATI activity status (for exports)', () => {
  it.each([
    ['draft', 1], ['submitted', 1], ['endorsed', 1], ['retained', 1], ['approved', 1],
    ['active', 2], ['suspended', 6], ['completed', 3], ['closed', 4], ['cancelled', 5], ['rejected', 5],
  ] as const)('maps %s to %d', (status, code) => {
    expect(iatiActivityStatus(status)).toBe(code);
  });

  it('maps every status', () => {
    expect(PROJECT_STATUSES.map(iatiActivityStatus).every((code) => code >= 1 && code <= 6)).toBe(true);
  });
});

describe('budget warnings (rule 3, the soft floor)', () => {
  const stateOf = (fields = proposal()) => fold(projectDecider, play([command('DraftProject', fields)]));

  it('flags the real record, USD 37,887.00 national, as below the usual USD 50,000.00', () => {
    expect(budgetWarnings(stateOf(), policy)).toEqual([
      { code: 'budget.below-usual-floor', detail: expect.stringContaining('37887.00') },
    ]);
  });

  it('does not flag a national budget of exactly USD 50,000.00', () => {
    const fields = proposal({ budget: { staffAndOfficeCosts: usd('10000.00'), operationalCosts: usd('40000.00') } });
    expect(budgetWarnings(stateOf(fields), policy)).toEqual([]);
  });

  it('flags a regional budget below USD 100,000.00', () => {
    const fields = regionalProposal({ budget: { staffAndOfficeCosts: usd('20000.00'), operationalCosts: usd('79999.99') } });
    expect(budgetWarnings(stateOf(fields), policy).map((w) => w.code)).toEqual(['budget.below-usual-floor']);
  });

  it('has nothing to say about a project that does not exist', () => {
    expect(budgetWarnings(projectDecider.initialState(), policy)).toEqual([]);
  });
});

describe('streams and event types', () => {
  it('names the stream of a project', () => {
    expect(projectStreamId('PO.0143')).toBe('project-PO.0143');
  });

  it('lists each event type once', () => {
    expect(new Set(PROJECT_EVENT_TYPES).size).toBe(PROJECT_EVENT_TYPES.length);
    expect(PROJECT_EVENT_TYPES).toHaveLength(33);
  });
});
