import type { CommandContext } from '../shared/actor.js';
import type { Cents } from '../shared/money.js';
import type { BasisPoints } from '../shared/share.js';
import type { FundPolicy } from '../fund/fund-policy.js';
import type { ImportSource } from './imported-record.js';
import type { ProjectStatus } from './state.js';

export type Coverage = 'national' | 'regional' | 'global';
export type FundingLine = 1 | 2;
export type ReportKind = 'interim' | 'final-narrative' | 'final-financial';

/** Text in one or more languages: BCP 47 language tag → text (any script, RTL included). */
export type MultilingualText = Record<string, string>;

/** The budget as the fund breaks it down; the total is the sum of the lines. */
export interface BudgetBreakdown {
  staffAndOfficeCosts: Cents;
  operationalCosts: Cents;
}

export interface BeneficiaryStateInput {
  /** ISO 3166-1 alpha-2, upper case. */
  code: string;
  /** Omitted on every state ⇒ equal split. Given on one ⇒ must be given on all, summing to 100 %. */
  share?: BasisPoints;
}

/** Everything a proposal says; drafted at once, amended field by field while in draft. */
export interface ProposalFields {
  primaId: string;
  title: MultilingualText;
  description: MultilingualText;
  thematicArea: string;
  coverage: Coverage;
  fundingLine: FundingLine;
  region: string;
  beneficiaryStates: BeneficiaryStateInput[];
  /** YYYY-MM-DD */
  plannedStartDate: string;
  /** YYYY-MM-DD */
  plannedEndDate: string;
  year: number;
  budget: BudgetBreakdown;
}

interface Base<Type extends string, Data = Record<string, never>> {
  type: Type;
  data: Data;
  context: CommandContext;
  /** Why; required where rule 13 says so. */
  reason?: string;
}

export type DraftProject = Base<'DraftProject', ProposalFields & { projectId: string }> & { policy: FundPolicy };
export type AmendDraft = Base<'AmendDraft', Partial<ProposalFields>> & { policy: FundPolicy };
export type RecordGovernmentEndorsement = Base<
  'RecordGovernmentEndorsement',
  { state: string; endorsedOn: string; authority: string }
>;
export type SubmitProject = Base<'SubmitProject'>;
export type EndorseProject = Base<'EndorseProject'>;
export type ApproveProject = Base<'ApproveProject'>;
export type RetainProject = Base<'RetainProject'>;
export type RejectProject = Base<'RejectProject'>;
export type ReturnProject = Base<'ReturnProject'>;
export type RecordFocalPoint = Base<'RecordFocalPoint', { name: string; organisation: string; email?: string }>;
export type StartImplementation = Base<'StartImplementation', { actualStartDate?: string }>;
export type SuspendProject = Base<'SuspendProject'>;
export type ResumeProject = Base<'ResumeProject'>;
export type CompleteProject = Base<'CompleteProject', { actualEndDate?: string }>;
export type CloseProject = Base<'CloseProject'>;
export type CancelProject = Base<'CancelProject'>;
export type RequestBudgetRevision = Base<'RequestBudgetRevision', { requestId: string; budget: BudgetBreakdown }> & {
  policy: FundPolicy;
};
export type ApproveBudgetRevision = Base<'ApproveBudgetRevision', { requestId: string }> & { policy: FundPolicy };
export type RejectBudgetRevision = Base<'RejectBudgetRevision', { requestId: string }>;
export type RequestNoCostExtension = Base<'RequestNoCostExtension', { requestId: string; newEndDate: string }>;
export type ApproveNoCostExtension = Base<'ApproveNoCostExtension', { requestId: string }>;
export type RejectNoCostExtension = Base<'RejectNoCostExtension', { requestId: string }>;
export type SubmitReport = Base<'SubmitReport', { reportId: string; kind: ReportKind; summary?: string }>;
export type AcceptReport = Base<'AcceptReport', { reportId: string }>;
export type RejectReport = Base<'RejectReport', { reportId: string }>;
export type RecordDisbursement = Base<
  'RecordDisbursement',
  { transactionId: string; amount: Cents; valueDate: string; reference?: string }
>;
export type RecordExpenditure = Base<
  'RecordExpenditure',
  { transactionId: string; amount: Cents; valueDate: string; reference?: string }
>;
/** Unspent money the partner returns (a negative disbursement), by a finance officer. */
export type RecordRefund = Base<'RecordRefund', { transactionId: string; amount: Cents; valueDate: string; reference?: string }>;
/** Rule 13: a wrong disbursement or expenditure is corrected by a new event, never edited. */
export type CorrectTransaction = Base<'CorrectTransaction', { transactionId: string; correctedAmount: Cents }>;

/**
 * Records a project of the fund's published list as it stands (imported-record.ts); sent by
 * an admin's import, one per row. `record.budget` may be a total only (`breakdownGiven`).
 */
export type ImportProject = Base<
  'ImportProject',
  {
    projectId: string;
    record: ImportedRecordInput;
    source: ImportSource;
  }
> & { policy: FundPolicy };

/** A row as the import read it: a proposal, its status, actual dates and flows. */
export interface ImportedRecordInput extends ProposalFields {
  status: ProjectStatus;
  actualStartDate?: string;
  actualEndDate?: string;
  disbursed: Cents;
  spent: Cents;
  breakdownGiven: boolean;
}

export type ProjectCommand =
  | DraftProject
  | ImportProject
  | AmendDraft
  | RecordGovernmentEndorsement
  | SubmitProject
  | EndorseProject
  | ApproveProject
  | RetainProject
  | RejectProject
  | ReturnProject
  | RecordFocalPoint
  | StartImplementation
  | SuspendProject
  | ResumeProject
  | CompleteProject
  | CloseProject
  | CancelProject
  | RequestBudgetRevision
  | ApproveBudgetRevision
  | RejectBudgetRevision
  | RequestNoCostExtension
  | ApproveNoCostExtension
  | RejectNoCostExtension
  | SubmitReport
  | AcceptReport
  | RejectReport
  | RecordDisbursement
  | RecordExpenditure
  | RecordRefund
  | CorrectTransaction;
