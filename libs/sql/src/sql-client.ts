/**
 * The smallest interface both SQL engines share: PGlite (embedded, in-process) and a
 * PostgreSQL server through `pg`. Every SQL adapter is written against this, so the SQL
 * is the same in both profiles.
 */
export interface SqlQueryable {
  /** Runs one statement with $1-style parameters; returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface SqlClient extends SqlQueryable {
  /**
   * Runs `work` in one transaction (READ COMMITTED), committing when it resolves and
   * rolling back when it throws; the error is rethrown.
   */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
