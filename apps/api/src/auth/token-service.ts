import { SignJWT, jwtVerify } from 'jose';
import { isRole, type Role } from '#domain';

const ISSUER = 'portfolio-ledger';

/** Who the bearer token says the caller is. */
export interface Principal {
  subject: string;
  roles: Role[];
}

export class InvalidTokenError extends Error {}

/** Signs and verifies HS256 bearer tokens whose subject is the actor and `roles` its roles. */
export class TokenService {
  constructor(private readonly secret: Uint8Array) {}

  async mint(subject: string, roles: readonly Role[], expiresIn = '8h'): Promise<string> {
    return new SignJWT({ roles: [...roles] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(this.secret);
  }

  async verify(token: string): Promise<Principal> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.secret, { issuer: ISSUER, algorithms: ['HS256'] }));
    } catch (error) {
      throw new InvalidTokenError(`the bearer token is not valid: ${(error as Error).message}`);
    }
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    if (typeof payload.sub !== 'string' || payload.sub.trim() === '' || roles.length === 0) {
      throw new InvalidTokenError('the bearer token must carry a subject and at least one known role');
    }
    return { subject: payload.sub, roles };
  }
}
