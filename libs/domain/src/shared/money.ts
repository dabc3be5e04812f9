import { DomainError } from './domain-error.js';

/**
 * Money is USD held as integer cents (rule 1). A `Cents` value is always a safe integer:
 * JavaScript numbers represent every integer up to 2^53 exactly, so sums and differences
 * of cents are exact. Nothing on the money path ever holds a fractional value: amounts
 * enter as decimal strings and are parsed digit by digit, never through parseFloat.
 */
export type Cents = number & { readonly __brand: 'Cents' };

const DECIMAL_AMOUNT = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Parses a non-negative USD amount written as a decimal string ("37887", "37887.5",
 * "37887.00") into cents. Refuses more than two decimals, signs, exponents and numbers
 * (a JSON number may already have lost precision).
 */
export function parseUsd(value: unknown, field = 'amount'): Cents {
  if (typeof value !== 'string' || !DECIMAL_AMOUNT.test(value)) {
    throw new DomainError(
      'money.invalid-amount',
      `${field} must be a decimal string of US dollars with at most two decimals, e.g. "37887.00"`,
      'invalid',
      [{ field, message: 'expected a string like "37887.00"' }],
    );
  }
  const [, dollars, fraction = ''] = DECIMAL_AMOUNT.exec(value)!;
  return cents(Number(dollars) * 100 + Number(fraction.padEnd(2, '0')));
}

/** Formats cents as a decimal string of dollars with two decimals ("37887.00"). */
export function formatUsd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const dollars = Math.trunc(abs / 100);
  const rest = abs - dollars * 100;
  return `${sign}${dollars}.${String(rest).padStart(2, '0')}`;
}

/** Brands a number as cents after checking it is a safe integer. */
export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) {
    throw new DomainError('money.not-whole-cents', `${value} is not a whole number of cents`, 'invalid');
  }
  return value as Cents;
}

export function addCents(...amounts: number[]): Cents {
  return cents(amounts.reduce((sum, amount) => sum + amount, 0));
}

export function subtractCents(a: number, b: number): Cents {
  return cents(a - b);
}

/**
 * Splits `total` cents into parts proportional to `weights` (non-negative integers, not
 * all zero), in whole cents, giving the remainder cents by the largest-remainder method
 * (ties go to the earlier part) so that the parts always add up to `total` exactly.
 */
export function splitByWeights(total: number, weights: readonly number[]): Cents[] {
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  if (weights.length === 0 || weightSum <= 0) {
    throw new DomainError('money.invalid-split', 'cannot split an amount over no weights', 'invalid');
  }
  // Integer arithmetic only: quotient and remainder of total*w / weightSum. The product
  // stays a safe integer for shares (weights ≤ 10_000) of any budget this fund handles; with
  // weights that are amounts themselves (a donor's part of each project's commitment) it may
  // not, and is then computed in BigInt: the same parts, exactly.
  const exact = Number.isSafeInteger(total * weightSum) && Number.isSafeInteger(weightSum);
  const parts = weights.map((w, index) => {
    if (!exact) {
      const product = BigInt(total) * BigInt(w);
      const whole = product / BigInt(weightSum);
      return { index, whole: Number(whole), remainder: product - whole * BigInt(weightSum) };
    }
    const product = total * w;
    const whole = Math.floor(product / weightSum);
    return { index, whole, remainder: product - whole * weightSum as number | bigint };
  });
  let left = total - parts.reduce((sum, p) => sum + p.whole, 0);
  const byRemainder = [...parts].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index));
  for (const part of byRemainder) {
    if (left <= 0) break;
    part.whole += 1;
    left -= 1;
  }
  return parts.map((p) => cents(p.whole));
}
