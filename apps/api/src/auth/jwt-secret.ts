import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '#runtime';

const SECRET_FILE = 'jwt-secret';

/**
 * The key HS256 tokens are signed with: JWT_SECRET when given; otherwise (embedded default)
 * one generated on first start and kept in the data directory, so tokens minted with
 * `npm run token` stay valid across restarts. With an OpenID Connect provider configured
 * none is generated: a secret kept already still works (the operator's CLI), and removing
 * it (with JWT_SECRET unset) leaves the provider's tokens only. Undefined then.
 */
export async function resolveJwtSecret(config: Pick<AppConfig, 'jwtSecret' | 'dataDir' | 'oidcIssuer'>): Promise<Uint8Array | undefined> {
  if (config.jwtSecret !== undefined) return new TextEncoder().encode(config.jwtSecret);
  const path = join(config.dataDir, SECRET_FILE);
  try {
    return new TextEncoder().encode((await readFile(path, 'utf8')).trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (config.oidcIssuer !== undefined) return undefined;
  await mkdir(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // 'wx' fails if another process created it meanwhile; then use theirs.
  try {
    await writeFile(path, secret, { mode: 0o600, flag: 'wx' });
    return new TextEncoder().encode(secret);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return new TextEncoder().encode((await readFile(path, 'utf8')).trim());
  }
}
