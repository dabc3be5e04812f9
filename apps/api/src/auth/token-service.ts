import { webcrypto } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { type Role } from '#domain';
import { parseDurationSeconds } from '#runtime';
import { PROVIDER_ALGORITHMS, type IdentityProvider } from './identity-provider.js';
import { InvalidTokenError, ORGANISATION_CLAIM, checkLifetime, organisationAt, principalOf, subjectProblem, type Principal, type TokenLimits } from './token-claims.js';

export { InvalidTokenError, type Principal, type TokenLimits } from './token-claims.js';

/** The `iss` of the tokens this service mints with its shared secret. */
const ISSUER = 'portfolio-ledger';
/** What `npm run token` and callers get unless they ask for more: a working day. */
export const DEFAULT_TOKEN_TTL = '8h';

/** The provider's keys cannot be fetched now (503 `auth.provider-unavailable`). */
export class KeysUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the identity provider's keys cannot be fetched now (${(cause as Error)?.message ?? String(cause)}); try again shortly`);
  }
}

/** jose's codes for a key set that could not be had (a generic error: the provider did not answer 200). */
const KEY_SET_FAULTS = [errors.JWKSTimeout.code, errors.JWKSInvalid.code, errors.JOSEError.code];

/** A token already verified: who it names, and until when it may be used. */
interface VerifiedToken {
  principal: Principal;
  /** Seconds since the epoch (the token's exp, nbf). */
  expiresAt: number;
  notBefore: number | undefined;
}

/**
 * Verifies bearer tokens: HS256 ones signed with the service's shared secret (which it
 * also mints), and, when a provider is configured, the provider's asymmetric ones. Both
 * are held to the same limits (TokenLimits, token-claims.ts).
 */
export class TokenService {
  /**
   * The secret as a WebCrypto key, imported once: given the raw bytes, jose imports them
   * again on every call (~7 % of the API's CPU under load, bench/). Undefined: HS256
   * tokens are refused (a provider only, no secret kept).
   */
  private readonly key: Promise<webcrypto.CryptoKey> | undefined;

  /**
   * HS256 tokens verified already, most recently used last. A client sends the same token
   * with every request, and checking its signature (WebCrypto HMAC, an async job on the
   * thread pool) was a fifth of the API's CPU answering cached views (bench/). Whether a
   * signature is good never changes for a given token and secret, so only the time claims
   * are checked again on each use. A provider's tokens are not remembered: its keys rotate.
   */
  private readonly verified = new Map<string, VerifiedToken>();
  private readonly rememberedTokens: number;
  private readonly provider: IdentityProvider | undefined;

  constructor(
    secret: Uint8Array | undefined,
    readonly limits: TokenLimits,
    options: { provider?: IdentityProvider; rememberedTokens?: number } = {},
  ) {
    this.key = secret && webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    this.provider = options.provider;
    this.rememberedTokens = options.rememberedTokens ?? 1_000;
  }

  /**
   * An HS256 token for `subject` in `roles` (and, for a donor, its `organisation`), carrying this service's `aud`, living `ttl`
   * (`8h`, `30m`, `3600s`; default 8 h or JWT_MAX_TTL if shorter). A longer one than
   * JWT_MAX_TTL would be refused, so it is not minted.
   */
  async mint(subject: string, roles: readonly Role[], ttl?: string, claims: { organisation?: string } = {}): Promise<string> {
    if (this.key === undefined) throw new Error('no shared secret (JWT_SECRET or DATA_DIR/jwt-secret): this service only accepts its provider\'s tokens');
    const seconds = ttl === undefined ? Math.min(parseDurationSeconds(DEFAULT_TOKEN_TTL)!, this.limits.maxTtlSeconds) : parseDurationSeconds(ttl);
    if (seconds === undefined) throw new Error(`a token's lifetime is a duration such as 8h, 30m or 3600s, not ${JSON.stringify(ttl)}`);
    if (seconds > this.limits.maxTtlSeconds) {
      throw new Error(`a token may live at most ${this.limits.maxTtlSeconds} s (JWT_MAX_TTL); ${ttl} is ${seconds} s`);
    }
    const problem = subjectProblem(subject);
    if (problem !== undefined) throw new Error(problem);
    const now = Math.floor(Date.now() / 1000);
    const organisation = claims.organisation === undefined ? {} : { [ORGANISATION_CLAIM]: claims.organisation };
    organisationAt(organisation, ORGANISATION_CLAIM); // a name the service would refuse is not minted
    return new SignJWT({ roles: [...roles], ...organisation })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setAudience(this.limits.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + seconds)
      .sign(await this.key);
  }

