/**
 * The API sends money as decimal strings of USD ("37887.00"). A page that adds amounts up
 * (a column's total, a running sum) does it in whole cents, as the service does, so that a
 * total shown is exactly the sum of the rows above it — never a float's approximation.
 */
export function centsOf(amount: string): number {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new Error(`not an amount of USD: ${amount}`);
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '0').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

/** Whole cents back to the API's form: 3788700 → "37887.00". */
export function amountOf(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(cents);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

/** The exact sum of decimal amounts, as a decimal amount. */
export function sumOf(amounts: readonly string[]): string {
  return amountOf(amounts.reduce((sum, amount) => sum + centsOf(amount), 0));
}

/** `part` as a percentage of `whole` (for display only: 0–100, null when the whole is zero). */
export function shareOf(part: string, whole: string): number | null {
  const base = centsOf(whole);
  return base === 0 ? null : (centsOf(part) / base) * 100;
}
