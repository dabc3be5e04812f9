import {
  MongoClientClosedError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';

/**
 * MongoDB cannot be reached: no server could be selected in time, the connection was lost,
 * the primary stepped down or is shutting down, or the store is closed. The API answers
 * 503, as for `SqlUnavailableError` and `EventStoreUnavailableError`. Anything else the
 * driver throws (a bad query, a document too large) is passed on unchanged.
 */
export class MongoUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MongoUnavailableError';
  }
}

/** Server error codes that mean "not here right now" rather than "your request is wrong". */
const UNAVAILABLE_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  134, // ReadConcernMajorityNotAvailableYet
  189, // PrimarySteppedDown
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

export function meansUnavailable(error: unknown): boolean {
  if (error instanceof MongoUnavailableError) return true;
  if (
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoClientClosedError ||
    error instanceof MongoServerClosedError
  ) {
    return true;
  }
  return error instanceof MongoServerError && typeof error.code === 'number' && UNAVAILABLE_CODES.has(error.code);
}

/** `error` as a MongoUnavailableError when it means MongoDB cannot be reached, else unchanged. */
export function fromDriverError(error: unknown): unknown {
  if (error instanceof MongoUnavailableError || !meansUnavailable(error)) return error;
  return new MongoUnavailableError(`MongoDB unavailable: ${(error as Error).message}`, { cause: error });
}

/** A duplicate key: two writers inserted the same `_id` at once (retry: one of them won). */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/** A snapshot read whose point in time the server can no longer (or cannot yet) serve. */
export function isSnapshotError(error: unknown): boolean {
  return error instanceof MongoServerError && (error.code === 239 || error.code === 246); // SnapshotTooOld, SnapshotUnavailable
}
