import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
// For its side effect: the provider's notices about production use are kept out of the test output.
import './local-identity-provider.js';

/** Who may sign in at the provider, by login: the roles and organisation its access tokens carry. */
export interface ProviderAccount {
  roles: string[];
  organisation?: string;
}

/** Where its access tokens carry roles and organisation: not the service's defaults, so ROLES_CLAIM and ORGANISATION_CLAIM are exercised. */
export const ROLES_CLAIM = 'ledger_roles';
export const ORGANISATION_CLAIM = 'ledger_org';
/** The scope that names the ledger's API: asking for it is what brings an access token for it (OIDC_SCOPE). */
export const LEDGER_SCOPE = 'ledger';

/**
 * A real OpenID Connect provider (panva's oidc-provider) on a loopback port for the browser
 * tests: a public client of the web application (authorization code, PKCE required, no
 * secret), its development login form (any login, any password) and consent page, and JWT
 * access tokens for the ledger's API (resource indicators: audience `portfolio-ledger`,
 * defaulted, so the authorization request needs no `resource`). The client is registered
 * once the portal's address is known (`allowWebClient`): the service reads the provider's
 * discovery document when it starts, before its own port is known to the test.
 */
export class BrowserIdentityProvider {
  private handle: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => response.writeHead(503).end();
  private key: JWK | undefined;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly accounts: Record<string, ProviderAccount>,
    private readonly audience: string,
  ) {}

  static async start(accounts: Record<string, ProviderAccount>, options: { audience?: string } = {}): Promise<BrowserIdentityProvider> {
    const server = createServer((request, response) => provider.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const provider = new BrowserIdentityProvider(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`, accounts, options.audience ?? 'portfolio-ledger');
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    provider.key = { ...(await exportJWK(privateKey)), kid: 'browser-key-1', alg: 'ES256', use: 'sig' };
    provider.handle = new Provider(provider.issuer, provider.configuration([])).callback();
    return provider;
  }

  /** Registers the web application's public client, redirecting to `redirectUri`. */
  allowWebClient(clientId: string, redirectUri: string): void {
    this.handle = new Provider(
      this.issuer,
      this.configuration([
        {
          client_id: clientId,
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code'],
          response_types: ['code'],
          redirect_uris: [redirectUri],
          id_token_signed_response_alg: 'ES256',
        },
      ]),
    ).callback();
  }

  private configuration(clients: NonNullable<Configuration['clients']>): Configuration {
    const accounts = this.accounts;
    return {
      jwks: { keys: [this.key!] },
      clients,
      pkce: { required: () => true },
      scopes: ['openid', 'profile', LEDGER_SCOPE],
      findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
      features: {
        devInteractions: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => 'urn:portfolio-ledger',
          useGrantedResource: () => true,
          getResourceServerInfo: () => ({
            scope: LEDGER_SCOPE,
            audience: this.audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 600,
            jwt: { sign: { alg: 'ES256' } },
          }),
        },
      },
      extraTokenClaims: (_ctx, token) => {
        const account = accounts[(token as { accountId?: string }).accountId ?? ''];
        return account === undefined ? {} : { [ROLES_CLAIM]: account.roles, ...(account.organisation === undefined ? {} : { [ORGANISATION_CLAIM]: account.organisation }) };
      },
    };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
