import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataDirLock } from './data-dir-lock.js';
import type { PgliteOpenOptions } from './pglite-client.js';
import { OPENED, receivedError, type WorkerReply, type WorkerRequest, type WorkerStart } from './pglite-worker-protocol.js';
import type { SqlClient, SqlTransaction } from './sql-client.js';
import { SqlUnavailableError } from './sql-error.js';

/** A request without its id (the client numbers them). */
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/**
 * SqlClient over PGlite in a worker thread of its own (pglite-worker.ts): the same database
 * and SQL as PgliteClient, but its WebAssembly and protocol code run on another core than
 * the API's JavaScript (docs/adr/0026). Statements and their parameters are posted to the
 * worker, rows and errors come back; errors keep their class and SQLSTATE.
 *
 * Transactions: `begin` waits in the worker for PGlite's one mutex, so nothing else runs
 * inside a transaction; its statements follow in the order the work issues them, then
 * commit or rollback. A worker that dies rejects every waiting call, and every later one,
 * with `SqlUnavailableError`.
 */
export class PgliteWorkerClient implements SqlClient {
  private readonly insideTransaction = new AsyncLocalStorage<{ open: boolean }>();
  private readonly waiting = new Map<number, { resolve(rows: unknown[] | undefined): void; reject(error: Error): void }>();
  private nextRequest = OPENED + 1;
  private nextTransaction = 1;
  /** Why every call now fails: the client was closed, or its worker stopped. */
  private unavailable: SqlUnavailableError | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly lock: DataDirLock | undefined,
    private readonly name: string,
  ) {
    worker.on('message', (reply: WorkerReply) => this.answer(reply));
    worker.on('error', (error) => this.stopped(`PGlite's worker failed (${name}): ${String(error)}`, error));
    worker.on('exit', (code) => this.stopped(`PGlite's worker stopped (${name}, exit code ${code})`, undefined));
    // Idle, the worker does not keep the process alive (a CLI that forgot to close still
    // exits, as with PgliteClient); while a call waits on it, it does (see `request`).
    worker.unref();
  }

  /**
   * Opens a database persisted to `dataDir` (created if missing), or an in-memory one when
   * `dataDir` is undefined, in a new worker thread. The directory's lock is taken here, on
   * the calling thread, so that a second open in this process — in-thread or in a worker —
   * is refused like one from another process (`SqlUnavailableError`).
   */
  static async open(dataDir: string | undefined, options: PgliteOpenOptions = {}): Promise<PgliteWorkerClient> {
    const directory = dataDir === undefined ? undefined : resolve(dataDir);
    let lock: DataDirLock | undefined;
    try {
      if (directory !== undefined) {
        await mkdir(directory, { recursive: true, mode: 0o700 });
        lock = await DataDirLock.acquire(directory);
      }
    } catch (error) {
      throw new SqlUnavailableError(`cannot open PGlite at ${directory}: ${String(error)}`, undefined, { cause: error });
    }
    const start: WorkerStart = { dataDir: directory, options: { ...options, dataDirLockHeld: true } };
    const client = new PgliteWorkerClient(new Worker(workerScript(), { workerData: start }), lock, directory ?? 'memory');
    try {
      await client.waitFor(OPENED);
      return client;
    } catch (error) {
      await client.worker.terminate();
      await lock?.release();
      throw error;
    }
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    this.refuseInsideTransaction();
    return (await this.request({ op: 'query', sql, params })) as Row[];
  }

  async exec(sql: string): Promise<void> {
    this.refuseInsideTransaction();
    await this.request({ op: 'exec', sql });
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    this.refuseInsideTransaction();
    const tx = this.nextTransaction++;
    await this.request({ op: 'begin', tx });
    // Still marked after the transaction for callbacks the work left behind (timers):
    // `open` tells them apart.
    const marker = { open: true };
    const handle: SqlTransaction = {
      query: async <Row>(sql: string, params: readonly unknown[] = []) =>
        (await this.request({ op: 'query', sql, params, tx })) as Row[],
      exec: async (sql: string) => {
        await this.request({ op: 'exec', sql, tx });
      },
    };
    let result: T;
    try {
      result = await this.insideTransaction.run(marker, () => work(handle));
    } catch (error) {
      marker.open = false;
      // The worker rolls back whatever happens; a failure to (a worker gone) is not news
      // next to the work's own error, which is the one to rethrow.
      await this.request({ op: 'rollback', tx }).catch(() => undefined);
      throw error;
    }
    marker.open = false;
    await this.request({ op: 'commit', tx });
    return result;
  }

  async close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (!this.unavailable) await this.request({ op: 'close' });
      } finally {
        this.unavailable ??= new SqlUnavailableError('PGlite is closed', undefined);
        await this.worker.terminate();
        await this.lock?.release();
      }
    })();
    await this.closing;
  }

  private request(request: Request): Promise<unknown[] | undefined> {
    if (this.unavailable) return Promise.reject(this.unavailable);
    if (this.closing && request.op !== 'close') return Promise.reject(new SqlUnavailableError('PGlite is closed', undefined));
    const id = this.nextRequest++;
    try {
      this.worker.postMessage({ ...request, id });
    } catch (error) {
      // A parameter that cannot be cloned (a function, a class with private state): the
      // caller's bug, reported as PgliteClient would report a parameter it cannot send.
      return Promise.reject(error as Error);
    }
    return this.waitFor(id);
  }

  private waitFor(id: number): Promise<unknown[] | undefined> {
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
  }

  private answer(reply: WorkerReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.settled(reply.id);
    if ('error' in reply) waiting.reject(receivedError(reply.error));
    else waiting.resolve(reply.rows);
  }

  private settled(id: number): void {
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker.unref();
  }

  /** The worker is gone (crashed, or terminated by close): nothing waits for it forever. */
  private stopped(message: string, cause: unknown): void {
    if (!this.unavailable) this.unavailable = new SqlUnavailableError(message, undefined, { cause });
    for (const [id, waiting] of this.waiting) {
      this.settled(id);
      waiting.reject(this.unavailable);
    }
  }

  private refuseInsideTransaction(): void {
    if (this.insideTransaction.getStore()?.open) {
      // The worker's PGlite has one connection: this call would queue behind the very
      // transaction that is waiting for it.
      throw new Error('PgliteWorkerClient: inside transaction(), use its tx handle, not the client');
    }
  }
}

/**
 * The worker's compiled script. Built, this file sits beside it in dist/; under ts-jest it
 * runs as source from libs/, and the worker runs the build's JavaScript (`npm run build`
 * comes first, as for every integration test).
 */
function workerScript(): URL {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('.js')
    ? new URL('./pglite-worker.js', here)
    : new URL('../../../dist/libs/sql/src/pglite-worker.js', here);
}
