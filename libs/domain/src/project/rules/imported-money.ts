import { DomainError } from '../../shared/domain-error.js';
import { cents, formatUsd, type Cents } from '../../shared/money.js';
import type { ImportableStatus } from '../imported-record.js';

/**
 * What an imported project holds in its envelope (DOMAIN.md, "Money over a project's life"):
 * a funded project (approved, active, suspended, completed) its budget; a closed or
 * cancelled one what was disbursed (net of refunds), the rest having been released; a
 * rejected one nothing. The same definition as the lifecycle's, so that committed totals
 * equal the envelopes' reserved totals whether a project was imported or approved here.
 */
export function committedOnImport(status: ImportableStatus, budgetTotal: Cents, disbursed: Cents): Cents {
  switch (status) {
    case 'approved':
    case 'active':
    case 'suspended':
    case 'completed':
      return budgetTotal;
    case 'closed':
    case 'cancelled':
      return disbursed;
    case 'rejected':
      return cents(0);
  }
}

/**
 * Rule 9 on a record: disbursed ≤ budget and spent ≤ budget; neither negative; and a
 * rejected project never received money.
 */
export function assertImportedFlowsPossible(status: ImportableStatus, budgetTotal: Cents, disbursed: Cents, spent: Cents): void {
  if (disbursed < 0 || spent < 0) {
    throw new DomainError('import.negative-flow', 'disbursed and spent must not be negative', 'invalid');
  }
  if (disbursed > budgetTotal) {
    throw new DomainError(
      'disbursement.exceeds-budget',
      `USD ${formatUsd(disbursed)} disbursed is more than the budget of USD ${formatUsd(budgetTotal)}`,
      'conflict',
    );
  }
  if (spent > budgetTotal) {
    throw new DomainError(
      'expenditure.exceeds-budget',
      `USD ${formatUsd(spent)} spent is more than the budget of USD ${formatUsd(budgetTotal)}`,
      'conflict',
    );
  }
  if (status === 'rejected' && (disbursed > 0 || spent > 0)) {
    throw new DomainError('import.money-on-rejected', 'a rejected project cannot have disbursed or spent money', 'invalid');
  }
}
