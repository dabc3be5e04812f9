import type { IndexDescription } from 'mongodb';
import { CHECKPOINTS, DOCUMENTS, GENERATIONS } from './stored-documents.js';

/**
 * The MongoDB read store's collections and indexes, created when it connects (idempotent:
 * creating an index that exists with the same definition does nothing, so several
 * processes may connect at once). Pure: the definitions only.
 */

/**
 * The fields the API sorts and filters on most, by collection, as in the SQL store's
 * migration (plus `projectId`, the portfolio's default sort). Each gets an index on
 * (projection, generation, collection, field, key) over that collection's documents
 * only: it serves the field's equality and range filters and its sorted, keyset pages.
 * Adding a field here adds an index at the next start.
 */
export const SORTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  projects: ['projectId', 'status', 'year', 'region', 'fundingLine', 'thematicArea', 'awaitingSince'],
  'audit-entries': ['feedOrder', 'actorId', 'type', 'recordedAt', 'subjectId'],
};

export const INDEXES: Readonly<Record<string, readonly IndexDescription[]>> = {
  [DOCUMENTS]: [
    // Loads and gets go by _id; this one serves scans of a collection (by key) and the
    // clean-up of a generation.
    { key: { projection: 1, generation: 1, collection: 1, key: 1 }, name: 'document_ref', unique: true },
    ...Object.entries(SORTED_FIELDS).flatMap(([collection, fields]) =>
      fields.map(
        (field): IndexDescription => ({
          key: { projection: 1, generation: 1, collection: 1, [`doc.${field}`]: 1, key: 1 },
          name: `${collection}_${field}`,
          partialFilterExpression: { collection },
        }),
      ),
    ),
  ],
  // The newest generation of a projection (createGeneration), and the retired ones (activate).
  [CHECKPOINTS]: [{ key: { projection: 1, generation: -1 }, name: 'projection_generation' }],
  [GENERATIONS]: [],
};

/** The part of the `hello` reply that says what the server can do. */
export interface HelloReply {
  setName?: string;
  msg?: string;
  maxWireVersion?: number;
  logicalSessionTimeoutMinutes?: number | null;
}

/** Wire version 13: MongoDB 5.0, the first with snapshot reads outside transactions. */
const MIN_WIRE_VERSION = 13;

/**
 * Refuses a server the read store cannot work on, with what to do about it: commits are
 * transactions (a replica set or a sharded cluster), queries are snapshot reads (5.0+).
 */
export function assertSupported(hello: HelloReply, where: string): void {
  const clustered = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
  if (!clustered) {
    throw new Error(
      `MongoDB at ${where} is a standalone server: the read store commits views and checkpoints in transactions, ` +
        'which need a replica set (a single node is enough: start mongod with --replSet rs0, then run rs.initiate())',
    );
  }
  if ((hello.maxWireVersion ?? 0) < MIN_WIRE_VERSION) {
    throw new Error(`MongoDB at ${where} is older than 5.0: the read store needs 5.0 or later`);
  }
  if (hello.logicalSessionTimeoutMinutes === undefined || hello.logicalSessionTimeoutMinutes === null) {
    throw new Error(`MongoDB at ${where} does not support sessions, which the read store's transactions need`);
  }
}

/** Where a connection string points, without its credentials, for messages and logs. */
export function redactedUrl(url: string): string {
  return url.replace(/^(mongodb(?:\+srv)?:\/\/)[^@/]*@/, '$1***@');
}
