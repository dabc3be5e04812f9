import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { AppConfig } from '#runtime';

/** An OpenID Connect provider whose signed tokens the service accepts. */
export interface IdentityProvider {
  /** The `iss` its tokens must name. */
  issuer: string;
  /** Its public keys, fetched from its JWKS, cached, and fetched again for a key not seen yet. */
  keys: JWTVerifyGetKey;
  /** Where its tokens carry the roles (ROLES_CLAIM). */
  rolesClaim: string;
  /** Where its tokens name the caller's organisation (ORGANISATION_CLAIM). */
  organisationClaim?: string;
}

/** Asymmetric only: a provider's shared secret would let every client forge tokens. */
export const PROVIDER_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

const TIMEOUT_MS = 5_000;

/**
 * The provider of OIDC_ISSUER, its keys read once to prove they can be: found by discovery
 * (`/.well-known/openid-configuration`) unless JWKS_URL names them. Unreachable at start ⇒
 * the start fails with a message naming the variable (an orchestrator restarts the service;
 * a service that starts but refuses every token would hide the fault). Undefined when no
 * provider is configured.
 */
export async function connectIdentityProvider(
  config: Pick<AppConfig, 'oidcIssuer' | 'jwksUrl' | 'rolesClaim'> & Partial<Pick<AppConfig, 'organisationClaim'>>,
): Promise<IdentityProvider | undefined> {
  if (config.oidcIssuer === undefined) return undefined;
  const issuer = config.oidcIssuer;
  const jwksUrl = config.jwksUrl ?? (await discoverKeySet(issuer));
  // jose keeps the keys 10 minutes and, for a kid it has not seen, fetches again at most every 30 s.
  const keys = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: TIMEOUT_MS });
  try {
    await keys.reload();
  } catch (error) {
    throw new Error(`${config.jwksUrl ? 'JWKS_URL' : 'OIDC_ISSUER'}: the provider's keys at ${jwksUrl} cannot be read: ${(error as Error).message}`);
  }
  return { issuer, keys, rolesClaim: config.rolesClaim, ...(config.organisationClaim === undefined ? {} : { organisationClaim: config.organisationClaim }) };
}

async function discoverKeySet(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let metadata: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    metadata = (await response.json()) as typeof metadata;
  } catch (error) {
    throw new Error(`OIDC_ISSUER=${issuer}: the discovery document ${url} cannot be read: ${(error as Error).message}`);
  }
  // OpenID Connect Discovery 1.0 §4.3: the document's issuer is exactly the one asked for.
  if (metadata.issuer !== issuer) {
    throw new Error(`OIDC_ISSUER=${issuer}: the provider calls itself ${JSON.stringify(metadata.issuer)}; set OIDC_ISSUER to exactly that`);
  }
  if (typeof metadata.jwks_uri !== 'string' || !URL.canParse(metadata.jwks_uri)) {
    throw new Error(`OIDC_ISSUER=${issuer}: the discovery document has no usable jwks_uri`);
  }
  return metadata.jwks_uri;
}
