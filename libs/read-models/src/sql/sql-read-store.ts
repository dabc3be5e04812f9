import { comparePositions, START, type GlobalPosition } from '#event-store';
import { SqlParameters, type SqlClient, type SqlQueryable } from '#sql';
import { refId, type DocumentRef, type ViewDocument } from '../projection.js';
import type {
  AggregateQuery,
  AggregateRow,
  CommitOptions,
  DocumentChange,
  DocumentPage,
  DocumentQuery,
  ReadStore,
} from '../read-store.port.js';
import {
  aggregateStatement,
  findStatement,
  whereDocuments,
  type AggregateSqlRow,
  type FindRow,
} from './document-queries.js';
import { encodeCursor } from './page-cursor.js';
import { assertGeneration, assertName } from '../query-arguments.js';

export interface SqlReadStoreOptions {
  /**
   * Whether `close()` also closes the client (default false: in the embedded profile the
   * read store shares the event store's PGlite).
   */
  ownsClient?: boolean;
}

interface PositionRow {
  position_commit: string;
  position_prepare: string;
}

/**
 * The read store on PostgreSQL — embedded (PGlite) or a server (`pg`) — through
 * `SqlClient`, with the schema of `READ_STORE_MIGRATIONS`: every projection's documents in
 * one table, keyed by (projection, generation, collection, key), next to its checkpoint.
 * Nothing here is engine-specific.
 */
export class SqlReadStore implements ReadStore {
  private readonly ownsClient: boolean;

  constructor(
    private readonly client: SqlClient,
    options: SqlReadStoreOptions = {},
  ) {
    this.ownsClient = options.ownsClient ?? false;
  }

  async activeGeneration(projection: string): Promise<number> {
    assertName('projection', projection);
    const rows = await this.client.query<{ active: number }>('SELECT active FROM read_generations WHERE projection = $1', [
      projection,
    ]);
    return rows[0] ? Number(rows[0].active) : 1;
  }

  async checkpoint(projection: string, generation: number): Promise<GlobalPosition> {
    assertName('projection', projection);
    assertGeneration(generation);
    const rows = await this.client.query<PositionRow>(
      `SELECT position_commit::text AS position_commit, position_prepare::text AS position_prepare
         FROM read_checkpoints WHERE projection = $1 AND generation = $2`,
      [projection, generation],
    );
    return rows[0] ? positionOf(rows[0]) : START;
  }

  async load(projection: string, generation: number, refs: readonly DocumentRef[]): Promise<Map<string, ViewDocument>> {
    assertName('projection', projection);
    assertGeneration(generation);
    refs.forEach(assertRef);
    if (refs.length === 0) return new Map();
    const rows = await this.client.query<{ collection: string; key: string; doc: ViewDocument }>(
      `SELECT d.collection, d.key, d.doc
         FROM read_documents d
         JOIN jsonb_to_recordset($3::text::jsonb) AS wanted(collection text, key text)
           ON d.collection = wanted.collection AND d.key = wanted.key
        WHERE d.projection = $1 AND d.generation = $2`,
      [projection, generation, JSON.stringify(refs.map(({ collection, key }) => ({ collection, key })))],
    );
    return new Map(rows.map((row) => [refId(row), row.doc]));
  }

