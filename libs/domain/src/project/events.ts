import type { Cents } from '../shared/money.js';
import type { BudgetBreakdown, FundingLine, ReportKind } from './commands.js';
import type { Proposal } from './proposal.js';
import type { ImportedFields, ImportSource } from './imported-record.js';
import type { TransactionKind } from './state.js';

/**
 * The facts of a project's life. Every event's data is plain JSON (absent optional keys
 * are omitted, never `undefined`) and carries `at`, the instant the command that decided
 * it was recorded at, `effectiveOn`, the business date it happened on (absent from events
 * recorded before business dates: read it with `effectiveOnOf`, ADR 0019), and the id of
 * who did it.
 * Released event shapes never change: a new shape is a new schema version with an upcaster.
 */
interface Event<Type extends string, Data> {
  type: Type;
  /** `reason`: required where rule 13 says so, otherwise kept when the command gave one. */
  data: Data & { at: string; effectiveOn?: string; reason?: string };
}

/** For the application to reserve or release money in the envelope of (year, line). */
interface EnvelopeKey {
  year: number;
  fundingLine: FundingLine;
}

export type ProjectDrafted = Event<'ProjectDrafted', Proposal & { projectId: string; draftedBy: string }>;
/** `changes` holds only the fields that changed, as recorded after the amendment. */
export type ProjectDraftAmended = Event<
  'ProjectDraftAmended',
  {
    changes: Partial<Proposal>;
    amendedBy: string;
    /** Endorsements of states that are no longer beneficiaries; they no longer count (rule 5). */
    voidedEndorsements?: string[];
  }
>;
export type GovernmentEndorsementRecorded = Event<
  'GovernmentEndorsementRecorded',
  { state: string; endorsedOn: string; authority: string; recordedBy: string }
>;
export type ProjectSubmitted = Event<'ProjectSubmitted', { submittedBy: string }>;
export type ProjectEndorsed = Event<'ProjectEndorsed', { endorsedBy: string }>;
export type ProjectApproved = Event<
  'ProjectApproved',
  EnvelopeKey & { approvedBy: string; committed: Cents }
>;
export type ProjectRetained = Event<'ProjectRetained', { retainedBy: string }>;
export type ProjectRejected = Event<'ProjectRejected', { rejectedBy: string; reason: string }>;
export type ProjectReturned = Event<'ProjectReturned', { returnedBy: string; reason: string }>;
export type FocalPointRecorded = Event<
  'FocalPointRecorded',
  { name: string; organisation: string; email?: string; recordedBy: string }
>;
export type ImplementationStarted = Event<'ImplementationStarted', { actualStartDate: string; startedBy: string }>;
export type ProjectSuspended = Event<'ProjectSuspended', { suspendedBy: string; reason: string }>;
export type ProjectResumed = Event<'ProjectResumed', { resumedBy: string }>;
export type ProjectCompleted = Event<'ProjectCompleted', { actualEndDate: string; completedBy: string }>;
/**
 * Rule 12: `releasedAmount` = committed − disbursed goes back to the envelope, and the
 * project's committed falls by it (a decommitment, ADR 0018). `unspentBalance` (disbursed −
 * spent, when above 0) is what the partner still holds: closing with one needs a reason.
 */
export type ProjectClosed = Event<
  'ProjectClosed',
  EnvelopeKey & { closedBy: string; committed: Cents; disbursed: Cents; releasedAmount: Cents; unspentBalance?: Cents }
>;
export type ProjectCancelled = Event<
  'ProjectCancelled',
  EnvelopeKey & {
    cancelledBy: string;
    reason: string;
    committed: Cents;
    disbursed: Cents;
    releasedAmount: Cents;
    /** Pending revision or extension requests that die with the project. */
    voidedRequestIds?: string[];
  }
>;
export type BudgetRevisionRequested = Event<
  'BudgetRevisionRequested',
  { requestId: string; budget: BudgetBreakdown; budgetTotal: Cents; requestedBy: string; reason: string }
>;
/** `difference` = newCommitted − previousCommitted: reserve it when positive, release it when negative. */
export type BudgetRevisionApproved = Event<
  'BudgetRevisionApproved',
  EnvelopeKey & {
    requestId: string;
    approvedBy: string;
    previousCommitted: Cents;
    newCommitted: Cents;
    difference: Cents;
    budget: BudgetBreakdown;
  }
>;
export type BudgetRevisionRejected = Event<
  'BudgetRevisionRejected',
  { requestId: string; rejectedBy: string; reason: string }
>;
export type NoCostExtensionRequested = Event<
  'NoCostExtensionRequested',
  { requestId: string; currentEndDate: string; newEndDate: string; requestedBy: string; reason: string }
>;
export type NoCostExtensionApproved = Event<
  'NoCostExtensionApproved',
  { requestId: string; approvedBy: string; previousEndDate: string; newEndDate: string }
>;
export type NoCostExtensionRejected = Event<
  'NoCostExtensionRejected',
  { requestId: string; rejectedBy: string; reason: string }
>;
export type ReportSubmitted = Event<
  'ReportSubmitted',
  { reportId: string; kind: ReportKind; summary?: string; submittedBy: string }
>;
export type ReportAccepted = Event<'ReportAccepted', { reportId: string; kind: ReportKind; acceptedBy: string }>;
export type ReportRejected = Event<
  'ReportRejected',
  { reportId: string; kind: ReportKind; rejectedBy: string; reason: string }
>;
export type DisbursementRecorded = Event<
  'DisbursementRecorded',
  { transactionId: string; amount: Cents; valueDate: string; reference?: string; recordedBy: string }
