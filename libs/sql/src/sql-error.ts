/**
 * Engine-neutral SQL errors. PGlite and `pg` both report PostgreSQL's own error fields
 * (`code`, `constraint`, `detail`); every SqlClient rethrows them in these shapes so
 * that adapters never depend on a driver's error classes.
 */

/** The database refused a statement. `code` is the SQLSTATE, e.g. '23505'. */
export class SqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly constraint: string | undefined,
    readonly detail: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SqlError';
  }
}

/** The database cannot be reached, the connection was lost, or the client is closed. */
export class SqlUnavailableError extends Error {
  constructor(
    message: string,
    /** The SQLSTATE when the server reported one (class 08, 57P0x, 53300), else undefined. */
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SqlUnavailableError';
  }
}

export const SqlState = {
  uniqueViolation: '23505',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

/** True for a unique violation, optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): error is SqlError {
  return (
    error instanceof SqlError &&
    error.code === SqlState.uniqueViolation &&
    (constraint === undefined || error.constraint === constraint)
  );
}

/**
 * SQLSTATEs that mean "the database is not there" rather than "your statement is wrong":
 * connection exceptions (class 08), shutdowns (57P01-57P03), too many connections (53300).
 * Except 08P01 (protocol violation): that is what the server says to a statement sent
 * with the wrong number of parameters — a bug in the caller, not an outage.
 */
function meansUnavailable(code: string): boolean {
  return (code.startsWith('08') && code !== '08P01') || /^57P0[1-3]$/.test(code) || code === '53300';
}

/**
 * Turns a driver error carrying a SQLSTATE into `SqlError` / `SqlUnavailableError`;
 * returns anything else unchanged (a bug in the caller, or a driver-specific failure
 * that the client classifies itself).
 */
export function fromDriverError(error: unknown): unknown {
  if (error instanceof SqlError || error instanceof SqlUnavailableError) return error;
  // By fields, not `instanceof Error`: a driver's errors may come from another realm.
  if (typeof error !== 'object' || error === null || typeof (error as Error).message !== 'string') return error;
  const fields = error as Error & { code?: unknown; constraint?: unknown; detail?: unknown; syscall?: unknown };
  // A Node system error (its `code` such as 'EPIPE' looks like a SQLSTATE) is the
  // client's to classify: the socket failed, the server said nothing.
  if (fields.syscall !== undefined) return error;
  if (typeof fields.code !== 'string' || !/^[0-9A-Z]{5}$/.test(fields.code)) return error;
  if (meansUnavailable(fields.code)) {
    return new SqlUnavailableError(fields.message, fields.code, { cause: error });
  }
  return new SqlError(
    fields.message,
    fields.code,
    typeof fields.constraint === 'string' ? fields.constraint : undefined,
    typeof fields.detail === 'string' ? fields.detail : undefined,
    { cause: error },
  );
}