  async commit(
    projection: string,
    generation: number,
    changes: readonly DocumentChange[],
    position: GlobalPosition,
    options: CommitOptions = {},
  ): Promise<boolean> {
    assertName('projection', projection);
    assertGeneration(generation);
    assertPosition(position);
    // Nothing is after START; an unset checkpoint reads as START.
    if (comparePositions(position, START) <= 0) return false;
    const { written, deleted } = netChanges(changes);
    const at = [projection, generation, String(position.commit), String(position.prepare)];
    // With `from`: the stored checkpoint must still be where the batch started, or another
    // runner got there first (the documents this batch was applied to may be stale).
    const from = options.from;
    const fromCondition = from === undefined
      ? ''
      : ` AND (read_checkpoints.position_commit, read_checkpoints.position_prepare) = ($5::bigint, $6::bigint)`;
    const fromParams = from === undefined ? [] : [String(from.commit), String(from.prepare)];
    if (from !== undefined && comparePositions(from, START) > 0) {
      const [stored] = await this.client.query<{ n: number }>(
        `SELECT 1 AS n FROM read_checkpoints WHERE projection = $1 AND generation = $2`,
        [projection, generation],
      );
      if (stored === undefined) return false;
    }
    return this.client.transaction(async (tx) => {
      await lockLiveGeneration(tx, projection, generation);
      // The checkpoint row first: its lock orders concurrent commits of this generation,
      // and a commit at or before the stored checkpoint (a replay, or a slower twin that
      // lost the race) changes nothing at all.
      const moved = await tx.query(
        `INSERT INTO read_checkpoints (projection, generation, position_commit, position_prepare)
         VALUES ($1, $2, $3::bigint, $4::bigint)
         ON CONFLICT (projection, generation) DO UPDATE
           SET position_commit = EXCLUDED.position_commit, position_prepare = EXCLUDED.position_prepare
           WHERE (read_checkpoints.position_commit, read_checkpoints.position_prepare)
               < (EXCLUDED.position_commit, EXCLUDED.position_prepare)${fromCondition}
         RETURNING 1`,
        [...at, ...fromParams],
      );
      if (moved.length === 0) return false;
      if (written.length > 0) {
        await tx.query(
          `INSERT INTO read_documents (projection, generation, collection, key, doc, position_commit, position_prepare)
           SELECT $1, $2, change.collection, change.key, change.doc, $3::bigint, $4::bigint
             FROM jsonb_to_recordset($5::text::jsonb) AS change(collection text, key text, doc jsonb)
           ON CONFLICT (projection, generation, collection, key) DO UPDATE
             SET doc = EXCLUDED.doc, position_commit = EXCLUDED.position_commit,
                 position_prepare = EXCLUDED.position_prepare`,
          [...at, JSON.stringify(written)],
        );
      }
      if (deleted.length > 0) {
        await tx.query(
          `DELETE FROM read_documents d
            USING jsonb_to_recordset($3::text::jsonb) AS gone(collection text, key text)
            WHERE d.projection = $1 AND d.generation = $2 AND d.collection = gone.collection AND d.key = gone.key`,
          [projection, generation, JSON.stringify(deleted)],
        );
      }
      return true;
    });
  }

  async createGeneration(projection: string): Promise<number> {
    assertName('projection', projection);
    const rows = await this.client.query<{ next: number }>(
      `SELECT GREATEST(
                COALESCE((SELECT active FROM read_generations WHERE projection = $1), 1),
                COALESCE((SELECT max(generation) FROM read_checkpoints WHERE projection = $1), 1)
              ) + 1 AS next`,
      [projection],
    );
    return Number(rows[0]!.next);
  }

  async activate(projection: string, generation: number): Promise<void> {
    assertName('projection', projection);
    assertGeneration(generation);
    await this.client.transaction(async (tx) => {
      const switched = await tx.query(
        `INSERT INTO read_generations (projection, active) VALUES ($1, $2)
         ON CONFLICT (projection) DO UPDATE SET active = EXCLUDED.active
           WHERE read_generations.active <= EXCLUDED.active
         RETURNING active`,
        [projection, generation],
      );
      if (switched.length === 0) {
        const active = await tx.query<{ active: number }>('SELECT active FROM read_generations WHERE projection = $1', [
          projection,
        ]);
        throw new Error(
          `cannot activate generation ${generation} of ${projection}: generation ${active[0]?.active} is active ` +
            'and the generations before it are dropped',
        );
      }
      await tx.query('DELETE FROM read_checkpoints WHERE projection = $1 AND generation < $2', [projection, generation]);
      await tx.query('DELETE FROM read_documents WHERE projection = $1 AND generation < $2', [projection, generation]);
    });
  }

  async find(projection: string, collection: string, query: DocumentQuery): Promise<DocumentPage> {
    const { sql, params } = findStatement(projection, collection, query);
    const rows = await this.client.query<FindRow>(sql, params);
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    if (rows.length <= query.limit || !last) return { items: items.map((row) => row.doc) };
    return {
      items: items.map((row) => row.doc),
      nextCursor: encodeCursor(query, { sortNumber: last.sort_number, sortText: last.sort_text, key: last.key }),
    };
  }

