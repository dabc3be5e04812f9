import type { SqlClient } from '#sql';

/** One append as append_events takes it (see migration 7). */
export interface PendingAppend {
  streamId: string;
  /** The last revision the stream must have (requiredLastRevision in sql-event-store.ts). */
  required: number | null;
  /** The events, as the function stores them: { id, type, data, metadata }. */
  events: readonly object[];
}

/** append_events' answer to one append: written, or refused with the stream's revision. */
export interface AppendRow {
  outcome: 'appended' | 'wrong-revision';
  /** The stream's last revision: after the append, or as found (-1: no stream). */
  revision: string;
  /** The position of the append's last event ('appended' only). */
  commit_position: string | null;
  prepare_position: string | null;
}

interface Waiting extends PendingAppend {
  resolve: (row: AppendRow) => void;
  reject: (error: unknown) => void;
}

/** Appends per statement at most: a batch is one transaction, and its locks are held to the end. */
const MAX_BATCH = 200;

/**
 * Group commit: appends that arrive while earlier ones are being written go together in
 * the next statement. An embedded PGlite runs one statement at a time and a statement's
 * fixed cost (~0.3 ms) dwarfs an append's own work; on a server, a batch is one round
 * trip and one commit for many appends. Nothing waits on purpose: with `writers` idle an
 * append is written at once, alone; batches form only under load.
 *
 * Each append keeps its own outcome. A batch fails as a whole only for what one append
 * can cause (an event id stored already — a retry, or an id committed meanwhile in
 * another stream: a unique violation) or for the store itself; it is then written again
 * one append at a time, so that every append gets its own answer.
 */
export class GroupCommit {
  private readonly queue: Waiting[] = [];
  private active = 0;

  constructor(
    private readonly client: SqlClient,
    private readonly lockSpace: number,
    /** Statements in flight at once (PGlite has one connection: 1). */
    private readonly writers: number,
  ) {}

  append(pending: PendingAppend): Promise<AppendRow> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...pending, resolve, reject });
      if (this.active < this.writers) void this.write();
    });
  }

  private async write(): Promise<void> {
    this.active += 1;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.statement(batch);
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          else for (const waiting of batch) await this.statement([waiting]).catch(waiting.reject);
        }
      }
    } finally {
      this.active -= 1;
    }
  }

  /** One statement for the batch; every append gets its answer, or the statement fails as a whole. */
  private async statement(batch: readonly Waiting[]): Promise<void> {
    const rows = await this.client.query<AppendRow & { item: number }>('SELECT * FROM append_events($1, $2, $3, $4)', [
      this.lockSpace,
      batch.map((waiting) => waiting.streamId),
      batch.map((waiting) => waiting.required),
      JSON.stringify(batch.map((waiting) => waiting.events)),
    ]);
    const byItem = new Map(rows.map(({ item, ...row }) => [Number(item), row]));
    batch.forEach((waiting, index) => {
      const row = byItem.get(index + 1);
      if (row) waiting.resolve(row);
      else waiting.reject(new Error(`append_events gave no answer for the append to ${waiting.streamId}`));
    });
  }
}
