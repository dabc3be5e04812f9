import { DomainError } from '../../shared/domain-error.js';
import { formatUsd, subtractCents, type Cents } from '../../shared/money.js';
import type { Project } from '../state.js';

/** What the partner received and has not spent: disbursed (net of refunds) − spent, never below 0. */
export function unspentBalance(project: Pick<Project, 'disbursed' | 'spent'>): Cents {
  return subtractCents(project.disbursed, Math.min(project.disbursed, project.spent));
}

/** A refund returns unspent money only: more than the balance would undo money spent. */
export function assertRefundWithinUnspent(project: Project, amount: Cents): void {
  const balance = unspentBalance(project);
  if (amount > balance) {
    throw new DomainError(
      'refund.exceeds-unspent',
      `a refund of USD ${formatUsd(amount)} is more than the unspent balance of USD ${formatUsd(balance)} ` +
        `(disbursed USD ${formatUsd(project.disbursed)} − spent USD ${formatUsd(project.spent)})`,
      'conflict',
    );
  }
}

/**
 * Once the project is closed or cancelled nothing more can be disbursed, so a refund goes
 * back to the envelope at once (ADR 0018); before that it stays reserved for the project.
 */
export function releasedByRefund(project: Project, amount: Cents): Cents {
  return (project.status === 'closed' || project.status === 'cancelled' ? amount : 0) as Cents;
}

/**
 * Closing with money still unspent at the partner needs it refunded first or a reason why it
 * stays there (DOMAIN.md, "Money over a project's life").
 */
export function assertUnspentBalanceExplained(project: Project, reason: string | undefined): void {
  const balance = unspentBalance(project);
  if (balance > 0 && reason === undefined) {
    throw new DomainError(
      'closure.unspent-balance',
      `USD ${formatUsd(balance)} disbursed to ${project.projectId} is unspent: record its refund ` +
        `(POST /projects/${project.projectId}/refunds, by a finance officer) or close with a reason`,
      'conflict',
    );
  }
}
