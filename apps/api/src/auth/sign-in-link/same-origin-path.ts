/** Where a sign-in goes when it names no place, or a place that is not one of this site's. */
export const HOME = '/';

const BASE = 'http://same-origin.invalid';

/**
 * `next` as a path of this site, or undefined when it could lead elsewhere: only `/…`, never
 * `//host` or `/\host` (browsers read both as another host), no scheme, no backslash, no
 * control character (a browser drops tabs and newlines, turning `/\t/host` into `//host`).
 * What a sign-in link or callback sends the browser to, so an attacker's link cannot use
 * this site's sign-in to send someone to theirs.
 */
export function sameOriginPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2_000) return undefined;
  if (!next.startsWith('/') || next.startsWith('//') || /[\\\p{Cc}\s]/u.test(next)) return undefined;
  if (!URL.canParse(next, BASE)) return undefined;
  const url = new URL(next, BASE);
  if (url.origin !== BASE) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