  async get(projection: string, collection: string, key: string): Promise<ViewDocument | undefined> {
    if (typeof key !== 'string') throw new RangeError(`a document key is a string, got ${JSON.stringify(key)}`);
    const params = new SqlParameters();
    const where = whereDocuments(params, projection, collection, {});
    where.push(`key = ${params.add(key)}`);
    const rows = await this.client.query<{ doc: ViewDocument }>(
      `SELECT doc FROM read_documents WHERE ${where.join(' AND ')}`,
      params.values,
    );
    return rows[0]?.doc;
  }

  async aggregate(
    projection: string,
    collection: string,
    query: AggregateQuery,
  ): Promise<{ groups: AggregateRow[]; total: AggregateRow }> {
    const { sql, params } = aggregateStatement(projection, collection, query);
    const rows = await this.client.query<AggregateSqlRow>(sql, params);
    const toRow = (row: AggregateSqlRow): AggregateRow => ({
      group: row.group_value ?? null,
      count: Number(row.count),
      sums: Object.fromEntries(query.sum.map((field, index) => [field, exactNumber(field, row.sums[index]!)])),
    });
    const total = rows.find((row) => row.is_total);
    return { groups: rows.filter((row) => !row.is_total).map(toRow), total: toRow(total!) };
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }
}

/**
 * Refuses a commit to a generation that an activation has retired (its rows are gone; a
 * runner still writing it has been replaced). The lock on the projection's generation row
 * makes an activation wait for commits in flight, and a commit wait for an activation.
 */
async function lockLiveGeneration(tx: SqlQueryable, projection: string, generation: number): Promise<void> {
  await tx.query('INSERT INTO read_generations (projection, active) VALUES ($1, 1) ON CONFLICT (projection) DO NOTHING', [
    projection,
  ]);
  const rows = await tx.query<{ active: number }>(
    'SELECT active FROM read_generations WHERE projection = $1 FOR SHARE',
    [projection],
  );
  const active = Number(rows[0]!.active);
  if (generation < active) {
    throw new Error(
      `generation ${generation} of ${projection} was retired when generation ${active} was activated: nothing committed`,
    );
  }
}

/** The last change of each document (a projection may name one twice), split by kind. */
function netChanges(changes: readonly DocumentChange[]): {
  written: { collection: string; key: string; doc: ViewDocument }[];
  deleted: DocumentRef[];
} {
  const latest = new Map<string, DocumentChange>();
  for (const change of changes) {
    assertRef(change.ref);
    if (change.doc !== null && (typeof change.doc !== 'object' || Array.isArray(change.doc))) {
      throw new TypeError(`the document ${refId(change.ref)} is not a JSON object`);
    }
    latest.set(refId(change.ref), change);
  }
  const written: { collection: string; key: string; doc: ViewDocument }[] = [];
  const deleted: DocumentRef[] = [];
  for (const { ref, doc } of latest.values()) {
    if (doc === null) deleted.push({ collection: ref.collection, key: ref.key });
    else written.push({ collection: ref.collection, key: ref.key, doc });
  }
  return { written, deleted };
}

function assertRef(ref: DocumentRef): void {
  assertName('collection', ref.collection);
  if (typeof ref.key !== 'string' || ref.key === '') {
    throw new RangeError(`a document key is a non-empty string, got ${JSON.stringify(ref.key)}`);
  }
}

function assertPosition(position: GlobalPosition): void {
  if (typeof position?.commit !== 'bigint' || typeof position.prepare !== 'bigint') {
    throw new TypeError('a position is { commit: bigint, prepare: bigint }');
  }
}

function positionOf(row: PositionRow): GlobalPosition {
  return { commit: BigInt(row.position_commit), prepare: BigInt(row.position_prepare) };
}

/** A numeric sum as a number, refused rather than rounded when a double cannot hold it. */
function exactNumber(field: string, sum: string): number {
  const value = Number(sum);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`the sum of ${field} (${sum}) is not an integer a JSON number holds exactly`);
  }
  return value;
}
