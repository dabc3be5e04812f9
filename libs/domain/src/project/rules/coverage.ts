import { DomainError } from '../../shared/domain-error.js';
import { equalShares, formatPercent, WHOLE } from '../../shared/share.js';
import type { BeneficiaryStateInput, Coverage } from '../commands.js';
import type { BeneficiaryState } from '../proposal.js';

/**
 * Rule 4: a national project benefits exactly one state, a regional one at least two; a
 * global project may name any number (including none).
 */
export function assertBeneficiariesMatchCoverage(coverage: Coverage, states: readonly unknown[]): void {
  const count = states.length;
  const problem =
    coverage === 'national' && count !== 1
      ? 'a national project has exactly one beneficiary state'
      : coverage === 'regional' && count < 2
        ? 'a regional project has at least two beneficiary states'
        : undefined;
  if (problem) {
    throw new DomainError('coverage.beneficiary-states', `${problem}; ${count} given`, 'invalid', [
      { field: 'beneficiaryStates', message: problem },
    ]);
  }
}

/**
 * Each state's share of the project (IATI's recipient-country percentage): either none is
 * given and the split is equal (remainder by largest remainder), or every state has one
 * and they add up to exactly 100 %. The event records the resolved shares so that every
 * view splits money the same way.
 */
export function resolveShares(states: readonly BeneficiaryStateInput[]): BeneficiaryState[] {
  const given = states.filter((state) => state.share !== undefined);
  if (given.length === 0) {
    const shares = equalShares(states.length);
    return states.map((state, index) => ({ code: state.code, share: shares[index]! }));
  }
  if (given.length !== states.length) {
    throw sharesInvalid('give a share for every beneficiary state, or for none (equal split)');
  }
  const badIndex = states.findIndex(
    (state) => !Number.isSafeInteger(state.share) || state.share! <= 0 || state.share! > WHOLE,
  );
  if (badIndex >= 0) {
    throw sharesInvalid('each share must be more than 0 and at most 100 %', `beneficiaryStates.${badIndex}.share`);
  }
  const sum = states.reduce((total, state) => total + state.share!, 0);
  if (sum !== WHOLE) {
    // Shares are written in percent at the edge (parsePercent), so the detail says percent too.
    throw sharesInvalid(`the shares add up to ${formatPercent(sum)} % instead of 100.00 %`);
  }
  return states.map((state) => ({ code: state.code, share: state.share! }));
}

function sharesInvalid(message: string, field = 'beneficiaryStates'): DomainError {
  return new DomainError('beneficiary.shares-invalid', message, 'invalid', [{ field, message }]);
}
