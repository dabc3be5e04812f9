import { cents } from '../shared/money.js';
import type { CodeListEvent } from '../fund/code-list/code-list-messages.js';
import type { ContributionEvent } from '../fund/contribution/contribution-events.js';
import type { EnvelopeEvent } from '../fund/envelope/envelope-events.js';
import type { ProjectEvent, ProjectEventType } from '../project/events.js';
import { projectDecider } from '../project/project-decider.js';
import type { ProjectState } from '../project/state.js';
import * as history from '../project/testing/project-history.js';
import { APPROVER, AT, DRAFTER, TOTAL, usd } from '../project/testing/project-fixtures.js';
import { amountSchemaAt, atTheEdge, unclassifiedNumbers } from './amount-schema.js';
import {
  CODE_LIST_EVENT_AMOUNTS,
  CONTRIBUTION_EVENT_AMOUNTS,
  ENVELOPE_EVENT_AMOUNTS,
  PROJECT_EVENT_AMOUNTS,
  eventAmountsOf,
  eventDataAtTheEdge,
} from './event-amounts.js';
import { PROJECT_STATE_AMOUNTS } from './state-amounts.js';

const REGIONAL_SHARES = [
  { code: 'KG', share: 3334 },
  { code: 'KZ', share: 3333 },
  { code: 'TJ', share: 3333 },
];
const REVISED = { staffAndOfficeCosts: usd('10000.00'), operationalCosts: usd('35000.00') };

/**
 * One event of every project event type, every optional field given. Keyed by type: a new
 * event type does not compile here until it has a sample, and then the specs below refuse
 * any number of it that PROJECT_EVENT_AMOUNTS does not classify.
 */
