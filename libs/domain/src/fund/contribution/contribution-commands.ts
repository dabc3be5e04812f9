import type { Cents } from '../../shared/money.js';
import type { FundingLine } from '../../project/commands.js';
import type { FundCommand } from '../fund-command.js';

export const CONTRIBUTION_DONOR_MAX_LENGTH = 200;

export type PledgeContribution = FundCommand<
  'PledgeContribution',
  {
    contributionId: string;
    donor: string;
    year: number;
    fundingLine: FundingLine;
    amount: Cents;
    /** A region code from the `regions` code list. */
    earmarkedRegion?: string;
  }
> & {
  /** The current regions code list, loaded by the application (the domain has no I/O). */
  regions: readonly string[];
};

export type RecordContributionReceipt = FundCommand<
  'RecordContributionReceipt',
  {
    receiptId: string;
    amount: Cents;
    /** YYYY-MM-DD, not after the day the command is handled. */
    receivedOn: string;
  }
>;

export type ContributionCommand = PledgeContribution | RecordContributionReceipt;

export function contributionStreamId(contributionId: string): string {
  return `contribution-${contributionId}`;
}
