import { formatUsd, parseUsd, splitByWeights } from './money.js';
import { displayedShares, equalShares, formatPercent, isEqualSplit, moneySplitWeights, parsePercent } from './share.js';
import { DomainError } from './domain-error.js';

describe('money (rule 1: integer cents, no floating point)', () => {
  it.each([
    ['37887', 3_788_700],
    ['37887.00', 3_788_700],
    ['37887.5', 3_788_750],
    ['0.01', 1],
    ['0.1', 10],
  ])('parses %s into %d cents', (text, expected) => {
    expect(parseUsd(text)).toBe(expected);
  });

  it.each(['-1', '1.234', '1e5', ' 1', '', '1,000.00', '.5'])('refuses %j', (text) => {
    expect(() => parseUsd(text)).toThrow(DomainError);
  });

  it('refuses a JSON number, which may already have lost precision', () => {
    expect(() => parseUsd(37887.1)).toThrow(expect.objectContaining({ code: 'money.invalid-amount' }));
  });

  it('formats cents with two decimals', () => {
    expect(formatUsd(3_788_700)).toBe('37887.00');
    expect(formatUsd(5)).toBe('0.05');
    expect(formatUsd(-150)).toBe('-1.50');
  });

  it('splits by weights in whole cents that add up to the total (largest remainder)', () => {
    expect(splitByWeights(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitByWeights(3_788_701, [5000, 2500, 2500])).toEqual([1_894_351, 947_175, 947_175]);
    expect(splitByWeights(2, [3333, 3333, 3334])).toEqual([1, 0, 1]);
    // Weights that are amounts: products past 2^53, computed exactly (BigInt).
    expect(splitByWeights(100_000_000_000, [33_333_333_333, 33_333_333_333, 33_333_333_334])).toEqual([33_333_333_333, 33_333_333_333, 33_333_333_334]);
    expect(splitByWeights(100_000, [3_333_300_000_000, 3_333_300_000_000, 3_333_300_000_000, 1])).toEqual([33_334, 33_333, 33_333, 0]);
  });
});

describe('beneficiary shares', () => {
  it('defaults to an equal split that adds up to 100 %', () => {
    expect(equalShares(3)).toEqual([3334, 3333, 3333]);
    expect(equalShares(3).map(formatPercent)).toEqual(['33.34', '33.33', '33.33']);
  });

  it('splits money of an equal split exactly equally, not by the rounded percentages', () => {
    // USD 100,000.00 over three states: by 33.34/33.33/33.33 it would be 33,340.00/33,330.00/33,330.00.
    expect(splitByWeights(10_000_000, moneySplitWeights(equalShares(3)))).toEqual([3_333_334, 3_333_333, 3_333_333]);
    // USD 1.00 over seven states: 100 cents, two of them one cent more.
    const sevenths = splitByWeights(100, moneySplitWeights(equalShares(7)));
    expect(sevenths).toEqual([15, 15, 14, 14, 14, 14, 14]);
    expect(sevenths.reduce((sum, part) => sum + part, 0)).toBe(100);
    // Given shares that are not the equal split are followed as given.
    expect(moneySplitWeights([5000, 3000, 2000])).toEqual([5000, 3000, 2000]);
    expect(splitByWeights(10_000_000, moneySplitWeights([3333, 3334, 3333]))).toEqual([3_333_000, 3_334_000, 3_333_000]);
  });

  it('recognises the equal split of any number of states, and nothing else', () => {
    for (const count of [1, 2, 3, 6, 7, 9, 11, 40]) expect(isEqualSplit(equalShares(count))).toBe(true);
    expect(isEqualSplit([])).toBe(false);
    expect(isEqualSplit([3333, 3334, 3333])).toBe(false);
    expect(isEqualSplit([6000, 4000])).toBe(false);
  });

  it('shows the shares of an equal split as 100 / n rounded to two decimals, others as given', () => {
    expect(displayedShares(equalShares(3))).toEqual(['33.33', '33.33', '33.33']);
    expect(displayedShares(equalShares(7))).toEqual(new Array(7).fill('14.29'));
    expect(displayedShares(equalShares(6))).toEqual(new Array(6).fill('16.67'));
    expect(displayedShares(equalShares(2))).toEqual(['50.00', '50.00']);
    expect(displayedShares(equalShares(1))).toEqual(['100.00']);
    expect(displayedShares([1235, 4716, 4049])).toEqual(['12.35', '47.16', '40.49']);
  });

  it('parses percent strings into basis points', () => {
    expect(parsePercent('33.33')).toBe(3333);
    expect(parsePercent('100')).toBe(10_000);
    expect(() => parsePercent('0')).toThrow(DomainError);
    expect(() => parsePercent('100.01')).toThrow(DomainError);
  });
});
