import type { Cents } from '../../shared/money.js';
import type { FundingLine } from '../../project/commands.js';

/** Who gives, for which (year, line) and region: repeated on every event so views need no joins. */
interface ContributionFacts {
  contributionId: string;
  donor: string;
  year: number;
  fundingLine: FundingLine;
  /** Present only when the pledge is earmarked. */
  earmarkedRegion?: string;
  /** ISO instant the command was handled (and recorded) at. */
  at: string;
  /** The business date (ADR 0019); absent from events recorded before it: see `effectiveOnOf`. */
  effectiveOn?: string;
}

/** A promise: shown, but not counted toward totals until received. */
export interface ContributionPledged {
  type: 'ContributionPledged';
  data: ContributionFacts & { amount: Cents };
}

export interface ContributionReceived {
  type: 'ContributionReceived';
  /** `receivedAfter`: total received on this contribution once this receipt is counted. */
  data: ContributionFacts & { receiptId: string; amount: Cents; receivedOn: string; receivedAfter: Cents };
}

export type ContributionEvent = ContributionPledged | ContributionReceived;
