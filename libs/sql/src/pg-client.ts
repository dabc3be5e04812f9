import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { SqlClient, SqlTransaction } from './sql-client.js';
import { fromDriverError, SqlError, SqlUnavailableError } from './sql-error.js';
import { ServerLiveness } from './server-liveness.js';
import { TableStatistics, type AnalyseSchedule } from './table-statistics.js';

export interface PgConnectOptions {
  /** Most connections the pool opens (default 10). Each open transaction holds one. */
  max?: number;
  /**
   * Server-side `statement_timeout` of every connection, in ms (default 30 000; 0 = none):
   * how long a statement may run on a server that answers. A statement running longer is
   * cancelled: `SqlError` 57014. `migrate` lifts it for its own transaction.
   */
  statementTimeoutMs?: number;
  /**
   * How long the server may stay silent, in ms (default 5 000). Getting a connection:
   * opening one to a server that does not answer, or waiting for a free one when all `max`
   * are busy. A statement: one unanswered for half of it makes the client ask the server
   * for `SELECT 1` on a new connection, and when that gets no answer within the other half
   * (a silent partition: sockets open, nothing answered), the statement fails. Past it the
   * call fails with `SqlUnavailableError` instead of hanging; a slow statement on a server
   * that answers runs on, up to `statementTimeoutMs`.
   */
  connectionTimeoutMillis?: number;
  /**
   * Server-side `idle_in_transaction_session_timeout`, in ms (default 60 000; 0 = none):
   * a transaction left open and idle (a bug, a hung caller) is ended by the server, so
   * that it cannot hold back the global feed (docs/adr/0003) for ever.
   */
  idleInTransactionTimeoutMs?: number;
  /** How long an unused connection stays open, in ms (default 30 000). */
  idleTimeoutMillis?: number;
  /** `application_name` shown in pg_stat_activity (default 'portfolio-ledger'). */
  applicationName?: string;
  /**
   * Told about an idle pooled connection that failed (the server restarted, an admin
   * terminated it, the network dropped it). The pool has already discarded it and opens
   * a new one when needed; this is for logs and metrics. Default: ignored.
   */
  onIdleConnectionError?: (error: SqlUnavailableError) => void;
  /**
   * Whether `connect` runs `SELECT 1` before returning (default true), so that a wrong
   * URL or a server that is down fails at start with a clear message.
   */
  verify?: boolean;
  /**
   * When the server runs no autovacuum (`autovacuum = off`, as on some CI and test
   * servers), the client analyses the database's tables itself on this schedule. Asked by
   * the stores' client (openStorage); by default (`false`) a client — an admin's, a test's —
   * neither asks the server nor schedules anything.
   */
  analyseWithoutAutovacuum?: AnalyseSchedule | false;
  /** Told once, at connect, that the server runs no autovacuum (for the logs). */
  onNoAutovacuum?: () => void;
}

/** Node socket errors that mean the server is not reachable or the connection broke. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
]);

/** pg's own messages for a lost, unusable or unobtainable connection (they carry no code). */
const CONNECTION_ERROR_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect/,
  /not queryable/, // "Client has encountered a connection error and is not queryable"
  /^Cannot use a pool after calling end/,
  /^Query read timeout/,
  /^The server does not support SSL connections/,
];

/**
 * Parsers for what PGlite returns differently from `pg`'s defaults, so that the same
 * adapter code sees the same values on both engines:
 *
 * - int8 (and int8[]): a number when it is a safe integer, a bigint beyond (PGlite's
 *   rule); `pg` alone returns strings. Adapters that need exact positions cast to text.
 * - date: midnight UTC (PGlite), not midnight in the process's time zone (`pg`).
 *
 * Everything else already agrees: int2/int4/float8 numbers, numeric as a string, jsonb
 * parsed, timestamptz as a Date, uuid/xid8/text as strings, arrays as arrays.
 */
const INT8 = 20;
const INT8_ARRAY = 1016;
const DATE = 1082;
const DATE_ARRAY = 1182;

