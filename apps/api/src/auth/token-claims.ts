import type { JWTPayload } from 'jose';
import { isRole, type Role } from '#domain';
import type { AppConfig } from '#runtime';

/** Who the bearer token says the caller is. */
export interface Principal {
  subject: string;
  roles: Role[];
  /** The organisation the token names (a donor's: "Government of Norway"), when it names one. */
  organisation?: string;
}

/** The claim of the tokens this service mints that names the caller's organisation. */
export const ORGANISATION_CLAIM = 'organisation';
/** Longer than any organisation's name; a longer claim is a mistake. */
const MAX_ORGANISATION_LENGTH = 200;

/** A token refused: the message is the problem's detail (401 `auth.token-invalid`). */
export class InvalidTokenError extends Error {}

/**
 * How far a token's `iat` may lie ahead of this clock: the issuer's clock (another
 * machine, a provider) may run a little fast. `exp` and `nbf` get no such grace.
 */
export const CLOCK_SKEW_SECONDS = 60;

/** The limits every token is held to, whoever signed it. */
export interface TokenLimits {
  /** The `aud` a token must name (JWT_AUDIENCE). */
  audience: string;
  /** The longest lifetime a token may have (JWT_MAX_TTL). */
  maxTtlSeconds: number;
}

export function tokenLimitsOf(config: Pick<AppConfig, 'jwtAudience' | 'jwtMaxTtlSeconds'>): TokenLimits {
  return { audience: config.jwtAudience, maxTtlSeconds: config.jwtMaxTtlSeconds };
}

/**
 * Control characters (C0, DEL, C1: NUL included) and lone surrogates. A subject becomes the
 * actor id of every event the caller records, and log lines and headers carry it: such a
 * character would forge a line, break a header or be refused by PostgreSQL after the
 * decision (a 500), so the caller is refused at the door.
 */
const UNFIT_SUBJECT_CHARACTER = /[\p{Cc}\p{Cs}]/u;
/** Longer than any provider's subject (OIDC caps `sub` at 255 ASCII characters). */
const MAX_SUBJECT_LENGTH = 255;

/** Why this subject may not act, or undefined when it may. */
export function subjectProblem(subject: unknown): string | undefined {
  if (typeof subject !== 'string' || subject.trim() === '') return 'the token must name its subject (sub)';
  if (subject.length > MAX_SUBJECT_LENGTH) return `the token's subject (sub) is longer than ${MAX_SUBJECT_LENGTH} characters`;
  if (UNFIT_SUBJECT_CHARACTER.test(subject)) return "the token's subject (sub) holds a control character or a lone surrogate";
  return undefined;
}

/**
 * The time rules jose leaves open: a token must expire, live no longer than the maximum
 * (exp − iat, or exp − now without iat), and not be issued in the future. Signature,
 * `iss`, `aud`, `exp` and `nbf` are checked by jose before this.
 */
export function checkLifetime(payload: JWTPayload, limits: TokenLimits, nowSeconds: number): void {
  if (typeof payload.exp !== 'number') throw new InvalidTokenError('the token must expire: it has no exp claim');
  if (typeof payload.iat === 'number' && payload.iat > nowSeconds + CLOCK_SKEW_SECONDS) {
    throw new InvalidTokenError(
      `the token is issued in the future (iat ${isoOf(payload.iat)}, more than ${CLOCK_SKEW_SECONDS} s ahead of this service's clock)`,
    );
  }
  const lifetime = payload.exp - (typeof payload.iat === 'number' ? payload.iat : nowSeconds);
  if (lifetime > limits.maxTtlSeconds) {
    throw new InvalidTokenError(
      `the token lives ${Math.round(lifetime)} s (exp − ${typeof payload.iat === 'number' ? 'iat' : 'now'}); this service accepts at most ${limits.maxTtlSeconds} s (JWT_MAX_TTL)`,
    );
  }
}

/**
 * The roles a claim names, at a name or a dotted path (`realm_access.roles`): a list, or
 * a space-separated string. A name holding dots (`https://example.org/roles`) is tried
 * whole first. Roles this service does not know are ignored.
 */
export function rolesAt(payload: JWTPayload, claim: string): Role[] {
  let value: unknown = payload[claim];
  if (value === undefined) {
    value = claim.split('.').reduce<unknown>((node, key) => (isPlainObject(node) && Object.hasOwn(node, key) ? node[key] : undefined), payload);
  }
  const names = typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value : [];
  return [...new Set(names.filter((name): name is Role => typeof name === 'string' && isRole(name)))];
}

/**
 * The organisation a claim names (at a name or a dotted path, as roles), or undefined when the
 * claim is absent. Present but not a name (not a string, blank, too long, control characters:
 * it is matched against recorded donor names and shown) ⇒ the token is refused.
 */
export function organisationAt(payload: JWTPayload, claim: string): string | undefined {
  let value: unknown = payload[claim];
  if (value === undefined) {
    value = claim.split('.').reduce<unknown>((node, key) => (isPlainObject(node) && Object.hasOwn(node, key) ? node[key] : undefined), payload);
  }
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_ORGANISATION_LENGTH || UNFIT_SUBJECT_CHARACTER.test(value)) {
    throw new InvalidTokenError(`the token's ${claim} claim must be an organisation's name of 1 to ${MAX_ORGANISATION_LENGTH} characters without control characters`);
  }
  return value;
}

/** The principal a verified token names; frozen, because a remembered one is shared by requests. */
export function principalOf(payload: JWTPayload, rolesClaim: string, organisationClaim = ORGANISATION_CLAIM): Principal {
  const problem = subjectProblem(payload.sub);
  if (problem !== undefined) throw new InvalidTokenError(problem);
  const roles = rolesAt(payload, rolesClaim);
  if (roles.length === 0) throw new InvalidTokenError(`the token names no role this service knows (claim ${rolesClaim})`);
  const organisation = organisationAt(payload, organisationClaim);
  return Object.freeze({ subject: payload.sub!, roles: Object.freeze(roles) as Role[], ...(organisation === undefined ? {} : { organisation }) });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isoOf(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}
