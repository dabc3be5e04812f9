import type { AppConfig } from '#runtime';
import { sessionCookiePolicyOf, type SessionCookiePolicy } from './session-cookie.js';

/** The OpenID Connect client the web application signs in with (authorization code with PKCE). */
export interface BrowserSignIn {
  issuer: string;
  clientId: string;
  scope: string;
}

/** What the session endpoints and the guard need to know of the configuration, read once. */
export class SessionSettings {
  constructor(
    readonly cookie: SessionCookiePolicy,
    /** PUBLIC_PORTAL: visitors read what is marked @OpenToVisitors() without signing in. */
    readonly publicPortal: boolean,
    /** Only with both OIDC_ISSUER and OIDC_CLIENT_ID: a provider whose tokens are accepted is not enough to sign in a browser. */
    readonly browserSignIn: BrowserSignIn | null,
  ) {}

  static of(config: Pick<AppConfig, 'publicUrl' | 'publicPortal' | 'oidcIssuer' | 'oidcClientId' | 'oidcScope'>): SessionSettings {
    const browserSignIn =
      config.oidcIssuer !== undefined && config.oidcClientId !== undefined ? { issuer: config.oidcIssuer, clientId: config.oidcClientId, scope: config.oidcScope } : null;
    return new SessionSettings(sessionCookiePolicyOf(config.publicUrl), config.publicPortal, browserSignIn);
  }
}