const EVERY_PROJECT_EVENT: { [T in ProjectEventType]: Extract<ProjectEvent, { type: T }> } = {
  ProjectDrafted: history.drafted({ beneficiaryStates: REGIONAL_SHARES, coverage: 'regional' }),
  ProjectDraftAmended: {
    type: 'ProjectDraftAmended',
    data: {
      changes: { ...history.drafted({ beneficiaryStates: REGIONAL_SHARES }).data, budget: REVISED, budgetTotal: usd('45000.00') },
      amendedBy: DRAFTER,
      voidedEndorsements: ['UZ'],
      at: AT.now,
    },
  },
  GovernmentEndorsementRecorded: history.endorsementRecorded(),
  ProjectSubmitted: history.submitted(),
  ProjectEndorsed: history.endorsed(),
  ProjectApproved: history.approved(),
  ProjectRetained: history.retained(),
  ProjectRejected: history.rejected(),
  ProjectReturned: history.returned(),
  FocalPointRecorded: { type: 'FocalPointRecorded', data: { ...history.focalPointRecorded().data, email: 'n.a@example.kg' } },
  ImplementationStarted: history.started(),
  ProjectSuspended: history.suspended(),
  ProjectResumed: history.resumed(),
  ProjectCompleted: history.completed(),
  ProjectClosed: history.historyTo('closed').at(-1) as Extract<ProjectEvent, { type: 'ProjectClosed' }>,
  ProjectCancelled: {
    type: 'ProjectCancelled',
    data: {
      cancelledBy: APPROVER,
      reason: 'Government request',
      committed: TOTAL,
      disbursed: usd('20000.00'),
      releasedAmount: usd('17887.00'),
      voidedRequestIds: ['rev-2'],
      year: 2019,
      fundingLine: 1,
      at: AT.now,
    },
  },
  BudgetRevisionRequested: history.revisionRequested('rev-1', REVISED),
  BudgetRevisionApproved: {
    type: 'BudgetRevisionApproved',
    data: {
      requestId: 'rev-1',
      approvedBy: APPROVER,
      previousCommitted: TOTAL,
      newCommitted: usd('45000.00'),
      difference: usd('7113.00'),
      budget: REVISED,
      year: 2019,
      fundingLine: 1,
      at: AT.now,
    },
  },
  BudgetRevisionRejected: { type: 'BudgetRevisionRejected', data: { requestId: 'rev-1', rejectedBy: APPROVER, reason: 'No', at: AT.now } },
  NoCostExtensionRequested: history.extensionRequested('ext-1', '2020-09-30'),
  NoCostExtensionApproved: history.extensionApproved('ext-1', '2020-09-30'),
  NoCostExtensionRejected: { type: 'NoCostExtensionRejected', data: { requestId: 'ext-1', rejectedBy: APPROVER, reason: 'No', at: AT.now } },
  ReportSubmitted: { type: 'ReportSubmitted', data: { ...history.reportSubmitted('interim-1', 'interim').data, summary: 'Half done' } },
  ReportAccepted: history.reportAccepted('interim-1', 'interim'),
  ReportRejected: {
    type: 'ReportRejected',
    data: { reportId: 'interim-1', kind: 'interim', rejectedBy: APPROVER, reason: 'Figures missing', at: AT.now },
  },
  DisbursementRecorded: { type: 'DisbursementRecorded', data: { ...history.disbursed('d-1', 2_000_000).data, reference: 'SWIFT 1' } },
  ExpenditureRecorded: { type: 'ExpenditureRecorded', data: { ...history.spent('e-1', 1_250_050).data, reference: 'Invoice 7' } },
  TransactionCorrected: {
    type: 'TransactionCorrected',
    data: {
      transactionId: 'd-1',
      kind: 'disbursement',
      previousAmount: cents(2_000_000),
      correctedAmount: cents(1_950_025),
      difference: cents(-49_975),
      correctedBy: DRAFTER,
      reason: 'Bank fee deducted',
      at: AT.now,
    },
  },
  RefundRecorded: { type: 'RefundRecorded', data: { ...history.refunded('r-1', 50_000, 50_000).data, reference: 'Bank return 4' } },
  ApprovalAbandoned: {
    type: 'ApprovalAbandoned',
    data: { projectId: 'PO.0143', year: 2019, fundingLine: 1, amount: cents(3_788_700), purpose: 'approval', reason: 'not recorded', at: AT.now },
  },
  DraftAbandoned: { type: 'DraftAbandoned', data: { projectId: 'PO.0143', primaId: 'KG10P0501', reason: 'not recorded', at: AT.now } },
  ProjectImported: {
    type: 'ProjectImported',
    data: {
      ...history.drafted({ beneficiaryStates: REGIONAL_SHARES, coverage: 'regional' }).data,
      status: 'completed',
      actualStartDate: '2019-01-01',
      actualEndDate: '2020-12-31',
      committed: TOTAL,
      disbursed: usd('30000.00'),
      spent: usd('29000.00'),
      breakdownGiven: true,
      importedBy: 'importer',
      source: { fileName: 'portfolio-en.csv', sha256: 'ab'.repeat(32), line: 2 },
      effectiveOn: '2026-01-05',
    },
  },
  ProjectImportCorrected: {
    type: 'ProjectImportCorrected',
    data: {
      year: 2019,
      fundingLine: 1,
      before: { status: 'completed', committed: TOTAL, disbursed: usd('30000.00'), budget: REVISED },
      after: { status: 'closed', committed: usd('30000.00'), disbursed: usd('30000.00'), budget: REVISED },
      committedDifference: cents(-787_700),
      correctedBy: 'importer',
      source: { fileName: 'portfolio-en.csv', sha256: 'cd'.repeat(32), line: 2 },
      reason: 're-imported',
      effectiveOn: '2026-01-05',
      at: AT.now,
    },
  },

};

