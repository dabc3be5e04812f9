import type { SqlClient } from '#sql';

/** One append as the SQL functions take it (see migrations 0002 and 0003). */
export interface PendingAppend {
  streamId: string;
  /** The last revision the stream must have (requiredLastRevision in sql-event-store.ts). */
  required: number | null;
  ids: readonly string[];
  /** The events, as the functions store them: { id, type, data, metadata }. */
  events: readonly object[];
}

/** A row of append_to_stream: an event written or found, or the actual revision. */
export interface AppendRow {
  outcome: 'appended' | 'stored' | 'wrong-revision';
  id: string | null;
  stream_id: string;
  revision: string;
  commit_position: string | null;
  prepare_position: string | null;
}

interface Waiting extends PendingAppend {
  resolve: (rows: AppendRow[]) => void;
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
 * can cause (an event id committed meanwhile in another stream: a unique violation) or
 * for the store itself; it is then written again one append at a time, so that every
 * append gets its own answer.
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

  append(pending: PendingAppend): Promise<AppendRow[]> {
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
        if (batch.length === 1) await this.one(batch[0]!);
        else await this.many(batch);
      }
    } finally {
      this.active -= 1;
    }
  }

  private async one(waiting: Waiting): Promise<void> {
    try {
      waiting.resolve(
        await this.client.query<AppendRow>('SELECT * FROM append_to_stream($1, $2, $3, $4::uuid[], $5)', [
          this.lockSpace,
          waiting.streamId,
          waiting.required,
          waiting.ids,
          JSON.stringify(waiting.events),
        ]),
      );
    } catch (error) {
      waiting.reject(error);
    }
  }

  private async many(batch: Waiting[]): Promise<void> {
    let rows: (AppendRow & { item: number })[];
    try {
      const appends = batch.map(({ streamId, required, ids, events }, item) => ({ item, streamId, required, ids, events }));
      rows = await this.client.query('SELECT * FROM append_batch($1, $2)', [this.lockSpace, JSON.stringify(appends)]);
    } catch {
      for (const waiting of batch) await this.one(waiting);
      return;
    }
    const byItem = batch.map((): AppendRow[] => []);
    for (const { item, ...row } of rows) byItem[item]!.push(row);
    batch.forEach((waiting, item) => waiting.resolve(byItem[item]!));
  }
}
