import type { SqlClient, SqlTransaction } from './sql-client.js';

/**
 * One versioned schema change. A TS module rather than a .sql file so that `tsc` ships
 * it in dist/ with the code that needs it.
 *
 * Versions are global: every list migrated into one database records itself in the same
 * `schema_migrations` table, so each library owns a range of numbers — the event store
 * 1–999, each read store the next free thousand (1000–1999, 2000–2999, …). A version
 * recorded under another name is refused loudly, which catches two lists colliding.
 */
export interface Migration {
  readonly version: number;
  /** Stable, human name; stored and compared on every run. */
  readonly name: string;
  /**
   * SQL statements, run with `exec` inside the migration transaction (so no
   * `CREATE INDEX CONCURRENTLY`). Released migrations are never edited: add a new one.
   */
  readonly up: string;
}

/**
 * Key of the transaction-scoped advisory lock every migrating process takes first, so
 * that two processes starting at once apply each migration exactly once (the second
 * waits, then finds nothing to do). Any constant works if all processes share it.
 */
const MIGRATION_LOCK_KEY = 7_340_161_102;

/**
 * Brings the schema up to date with `migrations`: applies, in version order, those not
 * yet recorded in `schema_migrations`, all in one transaction (all or nothing). Running
 * it again is a no-op; two processes running it at once are safe. Returns the versions
 * it applied (empty when the schema was already up to date).
 */
export async function migrate(client: SqlClient, migrations: readonly Migration[]): Promise<number[]> {
  const ordered = checkedInOrder(migrations);
  return client.transaction(async (tx) => {
    // A server client may carry a statement timeout sized for requests (PgClient: 30 s by
    // default). Neither waiting for another process's migrations nor a migration that
    // builds an index on a large table is a request: lift it for this transaction only.
    await tx.query('SET LOCAL statement_timeout = 0');
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version int PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const recorded = await recordedMigrations(tx);
    const applied: number[] = [];
    for (const migration of ordered) {
      const recordedName = recorded.get(migration.version);
      if (recordedName === migration.name) continue;
      if (recordedName !== undefined) {
        throw new Error(
          `migration ${migration.version} is recorded as "${recordedName}", not "${migration.name}": ` +
            'two migration lists share a version number, or a released migration was renamed',
        );
      }
      await tx.exec(migration.up);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}

async function recordedMigrations(tx: SqlTransaction): Promise<Map<number, string>> {
  const rows = await tx.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations');
  return new Map(rows.map((row) => [Number(row.version), row.name]));
}

function checkedInOrder(migrations: readonly Migration[]): Migration[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((migration, index) => {
    if (!Number.isInteger(migration.version) || migration.version < 1 || migration.version > 2_147_483_647) {
      throw new Error(`migration version must be a positive int, got ${migration.version}`);
    }
    if (index > 0 && ordered[index - 1]!.version === migration.version) {
      throw new Error(`migration version ${migration.version} appears twice in the list`);
    }
    if (migration.name.trim() === '') throw new Error(`migration ${migration.version} has no name`);
  });
  return ordered;
}
