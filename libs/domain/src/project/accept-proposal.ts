import { DomainError } from '../shared/domain-error.js';
import type { FundPolicy } from '../fund/fund-policy.js';
import type { ProposalFields } from './commands.js';
import { totalOf, type Proposal } from './proposal.js';
import { assertWithinCeiling } from './rules/ceiling.js';
import { assertBeneficiariesMatchCoverage, resolveShares } from './rules/coverage.js';
import { withCanonicalTags } from './rules/multilingual-text.js';
import { proposalShapeErrors } from './rules/proposal-shape.js';
import { assertStaffCostsWithinLimit } from './rules/staff-costs.js';

/**
 * Checks a whole proposal (drafted, or a draft as an amendment would leave it) and returns
 * it as it is recorded: shares resolved, total computed. Shape problems are reported all
 * together; then the rules between fields, each with its own code (rules 4, 2, 3).
 */
export function acceptProposal(
  fields: ProposalFields & { projectId?: string },
  policy: FundPolicy,
  /** `historic`: a project the fund already funded (an import): rule 3's ceilings were those of its day. */
  options: { withProjectId?: boolean; historic?: boolean } = {},
): Proposal {
  const errors = proposalShapeErrors(fields as unknown as Record<string, unknown>, policy, options);
  if (errors.length > 0) {
    throw new DomainError(
      'proposal.invalid',
      `the proposal is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      'invalid',
      errors,
    );
  }
  assertBeneficiariesMatchCoverage(fields.coverage, fields.beneficiaryStates);
  const beneficiaryStates = resolveShares(fields.beneficiaryStates);
  assertStaffCostsWithinLimit(fields.budget);
  const budgetTotal = totalOf(fields.budget);
  if (!options.historic) assertWithinCeiling(budgetTotal, fields.fundingLine, fields.coverage, policy);
  return {
    primaId: fields.primaId,
    title: withCanonicalTags(fields.title),
    description: withCanonicalTags(fields.description),
    thematicArea: fields.thematicArea,
    coverage: fields.coverage,
    fundingLine: fields.fundingLine,
    region: fields.region,
    beneficiaryStates,
    plannedStartDate: fields.plannedStartDate,
    plannedEndDate: fields.plannedEndDate,
    year: fields.year,
    budget: { staffAndOfficeCosts: fields.budget.staffAndOfficeCosts, operationalCosts: fields.budget.operationalCosts },
    budgetTotal,
  };
}
