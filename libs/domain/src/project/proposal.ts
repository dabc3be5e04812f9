import type { Cents } from '../shared/money.js';
import type { BasisPoints } from '../shared/share.js';
import type { BudgetBreakdown, Coverage, FundingLine, MultilingualText } from './commands.js';

/** A beneficiary state as recorded: its share is always resolved (equal split by default). */
export interface BeneficiaryState {
  /** ISO 3166-1 alpha-2 */
  code: string;
  /** Basis points; the shares of a project add up to 10 000. */
  share: BasisPoints;
}

/**
 * A proposal as recorded in events and held in state: validated as a whole, shares
 * resolved and the budget total computed once, so that views never recompute a rule.
 */
export interface Proposal {
  primaId: string;
  title: MultilingualText;
  description: MultilingualText;
  thematicArea: string;
  coverage: Coverage;
  fundingLine: FundingLine;
  region: string;
  beneficiaryStates: BeneficiaryState[];
  /** YYYY-MM-DD */
  plannedStartDate: string;
  /** YYYY-MM-DD */
  plannedEndDate: string;
  year: number;
  budget: BudgetBreakdown;
  /** staffAndOfficeCosts + operationalCosts */
  budgetTotal: Cents;
}

export const PROPOSAL_KEYS = [
  'primaId',
  'title',
  'description',
  'thematicArea',
  'coverage',
  'fundingLine',
  'region',
  'beneficiaryStates',
  'plannedStartDate',
  'plannedEndDate',
  'year',
  'budget',
  'budgetTotal',
] as const satisfies readonly (keyof Proposal)[];

/** The total of a breakdown; callers have checked the lines are safe integers. */
export function totalOf(budget: BudgetBreakdown): Cents {
  return (budget.staffAndOfficeCosts + budget.operationalCosts) as Cents;
}
