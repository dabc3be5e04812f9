/**
 * Where to go once signed in: a path of this site only. `next` comes from the address (a link
 * anyone can make) or back from the provider, so `//host`, `/\host`, a scheme or a control
 * character — anything a browser could read as another site — is replaced by the overview.
 * The server holds sign-in links to the same rule (apps/api/src/auth/sign-in-link/same-origin-path.ts).
 */
export function nextPath(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || /[\\\p{Cc}\s]/u.test(next)) return '/';
  const url = new URL(next, window.location.origin);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/sign-in')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
