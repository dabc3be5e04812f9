import { randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import { isRole, type Role } from '#domain';
import { InvalidTokenError, ORGANISATION_CLAIM, organisationAt, subjectProblem } from '../token-claims.js';
import { HOME, sameOriginPath } from './same-origin-path.js';

/** A ticket is good for a quarter of an hour: long enough to paste, short enough that a lost one soon means nothing. */
export const TICKET_LIFETIME_SECONDS = 15 * 60;
/** Its `typ`: a session token (typ JWT) is never taken for a ticket, whatever its claims. */
const TICKET_TYPE = 'sign-in-ticket+jwt';
const ISSUER = 'portfolio-ledger';

/**
 * The `aud` of tickets: never JWT_AUDIENCE, so the service refuses a ticket sent as a bearer
 * token (and a bearer token sent as a ticket).
 */
export function ticketAudienceOf(audience: string): string {
  return `${audience}:sign-in-link`;
}

/** What a sign-in link asks for: who is signed in, in which roles, for how long, and where the browser goes then. */
export interface SignInRequest {
  subject: string;
  roles: Role[];
  /** A donor's organisation, as its contributions record it. */
  organisation?: string;
  /** The session's lifetime in seconds: the session token's (at most JWT_MAX_TTL). */
  sessionSeconds: number;
  /** A path of this site (sameOriginPath). */
  next: string;
}

/**
 * Why a link did not sign in; the sign-in page says it in words (`/sign-in?error=<code>`).
 * `links-not-accepted`: the service keeps no shared secret (a provider only).
 */
export type SignInLinkRefusal = 'link-invalid' | 'link-expired' | 'link-used' | 'links-not-accepted';

export class SignInLinkRefused extends Error {
  constructor(
    readonly code: SignInLinkRefusal,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A ticket for `request`, HS256 with the service's shared secret: only someone who can read
 * DATA_DIR/jwt-secret (or knows JWT_SECRET) can make one. Its id (`jti`) makes it single use.
 */
export async function issueSignInTicket(secret: Uint8Array, audience: string, request: SignInRequest): Promise<{ ticket: string; expiresAt: number }> {
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + TICKET_LIFETIME_SECONDS;
  const organisation = request.organisation === undefined ? {} : { [ORGANISATION_CLAIM]: request.organisation };
  const ticket = await new SignJWT({ roles: request.roles, ...organisation, session: request.sessionSeconds, next: request.next })
    .setProtectedHeader({ alg: 'HS256', typ: TICKET_TYPE })
    .setSubject(request.subject)
    .setIssuer(ISSUER)
    .setAudience(ticketAudienceOf(audience))
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(expiresAt)
    .sign(secret);
  return { ticket, expiresAt };
}

/**
 * Redeems sign-in tickets, each once: a redeemed ticket's id is remembered until the ticket
 * expires. The memory is this process's: with several API instances behind one address (or
 * across a restart) a ticket could be used once per instance within its 15 minutes.
 */
export class SignInTickets {
  /** jti → the ticket's exp (seconds): forgotten once the ticket could not be used anyway. */
  private readonly redeemed = new Map<string, number>();

  constructor(
    private readonly secret: Uint8Array | undefined,
    private readonly audience: string,
  ) {}

  /** Whether links are accepted at all: only with a shared secret to check them. */
  get accepted(): boolean {
    return this.secret !== undefined;
  }

  async redeem(ticket: unknown): Promise<SignInRequest> {
    if (this.secret === undefined) {
      throw new SignInLinkRefused('links-not-accepted', 'this service keeps no shared secret (JWT_SECRET or DATA_DIR/jwt-secret): sign in with the provider');
    }
    if (typeof ticket !== 'string' || ticket === '') throw new SignInLinkRefused('link-invalid', 'the link carries no ticket');
    let payload;
    try {
      ({ payload } = await jwtVerify(ticket, this.secret, {
        issuer: ISSUER,
        audience: ticketAudienceOf(this.audience),
        algorithms: ['HS256'],
        typ: TICKET_TYPE,
        requiredClaims: ['exp', 'jti', 'sub'],
        maxTokenAge: TICKET_LIFETIME_SECONDS,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new SignInLinkRefused('link-expired', 'the sign-in link has expired');
      throw new SignInLinkRefused('link-invalid', `the sign-in link is not valid: ${(error as Error).message}`);
    }
    const request = requestOf(payload);
    this.forgetExpired();
    // Checked and marked with no await between: two requests with one ticket cannot both pass.
    if (this.redeemed.has(payload.jti!)) throw new SignInLinkRefused('link-used', 'the sign-in link was used already');
    this.redeemed.set(payload.jti!, payload.exp!);
    return request;
  }

  private forgetExpired(): void {
    const now = Date.now() / 1000;
    for (const [id, expiresAt] of this.redeemed) if (expiresAt <= now) this.redeemed.delete(id);
  }
}

/** The request a verified ticket carries, held to the rules of the tokens it will become. */
function requestOf(payload: Record<string, unknown>): SignInRequest {
  const problem = subjectProblem(payload['sub']);
  const roles = Array.isArray(payload['roles']) ? payload['roles'].filter((role): role is Role => typeof role === 'string' && isRole(role)) : [];
  const sessionSeconds = payload['session'];
  let organisation: string | undefined;
  try {
    organisation = organisationAt(payload, ORGANISATION_CLAIM);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new SignInLinkRefused('link-invalid', error.message);
    throw error;
  }
  if (problem !== undefined) throw new SignInLinkRefused('link-invalid', problem);
  if (roles.length === 0) throw new SignInLinkRefused('link-invalid', 'the sign-in link names no role this service knows');
  if (typeof sessionSeconds !== 'number' || !Number.isSafeInteger(sessionSeconds) || sessionSeconds <= 0) {
    throw new SignInLinkRefused('link-invalid', 'the sign-in link names no session lifetime');
  }
  return {
    subject: payload['sub'] as string,
    roles,
    ...(organisation === undefined ? {} : { organisation }),
    sessionSeconds,
    next: sameOriginPath(payload['next']) ?? HOME,
  };
}
