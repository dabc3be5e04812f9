import { Long } from 'mongodb';
import type { GlobalPosition } from '#event-store';
import { refId, type DocumentRef, type ViewDocument } from '../projection.js';
import type { DocumentChange } from '../read-store.port.js';
import { lastChanges } from '../query-arguments.js';

/**
 * How the MongoDB read store keeps its data, and the checks a commit makes before it
 * writes anything. Pure: no connection.
 *
 * Three collections in the store's database:
 *
 * - `read_documents`: one per view document, `_id` = `projection|generation|collection|key`
 *   (projection and collection names cannot hold '|', so the key, last, is unambiguous),
 *   with those four fields apart for the indexes, the document itself under `doc`, and
 *   the feed position of the commit that last wrote it under `position`.
 * - `read_checkpoints`: one per projection and generation, `_id` = `projection|generation`.
 * - `read_generations`: one per projection that has committed or been activated,
 *   `_id` = projection, with its `active` generation (absent: generation 1).
 */

export const DOCUMENTS = 'read_documents';
export const CHECKPOINTS = 'read_checkpoints';
export const GENERATIONS = 'read_generations';

/** A feed position as stored: two signed 64-bit integers, compared as a pair. */
export interface StoredPosition {
  commit: Long;
  prepare: Long;
}

export interface StoredDocument {
  _id: string;
  projection: string;
  generation: number;
  collection: string;
  key: string;
  doc: ViewDocument;
  position: StoredPosition;
}

export interface StoredCheckpoint {
  _id: string;
  projection: string;
  generation: number;
  position: StoredPosition;
}

export interface StoredGeneration {
  _id: string;
  active: number;
  /** Bumped by every commit, so that a commit and an activation always conflict. */
  commits?: number;
}

export function documentId(projection: string, generation: number, ref: DocumentRef): string {
  return `${projection}|${generation}|${ref.collection}|${ref.key}`;
}

export function checkpointId(projection: string, generation: number): string {
  return `${projection}|${generation}`;
}

export function storedPosition(position: GlobalPosition): StoredPosition {
  return { commit: Long.fromBigInt(position.commit), prepare: Long.fromBigInt(position.prepare) };
}

/** Reads a stored position back, whichever way the driver handed over its int64s. */
export function positionFromStored(stored: { commit: unknown; prepare: unknown }): GlobalPosition {
  return { commit: int64(stored.commit), prepare: int64(stored.prepare) };
}

function int64(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (Long.isLong(value)) return value.toBigInt();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new TypeError(`a stored position part is not an integer: ${String(value)}`);
}

/** The filter of stored things whose position is at or after `position`. */
export function atOrAfter(field: string, position: GlobalPosition): Record<string, unknown> {
  const { commit, prepare } = storedPosition(position);
  return {
    $or: [{ [`${field}.commit`]: { $gt: commit } }, { [`${field}.commit`]: commit, [`${field}.prepare`]: { $gte: prepare } }],
  };
}

/** The changes to write, split by kind, each document as it will be stored. */
export function netChanges(changes: readonly DocumentChange[]): {
  written: { ref: DocumentRef; doc: ViewDocument }[];
  deleted: DocumentRef[];
} {
  const written: { ref: DocumentRef; doc: ViewDocument }[] = [];
  const deleted: DocumentRef[] = [];
  for (const { ref, doc } of lastChanges(changes)) {
    const plain = { collection: ref.collection, key: ref.key };
    if (doc === null) deleted.push(plain);
    else written.push({ ref: plain, doc: storableDocument(plain, doc) });
  }
  return { written, deleted };
}

/** A lone UTF-16 surrogate: valid in a JS string, not in UTF-8 (BSON would store U+FFFD). */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * The document as it will be stored: its JSON form (what the SQL stores keep, so a Date
 * becomes its ISO string and an undefined field disappears in every profile alike),
 * refused when it holds something that would not read back as given:
 *
 * - U+0000 anywhere (a BSON field name cannot hold it; PostgreSQL refuses it in values too,
 *   so every profile refuses the same documents),
 * - a lone surrogate (UTF-8 cannot encode it),
 * - a field name starting with '$' (MongoDB reserves them: `{$ref, $id}` reads back as a DBRef).
 */
export function storableDocument(ref: DocumentRef, doc: ViewDocument): ViewDocument {
  const json = JSON.parse(JSON.stringify(doc)) as ViewDocument;
  const problem = unstorable(json, '');
  if (problem !== undefined) throw new TypeError(`the document ${refId(ref)} cannot be stored: ${problem}`);
  return json;
}

function unstorable(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return unstorableText(value, `the value at ${path || '/'}`);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = unstorable(item, `${path}/${index}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [name, item] of Object.entries(value)) {
      const at = `${path}/${name}`;
      const nameProblem = unstorableText(name, `the field name ${JSON.stringify(at)}`);
      if (nameProblem !== undefined) return nameProblem;
      if (name.startsWith('$')) return `the field name ${JSON.stringify(at)} starts with '$'`;
      const problem = unstorable(item, at);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

function unstorableText(text: string, what: string): string | undefined {
  if (text.includes('\u0000')) return `${what} holds U+0000`;
  if (LONE_SURROGATE.test(text)) return `${what} holds a lone surrogate`;
  return undefined;
}
