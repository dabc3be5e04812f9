import { formatUsd } from '../shared/money.js';
import type { FundPolicy } from '../fund/fund-policy.js';
import type { Coverage } from './commands.js';
import { isBelowUsualFloor } from './rules/ceiling.js';
import type { ProjectState } from './state.js';

/** Something allowed but unusual, shown to whoever reviews the project. */
export interface BudgetWarning {
  code: 'budget.below-usual-floor';
  detail: string;
}

/**
 * Warnings on a project's budget against the fund's policy: what rule 3 allows but flags.
 * Also usable on a proposal before it is drafted (anything with a total and a coverage).
 */
export function budgetWarnings(
  project: ProjectState | { budgetTotal: number; coverage: Coverage },
  policy: FundPolicy,
): BudgetWarning[] {
  if (!('budgetTotal' in project)) return [];
  const { budgetTotal, coverage } = project;
  if (!isBelowUsualFloor(budgetTotal, coverage, policy)) return [];
  return [
    {
      code: 'budget.below-usual-floor',
      detail:
        `a budget of USD ${formatUsd(budgetTotal)} is below the usual ` +
        `USD ${formatUsd(policy.floors[coverage])} for ${coverage} projects`,
    },
  ];
}
