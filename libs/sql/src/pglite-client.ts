import { AsyncLocalStorage } from 'node:async_hooks';
import { execFile } from 'node:child_process';
import { access, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { DataDirLock } from './data-dir-lock.js';
import { OwnerOnlyNodeFS } from './owner-only-node-fs.js';
import type { SqlClient, SqlTransaction } from './sql-client.js';
import { fromDriverError, SqlUnavailableError } from './sql-error.js';
import { TableStatistics, type AnalyseSchedule } from './table-statistics.js';

export interface PgliteOpenOptions {
  /** Extra postgresql.conf settings, e.g. `{ max_prepared_transactions: 2 }` in a test. */
  settings?: Readonly<Record<string, string | number>>;
  /** When a persisted database is first analysed, then how often (PGlite runs no autovacuum: see TableStatistics). */
  analyse?: AnalyseSchedule;
  /**
   * The caller holds the directory's DataDirLock already: PgliteWorkerClient takes it on
   * the API's thread, where this process's record of the directories it holds lives (a
   * worker thread has a record of its own, and would not see the other thread's).
   */
  dataDirLockHeld?: boolean;
}

/**
 * PostgreSQL's default shared_buffers (128 MB) lives inside the WASM heap, so in this
 * process's memory. The operating system caches the data files anyway; 32 MB keeps the
 * API within its memory budget at no measurable cost to its speed (bench/).
 */
const DEFAULT_SETTINGS: Readonly<Record<string, string | number>> = { shared_buffers: '32MB' };

/**
 * SqlClient over PGlite: a real PostgreSQL compiled to WASM, in this process, with one
 * connection. PGlite runs `query`, `exec` and `transaction` under one mutex, so a
 * statement issued while a transaction is open waits until it has committed or rolled
 * back: it never runs inside someone else's transaction (the int-spec proves it).
 */
export class PgliteClient implements SqlClient {
  /** Marks the async context of a transaction's work, to refuse calls that would deadlock. */
  private readonly insideTransaction = new AsyncLocalStorage<{ open: boolean }>();
  private closing: Promise<void> | undefined;
  private statistics: TableStatistics | undefined;

  private constructor(
    private readonly db: PGlite,
    private readonly lock: DataDirLock | undefined,
  ) {}

  /**
   * Opens a database persisted to `dataDir` (created if missing), or an in-memory one
   * when `dataDir` is undefined. A directory already open — in this process or another
   * live one — is refused (see DataDirLock) with a `SqlUnavailableError`.
   */
  static async open(dataDir: string | undefined, options: PgliteOpenOptions = {}): Promise<PgliteClient> {
    const settings = { ...DEFAULT_SETTINGS, ...options.settings };
    const postgresqlconf = Object.entries(settings).map(([key, value]) => `${key}=${value}`);
    let lock: DataDirLock | undefined;
    try {
      if (dataDir === undefined) return new PgliteClient(await PGlite.create({ postgresqlconf }), undefined);
      const directory = resolve(dataDir);
      // Private from the start (the runtime checks what an older version left wider).
      await mkdir(directory, { recursive: true, mode: 0o700 });
      if (!options.dataDirLockHeld) lock = await DataDirLock.acquire(directory);
      if (!(await isInitialised(directory))) await initialiseInChildProcess(directory);
      const client = new PgliteClient(await PGlite.create({ fs: new OwnerOnlyNodeFS(directory), postgresqlconf }), lock);
      client.statistics = TableStatistics.keepCurrent(() => client.exec('ANALYZE'), options.analyse);
      return client;
    } catch (error) {
      await lock?.release();
      throw new SqlUnavailableError(`cannot open PGlite at ${dataDir ?? 'memory'}: ${String(error)}`, undefined, {
        cause: error,
      });
    }
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    this.refuseInsideTransaction();
    return this.run(async () => (await this.db.query<Row>(sql, [...params])).rows);
  }

  async exec(sql: string): Promise<void> {
    this.refuseInsideTransaction();
    await this.run(() => this.db.exec(sql));
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    this.refuseInsideTransaction();
    if (this.closing) throw new SqlUnavailableError('PGlite is closed', undefined);
    let thrownByWork: { error: unknown } | undefined;
    // Still marked after the transaction for callbacks the work left behind (timers):
    // `open` tells them apart.
    const marker = { open: true };
    try {
      return await this.db.transaction((tx) =>
        this.insideTransaction.run(marker, async () => {
          try {
            return await work(this.wrap(tx));
          } catch (error) {
            thrownByWork = { error };
            throw error;
          } finally {
            marker.open = false;
          }
        }),
      );
    } catch (error) {
      // The work's own errors (already mapped, or the caller's) pass through untouched;
      // only BEGIN / COMMIT / ROLLBACK failures are the driver's to classify.
      if (thrownByWork && thrownByWork.error === error) throw error;
      throw this.classify(error);
    }
  }

  async close(): Promise<void> {
    this.statistics?.stop();
    this.closing ??= this.db.close().finally(() => this.lock?.release());
    await this.closing;
  }

  private wrap(tx: Transaction): SqlTransaction {
    return {
      query: async <Row>(sql: string, params: readonly unknown[] = []) =>
        this.run(async () => (await tx.query<Row>(sql, [...params])).rows),
      exec: async (sql: string) => {
        await this.run(() => tx.exec(sql));
      },
    };
  }

  private refuseInsideTransaction(): void {
    if (this.insideTransaction.getStore()?.open) {
      // PGlite has one connection: this call would queue behind the very transaction
      // that is waiting for it.
      throw new Error('PgliteClient: inside transaction(), use its tx handle, not the client');
    }
  }

  private async run<T>(statement: () => Promise<T>): Promise<T> {
    if (this.closing) throw new SqlUnavailableError('PGlite is closed', undefined);
    try {
      return await statement();
    } catch (error) {
      throw this.classify(error);
    }
  }

  private classify(error: unknown): unknown {
    const mapped = fromDriverError(error);
    if (mapped !== error) return mapped;
    // Without a SQLSTATE: a closed instance, or the WASM engine itself has failed
    // (a WebAssembly.RuntimeError, named so; the lib typings here do not declare it).
    const engineFailed = error instanceof Error && error.name === 'RuntimeError';
    if (this.db.closed || this.closing || engineFailed) {
      return new SqlUnavailableError(`PGlite unavailable: ${String(error)}`, undefined, { cause: error });
    }
    return error;
  }
}

async function isInitialised(directory: string): Promise<boolean> {
  try {
    await access(join(directory, 'PG_VERSION'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates the database cluster of a new data directory in a short-lived process. PGlite
 * runs initdb as a second WASM instance and keeps its memory (some 450 MB) for as long as
 * the process lives; done here, a service that starts on an empty directory would carry
 * it to the end. The child holds no lock of its own: the caller holds the directory's.
 */
async function initialiseInChildProcess(directory: string): Promise<void> {
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = `const { PGlite } = require(process.argv[1]);
    PGlite.create({ dataDir: process.argv[2] }).then((db) => db.close());`;
  await promisify(execFile)(process.execPath, ['-e', script, pglite, directory], { timeout: 120_000 });
}
