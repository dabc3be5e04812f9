import { DomainError } from './domain-error.js';
import { splitByWeights } from './money.js';

/**
 * A beneficiary state's share of a project, in basis points (hundredths of a percent):
 * 100 % is 10_000. Shares are written at the API edge as decimal strings of percent with
 * at most two decimals ("33.33"); held as integers so that they add up exactly.
 */
export type BasisPoints = number;

export const WHOLE = 10_000;

const PERCENT = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

export function parsePercent(value: unknown, field = 'share'): BasisPoints {
  if (typeof value !== 'string' || !PERCENT.test(value)) {
    throw new DomainError('share.invalid', `${field} must be a percentage like "33.33"`, 'invalid', [
      { field, message: 'expected a string like "50" or "33.33"' },
    ]);
  }
  const [, whole, fraction = ''] = PERCENT.exec(value)!;
  const points = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (points <= 0 || points > WHOLE) {
    throw new DomainError('share.invalid', `${field} must be more than 0 and at most 100`, 'invalid', [
      { field, message: 'must be in (0, 100]' },
    ]);
  }
  return points;
}

export function formatPercent(points: BasisPoints): string {
  return `${Math.trunc(points / 100)}.${String(points % 100).padStart(2, '0')}`;
}

/** The default split: equal shares, remainders by largest remainder (e.g. 33.34/33.33/33.33). */
export function equalShares(count: number): BasisPoints[] {
  if (count === 0) return [];
  return splitByWeights(WHOLE, new Array<number>(count).fill(1));
}
