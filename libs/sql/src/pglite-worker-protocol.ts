import type { PgliteOpenOptions } from './pglite-client.js';
import { SqlError, SqlUnavailableError } from './sql-error.js';

/**
 * The messages between PgliteWorkerClient (the API's thread) and pglite-worker.ts (the
 * thread that owns the database). Each request carries an id its reply repeats; the worker
 * handles requests in the order they were posted, so a transaction's statements reach
 * PGlite in the order its work issued them.
 */
export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params: readonly unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  /** Opens transaction `tx` (numbered by the client); answered once PGlite has begun it. */
  | { id: number; op: 'begin'; tx: number }
  | { id: number; op: 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'close' };

/** Rows of a query; nothing for the other requests. */
export type WorkerReply = { id: number; rows?: unknown[] } | { id: number; error: PostedError };

/** What the worker is started with (`workerData`). */
export interface WorkerStart {
  dataDir: string | undefined;
  options: PgliteOpenOptions;
}

/** The id of the reply to opening: ready, or why not. */
export const OPENED = 0;

/**
 * An error as it crosses the threads. Structured cloning would keep an Error's message but
 * not its class nor the fields the adapters read (`code`, `constraint`, `detail`), so the
 * classes of sql-error.ts are taken apart here and built again on the other side.
 */
export interface PostedError {
  kind: 'sql' | 'unavailable' | 'other';
  name: string;
  message: string;
  code?: string | undefined;
  constraint?: string | undefined;
  detail?: string | undefined;
  stack?: string | undefined;
}

export function postedError(error: unknown): PostedError {
  if (error instanceof SqlError) {
    const { name, message, code, constraint, detail, stack } = error;
    return { kind: 'sql', name, message, code, constraint, detail, stack };
  }
  if (error instanceof SqlUnavailableError) {
    const { name, message, code, stack } = error;
    return { kind: 'unavailable', name, message, code, stack };
  }
  if (error instanceof Error) return { kind: 'other', name: error.name, message: error.message, stack: error.stack };
  return { kind: 'other', name: 'Error', message: String(error) };
}

/** The error again, of its class, with the worker's stack as its cause. */
export function receivedError(posted: PostedError): Error {
  const cause = Object.assign(new Error(posted.message), { name: posted.name, stack: posted.stack });
  if (posted.kind === 'sql') return new SqlError(posted.message, posted.code!, posted.constraint, posted.detail, { cause });
  if (posted.kind === 'unavailable') return new SqlUnavailableError(posted.message, posted.code, { cause });
  return Object.assign(new Error(posted.message, { cause }), { name: posted.name });
}
