import { DomainError } from '../../shared/domain-error.js';
import { formatUsd } from '../../shared/money.js';
import type { BudgetBreakdown } from '../commands.js';
import { totalOf } from '../proposal.js';

export const STAFF_AND_OFFICE_COSTS_MAX_PERCENT = 30;

/**
 * Rule 2: staff and office costs are at most 30 % of the total budget. Compared as
 * staff × 100 ≤ total × 30 so that no division (and no rounding) is involved.
 */
export function assertStaffCostsWithinLimit(budget: BudgetBreakdown): void {
  const total = totalOf(budget);
  if (budget.staffAndOfficeCosts * 100 > total * STAFF_AND_OFFICE_COSTS_MAX_PERCENT) {
    throw new DomainError(
      'budget.staff-costs-exceeded',
      `staff and office costs of USD ${formatUsd(budget.staffAndOfficeCosts)} exceed ` +
        `${STAFF_AND_OFFICE_COSTS_MAX_PERCENT} % of the total budget of USD ${formatUsd(total)}`,
      'invalid',
      [{ field: 'budget.staffAndOfficeCosts', message: `at most ${STAFF_AND_OFFICE_COSTS_MAX_PERCENT} % of the total` }],
    );
  }
}
