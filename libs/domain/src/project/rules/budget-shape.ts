import type { FieldError } from '../../shared/domain-error.js';

const LINES = ['staffAndOfficeCosts', 'operationalCosts'] as const;

/**
 * A budget breakdown is well formed when every line is a whole, non-negative number of
 * cents (rule 1) and the total is positive. Used for proposals and revisions alike.
 */
export function budgetShapeErrors(budget: unknown, field = 'budget'): FieldError[] {
  if (typeof budget !== 'object' || budget === null || Array.isArray(budget)) {
    return [{ field, message: 'expected the budget breakdown' }];
  }
  const lines = budget as Record<string, unknown>;
  const errors: FieldError[] = LINES.filter((line) => !isWholeNonNegative(lines[line])).map((line) => ({
    field: `${field}.${line}`,
    message: 'must be an amount of USD, 0.00 or more',
  }));
  if (errors.length > 0) return errors;
  const total = LINES.reduce((sum, line) => sum + (lines[line] as number), 0);
  if (!Number.isSafeInteger(total)) return [{ field, message: 'the total is too large' }];
  if (total <= 0) return [{ field, message: 'the total budget must be more than zero' }];
  return [];
}

function isWholeNonNegative(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
