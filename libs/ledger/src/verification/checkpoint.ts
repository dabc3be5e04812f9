import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { SequenceRange } from '#event-store';
import { canonicalJson } from '../hash-chain.js';

/**
 * A signed checkpoint: what the store held at one instant, in a form an auditor can check
 * with the public key alone (docs/adr/0022). `absent` lists the sequence numbers up to
 * `upTo` that were not stored when it was signed — lost to a rolled-back transaction or a
 * crash, or belonging to a transaction still open then — so `events` = `upTo` − their count.
 * `heads` digests every stream's head hash, one digest per kind of stream (head-digest.ts).
 */
export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  signedAt: string;
  /** Sequence numbers are decimal strings: JSON numbers stop being exact past 2^53. */
  upTo: string;
  events: string;
  absent: [string, string][];
  heads: Record<string, { streams: number; digest: string }>;
  /** SHA-256 (hex) of the public key's DER (SPKI): which key signed. */
  keyId: string;
  /** Ed25519 signature (base64) of the canonical JSON of every other field. */
  signature: string;
}

export const CHECKPOINT_FORMAT = 'portfolio-ledger/checkpoint@1' as const;

export type UnsignedCheckpoint = Omit<Checkpoint, 'keyId' | 'signature' | 'format'>;

export function keyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function signCheckpoint(content: UnsignedCheckpoint, privateKey: KeyObject): Checkpoint {
  const unsigned = { format: CHECKPOINT_FORMAT, ...content, keyId: keyId(createPublicKey(privateKey)) };
  const signature = sign(null, Buffer.from(canonicalJson(unsigned)), privateKey).toString('base64');
  return { ...unsigned, signature };
}

/** Whether `checkpoint` is well formed and signed by `publicKey`. */
export function checkpointSignedBy(checkpoint: unknown, publicKey: KeyObject): checkpoint is Checkpoint {
  if (typeof checkpoint !== 'object' || checkpoint === null) return false;
  const { signature, ...unsigned } = checkpoint as Record<string, unknown>;
  if (typeof signature !== 'string' || unsigned['format'] !== CHECKPOINT_FORMAT) return false;
  if (typeof unsigned['upTo'] !== 'string' || !Array.isArray(unsigned['absent']) || typeof unsigned['heads'] !== 'object') return false;
  try {
    return verify(null, Buffer.from(canonicalJson(unsigned)), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function rangesOf(checkpoint: Pick<Checkpoint, 'absent'>): SequenceRange[] {
  return checkpoint.absent.map(([from, to]) => [BigInt(from), BigInt(to)] as const);
}

export function countIn(ranges: readonly SequenceRange[]): bigint {
  return ranges.reduce((sum, [from, to]) => sum + (to - from + 1n), 0n);
}

/** Whether `sequence` lies in one of the (sorted, disjoint) ranges. */
export function inRanges(ranges: readonly SequenceRange[], sequence: bigint): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = ranges[middle]!;
    if (sequence < from) high = middle - 1;
    else if (sequence > to) low = middle + 1;
    else return true;
  }
  return false;
}
