import type { LatestStep } from '../calendar/business-date.js';
import type { Cents } from '../shared/money.js';
import type { ReportKind } from './commands.js';
import type { Proposal } from './proposal.js';
import type { BudgetBreakdown } from './commands.js';
import type { ImportedProvenance } from './imported-record.js';

export const PROJECT_STATUSES = [
  'draft',
  'submitted',
  'endorsed',
  'retained',
  'approved',
  'active',
  'suspended',
  'completed',
  'closed',
  'cancelled',
  'rejected',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export type TransactionKind = 'disbursement' | 'expenditure';

/** A refund of unspent money is a transaction too: a negative disbursement (DOMAIN.md). */
export type RecordedTransactionKind = TransactionKind | 'refund';

export interface Transaction {
  kind: RecordedTransactionKind;
  /** As last corrected. */
  amount: Cents;
  /** YYYY-MM-DD */
  valueDate: string;
  reference?: string;
  recordedBy: string;
}

export interface GovernmentEndorsement {
  /** YYYY-MM-DD */
  endorsedOn: string;
  authority: string;
  recordedBy: string;
}

export interface FocalPoint {
  name: string;
  organisation: string;
  email?: string;
}

export type ReportStatus = 'submitted' | 'accepted' | 'rejected';

export interface Report {
  kind: ReportKind;
  status: ReportStatus;
  submittedBy: string;
  /** ISO instant */
  submittedAt: string;
  summary?: string;
  decidedBy?: string;
  /** ISO instant */
  decidedAt?: string;
  /** Why it was rejected. */
  rejectionReason?: string;
}

export interface PendingBudgetRevision {
  requestId: string;
  budget: BudgetBreakdown;
  budgetTotal: Cents;
  requestedBy: string;
  reason: string;
  /** ISO instant */
  requestedAt: string;
}

export interface PendingNoCostExtension {
  requestId: string;
  /** YYYY-MM-DD */
  newEndDate: string;
  requestedBy: string;
  reason: string;
  /** ISO instant */
  requestedAt: string;
}

/** A project that exists: everything the API shows for it, folded from its events. */
export interface Project extends Proposal {
  status: ProjectStatus;
  projectId: string;
  /** plannedEndDate as moved by approved no-cost extensions. */
  currentEndDate: string;
  actualStartDate?: string;
  actualEndDate?: string;
  /**
   * The approved budget as revised (0 until approval), less what cancellation, closure and
   * refunds after them released to the envelope (a decommitment): always what the envelope
   * holds for the project. The approved budget itself stays in `budgetTotal`.
   */
  committed: Cents;
  /** Net of refunds. */
  disbursed: Cents;
  /** Refunds of unspent money, in total; absent before the first (and in states folded before refunds existed). */
  refunded?: Cents;
  spent: Cents;
  transactions: Record<string, Transaction>;
  /** By beneficiary state code; only states that are still beneficiaries. */
  governmentEndorsements: Record<string, GovernmentEndorsement>;
  focalPoint?: FocalPoint;
  reports: Record<string, Report>;
  pendingBudgetRevision?: PendingBudgetRevision;
  pendingNoCostExtension?: PendingNoCostExtension;
  /** Every revision and extension request id ever decided: an id is never reused. */
  decidedRequestIds: string[];
  draftedBy: string;
  submittedBy?: string;
  endorsedBy?: string;
  approvedBy?: string;
  /** ISO instants the steps were recorded at (the command's `at`). */
  draftedAt: string;
  submittedAt?: string;
  endorsedAt?: string;
  retainedAt?: string;
  approvedAt?: string;
  statusChangedAt: string;
  /**
   * Business dates (YYYY-MM-DD) of the same steps (ADR 0019). Optional in the type only so
   * that a state built elsewhere still fits; the fold always sets draftedOn and statusChangedOn.
   */
  draftedOn?: string;
  submittedOn?: string;
  endorsedOn?: string;
  retainedOn?: string;
  approvedOn?: string;
  statusChangedOn?: string;
  /** The last step and its business date: the next command may not be dated before it. */
  latestStep?: LatestStep;
  /** Why the project is rejected, returned, suspended or cancelled, while it is. */
  statusReason?: string;
  /** Set when the project entered the service by import (imported-record.ts), not by a draft. */
  imported?: ImportedProvenance;
}

/** Before its first event a project stream does not exist. */
export interface NoProject {
  status: 'none';
}

export type ProjectState = NoProject | Project;

export function initialProjectState(): ProjectState {
  return { status: 'none' };
}

export function projectStreamId(projectId: string): string {
  return `project-${projectId}`;
}
