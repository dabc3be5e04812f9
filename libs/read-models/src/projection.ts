import type { RecordedEvent } from '#event-store';

/** A view document: plain JSON. Money in integer cents, instants as ISO strings. */
export type ViewDocument = Record<string, unknown>;

/** Where a document lives: a collection (one per view) and a key unique in it. */
export interface DocumentRef {
  collection: string;
  key: string;
}

/** `collection/key`, the map key of documents handed to and returned by a projection. */
export function refId(ref: DocumentRef): string {
  return `${ref.collection}/${ref.key}`;
}

/**
 * A projection keeps one or more collections of documents up to date from the global feed.
 * Pure: no I/O, no clock. The projector loads the documents `touches` names, calls
 * `apply`, and writes what it returns together with the projection's checkpoint, in one
 * transaction.
 *
 * Tested like the deciders: given events / then documents.
 */
export interface Projection {
  /** Stable name; the checkpoint and the generation (for rebuilds) are kept per projection. */
  readonly name: string;
  /** The collections it writes; no other projection writes them. */
  readonly collections: readonly string[];
  /** Only events from streams with these prefixes reach it (e.g. 'project-', 'envelope-'). */
  readonly streamPrefixes: readonly string[];
  /**
   * Collections whose documents `apply` writes but never reads (one per event, such as the
   * audit trail's entries): `touches` does not name them, and the projector does not keep
   * them in its document memory, where they would push out the documents it reads again.
   */
  readonly writeOnlyCollections?: readonly string[];
  /**
   * The documents this event reads or changes. [] ⇒ the projection ignores the event (an
   * event type it does not know is ignored, never an error).
   */
  touches(event: RecordedEvent): DocumentRef[];
  /**
   * Given the current documents (by refId; absent ⇒ undefined), returns the documents to
   * write (by refId): a document replaces the stored one, null deletes it. Documents not
   * returned are left as they are. A document it did not touch (one of its
   * `writeOnlyCollections`, or one it moves out of an older document) is written as
   * returned, without being read first.
   */
  apply(event: RecordedEvent, current: ReadonlyMap<string, ViewDocument | undefined>): Map<string, ViewDocument | null>;
}
