import { comparePositions, START, type GlobalPosition } from '#event-store';
import { SqlParameters, type SqlClient } from '#sql';
import { refId, type DocumentRef, type ViewDocument } from '../projection.js';
import {
  RetiredGenerationError,
  byGroup,
  type AggregateQuery,
  type AggregateRow,
  type CommitOptions,
  type DocumentChange,
  type DocumentPage,
  type DocumentQuery,
  type ReadStore,
} from '../read-store.port.js';
import {
  aggregateStatement,
  findStatement,
  whereDocuments,
  type AggregateSqlRow,
  type FindRow,
} from './document-queries.js';
import { encodeCursor } from './page-cursor.js';
import { assertGeneration, assertName, assertRef, commitArgumentsChecked, lastChanges } from '../query-arguments.js';

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
      `SELECT found.collection, found.key, found.doc FROM ${documentsByKey('r.collection, r.key, r.doc', '$1', '$2', '$3')}`,
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
    if (!commitArgumentsChecked(projection, generation, position, options.from)) return false;
    const statement = commitStatement(projection, generation, netChanges(changes), position, options.from);
    const run = async () => (await this.client.query<{ active: number | null; moved: boolean }>(statement.sql, statement.params))[0]!;
    let outcome = await run();
    if (outcome.active === null) {
      // The projection's first commit: there is no generation row to lock yet (see commitStatement).
      await this.client.query('INSERT INTO read_generations (projection, active) VALUES ($1, 1) ON CONFLICT (projection) DO NOTHING', [
        projection,
      ]);
      outcome = await run();
    }
    const active = Number(outcome.active);
    if (generation < active) throw new RetiredGenerationError(projection, generation, active);
    return outcome.moved;
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
    });
    // The retired documents go after the switch, outside its transaction: nothing reads them
    // any more and no commit can write them, and the switch holds the generation row FOR
    // UPDATE — every commit of the projection waits for it. Deleting a generation inside it
    // kept the live projector waiting 3 s at 10,000 projects (docs/adr/0013). An activation
    // interrupted here leaves them for the next one to drop.
    await this.client.query('DELETE FROM read_documents WHERE projection = $1 AND generation < $2', [projection, generation]);
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
    return { groups: rows.filter((row) => !row.is_total).map(toRow).sort(byGroup), total: toRow(total!) };
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }
}

/**
 * A whole commit as one statement (a single statement is atomic, and on PGlite every round
 * trip counts): documents and checkpoint move together or not at all. Each step runs only
 * when the one before it let it through:
 *
 * 1. `live` locks the projection's generation row FOR SHARE and reads the active generation:
 *    a commit to a generation an activation has retired writes nothing, and since activation
 *    locks the row FOR UPDATE, a commit in flight and an activation wait for each other.
 *    No row yet (a projection's first commit) reads as active = null: the caller creates the
 *    row and runs the statement again, so that there is always a row to lock.
 * 2. `moved` moves the checkpoint: its row lock orders concurrent commits of the generation,
 *    and it moves only forward (a commit at or before the stored checkpoint is a replay, or a
 *    slower twin that lost the race) and, with `from`, only from `from` — a compare-and-set,
 *    so that two runners (two projector processes) can never apply one batch twice.
 * 3. The documents are written and deleted only if the checkpoint moved (`EXISTS moved`
 *    also makes them wait for its lock).
 */
