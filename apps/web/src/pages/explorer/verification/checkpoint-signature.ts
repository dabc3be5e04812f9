import { canonicalJson } from '../../../../../../libs/ledger/src/canonical-json.js';

/**
 * A signed checkpoint checked in the browser, with WebCrypto and nothing from the service
 * but the file (libs/ledger/src/verification/checkpoint.ts signs it): the Ed25519 signature
 * (base64) covers the UTF-8 bytes of the canonical JSON — keys sorted at every level, no
 * spaces — of every field of the file but `signature` itself, `format` and `keyId` included.
 */
export const CHECKPOINT_FORMAT = 'portfolio-ledger/checkpoint@1';

export type SignatureVerdict =
  /** The signature verifies with the key. */
  | 'verified'
  /** Well formed, but the signature does not verify: altered after signing, or signed by another key. */
  | 'not-verified'
  /** Not a checkpoint of this format (no signature, fields missing): nothing to check. */
  | 'malformed';

/** The bytes the signature covers. */
export function signedBytes(checkpoint: Record<string, unknown>): Uint8Array<ArrayBuffer> {
  const { signature: _signature, ...unsigned } = checkpoint;
  return new TextEncoder().encode(canonicalJson(unsigned));
}

export interface PublicKeyInUse {
  key: CryptoKey;
  /** SHA-256 (hex) of the key's SPKI DER: what a checkpoint's `keyId` names. */
  keyId: string;
}

export class KeyUnreadable extends Error {
  constructor(readonly reason: 'no-pem' | 'private-key' | 'not-ed25519' | 'unsupported') {
    super(reason);
  }
}

/** The DER of a PEM public key (SPKI, "-----BEGIN PUBLIC KEY-----"). */
export function spkiOf(pem: string): Uint8Array<ArrayBuffer> {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) throw new KeyUnreadable('private-key');
  const body = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(pem)?.[1];
  if (body === undefined) throw new KeyUnreadable('no-pem');
  try {
    return Uint8Array.from(atob(body.replace(/\s+/g, '')), (char) => char.charCodeAt(0));
  } catch {
    throw new KeyUnreadable('no-pem');
  }
}

/** Imports an Ed25519 public key given as PEM; refuses anything else with the reason. */
export async function importPublicKey(pem: string): Promise<PublicKeyInUse> {
  const der = spkiOf(pem);
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) throw new KeyUnreadable('unsupported');
  let key: CryptoKey;
  try {
    key = await subtle.importKey('spki', der, { name: 'Ed25519' }, true, ['verify']);
  } catch (error) {
    // A browser without Ed25519 says NotSupportedError; another key type fails as data.
    throw new KeyUnreadable((error as Error).name === 'NotSupportedError' ? 'unsupported' : 'not-ed25519');
  }
  return { key, keyId: hex(await subtle.digest('SHA-256', der)) };
}

/** Whether `checkpoint` is well formed and its signature verifies with `key`. */
export async function checkSignature(checkpoint: unknown, key: CryptoKey): Promise<SignatureVerdict> {
  if (typeof checkpoint !== 'object' || checkpoint === null) return 'malformed';
  const fields = checkpoint as Record<string, unknown>;
  const { signature } = fields;
  if (typeof signature !== 'string' || fields['format'] !== CHECKPOINT_FORMAT || typeof fields['upTo'] !== 'string') return 'malformed';
  if (!Array.isArray(fields['absent']) || typeof fields['heads'] !== 'object' || fields['heads'] === null) return 'malformed';
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = Uint8Array.from(atob(signature), (char) => char.charCodeAt(0));
  } catch {
    return 'not-verified';
  }
  try {
    return (await globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, bytes, signedBytes(fields))) ? 'verified' : 'not-verified';
  } catch {
    return 'not-verified';
  }
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
