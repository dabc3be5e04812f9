import { deliveryRate } from './delivery-rate.js';

describe('delivery rate (spent ÷ disbursed)', () => {
  it('has no rate before anything is disbursed', () => {
    expect(deliveryRate(0, 0)).toBeNull();
    expect(deliveryRate(500, 0)).toBeNull();
  });

  it.each([
    [0, 100, '0.00'],
    [875_000, 1_000_000, '87.50'],
    [1, 3, '33.33'],
    [2, 3, '66.67'],
    [100, 100, '100.00'],
    // Expenditure is bounded by the committed budget, not by what was disbursed.
    [150, 100, '150.00'],
    // Half a hundredth of a percent rounds up; less rounds down.
    [1, 20_000, '0.01'],
    [1, 20_001, '0.00'],
  ])('spent %p of %p disbursed is %p %', (spent, disbursed, rate) => {
    expect(deliveryRate(spent, disbursed)).toBe(rate);
  });

  it('stays exact for sums far beyond what floating point multiplies exactly', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(deliveryRate(max, max)).toBe('100.00');
    expect(deliveryRate(max - 1, max)).toBe('100.00');
    expect(deliveryRate(Math.floor(max / 3), max)).toBe('33.33');
  });

  it('refuses amounts that are not whole cents', () => {
    expect(() => deliveryRate(1.5, 10)).toThrow(RangeError);
    expect(() => deliveryRate(1, Number.NaN)).toThrow(RangeError);
  });
});