const FUND_FACTS = { year: 2019, fundingLine: 1 as const, at: AT.now };
const EVERY_ENVELOPE_EVENT: { [T in EnvelopeEvent['type']]: Extract<EnvelopeEvent, { type: T }> } = {
  EnvelopeOpened: { type: 'EnvelopeOpened', data: { ...FUND_FACTS, amount: usd('1479887.00') } },
  EnvelopeAdjusted: { type: 'EnvelopeAdjusted', data: { ...FUND_FACTS, previousAmount: usd('1479887.00'), newAmount: usd('1500000.00'), reason: 'Pledge' } },
  FundsReserved: { type: 'FundsReserved', data: { ...FUND_FACTS, projectId: 'PO.0143', amount: TOTAL, purpose: 'approval', reservedAfter: TOTAL } },
  FundsReleased: { type: 'FundsReleased', data: { ...FUND_FACTS, projectId: 'PO.0143', amount: TOTAL, purpose: 'closure', reservedAfter: cents(0) } },
};
const CONTRIBUTION = { ...FUND_FACTS, contributionId: 'C-1', donor: 'Sweden', earmarkedRegion: 'africa' };
const EVERY_CONTRIBUTION_EVENT: { [T in ContributionEvent['type']]: Extract<ContributionEvent, { type: T }> } = {
  ContributionPledged: { type: 'ContributionPledged', data: { ...CONTRIBUTION, amount: usd('12345.67') } },
  ContributionReceived: {
    type: 'ContributionReceived',
    data: { ...CONTRIBUTION, receiptId: 'r-1', amount: usd('5000.00'), receivedOn: '2019-03-01', receivedAfter: usd('5000.00') },
  },
};
const EVERY_CODE_LIST_EVENT: { [T in CodeListEvent['type']]: Extract<CodeListEvent, { type: T }> } = {
  CodeListEntryAdded: { type: 'CodeListEntryAdded', data: { list: 'regions', code: 'arctic', label: 'Arctic (internal)', publicLabel: 'Arctic', at: AT.now } },
};

const EVERY_EVENT = [
  ...Object.values(EVERY_PROJECT_EVENT),
  ...Object.values(EVERY_ENVELOPE_EVENT),
  ...Object.values(EVERY_CONTRIBUTION_EVENT),
  ...Object.values(EVERY_CODE_LIST_EVENT),
] as { type: string; data: Record<string, unknown> }[];

