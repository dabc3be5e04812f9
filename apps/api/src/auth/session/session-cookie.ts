import type { Request, Response } from 'express';

/** The cookie that holds a browser's session: the bearer token itself, out of every script's reach. */
export const SESSION_COOKIE = 'portfolio_ledger_session';

/**
 * The header the web application sends with every request (apps/web/src/api/client.ts). A
 * page of another site can make the browser send the cookie with a form, but cannot add a
 * header without a CORS preflight this service never grants: a change made with the cookie
 * must carry it (ADR 0024).
 */
export const WEB_CLIENT_HEADER = { name: 'x-requested-with', value: 'portfolio-ledger-web' } as const;

/** Methods that may change something: with the cookie alone they are refused (403 `auth.cross-site`). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function changesState(request: Pick<Request, 'method'>): boolean {
  return !SAFE_METHODS.has(request.method.toUpperCase());
}

export function sentByWebClient(request: Pick<Request, 'headers'>): boolean {
  return request.headers[WEB_CLIENT_HEADER.name] === WEB_CLIENT_HEADER.value;
}

/** The token the session cookie holds, or undefined with no such cookie (Express parses no cookies by itself). */
export function sessionTokenOf(request: Pick<Request, 'headers'>): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(separator + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

/**
 * How the cookie is written: HttpOnly (no script reads it), SameSite=Strict (another site's
 * page never makes the browser send it), Path=/ (every API path), Secure when people reach
 * the service over https (PUBLIC_URL), so it never travels in clear there.
 */
export interface SessionCookiePolicy {
  secure: boolean;
}

export function sessionCookiePolicyOf(publicUrl: string): SessionCookiePolicy {
  return { secure: new URL(publicUrl).protocol === 'https:' };
}

/** Keeps `token` until `expiresAt` (seconds since the epoch): the cookie ends with its token. */
export function keepSession(response: Response, policy: SessionCookiePolicy, token: string, expiresAt: number): void {
  const maxAgeMs = Math.max(0, Math.floor(expiresAt - Date.now() / 1000)) * 1000;
  response.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: policy.secure, maxAge: maxAgeMs });
}

export function endSession(response: Response, policy: SessionCookiePolicy): void {
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: policy.secure });
}

/** No answer about a session is kept by the browser or a proxy. */
export function notStored(response: Response): void {
  response.setHeader('cache-control', 'no-store');
}
