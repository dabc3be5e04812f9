import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from './client';

/**
 * Who is signed in, as the API reads the session cookie (GET /auth/session). The token
 * itself never reaches a script: the API keeps it in an HttpOnly cookie.
 */
export interface Session {
  signedIn: boolean;
  subject?: string;
  roles?: string[];
  organisation?: string;
  /** ISO instant the session ends (the token's expiry). */
  expiresAt?: string;
}

/** How this service lets people sign in, and whether it publishes a portal (GET /auth/config). */
export interface AuthConfig {
  publicPortal: boolean;
  /** An OpenID Connect provider for the browser (authorization code with PKCE), if configured. */
  oidc: { issuer: string; clientId: string; scope: string } | null;
  /** Sign-in links printed by `npm run sign-in-link` are accepted. */
  signInLink: boolean;
}

export const SESSION_KEY = ['auth', 'session'] as const;

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: ({ signal }) => getJson<Session>('/auth/session', signal), staleTime: 60_000 });
}

export function useAuthConfig() {
  return useQuery({ queryKey: ['auth', 'config'], queryFn: ({ signal }) => getJson<AuthConfig>('/auth/config', signal), staleTime: Infinity });
}

export function signOut(): Promise<void> {
  return sendJson<void>('DELETE', '/auth/session');
}
