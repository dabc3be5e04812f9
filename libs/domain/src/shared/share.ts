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

/**
 * The default split: equal shares, remainders by largest remainder (e.g. 33.34/33.33/33.33).
 * These are what a proposal that gives no share records (its events keep their shape);
 * money is not split by them but exactly equally (`moneySplitWeights`).
 */
export function equalShares(count: number): BasisPoints[] {
  if (count === 0) return [];
  return splitByWeights(WHOLE, new Array<number>(count).fill(1));
}

/** Whether the shares are the equal split of their count, as `equalShares` resolves it. */
export function isEqualSplit(shares: readonly BasisPoints[]): boolean {
  const equal = equalShares(shares.length);
  return shares.length > 0 && shares.every((share, index) => share === equal[index]);
}

/**
 * The weights each amount is split over the beneficiary states by (`splitByWeights`). An
 * equal split (no share given, or exactly the shares that resolves to) splits by equal
 * weights, so that each amount is shared exactly equally, largest-remainder cents on the
 * amount itself: USD 100,000.00 over three states is 33,333.34 / 33,333.33 / 33,333.33, not
 * the 33,340.00 / 33,330.00 / 33,330.00 that the rounded percentages would give. Shares that
 * were given otherwise split by those shares.
 */
export function moneySplitWeights(shares: readonly BasisPoints[]): number[] {
  return isEqualSplit(shares) ? shares.map(() => 1) : [...shares];
}

/**
 * The shares as shown and exported: percent with two decimals. An equal split shows each
 * state's exact part rounded half up, 100 / n (33.33 for three, 14.29 for seven), the split the
 * money follows; other shares are shown as given. Rounded for display only: the shown
 * percentages of an equal split need not add up to 100.
 */
export function displayedShares(shares: readonly BasisPoints[]): string[] {
  if (!isEqualSplit(shares)) return shares.map(formatPercent);
  const count = shares.length;
  const rounded = Math.floor((2 * WHOLE + count) / (2 * count));
  return shares.map(() => formatPercent(rounded));
}
