/**
 * Mints a bearer token for trying the API, valid 8 hours (or JWT_MAX_TTL if shorter):
 *
 *     npm run token -- alice fund-manager
 *     npm run token -- bob approver auditor
 *     npm run token -- --ttl 12h carol admin     # longer: never above JWT_MAX_TTL
 *     npm run token -- nora donor --organisation "Government of Norway"   # a donor's own view
 *
 * Uses the same configuration as the service (JWT_SECRET, or the secret kept in DATA_DIR;
 * JWT_AUDIENCE, JWT_MAX_TTL).
 */
import { ROLES } from '#domain';
import { loadConfig } from '#runtime';
import { identityArguments, refuseArguments, runCommandLine } from './auth/identity-arguments.js';
import { resolveJwtSecret } from './auth/jwt-secret.js';
import { tokenLimitsOf } from './auth/token-claims.js';
import { TokenService } from './auth/token-service.js';

const USAGE = `usage: npm run token -- [--ttl <duration>] [--organisation <name>] <subject> <role> [<role> …]
  --ttl           how long the token lives: 30m, 8h, 3600s… (default 8h; at most JWT_MAX_TTL)
  --organisation  the caller's organisation, as its contributions record the donor (GET /funding/my-contributions)
  roles: ${ROLES.join(', ')}
`;

async function main(): Promise<void> {
  const { subject, roles, values } = identityArguments(process.argv.slice(2), ['ttl', 'organisation'], USAGE);
  const config = loadConfig();
  const secret = await resolveJwtSecret(config);
  if (secret === undefined) {
    throw new Error(`no JWT_SECRET and no ${config.dataDir}/jwt-secret: with OIDC_ISSUER set the service accepts its provider's tokens only`);
  }
  const tokens = new TokenService(secret, tokenLimitsOf(config));
  try {
    const { ttl, organisation } = values;
    process.stdout.write(`${await tokens.mint(subject, roles, ttl, organisation === undefined ? {} : { organisation })}\n`);
  } catch (error) {
    refuseArguments(`${(error as Error).message}\n`, USAGE);
  }
}

runCommandLine(main);