  async verify(token: string): Promise<Principal> {
    return (await this.inspect(token)).principal;
  }

  /**
   * Verifies like verify(), and says until when the token may be used (`expiresAt`, seconds
   * since the epoch): a browser session kept in a cookie lives exactly as long as its token.
   */
  async inspect(token: string): Promise<{ principal: Principal; expiresAt: number }> {
    const known = this.verified.get(token);
    if (known) {
      const now = Date.now() / 1000;
      if (now < known.expiresAt && (known.notBefore === undefined || now >= known.notBefore)) {
        this.verified.delete(token);
        this.verified.set(token, known);
        return known;
      }
      // Expired (or not yet valid): let jose say so, in its words.
      this.verified.delete(token);
    }
    let algorithm: unknown;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      throw new InvalidTokenError('the bearer token is not a JWT (header.payload.signature)');
    }
    if (algorithm === 'HS256') return this.verifyShared(token);
    if (this.provider && typeof algorithm === 'string' && PROVIDER_ALGORITHMS.includes(algorithm)) return this.verifyFromProvider(token, this.provider);
    throw new InvalidTokenError(`tokens signed with ${String(algorithm)} are not accepted; this service accepts ${this.acceptedAlgorithms()}`);
  }

  private async verifyShared(token: string): Promise<VerifiedToken> {
    if (this.key === undefined) {
      throw new InvalidTokenError(`HS256 tokens are not accepted: no shared secret is kept; send a token of the provider (${this.acceptedAlgorithms()})`);
    }
    const key = await this.key;
    const payload = await this.checked(() => jwtVerify(token, key, { issuer: ISSUER, audience: this.limits.audience, algorithms: ['HS256'], requiredClaims: ['exp'] }));
    const verified = { principal: principalOf(payload, 'roles'), expiresAt: payload.exp!, notBefore: payload.nbf };
    if (this.rememberedTokens > 0) {
      this.verified.set(token, verified);
      if (this.verified.size > this.rememberedTokens) this.verified.delete(this.verified.keys().next().value!);
    }
    return verified;
  }

  private async verifyFromProvider(token: string, provider: IdentityProvider): Promise<VerifiedToken> {
    const payload = await this.checked(async () => {
      try {
        return await jwtVerify(token, provider.keys, { issuer: provider.issuer, audience: this.limits.audience, algorithms: PROVIDER_ALGORITHMS, requiredClaims: ['exp'] });
      } catch (error) {
        // The key set could not be fetched (down, timeout, not a JWKS): the token may well be good, so not a 401.
        if (!(error instanceof errors.JOSEError) || KEY_SET_FAULTS.includes(error.code)) throw new KeysUnavailableError(error);
        throw error;
      }
    });
    return { principal: principalOf(payload, provider.rolesClaim, provider.organisationClaim), expiresAt: payload.exp!, notBefore: payload.nbf };
  }

  /** jose's verification, then the limits; every refusal as an InvalidTokenError with a clear reason. */
  private async checked(verification: () => Promise<{ payload: JWTPayload }>): Promise<JWTPayload> {
    let payload: JWTPayload;
    try {
      ({ payload } = await verification());
    } catch (error) {
      if (error instanceof KeysUnavailableError) throw error;
      throw new InvalidTokenError(`the bearer token is not valid: ${this.reasonOf(error)}`);
    }
    checkLifetime(payload, this.limits, Date.now() / 1000);
    return payload;
  }

  private reasonOf(error: unknown): string {
    if (error instanceof errors.JWTExpired) return `it has expired (exp, ${error.message})`;
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === 'exp' && error.reason === 'missing') return 'the token must expire: it has no exp claim';
      if (error.claim === 'aud') return `its audience (aud) must be ${JSON.stringify(this.limits.audience)} (JWT_AUDIENCE)`;
      if (error.claim === 'iss') return `its issuer (iss) is not one this service trusts (${error.message})`;
    }
    if (error instanceof errors.JWKSNoMatchingKey) return "the provider's key set has no key for this token (kid)";
    return (error as Error).message;
  }

  private acceptedAlgorithms(): string {
    return [...(this.key ? ['HS256'] : []), ...(this.provider ? PROVIDER_ALGORITHMS : [])].join(', ');
  }
}
