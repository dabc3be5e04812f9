import { equalShares } from '../shared/share.js';
import { recipientPercentages } from './recipient-percentages.js';

const total = (percentages: string[]) => percentages.reduce((sum, p) => sum + Math.round(Number(p) * 100), 0);

describe('recipient-country percentages', () => {
  it('gives an equal split of three 33.34 / 33.33 / 33.33, which adds up to 100', () => {
    expect(recipientPercentages(equalShares(3))).toEqual(['33.34', '33.33', '33.33']);
  });

  it('adds up to exactly 100 for an equal split of any count', () => {
    for (let count = 1; count <= 40; count += 1) expect(total(recipientPercentages(equalShares(count)))).toBe(10_000);
  });

  it('publishes shares given explicitly as given', () => {
    expect(recipientPercentages([6_000, 2_500, 1_500])).toEqual(['60.00', '25.00', '15.00']);
  });

  it('publishes nothing for a project with no beneficiary state', () => {
    expect(recipientPercentages([])).toEqual([]);
  });
});
