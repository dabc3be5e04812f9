import { amountOf, centsOf } from '../../format/cents';
import type { PublicTransaction } from './project-card';

/** One transaction with the running totals after it, as the chart and its table show them. */
export interface FlowStep extends PublicTransaction {
  /** Its place in value-date order, from 1. */
  sequence: number;
  /** Disbursed so far, net of refunds (a refund is money returned: it lowers what was disbursed). */
  disbursedSoFar: string;
  spentSoFar: string;
}

/**
 * The card's public transactions (already in value-date order, as last corrected) with the
 * cumulative disbursed and spent after each. The last step's sums are the card's `disbursed`
 * and `spent`: the API counts a refund as a negative disbursement, and so does this.
 */
export function moneyFlows(transactions: readonly PublicTransaction[]): FlowStep[] {
  let disbursed = 0;
  let spent = 0;
  return transactions.map((transaction, index) => {
    const cents = centsOf(transaction.amount);
    if (transaction.kind === 'disbursement') disbursed += cents;
    else if (transaction.kind === 'refund') disbursed -= cents;
    else spent += cents;
    return { ...transaction, sequence: index + 1, disbursedSoFar: amountOf(disbursed), spentSoFar: amountOf(spent) };
  });
}
