/**
 * The smallest interface both SQL engines share: PGlite (embedded, in-process) and a
 * PostgreSQL server through `pg`. Every SQL adapter is written against this, so the SQL
 * is the same in both profiles.
 *
 * Errors: a statement the database refuses rejects with `SqlError` (its SQLSTATE in
 * `code`, e.g. '23505'); a database that cannot be reached, or a closed client, rejects
 * with `SqlUnavailableError`. See `sql-error.ts`.
 */
export interface SqlQueryable {
  /** Runs one statement with $1-style parameters; returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** The handle `transaction()` gives its work: statements on that transaction only. */
export interface SqlTransaction extends SqlQueryable {
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlClient extends SqlQueryable {
  /**
   * Runs `work` in one transaction (READ COMMITTED), committing when it resolves and
   * rolling back when it throws; the error is rethrown. Inside `work`, use `tx` only:
   * on a single-connection engine a call on the client itself would wait for the
   * transaction forever, so it is refused with an error.
   */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Releases the connection(s); idempotent. Later calls reject with `SqlUnavailableError`. */
  close(): Promise<void>;
}
