import { DomainError } from '../../shared/domain-error.js';
import { formatUsd } from '../../shared/money.js';
import type { Project, TransactionKind } from '../state.js';

/**
 * Rule 9: the money that flows never exceeds the approved budget as revised —
 * disbursed ≤ committed and spent ≤ committed. `change` is what a new transaction or a
 * correction adds (negative for a correction downwards, which is always allowed).
 */
export function assertFlowWithinBudget(project: Project, kind: TransactionKind, change: number): void {
  const current = kind === 'disbursement' ? project.disbursed : project.spent;
  const after = current + change;
  if (change > 0 && after > project.committed) {
    const verb = kind === 'disbursement' ? 'disbursed' : 'spent';
    throw new DomainError(
      kind === 'disbursement' ? 'disbursement.exceeds-budget' : 'expenditure.exceeds-budget',
      `USD ${formatUsd(after)} would be ${verb}, more than the approved budget of ` +
        `USD ${formatUsd(project.committed)} (already ${verb}: USD ${formatUsd(current)})`,
      'conflict',
    );
  }
}

/** Rule 9 again, for a revision: the new budget must still cover what has flowed. */
export function assertBudgetCoversFlows(project: Project, newTotal: number): void {
  if (newTotal < project.disbursed || newTotal < project.spent) {
    throw new DomainError(
      'revision.below-flows',
      `a budget of USD ${formatUsd(newTotal)} is below what has already been disbursed ` +
        `(USD ${formatUsd(project.disbursed)}) or spent (USD ${formatUsd(project.spent)})`,
      'conflict',
    );
  }
}
