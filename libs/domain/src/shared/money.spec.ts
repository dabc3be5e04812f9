import { formatUsd, parseUsd, splitByWeights } from './money.js';
import { equalShares, formatPercent, parsePercent } from './share.js';
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
  });
});

describe('beneficiary shares', () => {
  it('defaults to an equal split that adds up to 100 %', () => {
    expect(equalShares(3)).toEqual([3334, 3333, 3333]);
    expect(equalShares(3).map(formatPercent)).toEqual(['33.34', '33.33', '33.33']);
  });

  it('parses percent strings into basis points', () => {
    expect(parsePercent('33.33')).toBe(3333);
    expect(parsePercent('100')).toBe(10_000);
    expect(() => parsePercent('0')).toThrow(DomainError);
    expect(() => parsePercent('100.01')).toThrow(DomainError);
  });
});
