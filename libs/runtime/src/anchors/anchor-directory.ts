import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkpointSignedBy, takeCheckpoint, type Checkpoint, type NamedCheckpoint } from '#ledger';
import type { StoreAudit } from '#event-store';

/**
 * Signed checkpoints on disk: one JSON file per checkpoint, never overwritten, named so that
 * `ls` sorts them by position. The directory is meant to be shipped elsewhere, where the
 * database's administrator cannot rewrite it (README, "For auditors").
 */
const FILE = /^checkpoint-(\d{20})-(\d{8}T\d{9}Z)\.json$/;

export function checkpointFileName(checkpoint: Checkpoint): string {
  const stamp = checkpoint.signedAt.replace(/[-:.]/g, '');
  return `checkpoint-${checkpoint.upTo.padStart(20, '0')}-${stamp}.json`;
}

export async function writeCheckpoint(dir: string, checkpoint: Checkpoint): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const name = checkpointFileName(checkpoint);
  // 'wx': a checkpoint is written once; a name taken (two instances in the same millisecond) is an error, not an overwrite.
  await writeFile(join(dir, name), `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: 'wx', mode: 0o644 });
  return name;
}

export interface LoadedCheckpoints {
  checkpoints: NamedCheckpoint[];
  rejected: { name: string; reason: string }[];
}

/** A checkpoint file as found in `dir`: its parsed JSON, or why it could not be read. */
export type CheckpointFile = { name: string; content: unknown } | { name: string; unreadable: string };

/** Every file in `dir` named like a checkpoint, sorted by position, parsed but not checked. */
export async function readCheckpointFiles(dir: string): Promise<CheckpointFile[]> {
  const names = (await readdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error))))
    .filter((name) => FILE.test(name))
    .sort();
  const files: CheckpointFile[] = [];
  for (const name of names) {
    try {
      files.push({ name, content: JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown });
    } catch (error) {
      files.push({ name, unreadable: `not JSON: ${(error as Error).message}` });
    }
  }
  return files;
}

/** Every checkpoint file in `dir`, those not signed by `publicKey` (or unreadable) rejected with the reason. */
export async function readCheckpoints(dir: string, publicKey: KeyObject): Promise<LoadedCheckpoints> {
  const loaded: LoadedCheckpoints = { checkpoints: [], rejected: [] };
  for (const file of await readCheckpointFiles(dir)) {
    if ('unreadable' in file) loaded.rejected.push({ name: file.name, reason: file.unreadable });
    else if (checkpointSignedBy(file.content, publicKey)) loaded.checkpoints.push({ name: file.name, checkpoint: file.content });
    else loaded.rejected.push({ name: file.name, reason: 'its signature does not verify with the public key (altered, or signed by another key)' });
  }
  return loaded;
}

/** The checkpoint at the highest position in `dir` (signature checked), to continue from. */
export async function latestCheckpoint(dir: string, publicKey: KeyObject): Promise<Checkpoint | undefined> {
  const { checkpoints } = await readCheckpoints(dir, publicKey);
  return checkpoints.at(-1)?.checkpoint;
}

/** Signs the store's state now and writes it to `dir`; returns the file's name and the checkpoint. */
export async function anchorNow(audit: StoreAudit, privateKey: KeyObject, dir: string, now = new Date()): Promise<{ name: string; checkpoint: Checkpoint }> {
  const previous = await latestCheckpoint(dir, createPublicKey(privateKey));
  const checkpoint = await takeCheckpoint(audit, privateKey, previous, now);
  return { name: await writeCheckpoint(dir, checkpoint), checkpoint };
}

export async function readPrivateKey(file: string): Promise<KeyObject> {
  const key = createPrivateKey(await readFile(file, 'utf8'));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file}: expected an Ed25519 private key (PEM), found ${key.asymmetricKeyType}`);
  return key;
}

export async function readPublicKey(file: string): Promise<KeyObject> {
  const pem = await readFile(file, 'utf8');
  // A private key file also gives its public key: handy for the operator, never needed by an auditor.
  const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file}: expected an Ed25519 public key (PEM), found ${key.asymmetricKeyType}`);
  return key;
}

/** Writes a new Ed25519 key pair: the private key 0600 (refusing to replace one), the public key 0644. */
export async function generateAnchorKey(privateFile: string, publicFile: string): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  await writeFile(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
  await writeFile(publicFile, publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx', mode: 0o644 });
}
