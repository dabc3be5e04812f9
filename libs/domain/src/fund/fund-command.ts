import { businessDateOf } from '../calendar/business-date.js';
import { CLIENT_ID_RULE, isClientId } from '../shared/client-id.js';
import type { CommandContext } from '../shared/actor.js';
import { DomainError, type FieldError } from '../shared/domain-error.js';
import type { FundingLine } from '../project/commands.js';
// The year range is the proposal's: a project's year must be one an envelope can exist for.
import { FIRST_YEAR, LAST_YEAR } from '../project/rules/proposal-shape.js';

/** The shape every fund-side command shares with the project commands. */
export interface FundCommand<Type extends string, Data> {
  type: Type;
  data: Data;
  context: CommandContext;
  /** Why; required where rule 13 says so (adjustments, releases). */
  reason?: string;
}

/** What every fund event carries from its command: the instant it is recorded at and its business date (ADR 0019). */
export function fundStampOf(context: CommandContext): { at: string; effectiveOn: string } {
  return { at: context.at, effectiveOn: businessDateOf(context) };
}

/** Amounts that move money (reservations, releases, pledges, receipts) are never zero. */
export function requirePositiveCents(amount: unknown, field = 'amount'): void {
  if (!Number.isSafeInteger(amount) || (amount as number) <= 0) {
    throw new DomainError('money.invalid-amount', `${field} must be an amount of USD above 0.00`, 'invalid', [
      { field, message: 'must be above 0.00' },
    ]);
  }
}

/** A size (an envelope's amount) may be zero: an envelope can be opened before it is funded. */
export function requireNonNegativeCents(amount: unknown, field = 'amount'): void {
  if (!Number.isSafeInteger(amount) || (amount as number) < 0) {
    throw new DomainError('money.invalid-amount', `${field} must be an amount of USD, 0.00 or more`, 'invalid', [
      { field, message: 'must be 0.00 or more' },
    ]);
  }
}

/** Envelopes and contributions are both kept per (year, funding line); one check for both. */
export function fundingPeriodErrors(year: unknown, fundingLine: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isInteger(year) || (year as number) < FIRST_YEAR || (year as number) > LAST_YEAR) {
    errors.push({ field: 'year', message: `must be a whole year from ${FIRST_YEAR} to ${LAST_YEAR}` });
  }
  if (!isFundingLine(fundingLine)) {
    errors.push({ field: 'fundingLine', message: 'must be 1 or 2' });
  }
  return errors;
}

export function isFundingLine(value: unknown): value is FundingLine {
  return value === 1 || value === 2;
}

/** Non-blank text of at most `max` characters (counted as Unicode code points, not UTF-16 units). */
export function textErrors(value: unknown, field: string, max: number): FieldError[] {
  if (typeof value !== 'string' || value.trim() === '') return [{ field, message: 'must not be blank' }];
  if ([...value.trim()].length > max) return [{ field, message: `must be at most ${max} characters` }];
  return [];
}

/** Throws `code` with every field error at once, so that a form can show them all. */
export function refuseIfInvalid(code: string, what: string, errors: readonly FieldError[]): void {
  if (errors.length > 0) {
    throw new DomainError(code, `${what}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, 'invalid', [
      ...errors,
    ]);
  }
}

/** A client-chosen id (shared/client-id.ts), reported under `field`. */
export function clientIdErrors(value: unknown, field: string): FieldError[] {
  return isClientId(value) ? [] : [{ field, message: CLIENT_ID_RULE }];
}