/** Every number left in a value, by path. */
function numbersIn(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return [path];
  if (Array.isArray(value)) return value.flatMap((item) => numbersIn(item, `${path}[]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => numbersIn(inner, path === '' ? key : `${path}.${key}`));
}

describe('money and shares of events at the edge', () => {
  it('has a schema for every event type the domain records, and a sample of each', () => {
    expect(Object.keys(EVERY_PROJECT_EVENT).sort()).toEqual(Object.keys(PROJECT_EVENT_AMOUNTS).sort());
    expect(Object.keys(EVERY_ENVELOPE_EVENT).sort()).toEqual(Object.keys(ENVELOPE_EVENT_AMOUNTS).sort());
    expect(Object.keys(EVERY_CONTRIBUTION_EVENT).sort()).toEqual(Object.keys(CONTRIBUTION_EVENT_AMOUNTS).sort());
    expect(Object.keys(EVERY_CODE_LIST_EVENT).sort()).toEqual(Object.keys(CODE_LIST_EVENT_AMOUNTS).sort());
  });

  it.each(EVERY_EVENT.map((event) => [event.type, event] as const))('classifies every number of %s', (_type, event) => {
    expect(unclassifiedNumbers(event.data, eventAmountsOf(event.type))).toEqual([]);
  });

  it.each(EVERY_EVENT.map((event) => [event.type, event] as const))(
    'leaves no money or share of %s as a number: only years and funding lines stay numbers',
    (_type, event) => {
      const shown = eventDataAtTheEdge(event.type, event.data);
      for (const path of numbersIn(shown)) expect({ path, unit: amountSchemaAt(eventAmountsOf(event.type)!, path.replaceAll('[]', '.0')) }).toEqual({ path, unit: 'number' });
    },
  );

  it('writes money as USD decimal strings and shares as percent, as the API takes them', () => {
    const drafted = eventDataAtTheEdge('ProjectDrafted', EVERY_PROJECT_EVENT.ProjectDrafted.data);
    expect(drafted).toMatchObject({
      budget: { staffAndOfficeCosts: '10000.00', operationalCosts: '27887.00' },
      budgetTotal: '37887.00',
      beneficiaryStates: [
        { code: 'KG', share: '33.34' },
        { code: 'KZ', share: '33.33' },
        { code: 'TJ', share: '33.33' },
      ],
      year: 2019,
      fundingLine: 1,
    });
    expect(eventDataAtTheEdge('ProjectDraftAmended', EVERY_PROJECT_EVENT.ProjectDraftAmended.data)).toMatchObject({
      changes: { budget: { operationalCosts: '35000.00' }, budgetTotal: '45000.00', beneficiaryStates: [{ share: '33.34' }, {}, {}] },
    });
    expect(eventDataAtTheEdge('TransactionCorrected', EVERY_PROJECT_EVENT.TransactionCorrected.data)).toMatchObject({
      previousAmount: '20000.00',
      correctedAmount: '19500.25',
      difference: '-499.75',
    });
    expect(eventDataAtTheEdge('ExpenditureRecorded', EVERY_PROJECT_EVENT.ExpenditureRecorded.data)).toMatchObject({ amount: '12500.50' });
    expect(eventDataAtTheEdge('FundsReleased', EVERY_ENVELOPE_EVENT.FundsReleased.data)).toMatchObject({ amount: '37887.00', reservedAfter: '0.00' });
  });

  it('leaves the recorded data as it is: the rendering is a copy', () => {
    const data = EVERY_PROJECT_EVENT.BudgetRevisionApproved.data;
    const before = JSON.stringify(data);
    eventDataAtTheEdge('BudgetRevisionApproved', data);
    expect(JSON.stringify(data)).toBe(before);
  });

  it('shows the data of an event type it does not know as recorded, guessing nothing', () => {
    expect(eventDataAtTheEdge('SomethingNew', { amount: 5, at: AT.now })).toEqual({ amount: 5, at: AT.now });
  });

  it('keeps a map key such as "__proto__" an entry of its own', () => {
    const map = JSON.parse('{"__proto__":{"amount":150},"t-2":{"amount":5}}') as unknown;
    const shown = atTheEdge(map, { entries: { fields: { amount: 'usd' } } }) as Record<string, { amount: string }>;
    expect(Object.keys(shown)).toEqual(['__proto__', 't-2']);
    expect(Object.getOwnPropertyDescriptor(shown, '__proto__')!.value).toEqual({ amount: '1.50' });
  });
});

describe('money and shares of a project as folded', () => {
  it('classifies every number of a project that went through every kind of money event', () => {
    const events: ProjectEvent[] = [
      ...history.historyTo('active'),
      EVERY_PROJECT_EVENT.DisbursementRecorded,
      EVERY_PROJECT_EVENT.ExpenditureRecorded,
      EVERY_PROJECT_EVENT.TransactionCorrected,
      EVERY_PROJECT_EVENT.BudgetRevisionRequested,
    ];
    const state = events.reduce<ProjectState>((folded, event) => projectDecider.evolve(folded, event), projectDecider.initialState());
    expect(state).toMatchObject({ pendingBudgetRevision: { budgetTotal: usd('45000.00') } });
    expect(unclassifiedNumbers(JSON.parse(JSON.stringify(state)), PROJECT_STATE_AMOUNTS)).toEqual([]);
    expect(atTheEdge(state, PROJECT_STATE_AMOUNTS)).toMatchObject({
      committed: '37887.00',
      disbursed: '19500.25',
      spent: '12500.50',
      transactions: { 'd-1': { amount: '19500.25' }, 'e-1': { amount: '12500.50' } },
      pendingBudgetRevision: { budget: { staffAndOfficeCosts: '10000.00', operationalCosts: '35000.00' }, budgetTotal: '45000.00' },
      beneficiaryStates: [{ code: 'KG', share: '100.00' }],
    });
  });
});
