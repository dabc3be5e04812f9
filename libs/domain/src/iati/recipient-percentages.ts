import { splitByWeights } from '../shared/money.js';
import { WHOLE, formatPercent, moneySplitWeights, type BasisPoints } from '../shared/share.js';

/**
 * The beneficiary states' percentages as IATI's recipient-country publishes them: two
 * decimals that add up to exactly 100 per activity (an IATI rule the schema cannot check).
 * The display rounding (`displayedShares`) shows an equal split of three as 33.33 each,
 * 99.99 in all; here the 10 000 basis points are apportioned over the same weights the
 * money follows by largest remainder instead: 33.34 / 33.33 / 33.33. Shares given
 * explicitly are whole basis points already and come out as given.
 */
export function recipientPercentages(shares: readonly BasisPoints[]): string[] {
  if (shares.length === 0) return [];
  return splitByWeights(WHOLE, moneySplitWeights(shares)).map(formatPercent);
}
