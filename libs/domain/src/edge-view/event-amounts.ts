import type { CodeListEvent } from '../fund/code-list/code-list-messages.js';
import type { ContributionEvent } from '../fund/contribution/contribution-events.js';
import type { EnvelopeEvent } from '../fund/envelope/envelope-events.js';
import type { ProjectEventType } from '../project/events.js';
import { atTheEdge, type AmountSchema } from './amount-schema.js';

/** The budget's lines, as commands and events carry them. */
export const BUDGET_AMOUNTS = { fields: { staffAndOfficeCosts: 'usd', operationalCosts: 'usd' } } as const satisfies AmountSchema;

/** Everything a proposal says: its budget, its total, its states' shares, its year and line. */
export const PROPOSAL_AMOUNTS = {
  fields: {
    year: 'number',
    fundingLine: 'number',
    beneficiaryStates: { items: { fields: { share: 'percent' } } },
    budget: BUDGET_AMOUNTS,
    budgetTotal: 'usd',
  },
} as const satisfies AmountSchema;

const NONE = { fields: {} } as const satisfies AmountSchema;

/** A project as imported (imported-record.ts): the proposal, its flows, and the row's line. */
export const IMPORTED_AMOUNTS = {
  fields: {
    ...PROPOSAL_AMOUNTS.fields,
    committed: 'usd',
    disbursed: 'usd',
    spent: 'usd',
    source: { fields: { line: 'number' } },
  },
} as const satisfies AmountSchema;
const ENVELOPE_KEY = { year: 'number', fundingLine: 'number' } as const;

/**
 * Which fields of each project event's data are money and shares. A record keyed by every
 * event type: the compiler refuses it when a type is added without saying what its
 * numbers are, and event-amounts.spec.ts refuses a number it does not classify.
 */
export const PROJECT_EVENT_AMOUNTS: Readonly<Record<ProjectEventType, AmountSchema>> = {
  ProjectDrafted: PROPOSAL_AMOUNTS,
  ProjectDraftAmended: { fields: { changes: PROPOSAL_AMOUNTS } },
  GovernmentEndorsementRecorded: NONE,
  ProjectSubmitted: NONE,
  ProjectEndorsed: NONE,
  ProjectApproved: { fields: { ...ENVELOPE_KEY, committed: 'usd' } },
  ProjectRetained: NONE,
  ProjectRejected: NONE,
  ProjectReturned: NONE,
  FocalPointRecorded: NONE,
  ImplementationStarted: NONE,
  ProjectSuspended: NONE,
  ProjectResumed: NONE,
  ProjectCompleted: NONE,
  ProjectClosed: { fields: { ...ENVELOPE_KEY, committed: 'usd', disbursed: 'usd', releasedAmount: 'usd', unspentBalance: 'usd' } },
  ProjectCancelled: { fields: { ...ENVELOPE_KEY, committed: 'usd', disbursed: 'usd', releasedAmount: 'usd' } },
  BudgetRevisionRequested: { fields: { budget: BUDGET_AMOUNTS, budgetTotal: 'usd' } },
  BudgetRevisionApproved: {
    fields: { ...ENVELOPE_KEY, previousCommitted: 'usd', newCommitted: 'usd', difference: 'usd', budget: BUDGET_AMOUNTS },
  },
  BudgetRevisionRejected: NONE,
  NoCostExtensionRequested: NONE,
  NoCostExtensionApproved: NONE,
  NoCostExtensionRejected: NONE,
  ReportSubmitted: NONE,
  ReportAccepted: NONE,
  ReportRejected: NONE,
  DisbursementRecorded: { fields: { amount: 'usd' } },
  ExpenditureRecorded: { fields: { amount: 'usd' } },
  TransactionCorrected: { fields: { previousAmount: 'usd', correctedAmount: 'usd', difference: 'usd' } },
  RefundRecorded: { fields: { ...ENVELOPE_KEY, amount: 'usd', releasedAmount: 'usd' } },
  ApprovalAbandoned: { fields: { ...ENVELOPE_KEY, amount: 'usd' } },
  DraftAbandoned: NONE,
  ProjectImported: IMPORTED_AMOUNTS,
  ProjectImportCorrected: {
    fields: { ...ENVELOPE_KEY, before: IMPORTED_AMOUNTS, after: IMPORTED_AMOUNTS, committedDifference: 'usd', source: { fields: { line: 'number' } } },
  },
};

export const ENVELOPE_EVENT_AMOUNTS: Readonly<Record<EnvelopeEvent['type'], AmountSchema>> = {
  EnvelopeOpened: { fields: { ...ENVELOPE_KEY, amount: 'usd' } },
  EnvelopeAdjusted: { fields: { ...ENVELOPE_KEY, previousAmount: 'usd', newAmount: 'usd' } },
  FundsReserved: { fields: { ...ENVELOPE_KEY, amount: 'usd', reservedAfter: 'usd' } },
  FundsReleased: { fields: { ...ENVELOPE_KEY, amount: 'usd', reservedAfter: 'usd' } },
};

export const CONTRIBUTION_EVENT_AMOUNTS: Readonly<Record<ContributionEvent['type'], AmountSchema>> = {
  ContributionPledged: { fields: { ...ENVELOPE_KEY, amount: 'usd' } },
  ContributionReceived: { fields: { ...ENVELOPE_KEY, amount: 'usd', receivedAfter: 'usd' } },
};

export const CODE_LIST_EVENT_AMOUNTS: Readonly<Record<CodeListEvent['type'], AmountSchema>> = {
  CodeListEntryAdded: NONE,
};

const EVENT_AMOUNTS: ReadonlyMap<string, AmountSchema> = new Map(
  [PROJECT_EVENT_AMOUNTS, ENVELOPE_EVENT_AMOUNTS, CONTRIBUTION_EVENT_AMOUNTS, CODE_LIST_EVENT_AMOUNTS].flatMap((byType) =>
    Object.entries(byType),
  ),
);

/** The schema of an event type's data; undefined for a type this domain does not know. */
export function eventAmountsOf(type: string): AmountSchema | undefined {
  return EVENT_AMOUNTS.get(type);
}

/**
 * A recorded event's data as the API shows it: money as USD decimal strings, shares as
 * percent. The stored event (and so its hash) is untouched; data of a type the domain does
 * not know is shown as recorded.
 */
export function eventDataAtTheEdge(type: string, data: object): Record<string, unknown> {
  const schema = eventAmountsOf(type);
  return schema === undefined ? { ...data } : (atTheEdge(data, schema) as Record<string, unknown>);
}