function parseInt8(text: string): number | bigint {
  const value = BigInt(text);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** PGlite's rule, to the letter: `new Date(text)` reads 'YYYY-MM-DD' as midnight UTC. */
function parseDate(text: string): Date | number {
  if (text === 'infinity') return Infinity;
  if (text === '-infinity') return -Infinity;
  return new Date(text);
}

function mapNested(value: unknown, parse: (text: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapNested(item, parse));
  return value === null ? null : parse(value as string);
}

const TEXT_ARRAY = 1009; // text[]: splits an array literal into strings
const parseTextArray = pg.types.getTypeParser(TEXT_ARRAY as never, 'text') as (text: string) => unknown;

const LEDGER_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return pg.types.getTypeParser(oid, format);
    switch (oid) {
      case INT8:
        return parseInt8;
      case INT8_ARRAY:
        return (text: string) => mapNested(parseTextArray(text), parseInt8);
      case DATE:
        return parseDate;
      case DATE_ARRAY:
        return (text: string) => mapNested(parseTextArray(text), parseDate);
      default:
        return pg.types.getTypeParser(oid, format ?? 'text');
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * SqlClient over a PostgreSQL server through a `pg.Pool`: the postgres profile, where
 * several API instances and the projector share one database.
 *
 * - `query` and `exec` run on any free connection; `transaction` holds one connection
 *   from BEGIN to COMMIT / ROLLBACK, so transactions really run concurrently.
 * - Errors: a statement the server refuses rejects with `SqlError` (SQLSTATE in `code`);
 *   a server that cannot be reached or a connection lost — refused, reset, timed out,
 *   terminated by an admin or a restart (57P01), starting up (57P03), class 08 — with
 *   `SqlUnavailableError`. A connection that failed is destroyed, never reused.
 * - A lost connection never crashes the process: idle ones are dropped by the pool (see
 *   `onIdleConnectionError`), and the next call opens a new one, so the client recovers
 *   by itself when the server is back. A call that was running when the connection broke
 *   fails; it is not retried here, as only the caller knows whether that is safe. A
 *   COMMIT that fails with `SqlUnavailableError` may or may not have committed (the
 *   event store's idempotent appends make a retry safe).
 * - As on PGlite, calling the client itself from inside `transaction()`'s work is
 *   refused: on PGlite it would deadlock, and here it would run outside the transaction.
 */
export class PgClient implements SqlClient {
  /** Marks the async context of a transaction's work, to refuse calls on the client. */
  private readonly insideTransaction = new AsyncLocalStorage<{ open: boolean }>();
  private closing: Promise<void> | undefined;
  private statistics: TableStatistics | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    /** The server and database, without credentials, for messages. */
    private readonly target: string,
    /** Asked when a statement goes unanswered for its timeout (half the connection timeout). */
    private readonly liveness: ServerLiveness,
  ) {}

  /**
   * Opens a pool on `url` (`postgres://user:password@host:port/database`) and, unless
   * `verify` is false, checks that the server answers: a server that is down or a wrong
   * URL rejects with `SqlUnavailableError` within `connectionTimeoutMillis`.
   */
  static async connect(url: string, options: PgConnectOptions = {}): Promise<PgClient> {
    const connectionTimeout = options.connectionTimeoutMillis ?? 5_000;
    const applicationName = options.applicationName ?? 'portfolio-ledger';
    const pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      connectionTimeoutMillis: connectionTimeout,
      idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      // No client-side query_timeout: it cannot tell a slow statement from a silent server
      // (it cut a migration waiting for another process's lock at 35 s); liveness can.
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
      application_name: applicationName,
      // A connection dropped alone (its server still answering others) is found by the kernel.
      keepAlive: true,
      keepAliveInitialDelayMillis: connectionTimeout,
      types: LEDGER_TYPES,
    });
    const client = new PgClient(pool, describeTarget(url), new ServerLiveness(url, Math.max(1, Math.floor(connectionTimeout / 2)), applicationName));
    // Without a listener, an idle connection's error would be thrown as an uncaught
    // 'error' event and stop the process. pg-pool has already discarded the connection.
    pool.on('error', (error) => options.onIdleConnectionError?.(client.unavailable(error)));
    // And every connection keeps a listener of its own for its whole life: the pool's idle
    // listener and ours (watch) come and go as it changes hands, and a server that cuts
    // connections (a failover, pg_terminate_backend) was seen to hit one in between and stop
    // the projector's process. The failure itself is met by the next statement on it.
    pool.on('connect', (connection) => connection.on('error', () => undefined));
    if (options.verify ?? true) {
      try {
        await client.query('SELECT 1');
      } catch (error) {
        await client.close();
        throw error;
      }
    }
    const schedule = options.analyseWithoutAutovacuum ?? false;
    if (schedule !== false) {
      // Never analysed, the tables look empty to the planner however large they grow:
      // without autovacuum, a projector's batch read every document of its projection.
      const [setting] = await client.query<{ autovacuum: string }>(`SELECT current_setting('autovacuum') AS autovacuum`).catch(() => []);
      if (setting?.autovacuum === 'off') {
        client.statistics = TableStatistics.keepCurrent(() => client.exec('ANALYZE'), schedule);
        options.onNoAutovacuum?.();
      }
    }
    return client;
  }

  /** Whether this client analyses the tables itself (the server runs no autovacuum). */
  get analysesTables(): boolean {
    return this.statistics !== undefined;
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    this.refuseInsideTransaction();
    const connection = await this.checkout();
    const health = watch(connection);
    try {
      return await this.run<Row>(connection, sql, params, health);
    } finally {
      health.release();
    }
  }

  async exec(sql: string): Promise<void> {
    this.refuseInsideTransaction();
    const connection = await this.checkout();
    const health = watch(connection);
    try {
      await this.run(connection, sql, undefined, health);
    } finally {
      health.release();
    }
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    this.refuseInsideTransaction();
    const connection = await this.checkout();
    const health = watch(connection);
    // Still marked after the transaction for callbacks the work left behind (timers):
    // `open` tells them apart, and a tx handle used after the end is refused — its
    // connection is back in the pool, maybe inside someone else's transaction.
    const marker = { open: true };
    try {
      await this.run(connection, 'BEGIN', undefined, health);
      let result: T;
      try {
        result = await this.insideTransaction.run(marker, () => work(this.wrap(connection, marker, health)));
      } catch (error) {
        marker.open = false;
        // The work's own error (already mapped, or the caller's) passes through untouched.
        // A failed ROLLBACK means the connection is gone: it is destroyed on release. A connection
        // already broken (the server went silent) is not asked: the server rolls back when it goes.
        if (!health.broken) await this.answered(connection.query('ROLLBACK')).catch((rollbackError: unknown) => health.broke(rollbackError));
        throw error;
      }
      marker.open = false;
      await this.run(connection, 'COMMIT', undefined, health);
      return result;
    } finally {
      marker.open = false;
      health.release();
    }
  }

  /** Waits for the calls in flight, then closes every connection. Idempotent. */
  async close(): Promise<void> {
    this.statistics?.stop();
    this.closing ??= this.pool.end().catch(() => undefined);
    await this.closing;
  }

  /** Connections open now, and how many of them are idle (for health checks and tests). */
  get connections(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  private wrap(connection: pg.PoolClient, marker: { open: boolean }, health: Health): SqlTransaction {
    const open = () => {
      if (!marker.open) throw new Error('PgClient: this transaction has ended, its tx handle can no longer be used');
    };
    return {
      query: async <Row>(sql: string, params: readonly unknown[] = []) => {
        open();
        return this.run<Row>(connection, sql, params, health);
      },
      exec: async (sql: string) => {
        open();
        await this.run(connection, sql, undefined, health);
      },
    };
  }

  /**
   * One statement with parameters (always the extended protocol, as on PGlite: one
   * statement per call), or — `params` undefined — a script of several statements.
   */
  private async run<Row>(
    connection: pg.PoolClient,
    sql: string,
    params: readonly unknown[] | undefined,
    health: Health,
  ): Promise<Row[]> {
    try {
      if (params === undefined) {
        await this.answered(connection.query(sql));
        return [];
      }
      const config = { text: sql, values: [...params], queryMode: 'extended' } as pg.QueryConfig;
      return (await this.answered(connection.query(config))).rows as Row[];
    } catch (error) {
      const mapped = this.classify(error);
      // A refused statement leaves the connection usable; anything else may not.
      if (!(mapped instanceof SqlError)) health.broke(error);
      throw mapped;
    }
  }

  /**
   * The statement's answer; but when none comes for the liveness timeout and the server does
   * not answer a new connection either, `SqlUnavailableError` (the caller destroys the
   * connection, and the abandoned statement fails with it).
   */
  private async answered<T>(pending: Promise<T>): Promise<T> {
    const answer = pending.then(() => 'answered' as const);
    answer.catch(() => undefined); // raced below; its failure is `pending`'s, awaited there
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const quiet = new Promise<'quiet'>((resolve) => {
        timer = setTimeout(() => resolve('quiet'), this.liveness.timeoutMs);
      });
      try {
        if ((await Promise.race([answer, quiet])) === 'answered') return await pending;
      } finally {
        clearTimeout(timer);
      }
      const verdict = await Promise.race([answer, this.liveness.check()]);
      if (verdict === 'answered') return await pending;
      if (verdict !== 'answers') {
        pending.catch(() => undefined);
        throw this.unavailable(verdict);
      }
    }
  }

  private async checkout(): Promise<pg.PoolClient> {
    if (this.closing) throw new SqlUnavailableError('PgClient is closed', undefined);
    try {
      return await this.pool.connect();
    } catch (error) {
      // Whatever stops us from getting a connection — refused, timed out, a wrong
      // password, a database that does not exist — the database is unavailable to us.
      throw this.unavailable(error);
    }
  }

  private refuseInsideTransaction(): void {
    if (this.insideTransaction.getStore()?.open) {
      throw new Error('PgClient: inside transaction(), use its tx handle, not the client');
    }
  }

  private classify(error: unknown): unknown {
    if (isConnectionFailure(error)) return this.unavailable(error);
    return fromDriverError(error);
  }

  private unavailable(error: unknown): SqlUnavailableError {
    if (error instanceof SqlUnavailableError) return error;
    const code = (error as { code?: unknown } | null)?.code;
    const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !isSystemError(error) ? code : undefined;
    return new SqlUnavailableError(`PostgreSQL unavailable (${this.target}): ${describe(error)}`, sqlState, {
      cause: error,
    });
  }
}