>;
export type ExpenditureRecorded = Event<
  'ExpenditureRecorded',
  { transactionId: string; amount: Cents; valueDate: string; reference?: string; recordedBy: string }
>;
/**
 * Unspent money returned by the partner: a negative disbursement. While the project runs it
 * stays reserved for it; once it is closed or cancelled the envelope gets it back at once:
 * `releasedAmount` (= amount then, 0 before) is released and decommitted (ADR 0018).
 */
export type RefundRecorded = Event<
  'RefundRecorded',
  EnvelopeKey & {
    transactionId: string;
    amount: Cents;
    valueDate: string;
    reference?: string;
    recordedBy: string;
    releasedAmount: Cents;
  }
>;
/** Rule 13: the compensating event; `difference` = correctedAmount − previousAmount. */
export type TransactionCorrected = Event<
  'TransactionCorrected',
  {
    transactionId: string;
    kind: TransactionKind;
    previousAmount: Cents;
    correctedAmount: Cents;
    difference: Cents;
    correctedBy: string;
    reason: string;
  }
>;

/**
 * Written by the workflow repairs (ADR 0017) into the project's stream, which arbitrates:
 * an approval (or raising revision) whose reservation was made but never recorded is
 * abandoned here, with the exact revision the repair saw, before its reservation is released.
 * The project's state does not change: the approval never happened.
 */
export type ApprovalAbandoned = Event<
  'ApprovalAbandoned',
  EnvelopeKey & { projectId: string; amount: Cents; purpose: 'approval' | 'budget-revision' | 'import'; reason: string }
>;
/**
 * Written by the workflow repairs: a PRIMA id claimed for a draft (or an amendment) that
 * was never recorded. Appended before the claim is released — with `no_stream` when the
 * project was never created, so a late create of that draft fails instead of using an id
 * it no longer holds (ADR 0017).
 */
export type DraftAbandoned = Event<'DraftAbandoned', { projectId: string; primaId: string; reason: string }>;

/**
 * A project brought in from the fund's published list, recorded as it stands (status,
 * dates, money) — never as a made-up lifecycle. `at` is when it was imported, `effectiveOn`
 * that day; the record's own dates are fields. Its `committed` is reserved in the envelope.
 */
export type ProjectImported = Event<
  'ProjectImported',
  ImportedFields & { projectId: string; importedBy: string; source: ImportSource; effectiveOn: string }
>;
/**
 * A re-imported row that differs from what the last import recorded: the fields that
 * changed, before → after. `committedDifference` is reserved (positive) or released
 * (negative) in the envelope of (year, line), which a correction never changes.
 */
export type ProjectImportCorrected = Event<
  'ProjectImportCorrected',
  EnvelopeKey & {
    before: Partial<ImportedFields>;
    after: Partial<ImportedFields>;
    committedDifference: Cents;
    correctedBy: string;
    source: ImportSource;
    reason: string;
    effectiveOn: string;
  }
>;

export type ProjectEvent =
  | ProjectDrafted
  | ProjectDraftAmended
  | GovernmentEndorsementRecorded
  | ProjectSubmitted
  | ProjectEndorsed
  | ProjectApproved
  | ProjectRetained
  | ProjectRejected
  | ProjectReturned
  | FocalPointRecorded
  | ImplementationStarted
  | ProjectSuspended
  | ProjectResumed
  | ProjectCompleted
  | ProjectClosed
  | ProjectCancelled
  | BudgetRevisionRequested
  | BudgetRevisionApproved
  | BudgetRevisionRejected
  | NoCostExtensionRequested
  | NoCostExtensionApproved
  | NoCostExtensionRejected
  | ReportSubmitted
  | ReportAccepted
  | ReportRejected
  | DisbursementRecorded
  | ExpenditureRecorded
  | TransactionCorrected
  | RefundRecorded
  | ApprovalAbandoned
  | DraftAbandoned
  | ProjectImported
  | ProjectImportCorrected;

export type ProjectEventType = ProjectEvent['type'];

// A record keyed by every type: the compiler refuses this list if a type is missing.
const EVERY_TYPE: Record<ProjectEventType, true> = {
  ProjectDrafted: true,
  ProjectDraftAmended: true,
  GovernmentEndorsementRecorded: true,
  ProjectSubmitted: true,
  ProjectEndorsed: true,
  ProjectApproved: true,
  ProjectRetained: true,
  ProjectRejected: true,
  ProjectReturned: true,
  FocalPointRecorded: true,
  ImplementationStarted: true,
  ProjectSuspended: true,
  ProjectResumed: true,
  ProjectCompleted: true,
  ProjectClosed: true,
  ProjectCancelled: true,
  BudgetRevisionRequested: true,
  BudgetRevisionApproved: true,
  BudgetRevisionRejected: true,
  NoCostExtensionRequested: true,
  NoCostExtensionApproved: true,
  NoCostExtensionRejected: true,
  ReportSubmitted: true,
  ReportAccepted: true,
  ReportRejected: true,
  DisbursementRecorded: true,
  ExpenditureRecorded: true,
  TransactionCorrected: true,
  RefundRecorded: true,
  ApprovalAbandoned: true,
  DraftAbandoned: true,
  ProjectImported: true,
  ProjectImportCorrected: true,
};

export const PROJECT_EVENT_TYPES: readonly ProjectEventType[] = Object.freeze(
  Object.keys(EVERY_TYPE) as ProjectEventType[],
);

export function isProjectEventType(type: string): type is ProjectEventType {
  return Object.hasOwn(EVERY_TYPE, type);
}
