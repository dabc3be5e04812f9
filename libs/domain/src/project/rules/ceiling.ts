import { DomainError } from '../../shared/domain-error.js';
import { formatUsd } from '../../shared/money.js';
import type { FundPolicy } from '../../fund/fund-policy.js';
import type { Coverage, FundingLine } from '../commands.js';

/**
 * Rule 3, the hard limit: a budget never exceeds the ceiling of its funding line and
 * coverage, as configured in the fund's policy.
 */
export function assertWithinCeiling(
  total: number,
  fundingLine: FundingLine,
  coverage: Coverage,
  policy: FundPolicy,
): void {
  const ceiling = policy.ceilings[fundingLine][coverage];
  if (total > ceiling) {
    throw new DomainError(
      'budget.ceiling-exceeded',
      `the budget of USD ${formatUsd(total)} exceeds the ceiling of USD ${formatUsd(ceiling)} ` +
        `for funding line ${fundingLine}, ${coverage} coverage`,
      'invalid',
      [{ field: 'budget', message: `at most USD ${formatUsd(ceiling)}` }],
    );
  }
}

/**
 * Rule 3, the soft limit: a budget below the usual floor for its coverage is allowed (the
 * fund has funded such projects) but deserves a second look, so it is only flagged.
 */
export function isBelowUsualFloor(total: number, coverage: Coverage, policy: FundPolicy): boolean {
  return total < policy.floors[coverage];
}
