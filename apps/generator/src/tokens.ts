import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
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

/** A bearer token for each person of the generated fund. */
export async function mintTokens(secret: Uint8Array, expiresIn = '12h'): Promise<Tokens> {
  const service = new TokenService(secret);
  const entries = await Promise.all(ACTOR_NAMES.map(async (name) => [name, await service.mint(name, ACTORS[name], expiresIn)] as const));
  return Object.fromEntries(entries) as Record<ActorName, string>;
}
