/**
 * Delivery rate: spent ÷ disbursed, in percent with two decimals ("87.50"), rounded half up,
 * or null when nothing is disbursed. Integer arithmetic only (BigInt, so sums of any size
 * stay exact); a rate above 100 % is possible, since expenditure is bounded by the committed
 * budget, not by what was disbursed.
 */
export function deliveryRate(spent: number, disbursed: number): string | null {
  if (!Number.isSafeInteger(spent) || !Number.isSafeInteger(disbursed)) {
    throw new RangeError(`delivery rate needs whole cents, got spent ${spent} and disbursed ${disbursed}`);
  }
  if (disbursed === 0) return null;
  const negative = spent < 0 !== disbursed < 0 && spent !== 0;
  const numerator = BigInt(Math.abs(spent)) * 10_000n;
  const denominator = BigInt(Math.abs(disbursed));
  // Hundredths of a percent, rounded half up: floor((2n + d) / 2d).
  const hundredths = (2n * numerator + denominator) / (2n * denominator);
  const fraction = String(hundredths % 100n).padStart(2, '0');
  return `${negative ? '-' : ''}${hundredths / 100n}.${fraction}`;
}
