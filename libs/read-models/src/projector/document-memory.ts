import { refId, type DocumentRef, type ViewDocument } from '../projection.js';
import type { DocumentChange } from '../read-store.port.js';

/** What an absent document is counted as against the budget (its key and the entry). */
const ABSENT_SIZE = 64;

interface Remembered {
  /** null: known not to exist. */
  doc: ViewDocument | null;
  /** Characters of JSON, what the budget counts. */
  size: number;
}

/**
 * The documents of one projection's generation as they are at the runner's checkpoint, kept
 * between batches so that a batch loads from the store only the documents it has not seen
 * yet. A rebuild, which writes a new generation alone, starts with the memory `complete` (the
 * generation is empty): a document it has not remembered does not exist, and it never loads.
 *
 * It is sound only while this runner is the generation's only writer, and the runner's
 * commits prove that: a commit succeeds only from the checkpoint this memory is as of (the
 * compare-and-set on `from`), and every other writer moves that checkpoint. So the runner
 * `remember`s a batch's changes only after its commit succeeded, and `forget`s everything when
 * a commit is refused or fails. Projections are pure: they never change the documents they
 * are handed, so what is remembered stays what was stored.
 *
 * Bounded: past `budget` characters of JSON, the least recently used documents are dropped
 * (and the memory is no longer complete: what it lacks is loaded again).
 */
export class DocumentMemory {
  private readonly documents = new Map<string, Remembered>();
  /** Documents changed by batches whose commits are not in yet, and by how many of them. */
  private readonly pending = new Map<string, number>();
  private size = 0;
  private complete: boolean;

  constructor(
    private budget: number,
    options: { complete?: boolean } = {},
  ) {
    this.complete = options.complete ?? false;
  }

  /**
   * The documents `refs` name that exist, by refId: the remembered ones from memory, the
   * others from `fromStore` (and remembered from then on, absent ones included).
   */
  async load(
    refs: readonly DocumentRef[],
    fromStore: (refs: DocumentRef[]) => Promise<Map<string, ViewDocument>>,
  ): Promise<Map<string, ViewDocument>> {
    const found = new Map<string, ViewDocument>();
    const unknown: DocumentRef[] = [];
    for (const ref of refs) {
      const id = refId(ref);
      const known = this.documents.get(id);
      if (known === undefined) {
        if (!this.complete) unknown.push(ref);
        continue;
      }
      this.keep(id, known); // most recently used
      if (known.doc !== null) found.set(id, known.doc);
    }
    if (unknown.length > 0) {
      const loaded = await fromStore(unknown);
      for (const ref of unknown) {
        const id = refId(ref);
        const doc = loaded.get(id);
        if (doc !== undefined) found.set(id, doc);
        this.keep(id, doc === undefined ? { doc: null, size: ABSENT_SIZE } : { doc, size: JSON.stringify(doc).length });
      }
      this.trim();
    }
    return found;
  }

  /**
   * A batch's changes, once its commit has succeeded. Kept as the store keeps them (through
   * JSON: an undefined field is gone), so that memory and store answer alike.
   */
  remember(changes: readonly DocumentChange[]): void {
    for (const { ref, doc } of changes) {
      const id = refId(ref);
      if (doc === null) {
        if (this.complete) this.drop(id);
        else this.keep(id, { doc: null, size: ABSENT_SIZE });
        continue;
      }
      const json = JSON.stringify(doc);
      this.keep(id, { doc: JSON.parse(json) as ViewDocument, size: json.length });
    }
    this.trim();
  }

  /**
   * A batch's changes, applied ahead of their commit (a rebuild's pass): remembered as
   * `remember` does, and kept — never dropped over budget — until `committed` is told the
   * same changes, so that every document the memory lacks is one the store already holds as
   * it should. A deletion is kept as known-absent until then, even in a complete memory.
   */
  rememberPending(changes: readonly DocumentChange[]): void {
    for (const { ref } of changes) {
      const id = refId(ref);
      this.pending.set(id, (this.pending.get(id) ?? 0) + 1);
    }
    for (const { ref, doc } of changes) {
      if (doc === null) this.keep(refId(ref), { doc: null, size: ABSENT_SIZE });
    }
    this.remember(changes.filter((change) => change.doc !== null));
  }

  /** The commit of changes given to `rememberPending` is in: they may be dropped now. */
  committed(changes: readonly DocumentChange[]): void {
    for (const { ref } of changes) {
      const id = refId(ref);
      const count = (this.pending.get(id) ?? 0) - 1;
      if (count > 0) this.pending.set(id, count);
      else this.pending.delete(id);
    }
    this.trim();
  }

  /** After a refused or failed commit, or on another generation: nothing remembered holds. */
  forget(): void {
    this.documents.clear();
    this.pending.clear();
    this.size = 0;
    this.complete = false;
  }

  /** A new budget (a rebuild's memory handed to the live runner gets the live one's). */
  limitTo(budget: number): void {
    this.budget = budget;
    this.trim();
  }

  /** Characters of JSON remembered. */
  get remembered(): number {
    return this.size;
  }

  private keep(id: string, entry: Remembered): void {
    this.drop(id);
    this.documents.set(id, entry);
    this.size += entry.size;
  }

  private drop(id: string): void {
    const known = this.documents.get(id);
    if (known === undefined) return;
    this.documents.delete(id);
    this.size -= known.size;
  }

  /**
   * Drops the least recently used documents (a Map iterates in insertion order) down to 90 %
   * of the budget; never one whose commit is pending (so the memory may stay over its budget
   * by what the batches in flight changed).
   */
  private trim(): void {
    if (this.size <= this.budget) return;
    for (const id of this.documents.keys()) {
      if (this.size <= this.budget * 0.9) break;
      if (this.pending.has(id)) continue;
      this.drop(id);
      this.complete = false;
    }
  }
}
