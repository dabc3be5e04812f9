/**
 * Prints a link that signs a browser in, for trying the web application without a provider
 * and without any password: valid 15 minutes, once. Run by whoever can read the data
 * directory (the secret it is signed with), on the service's machine:
 *
 *     npm run -s sign-in-link -- nora donor --organisation "Government of Norway" --next /portal/my-contributions
 *     npm run -s sign-in-link -- ada admin --ttl 2h
 *
 * The link goes to PUBLIC_URL; the session it opens lasts --ttl (default 8 h, at most
 * JWT_MAX_TTL). Uses the same configuration as the service (JWT_SECRET, or the secret kept
 * in DATA_DIR; JWT_AUDIENCE, JWT_MAX_TTL, PUBLIC_URL).
 */
import { ROLES } from '#domain';
import { loadConfig, parseDurationSeconds } from '#runtime';
import { identityArguments, refuseArguments, runCommandLine } from './auth/identity-arguments.js';
import { resolveJwtSecret } from './auth/jwt-secret.js';
import { HOME, sameOriginPath } from './auth/sign-in-link/same-origin-path.js';
import { TICKET_LIFETIME_SECONDS, issueSignInTicket } from './auth/sign-in-link/sign-in-ticket.js';
import { ORGANISATION_CLAIM, organisationAt, subjectProblem } from './auth/token-claims.js';
import { DEFAULT_TOKEN_TTL } from './auth/token-service.js';

const USAGE = `usage: npm run -s sign-in-link -- <subject> <role> [<role> …] [--organisation <name>] [--ttl <duration>] [--next <path>]
  prints a link that signs a browser in once, within ${TICKET_LIFETIME_SECONDS / 60} minutes
  --organisation  the caller's organisation, as its contributions record the donor (a donor's own page)
  --ttl           how long the session lasts: 30m, 8h, 3600s… (default ${DEFAULT_TOKEN_TTL}; at most JWT_MAX_TTL)
  --next          the page to open once signed in, a path of this site (default ${HOME}), e.g. /portal/my-contributions
  roles: ${ROLES.join(', ')}
`;

async function main(): Promise<void> {
  const { subject, roles, values } = identityArguments(process.argv.slice(2), ['ttl', 'organisation', 'next'], USAGE);
  const config = loadConfig();
  const { ttl, organisation, next } = values;
  const sessionSeconds = ttl === undefined ? Math.min(parseDurationSeconds(DEFAULT_TOKEN_TTL)!, config.jwtMaxTtlSeconds) : parseDurationSeconds(ttl);
  const problems = [
    subjectProblem(subject)?.replace("the token's subject (sub)", 'the subject'),
    sessionSeconds === undefined ? `--ttl ${ttl}: expected a duration such as 8h, 30m or 3600s` : undefined,
    sessionSeconds !== undefined && sessionSeconds > config.jwtMaxTtlSeconds ? `--ttl ${ttl}: a session may last at most ${config.jwtMaxTtlSeconds} s (JWT_MAX_TTL)` : undefined,
    next !== undefined && sameOriginPath(next) === undefined ? `--next ${next}: expected a path of this site, such as /portal/my-contributions` : undefined,
    organisationProblem(organisation),
  ].filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0) refuseArguments(problems.map((problem) => `${problem}\n`).join(''), USAGE);

  const secret = await resolveJwtSecret(config);
  if (secret === undefined) {
    throw new Error(`no JWT_SECRET and no ${config.dataDir}/jwt-secret: with OIDC_ISSUER set and no shared secret kept, people sign in with the provider only`);
  }
  const { ticket, expiresAt } = await issueSignInTicket(secret, config.jwtAudience, {
    subject,
    roles,
    ...(organisation === undefined ? {} : { organisation }),
    sessionSeconds: sessionSeconds!,
    next: sameOriginPath(next) ?? HOME,
  });
  process.stdout.write(`${config.publicUrl}/auth/link?ticket=${ticket}\n`);
  const who = `${subject} (${roles.join(', ')}${organisation === undefined ? '' : `, ${organisation}`})`;
  process.stderr.write(
    `Open it within ${TICKET_LIFETIME_SECONDS / 60} minutes (until ${new Date(expiresAt * 1000).toISOString()}), once: it signs ${who} in for ${lasting(sessionSeconds!)}.\n`,
  );
}

function lasting(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function organisationProblem(organisation: string | undefined): string | undefined {
  if (organisation === undefined) return undefined;
  try {
    organisationAt({ [ORGANISATION_CLAIM]: organisation }, ORGANISATION_CLAIM);
    return undefined;
  } catch (error) {
    return `--organisation: ${(error as Error).message}`;
  }
}

runCommandLine(main);