interface Health {
  /** Whether the connection failed (it will be destroyed). */
  readonly broken: boolean;
  /** Marks the connection as failed: it is destroyed instead of going back to the pool. */
  broke(error: unknown): void;
  /** Gives the connection back (or destroys it); once. */
  release(): void;
}

/**
 * Watches a checked-out connection. pg emits 'error' on a client whose socket fails
 * while no statement is running (between the statements of a transaction, say); without
 * a listener that would be an uncaught exception. The failure is remembered instead.
 */
function watch(connection: pg.PoolClient): Health {
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure ??= error;
  };
  connection.on('error', onError);
  return {
    get broken() {
      return failure !== undefined;
    },
    broke(error) {
      failure ??= error instanceof Error ? error : new Error(String(error));
    },
    release() {
      connection.off('error', onError);
      connection.release(failure);
    },
  };
}

function isSystemError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'syscall' in error;
}

/**
 * Errors are recognised by their fields, not with `instanceof`: Node's socket errors come
 * from Node's own realm, which is not the realm of code run in a VM context (jest's).
 */
interface ErrorLike {
  message: string;
  code?: unknown;
  errors?: unknown;
}

function asErrorLike(error: unknown): ErrorLike | undefined {
  return typeof error === 'object' && error !== null && typeof (error as ErrorLike).message === 'string'
    ? (error as ErrorLike)
    : undefined;
}

function isConnectionFailure(error: unknown): boolean {
  const fields = asErrorLike(error);
  if (!fields) return false;
  if (typeof fields.code === 'string' && CONNECTION_ERROR_CODES.has(fields.code)) return true;
  // Node reports a failed connection to every address of a host as an AggregateError.
  if (Array.isArray(fields.errors) && fields.errors.some(isConnectionFailure)) return true;
  return CONNECTION_ERROR_MESSAGES.some((pattern) => pattern.test(fields.message));
}

function describe(error: unknown): string {
  const fields = asErrorLike(error);
  if (!fields) return String(error);
  if (fields.message === '' && Array.isArray(fields.errors)) return fields.errors.map(describe).join('; ');
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  return code !== undefined && !fields.message.includes(code) ? `${fields.message} (${code})` : fields.message;
}

/** `postgres://user@host:5432/db`: the URL without its password or parameters. */
function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'an unparsable DATABASE_URL';
  }
}
