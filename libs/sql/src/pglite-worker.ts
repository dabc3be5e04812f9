/**
 * The thread that owns an embedded database (started by PgliteWorkerClient): it opens
 * PGlite, gathers its statistics, and runs every statement the API's thread posts, so that
 * PGlite's WebAssembly and protocol code take the second core instead of the API's.
 *
 * The SQL work is PgliteClient's, unchanged: its one mutex keeps a statement that arrives
 * while a transaction is open out of it, exactly as in the API's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PgliteClient } from './pglite-client.js';
import { OPENED, postedError, type WorkerReply, type WorkerRequest, type WorkerStart } from './pglite-worker-protocol.js';
import type { SqlTransaction } from './sql-client.js';

interface OpenTransaction {
  tx: SqlTransaction;
  /** Lets PgliteClient.transaction's work return (commit) or throw (roll back). */
  end(commit: boolean, replyTo: number): void;
}

/** Thrown into a transaction's work to roll it back; not an error of anyone's. */
const ROLL_BACK = Symbol('roll back');

const port = parentPort!;
const { dataDir, options } = workerData as WorkerStart;
const transactions = new Map<number, OpenTransaction>();

const reply = (message: WorkerReply) => port.postMessage(message);
const fail = (id: number, error: unknown) => reply({ id, error: postedError(error) });

let client: PgliteClient;
try {
  client = await PgliteClient.open(dataDir, options);
  reply({ id: OPENED });
} catch (error) {
  fail(OPENED, error);
  process.exit(1);
}

port.on('message', (request: WorkerRequest) => {
  switch (request.op) {
    case 'query':
      runStatement(request.id, request.tx, async (sql) => ({ id: request.id, rows: await sql.query(request.sql, request.params) }));
      return;
    case 'exec':
      runStatement(request.id, request.tx, async (sql) => {
        await sql.exec(request.sql);
        return { id: request.id };
      });
      return;
    case 'begin':
      begin(request.id, request.tx);
      return;
    case 'commit':
    case 'rollback': {
      const open = transactions.get(request.tx);
      if (!open) return fail(request.id, new Error(`transaction ${request.tx} is not open`));
      transactions.delete(request.tx);
      open.end(request.op === 'commit', request.id);
      return;
    }
    case 'close':
      client.close().then(
        () => reply({ id: request.id }),
        (error: unknown) => fail(request.id, error),
      );
      return;
  }
});

/** Runs a statement on the client, or on transaction `tx`'s handle when one is named. */
function runStatement(id: number, tx: number | undefined, statement: (sql: SqlTransaction | PgliteClient) => Promise<WorkerReply>): void {
  const target = tx === undefined ? client : transactions.get(tx)?.tx;
  // A handle used after its transaction ended: PgliteClient's own handle refuses it too.
  if (!target) return fail(id, new Error(`transaction ${tx} has ended: use a handle inside its transaction() only`));
  statement(target).then(reply, (error: unknown) => fail(id, error));
}

function begin(id: number, txNumber: number): void {
  let ended: { commit: boolean; replyTo: number } | undefined;
  client
    .transaction(
      (tx) =>
        new Promise<void>((resolve, reject) => {
          transactions.set(txNumber, {
            tx,
            end: (commit, replyTo) => {
              ended = { commit, replyTo };
              if (commit) resolve();
              else reject(ROLL_BACK);
            },
          });
          reply({ id });
        }),
    )
    .then(
      () => reply({ id: ended!.replyTo }),
      (error: unknown) => {
        transactions.delete(txNumber);
        // Never begun (a closed client): the begin is what failed.
        if (!ended) return fail(id, error);
        if (error === ROLL_BACK) return reply({ id: ended.replyTo });
        fail(ended.replyTo, error);
      },
    );
}
