import { randomBytes } from 'node:crypto';
import { PgClient } from '../pg-client.js';
import { SqlUnavailableError } from '../sql-error.js';

/** The server the PostgreSQL tests use: this machine's (CI starts it), or DATABASE_URL. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function testServerUrl(): string {
  const configured = process.env['DATABASE_URL']?.trim();
  return configured ? configured : DEFAULT_DATABASE_URL;
}

const PREFIX = 'portfolio_ledger_test_';
/** Databases a crashed run left behind are dropped by the next run after this long. */
const LEFTOVER_AFTER_MS = 6 * 60 * 60 * 1000;

export interface TemporaryDatabase {
  /** Connection URL of the new, empty database (same server and credentials). */
  readonly url: string;
  readonly name: string;
  /** Drops the database, closing any connection still open on it. Idempotent. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database `portfolio_ledger_test_<ms>_<random>` on the test server, so
 * that test files running in parallel (and runs on a shared server) never collide.
 *
 * The server is part of this machine: when it cannot be reached this rejects with an
 * error that says so and how to start it — PostgreSQL tests fail, they are never skipped.
 */
export async function createTemporaryDatabase(): Promise<TemporaryDatabase> {
  const serverUrl = testServerUrl();
  const admin = await connectToServer(serverUrl);
  const name = `${PREFIX}${Date.now()}_${randomBytes(4).toString('hex')}`;
  try {
    await dropLeftovers(admin);
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    name,
    drop: () => (dropped ??= dropDatabase(serverUrl, name)),
  };
}

/** Runs `work` on a temporary database and drops it afterwards, whatever happens. */
export async function withTemporaryDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const database = await createTemporaryDatabase();
  try {
    return await work(database.url);
  } finally {
    await database.drop();
  }
}

async function connectToServer(serverUrl: string): Promise<PgClient> {
  try {
    return await PgClient.connect(serverUrl, { max: 1, connectionTimeoutMillis: 5_000 });
  } catch (error) {
    const reason = error instanceof SqlUnavailableError ? error.message : String(error);
    throw new Error(
      `The PostgreSQL tests need the server at ${redacted(serverUrl)} (DATABASE_URL, default ${DEFAULT_DATABASE_URL}) ` +
        `and cannot reach it: ${reason}. It is part of this machine and CI starts it (.ci/run); start it with ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, or point DATABASE_URL at one.',
      { cause: error },
    );
  }
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = await connectToServer(serverUrl);
  try {
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.close();
  }
}

/** Drops test databases older than LEFTOVER_AFTER_MS (their names carry their birth). */
async function dropLeftovers(admin: PgClient): Promise<void> {
  const rows = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
    [PREFIX],
  );
  for (const { datname } of rows) {
    const born = Number(/^portfolio_ledger_test_(\d{13})_[0-9a-f]{8}$/.exec(datname)?.[1]);
    if (Number.isFinite(born) && Date.now() - born > LEFTOVER_AFTER_MS) {
      await admin.exec(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
  }
}

function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
