import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';

/** A machine client of the provider: its id is the token's subject, and these roles go into the token. */
export interface ProviderClient {
  clientId: string;
  roles: string[];
  /** The access token's lifetime (s): the provider's default is 10 minutes. */
  ttlSeconds?: number;
}

// The provider's own notices (a development-only store, Node 20 not its preferred runtime)
// are about running it in production, which a test does not; everything else still prints.
for (const level of ['warn', 'info'] as const) {
  const print = console[level].bind(console);
  console[level] = (...args: unknown[]) => (typeof args[0] === 'string' && args[0].includes('oidc-provider ') ? undefined : print(...args));
}

const CLIENT_SECRET = 'a-client-secret-for-the-local-test-provider';

/**
 * A real OpenID Connect provider (panva's oidc-provider, OpenID-certified) on a loopback
 * port: discovery, JWKS and the client-credentials grant issuing JWT access tokens for a
 * resource (RFC 8707), roles under `realm_access.roles` as Keycloak puts them.
 * `rotateKeys()` puts a new signing key first and keeps the old one published, as a
 * provider rotating its keys does; issuer and port stay.
 */
export class LocalIdentityProvider {
  private keys: JWK[] = [];
  private handle: (request: IncomingMessage, response: ServerResponse) => void = () => undefined;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly clients: ProviderClient[],
  ) {}

  static async start(clients: ProviderClient[]): Promise<LocalIdentityProvider> {
    const server = createServer((request, response) => provider.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const provider = new LocalIdentityProvider(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`, clients);
    await provider.rotateKeys();
    return provider;
  }

  /** The kid of the key tokens are signed with now. */
  get signingKid(): string {
    return this.keys[0]!.kid!;
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }

  /** The public half of the signing key (what an attacker could use as an HMAC secret). */
  get publicSigningKey(): JWK {
    const { d: _, ...publicKey } = this.keys[0]!;
    return publicKey;
  }

  async rotateKeys(): Promise<void> {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    this.keys = [{ ...(await exportJWK(privateKey)), kid: `key-${this.keys.length + 1}`, alg: 'ES256', use: 'sig' }, ...this.keys];
    const clientRoles = new Map(this.clients.map((client) => [client.clientId, client]));
    const provider = new Provider(this.issuer, {
      jwks: { keys: this.keys },
      clients: this.clients.map((client) => ({
        client_id: client.clientId,
        client_secret: CLIENT_SECRET,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'ES256',
      })),
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => 'urn:portfolio-ledger',
          useGrantedResource: () => true,
          // The resource `urn:<name>` is the API whose audience is `<name>`.
          getResourceServerInfo: (ctx, resource) => ({
            scope: 'ledger',
            audience: resource.replace(/^urn:/, ''),
            accessTokenFormat: 'jwt',
            accessTokenTTL: clientRoles.get(ctx.oidc.client!.clientId)?.ttlSeconds ?? 600,
            jwt: { sign: { alg: 'ES256' } },
          }),
        },
      },
      extraTokenClaims: (_ctx, token) => ({ realm_access: { roles: clientRoles.get((token as { clientId: string }).clientId)?.roles ?? [] } }),
    });
    this.handle = provider.callback();
  }

  /** An access token for the client, for the API named `audience` (its `aud`). */
  async token(clientId: string, audience = 'portfolio-ledger'): Promise<string> {
    const response = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: CLIENT_SECRET, scope: 'ledger', resource: `urn:${audience}` }),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!response.ok || !body.access_token) throw new Error(`the provider refused a token: ${response.status} ${JSON.stringify(body)}`);
    return body.access_token;
  }

  /** While down, every request to the provider fails (503). */
  down(): () => void {
    const handle = this.handle;
    this.handle = (_request, response) => response.writeHead(503).end();
    return () => (this.handle = handle);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
