import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '#runtime';
import { tokenLimitsOf } from '../../api/src/auth/token-claims.js';
import { TokenService } from '../../api/src/auth/token-service.js';
import { ACTORS, ACTOR_NAMES, type ActorName } from './actors.js';

/**
 * The key the service signs and checks tokens with, found the way the service finds it:
 * JWT_SECRET when set, else the secret the service generated in DATA_DIR (./data by
 * default). Read only: a secret this process made up would not be the service's.
 */
export async function serviceSecret(env: NodeJS.ProcessEnv = process.env): Promise<{ secret: Uint8Array; source: string }> {
  const fromEnv = env.JWT_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') return { secret: new TextEncoder().encode(fromEnv), source: 'JWT_SECRET' };
  const path = join(resolve(env.DATA_DIR ?? './data'), 'jwt-secret');
  try {
    return { secret: new TextEncoder().encode((await readFile(path, 'utf8')).trim()), source: path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(
      `no JWT_SECRET and no ${path}: start the service once (it generates the secret there), or set JWT_SECRET / DATA_DIR as the service has them`,
    );
  }
}

export type Tokens = Readonly<Record<ActorName, string>>;

/**
 * A bearer token for each person of the generated fund, minted as the service would accept
 * them (its JWT_AUDIENCE; the longest lifetime, JWT_MAX_TTL) and minted again in place
 * every half lifetime: a load of 100,000 projects takes 50 minutes, and a maximum of
 * 30 minutes must not cut it short. Callers read `tokens[name]` at each request.
 */
export async function mintTokens(secret: Uint8Array, env: NodeJS.ProcessEnv = process.env): Promise<Tokens> {
  const limits = tokenLimitsOf(loadConfig({ JWT_AUDIENCE: env.JWT_AUDIENCE, JWT_MAX_TTL: env.JWT_MAX_TTL }));
  const service = new TokenService(secret, limits);
  const tokens = {} as Record<ActorName, string>;
  const mintAll = async () => {
    for (const name of ACTOR_NAMES) tokens[name] = await service.mint(name, ACTORS[name], `${limits.maxTtlSeconds}s`);
  };
  await mintAll();
  // unref: the renewal never keeps a finished run alive.
  setInterval(() => void mintAll().catch(() => undefined), (limits.maxTtlSeconds * 1000) / 2).unref();
  return tokens;
}
