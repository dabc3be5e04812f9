/**
 * Mints a bearer token for trying the API:
 *
 *     npm run token -- alice fund-manager
 *     npm run token -- bob approver auditor
 *
 * Uses the same configuration as the service (JWT_SECRET, or the secret kept in DATA_DIR).
 */
import { ROLES, isRole } from '#domain';
import { resolveJwtSecret } from './auth/jwt-secret.js';
import { TokenService } from './auth/token-service.js';
import { loadConfig } from '#runtime';

async function main(): Promise<void> {
  const [subject, ...roles] = process.argv.slice(2);
  const unknown = roles.filter((role) => !isRole(role));
  if (!subject || roles.length === 0 || unknown.length > 0) {
    process.stderr.write(
      `usage: npm run token -- <subject> <role> [<role> …]\n  roles: ${ROLES.join(', ')}\n` +
        (unknown.length > 0 ? `  unknown role(s): ${unknown.join(', ')}\n` : ''),
    );
    process.exit(2);
  }
  const config = loadConfig();
  const tokens = new TokenService(await resolveJwtSecret(config));
  process.stdout.write(`${await tokens.mint(subject, roles.filter(isRole), '30d')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
