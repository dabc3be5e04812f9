import type { AuthConfig } from '../../api/session';

type ProviderSettings = NonNullable<AuthConfig['oidc']>;

/** The provider's OpenID Connect client, loaded only when someone signs in with it (oidc-client-ts weighs ~20 kB gzip). */
async function userManagerFor(provider: ProviderSettings) {
  const { InMemoryWebStorage, UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: provider.issuer,
    client_id: provider.clientId,
    redirect_uri: `${window.location.origin}/sign-in/callback`,
    response_type: 'code',
    scope: provider.scope,
    // The user (and its tokens) in memory only: no script finds them in the browser's storage
    // later. Its access token goes to POST /auth/session and is forgotten at once.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    // The PKCE verifier and `state` must survive the trip to the provider and back: this tab's
    // session storage holds them meanwhile, and the callback removes them.
    stateStore: new WebStorageStateStore({ store: window.sessionStorage, prefix: 'portfolio-ledger.sign-in.' }),
    monitorSession: false,
    automaticSilentRenew: false,
    loadUserInfo: false,
  });
}

/** Sends the browser to the provider (authorization code with PKCE); `next` comes back in `state`. */
export async function startProviderSignIn(provider: ProviderSettings, next: string): Promise<void> {
  const manager = await userManagerFor(provider);
  await manager.signinRedirect({ state: { next } });
}

/**
 * Completes the sign-in on the callback page: exchanges the code for the provider's tokens
 * (the verifier proves this browser asked), and hands back the access token and `next`,
 * keeping nothing.
 */
export async function finishProviderSignIn(provider: ProviderSettings): Promise<{ accessToken: string; next: unknown }> {
  const manager = await userManagerFor(provider);
  const user = await manager.signinRedirectCallback();
  await manager.removeUser();
  return { accessToken: user.access_token, next: (user.state as { next?: unknown } | undefined)?.next };
}

/** The provider's name for the button: its host (id.example.org), which is what a reader recognises. */
export function providerName(provider: ProviderSettings): string {
  try {
    return new URL(provider.issuer).host;
  } catch {
    return provider.issuer;
  }
}
