import type { GlobalPosition } from '#event-store';
import {
  compareViewCheckpoints,
  formatViewVersion,
  viewVersionReached,
  type ViewCheckpoint,
  type ViewVersion,
  type ViewVersionSource,
} from './view-version.js';

/** A question to the views, as the cache tells questions apart. */
export interface ViewQuestion {
  /**
   * Everything the answer depends on besides the views: the normalised query and whatever
   * else shapes the answer (who asks, when that changes what they see). Two questions with
   * the same key must have the same answer at the same version.
   */
  key: string;
  /** The projections the answer is read from. */
  reads: readonly string[];
  /** Read-your-writes: the answer must include the feed at least up to here. */
  minPosition?: GlobalPosition;
}

export interface ViewCacheOptions {
  /** Answers kept at most (default 500). */
  maxEntries?: number;
  /**
   * Size of the kept answers at most, in bytes (default 16 MiB): an answer's `byteLength`
   * when it has one (a serialised answer, a Buffer), else the bytes of its JSON — in the
   * heap such an answer takes a few times that. This bound keeps the cache's share of the
   * API's memory small whatever is asked. An answer larger than a quarter of it is not kept.
   */
  maxBytes?: number;
}

export interface ViewCacheStats {
  entries: number;
  bytes: number;
  /** Answered from the cache (or from a computation already under way for the same question). */
  hits: number;
  /** Computed and kept. */
  misses: number;
  /** Computed and not kept: a version already superseded, or behind the question's minPosition. */
  uncached: number;
  evictions: number;
}

interface Entry {
  /** The answer, or its computation while under way (shared by every request that asks meanwhile). */
  answer: Promise<unknown>;
  version: ViewVersion;
  /** 0 while computing. */
  bytes: number;
}

/**
 * Answers to view queries, kept per question and per version of the views they read.
 *
 * A view answer is a pure function of the question and of the version (active generation
 * and checkpoint) of the projections it reads, so an answer is kept under (question key,
 * version) and never has to be invalidated: a commit moves the checkpoint, the next
 * question reads the new version and misses. The version is read *before* the answer is
 * computed, and the store only moves forward, so an answer is never older than the version
 * it is kept under — at worst a commit landed in between and it is a little newer, which a
 * reader of that version may see as well.
 *
 * Requests asking the same question at the same version while it is being computed share
 * the computation (on PGlite, one connection, 32 requests computing one summary each queue
 * 32 times behind each other). Answers of superseded versions are dropped as soon as a newer
 * version is seen; the rest is bounded by entries and bytes, least recently used first.
 *
 * Answers are shared between requests: callers must not modify them.
 */
export class ViewCache {
  private readonly entries = new Map<string, Entry>();
  /** The newest version seen of each projection. */
  private readonly newest = new Map<string, ViewCheckpoint>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private bytes = 0;
  private readonly counts = { hits: 0, misses: 0, uncached: 0, evictions: 0 };

  constructor(
    private readonly versions: ViewVersionSource,
    options: ViewCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
    if (!Number.isSafeInteger(this.maxEntries) || this.maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    if (!Number.isSafeInteger(this.maxBytes) || this.maxBytes < 1) throw new RangeError('maxBytes must be a positive integer');
  }

  /**
   * The answer to `question`: kept from an earlier request at the current version, or
   * computed by `compute` (which must read the views only after being called).
   */
  async answer<Answer>(question: ViewQuestion, compute: () => Promise<Answer>): Promise<Answer> {
    const version = await this.versions.current(question.reads, question.minPosition);
    if (question.minPosition !== undefined && !viewVersionReached(version, question.minPosition)) {
      // The store has reached minPosition (the caller waited for it) but the version read
      // does not show it: a rebuilt generation was switched in between. An answer kept
      // under this version could predate the caller's write: compute afresh, keep nothing.
      this.counts.uncached += 1;
      return compute();
    }
    const key = `${question.key}\n${formatViewVersion(version)}`;
    const kept = this.entries.get(key);
    if (kept) {
      this.counts.hits += 1;
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept.answer as Promise<Answer>;
    }
    if (!this.isCurrent(version)) {
      this.counts.uncached += 1;
      return compute();
    }
    this.counts.misses += 1;
    const entry: Entry = { answer: compute(), version, bytes: 0 };
    this.entries.set(key, entry);
    this.evict();
    entry.answer.then(
      (answer) => this.settled(key, entry, answer),
      () => this.forget(key, entry),
    );
    return entry.answer as Promise<Answer>;
  }

  stats(): ViewCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, ...this.counts };
  }

  /** Drops every kept answer (the version bookkeeping stays). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /**
   * Notes the version as seen; false when a newer version of one of its projections was
   * seen already (an answer kept under it would never be asked for again). Seeing a newer
   * version drops the answers kept under older ones.
   */
  private isCurrent(version: ViewVersion): boolean {
    let current = true;
    const moved: string[] = [];
    for (const checkpoint of version) {
      const newest = this.newest.get(checkpoint.projection);
      const order = newest === undefined ? 1 : compareViewCheckpoints(checkpoint, newest);
      if (order < 0) current = false;
      if (order > 0) {
        this.newest.set(checkpoint.projection, checkpoint);
        moved.push(checkpoint.projection);
      }
    }
    if (moved.length > 0) {
      for (const [key, entry] of this.entries) {
        if (entry.version.some((checkpoint) => moved.includes(checkpoint.projection) && this.isSuperseded(checkpoint))) {
          this.forget(key, entry);
        }
      }
    }
    return current;
  }

  private isSuperseded(checkpoint: ViewCheckpoint): boolean {
    const newest = this.newest.get(checkpoint.projection);
    return newest !== undefined && compareViewCheckpoints(checkpoint, newest) < 0;
  }

  private settled(key: string, entry: Entry, answer: unknown): void {
    if (this.entries.get(key) !== entry) return; // dropped while computing
    const bytes = sizeOf(answer);
    if (bytes > this.maxBytes / 4) {
      this.forget(key, entry);
      return;
    }
    entry.bytes = bytes;
    this.bytes += bytes;
    this.evict();
  }

  /** Least recently used first, until within both bounds. */
  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      this.forget(key, entry);
      this.counts.evictions += 1;
    }
  }

  private forget(key: string, entry: Entry): void {
    if (this.entries.get(key) !== entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

function sizeOf(answer: unknown): number {
  const byteLength = (answer as { byteLength?: unknown } | null | undefined)?.byteLength;
  if (typeof byteLength === 'number') return byteLength;
  const json = JSON.stringify(answer);
  return json === undefined ? 0 : Buffer.byteLength(json);
}
