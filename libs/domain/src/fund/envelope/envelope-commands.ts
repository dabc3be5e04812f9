import type { Cents } from '../../shared/money.js';
import type { FundingLine } from '../../project/commands.js';
import type { FundCommand } from '../fund-command.js';

/**
 * Why funds are reserved: an approval reserves the budget, an upward revision the difference
 * (rules 7, 10), an imported project what it had committed (or an import correction's rise).
 */
export type ReservationPurpose = 'approval' | 'budget-revision' | 'import';

/**
 * Why funds go back: cancellation and closure release what was not disbursed (rule 12), a
 * downward revision the difference (rule 10), and a compensation undoes a reservation whose
 * project-side event could not be recorded; an import correction that lowers committed.
 * A refund after closure or cancellation releases the money returned (ADR 0018).
 */
export type ReleasePurpose = 'cancellation' | 'closure' | 'budget-revision' | 'compensation' | 'import-correction' | 'refund';

export type OpenEnvelope = FundCommand<'OpenEnvelope', { year: number; fundingLine: FundingLine; amount: Cents }>;
/** Needs a reason: resizing the year's money is a decision the audit trail must explain. */
export type AdjustEnvelope = FundCommand<'AdjustEnvelope', { newAmount: Cents }>;
/** Internal: sent by the application on behalf of ApproveProject / ApproveBudgetRevision. */
export type ReserveFunds = FundCommand<
  'ReserveFunds',
  { projectId: string; amount: Cents; purpose: ReservationPurpose }
>;
/** Internal: sent by the application on behalf of CancelProject, CloseProject, revisions, compensations. */
export type ReleaseFunds = FundCommand<'ReleaseFunds', { projectId: string; amount: Cents; purpose: ReleasePurpose }>;

export type EnvelopeCommand = OpenEnvelope | AdjustEnvelope | ReserveFunds | ReleaseFunds;

/** One envelope per (year, funding line). */
export function envelopeStreamId(year: number, fundingLine: FundingLine): string {
  return `envelope-${year}-${fundingLine}`;
}
