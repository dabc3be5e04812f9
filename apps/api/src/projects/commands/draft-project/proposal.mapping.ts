import { DomainError, parsePercent, parseUsd, type FieldError, type ProposalFields } from '#domain';
import type { ProposalRequest } from './draft-project.request.js';

/**
 * Turns the decimal strings of a request (USD amounts, percentages) into the domain's
 * integers with the domain's own parsers, reporting every bad field at once.
 */
export function toProposalFields(request: Partial<ProposalRequest>): Partial<ProposalFields> {
  const errors: FieldError[] = [];
  const attempt = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push(...error.errors);
      return undefined;
    }
  };
  // effectiveOn is when the command happened, not a field of the proposal (commandMetadataOf reads it).
  const { budget, beneficiaryStates, effectiveOn: _effectiveOn, ...rest } = request;
  const fields: Partial<ProposalFields> = { ...rest };
  if (budget !== undefined) {
    const staffAndOfficeCosts = attempt(() => parseUsd(budget.staffAndOfficeCosts, 'budget.staffAndOfficeCosts'));
    const operationalCosts = attempt(() => parseUsd(budget.operationalCosts, 'budget.operationalCosts'));
    if (staffAndOfficeCosts !== undefined && operationalCosts !== undefined) fields.budget = { staffAndOfficeCosts, operationalCosts };
  }
  if (beneficiaryStates !== undefined) {
    fields.beneficiaryStates = beneficiaryStates.map((state, index) => {
      const share = state.share === undefined ? undefined : attempt(() => parsePercent(state.share, `beneficiaryStates.${index}.share`));
      return share === undefined ? { code: state.code } : { code: state.code, share };
    });
  }
  if (errors.length > 0) throw new DomainError('proposal.invalid', 'some amounts or shares are not valid', 'invalid', errors);
  return fields;
}
