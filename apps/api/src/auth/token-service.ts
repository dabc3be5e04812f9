import { webcrypto } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { isRole, type Role } from '#domain';

const ISSUER = 'portfolio-ledger';

/** Who the bearer token says the caller is. */
export interface Principal {
  subject: string;
  roles: Role[];
}

export class InvalidTokenError extends Error {}

/** A token already verified: who it names, and until when it may be used. */
interface VerifiedToken {
  principal: Principal;
  /** Seconds since the epoch (the token's exp, nbf), when the token has them. */
  expiresAt: number | undefined;
  notBefore: number | undefined;
}

/** Signs and verifies HS256 bearer tokens whose subject is the actor and `roles` its roles. */
export class TokenService {
  /**
   * The secret as a WebCrypto key, imported once: given the raw bytes, jose imports them
   * again on every call (~7 % of the API's CPU under load, bench/).
   */
  private readonly key: Promise<webcrypto.CryptoKey>;

  /**
   * Tokens verified already, most recently used last. A client sends the same token with
   * every request, and checking its signature (WebCrypto HMAC, an async job on the thread
   * pool) was a fifth of the API's CPU answering cached views (bench/). Whether a signature
   * is good never changes for a given token and secret, so only the time claims are checked
   * again on each use.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    secret: Uint8Array,
    private readonly rememberedTokens = 1_000,
  ) {
    this.key = webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async mint(subject: string, roles: readonly Role[], expiresIn = '8h'): Promise<string> {
    return new SignJWT({ roles: [...roles] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(await this.key);
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known) {
      const now = Date.now() / 1000;
      if ((known.expiresAt === undefined || now < known.expiresAt) && (known.notBefore === undefined || now >= known.notBefore)) {
        this.verified.delete(token);
        this.verified.set(token, known);
        return known.principal;
      }
      // Expired (or not yet valid): let jose say so, in its words.
      this.verified.delete(token);
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(token, await this.key, { issuer: ISSUER, algorithms: ['HS256'] }));
    } catch (error) {
      throw new InvalidTokenError(`the bearer token is not valid: ${(error as Error).message}`);
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    if (typeof payload.sub !== 'string' || payload.sub.trim() === '' || roles.length === 0) {
      throw new InvalidTokenError('the bearer token must carry a subject and at least one known role');
    }
    // Frozen: a remembered principal is handed to every request that sends the token.
    const principal: Principal = Object.freeze({ subject: payload.sub, roles: Object.freeze(roles) as Role[] });
    if (this.rememberedTokens > 0) {
      this.verified.set(token, { principal, expiresAt: payload.exp, notBefore: payload.nbf });
      if (this.verified.size > this.rememberedTokens) this.verified.delete(this.verified.keys().next().value!);
    }
    return principal;
  }
}
