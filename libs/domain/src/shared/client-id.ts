/**
 * Ids a client chooses for what it records (contributions, receipts, transactions, change
 * requests, reports): letters and digits of ASCII, then also `.`, `_`, `~` and `-`, at
 * most 100 in all. Every one of those characters is safe unescaped in a URL path and a
 * header, so an id recorded can always be named back in a `Location` or a path; a retried
 * command sends the same id and is recognised.
 */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$/;

export const CLIENT_ID_RULE = 'expected 1 to 100 characters: ASCII letters and digits, then also . _ ~ - (starting with a letter or digit)';

export function isClientId(value: unknown): value is string {
  return typeof value === 'string' && CLIENT_ID_PATTERN.test(value);
}
