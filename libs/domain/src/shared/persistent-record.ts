/**
 * A string-keyed record that is never changed in place: `with` and `without` return a new
 * record that shares all but one of its buckets with the old one.
 *
 * Why: domain states are immutable values (the repository hands one remembered state to
 * concurrent commands), and some maps in them grow with the portfolio — an envelope holds
 * one entry per project approved in its year. Copying such a map whole on every event made
 * folding an envelope quadratic (5,000 approvals: 13 s of CPU, 9 ms per approval) and
 * stalled every request of the API behind it (issue 6, bench/). Here an update copies one
 * bucket of about size/64 entries and the 64-slot bucket list.
 *
 * It serialises (toJSON) as a plain object, its keys put in code-point order (a JavaScript
 * object still lists integer-like keys first), so states holding one read and compare as
 * they did when they held plain objects.
 */
const BUCKETS = 64;

export class PersistentRecord<Value> {
  private constructor(
    private readonly buckets: readonly (ReadonlyMap<string, Value> | undefined)[],
    /** How many keys it holds. */
    readonly size: number,
  ) {}

  static empty<Value>(): PersistentRecord<Value> {
    return new PersistentRecord<Value>(new Array(BUCKETS).fill(undefined), 0);
  }

  /** From a plain object (as a state holding one was stored); own enumerable keys only. */
  static of<Value>(record: Readonly<Record<string, Value>>): PersistentRecord<Value> {
    const buckets: (Map<string, Value> | undefined)[] = new Array(BUCKETS).fill(undefined);
    let size = 0;
    for (const [key, value] of Object.entries(record)) {
      const index = bucketOf(key);
      (buckets[index] ??= new Map()).set(key, value);
      size += 1;
    }
    return new PersistentRecord(buckets, size);
  }

  get(key: string): Value | undefined {
    return this.buckets[bucketOf(key)]?.get(key);
  }

  has(key: string): boolean {
    return this.buckets[bucketOf(key)]?.has(key) ?? false;
  }

  with(key: string, value: Value): PersistentRecord<Value> {
    const index = bucketOf(key);
    const bucket = this.buckets[index];
    if (bucket !== undefined && bucket.has(key) && bucket.get(key) === value) return this;
    const next = new Map(bucket);
    next.set(key, value);
    return this.replaced(index, next, this.size + (bucket?.has(key) ? 0 : 1));
  }

  without(key: string): PersistentRecord<Value> {
    const index = bucketOf(key);
    const bucket = this.buckets[index];
    if (!bucket?.has(key)) return this;
    const next = new Map(bucket);
    next.delete(key);
    return this.replaced(index, next.size === 0 ? undefined : next, this.size - 1);
  }

  /** Every entry, in no particular order. */
  *entries(): IterableIterator<[string, Value]> {
    for (const bucket of this.buckets) if (bucket) yield* bucket;
  }

  /**
   * The keys whose values differ between the two (present in one only, or not ===),
   * in code-point order. Buckets the two share are skipped, so comparing a record with
   * the one made from it by `with` costs one bucket.
   */
  changedKeys(other: PersistentRecord<Value>): string[] {
    const changed: string[] = [];
    for (let index = 0; index < BUCKETS; index += 1) {
      const mine = this.buckets[index];
      const theirs = other.buckets[index];
      if (mine === theirs) continue;
      for (const [key, value] of mine ?? []) {
        if (theirs === undefined || !theirs.has(key) || theirs.get(key) !== value) changed.push(key);
      }
      for (const key of theirs?.keys() ?? []) if (!mine?.has(key)) changed.push(key);
    }
    return changed.sort(byCodePoint);
  }

  /** A plain object, keys put in code-point order (integer-like keys come first all the same). */
  toJSON(): Record<string, Value> {
    const record: Record<string, Value> = {};
    for (const [key, value] of [...this.entries()].sort(([a], [b]) => byCodePoint(a, b))) {
      Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return record;
  }

  private replaced(index: number, bucket: ReadonlyMap<string, Value> | undefined, size: number): PersistentRecord<Value> {
    const buckets = this.buckets.slice();
    buckets[index] = bucket;
    return new PersistentRecord(buckets, size);
  }
}

/** FNV-1a of the key's UTF-16 code units, folded to a bucket. */
function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