function commitStatement(
  projection: string,
  generation: number,
  { written, deleted }: ReturnType<typeof netChanges>,
  position: GlobalPosition,
  from: GlobalPosition | undefined,
): { sql: string; params: unknown[] } {
  const params = new SqlParameters();
  const name = params.add(projection);
  const gen = `${params.add(generation)}::int`;
  const [commit, prepare] = [`${params.add(String(position.commit))}::bigint`, `${params.add(String(position.prepare))}::bigint`];
  const moved =
    from === undefined
      ? `INSERT INTO read_checkpoints AS c (projection, generation, position_commit, position_prepare)
         SELECT ${name}, ${gen}, ${commit}, ${prepare} FROM live WHERE live.active <= ${gen}
         ON CONFLICT (projection, generation) DO UPDATE
           SET position_commit = EXCLUDED.position_commit, position_prepare = EXCLUDED.position_prepare
           WHERE (c.position_commit, c.position_prepare) < (EXCLUDED.position_commit, EXCLUDED.position_prepare)
         RETURNING 1`
      : comparePositions(from, START) <= 0
        ? // From START: only if no checkpoint is stored yet.
          `INSERT INTO read_checkpoints (projection, generation, position_commit, position_prepare)
           SELECT ${name}, ${gen}, ${commit}, ${prepare} FROM live WHERE live.active <= ${gen}
           ON CONFLICT (projection, generation) DO NOTHING
           RETURNING 1`
        : `UPDATE read_checkpoints c SET position_commit = ${commit}, position_prepare = ${prepare}
             FROM live
            WHERE live.active <= ${gen} AND c.projection = ${name} AND c.generation = ${gen}
              AND (c.position_commit, c.position_prepare)
                = (${params.add(String(from.commit))}::bigint, ${params.add(String(from.prepare))}::bigint)
              AND (c.position_commit, c.position_prepare) < (${commit}, ${prepare})
           RETURNING 1`;
  const steps = [
    `live AS MATERIALIZED (SELECT active FROM read_generations WHERE projection = ${name} FOR SHARE)`,
    `moved AS (${moved})`,
  ];
  if (written.length > 0) {
    steps.push(`written AS (
      INSERT INTO read_documents (projection, generation, collection, key, doc, position_commit, position_prepare)
      SELECT ${name}, ${gen}, change.collection, change.key, change.doc, ${commit}, ${prepare}
        FROM jsonb_to_recordset(${params.add(JSON.stringify(written))}::text::jsonb) AS change(collection text, key text, doc jsonb)
       WHERE EXISTS (SELECT 1 FROM moved)
      ON CONFLICT (projection, generation, collection, key) DO UPDATE
        SET doc = EXCLUDED.doc, position_commit = EXCLUDED.position_commit, position_prepare = EXCLUDED.position_prepare)`);
  }
  if (deleted.length > 0) {
    // Deleted by row id, as found by documentsByKey (a join here hashed a rebuild's whole
    // generation for every commit that deleted anything: docs/adr/0013).
    steps.push(`gone AS (
      DELETE FROM read_documents d
       WHERE EXISTS (SELECT 1 FROM moved)
         AND d.ctid = ANY (ARRAY(SELECT found.ctid FROM ${documentsByKey('r.ctid', name, gen, params.add(JSON.stringify(deleted)))})))`);
  }
  return {
    sql: `WITH ${steps.join(',\n')}\nSELECT (SELECT active FROM live) AS active, EXISTS (SELECT 1 FROM moved) AS moved`,
    params: params.values,
  };
}

/**
 * `found`: the `columns` of the documents of one generation named by `refs` (a JSON array of
 * { collection, key }), each by a primary-key probe whatever the statistics say. As a plain
 * join the plan followed the statistics, which lag behind a generation a rebuild is filling
 * (or were never gathered): believing it nearly empty, the planner hashed all of it — 235 ms
 * for 20 documents loaded at 100,000 projects (docs/adr/0012), 188 ms for 3 deleted at 47,688
 * documents (docs/adr/0013). LIMIT 1 keeps the probe from being flattened back into that
 * join; the key is the primary key, so it changes no answer.
 */
function documentsByKey(columns: string, projection: string, generation: string, refs: string): string {
  return `jsonb_to_recordset(${refs}::text::jsonb) AS wanted(collection text, key text)
     CROSS JOIN LATERAL (
       SELECT ${columns} FROM read_documents r
        WHERE r.projection = ${projection} AND r.generation = ${generation}
          AND r.collection = wanted.collection AND r.key = wanted.key
        LIMIT 1) found`;
}

/** The changes to write, split by kind. */
function netChanges(changes: readonly DocumentChange[]): {
  written: { collection: string; key: string; doc: ViewDocument }[];
  deleted: DocumentRef[];
} {
  const written: { collection: string; key: string; doc: ViewDocument }[] = [];
  const deleted: DocumentRef[] = [];
  for (const { ref, doc } of lastChanges(changes)) {
    if (doc === null) deleted.push({ collection: ref.collection, key: ref.key });
    else written.push({ collection: ref.collection, key: ref.key, doc });
  }
  return { written, deleted };
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
