import { createHash } from 'node:crypto';

/**
 * A digest of a set of stream heads that can be updated one head at a time: LtHash
 * (Bellare–Micciancio's homomorphic set hashing, in the 16-bit-lane form Facebook
 * published in 2019): each head expands to 1,024 lanes of 16 bits with SHAKE256, and the
 * set's state is their lane-wise sum mod 2^16. Replacing a head subtracts its old terms and
 * adds the new ones, so verification can check a checkpoint at every position it passes
 * for the price of the streams that changed in between, not of every stream (100,000
 * projects, a checkpoint an hour). A 2 KB state has ~200 bits of security against finding
 * another set with the same sum; the checkpoint signs its SHA-256.
 */
const LANES = 1024;

export class HeadDigest {
  private readonly state = new Uint16Array(LANES);
  private count = 0;

  add(streamId: string, hash: string): void {
    const terms = termsOf(streamId, hash);
    for (let i = 0; i < LANES; i++) this.state[i] = (this.state[i]! + terms[i]!) & 0xffff;
    this.count++;
  }

  remove(streamId: string, hash: string): void {
    const terms = termsOf(streamId, hash);
    for (let i = 0; i < LANES; i++) this.state[i] = (this.state[i]! - terms[i]!) & 0xffff;
    this.count--;
  }

  get streams(): number {
    return this.count;
  }

  copy(): HeadDigest {
    const copy = new HeadDigest();
    copy.state.set(this.state);
    copy.count = this.count;
    return copy;
  }

  /** SHA-256 (hex) of the state: what a checkpoint signs. */
  digest(): string {
    return createHash('sha256').update(Buffer.from(this.state.buffer, this.state.byteOffset, this.state.byteLength)).digest('hex');
  }
}

function termsOf(streamId: string, hash: string): Uint16Array {
  const bytes = createHash('shake256', { outputLength: LANES * 2 }).update(`${streamId}\n${hash}`).digest();
  return new Uint16Array(bytes.buffer, bytes.byteOffset, LANES);
}

/**
 * Which digest a stream counts in: the kind of aggregate its id starts with (`project`,
 * `envelope`, `contribution`, `prima-id`, `code-list`, …), so that a contradicted checkpoint says which
 * kind of stream was rewritten.
 */
export function streamKind(streamId: string): string {
  return /^(code-list|prima-id|[^-]+)-/.exec(streamId)?.[1] ?? streamId;
}

/** One digest per kind of stream. */
export class HeadDigests {
  readonly byKind = new Map<string, HeadDigest>();

  add(streamId: string, hash: string): void {
    const kind = streamKind(streamId);
    let digest = this.byKind.get(kind);
    if (!digest) this.byKind.set(kind, (digest = new HeadDigest()));
    digest.add(streamId, hash);
  }

  remove(streamId: string, hash: string): void {
    this.byKind.get(streamKind(streamId))?.remove(streamId, hash);
  }

  copy(): HeadDigests {
    const copy = new HeadDigests();
    for (const [kind, digest] of this.byKind) copy.byKind.set(kind, digest.copy());
    return copy;
  }

  /** Kind → streams and digest, kinds sorted, kinds left with no stream omitted. */
  summary(): Record<string, { streams: number; digest: string }> {
    const kinds = [...this.byKind.entries()].filter(([, d]) => d.streams !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(kinds.map(([kind, d]) => [kind, { streams: d.streams, digest: d.digest() }]));
  }
}
