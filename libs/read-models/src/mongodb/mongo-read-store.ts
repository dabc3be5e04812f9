import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient, MongoServerError, type ClientSession, type Collection, type Db, type TransactionOptions } from 'mongodb';
import { comparePositions, START, type GlobalPosition } from '#event-store';
import { refId, type DocumentRef, type ViewDocument } from '../projection.js';
import {
  RetiredGenerationError,
  type AggregateQuery,
  type AggregateRow,
  type CommitOptions,
  type DocumentChange,
  type DocumentPage,
  type DocumentQuery,
  type ReadStore,
} from '../read-store.port.js';
import { assertGeneration, assertName, assertRef, commitArgumentsChecked } from '../query-arguments.js';
import { aggregatePipeline, aggregateResult, type AggregateResultDocument } from './document-aggregate.js';
import { scopeFilter } from './document-filter.js';
import { assertPageQuery, cursorAfter, findRequest } from './document-page.js';
import { fromDriverError, isDuplicateKey, isSnapshotError, MongoUnavailableError } from './mongo-errors.js';
import { assertSupported, INDEXES, redactedUrl, type HelloReply } from './mongo-schema.js';
import {
  atOrAfter,
  CHECKPOINTS,
  checkpointId,
  documentId,
  DOCUMENTS,
  GENERATIONS,
  netChanges,
  positionFromStored,
  storedPosition,
  type StoredCheckpoint,
  type StoredDocument,
  type StoredGeneration,
} from './stored-documents.js';

export { MongoUnavailableError } from './mongo-errors.js';

export interface MongoReadStoreOptions {
  /**
   * How long an operation waits for a usable server before it fails with
   * `MongoUnavailableError` (default 5 s; the driver's own default is 30 s).
   */
  serverSelectionTimeoutMS?: number;
  /** Whether `close()` also closes the client (default true for `connect`, false otherwise). */
  ownsClient?: boolean;
}

/** Simple binary comparison: strings by UTF-8 bytes, which is code-point order. */
const SIMPLE = { locale: 'simple' } as const;

/**
 * Reads outside queries (checkpoints, loads) see majority-committed data, as queries'
 * snapshot reads do: once a checkpoint is seen, the documents it covers are visible too.
 * Read concerns are given per operation, never per database or collection: an inherited
 * one would override the snapshot level of the queries' sessions.
 */
const MAJORITY = { readConcern: { level: 'majority' } } as const;
const SNAPSHOT = { readConcern: { level: 'snapshot' } } as const;

/**
 * Commits read the checkpoint, the active generation and the documents they touch in one
 * snapshot, and write with a majority: what a commit acknowledged survives a failover, and
 * a query's snapshot read (majority-committed data) sees it.
 */
const COMMIT: TransactionOptions = {
  readConcern: { level: 'snapshot' },
  writeConcern: { w: 'majority' },
  readPreference: 'primary',
};

/**
 * The read store on MongoDB (a replica set or a sharded cluster, 5.0+). See
 * `stored-documents.ts` for the collections.
 *
 * - A commit is one transaction: it checks the generation is live and the checkpoint (the
 *   `from` compare-and-set, and "only forward"), writes the documents — each recording the
 *   commit's position, and skipped if it already records a position at or after it — and
 *   moves the checkpoint. A replayed commit changes nothing. Two commits of one projection
 *   conflict (both write its generation record and checkpoint); the driver retries the
 *   loser, which then sees the winner's checkpoint.
 * - Queries read the active generation and its documents in one snapshot, so a query
 *   racing an activation sees either the old generation whole or the new one.
 * - Finds, filters and sums behave as the SQL store's: see `document-filter.ts`,
 *   `document-page.ts` and `document-aggregate.ts`.
 *
 * Errors that mean MongoDB cannot be reached come out as `MongoUnavailableError`.
 */
export class MongoReadStore implements ReadStore {
  private readonly db: Db;
  private readonly documents: Collection<StoredDocument>;
  private readonly checkpoints: Collection<StoredCheckpoint>;
  private readonly generations: Collection<StoredGeneration>;
  private readonly ownsClient: boolean;
  private closed = false;
  /** Whether the client has reached a server once (and so knows it can do snapshot reads). */
  private connected = false;

  /**
   * Connects to `url` (e.g. `mongodb://host:27017/?replicaSet=rs0`), checks the server can
   * hold the read store, and creates its collections and indexes in database `dbName`.
   */
  static async connect(url: string, dbName: string, options: MongoReadStoreOptions = {}): Promise<MongoReadStore> {
    assertDatabaseName(dbName);
    const client = new MongoClient(url, {
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5_000,
      appName: 'portfolio-ledger',
      ignoreUndefined: true,
    });
    const where = redactedUrl(url);
    try {
      await client.connect();
      assertSupported((await client.db('admin').command({ hello: 1 })) as HelloReply, where);
      const store = new MongoReadStore(client, dbName, { ownsClient: options.ownsClient ?? true });
      await store.createSchema();
      return store;
    } catch (error) {
      await client.close().catch(() => undefined);
      const cause = fromDriverError(error);
      if (cause instanceof MongoUnavailableError) {
        throw new MongoUnavailableError(`cannot connect to MongoDB at ${where}: ${(error as Error).message}`, { cause: error });
      }
      throw cause;
    }
  }

  /** A store on a client the caller made; `close()` closes the client only with `ownsClient`. */
  constructor(
    private readonly client: MongoClient,
    dbName: string,
    options: Pick<MongoReadStoreOptions, 'ownsClient'> = {},
  ) {
    assertDatabaseName(dbName);
    this.db = client.db(dbName);
    this.documents = this.db.collection<StoredDocument>(DOCUMENTS);
    // Positions are int64s: read them as bigints, never as (rounded) doubles.
    this.checkpoints = this.db.collection<StoredCheckpoint>(CHECKPOINTS, { useBigInt64: true });
    this.generations = this.db.collection<StoredGeneration>(GENERATIONS);
    this.ownsClient = options.ownsClient ?? false;
  }

  /** Creates the collections and indexes that are missing. */
  async createSchema(): Promise<void> {
    await this.run(async () => {
      for (const [name, indexes] of Object.entries(INDEXES)) {
        try {
          await this.db.createCollection(name);
        } catch (error) {
          if (!(error instanceof MongoServerError && error.code === 48)) throw error; // NamespaceExists
        }
        if (indexes.length > 0) await this.db.collection(name).createIndexes([...indexes]);
      }
    });
  }

  async activeGeneration(projection: string): Promise<number> {
    assertName('projection', projection);
    return this.run(() => this.activeIn(projection));
  }

  async checkpoint(projection: string, generation: number): Promise<GlobalPosition> {
    assertName('projection', projection);
    assertGeneration(generation);
    return this.run(async () => {
      const stored = await this.checkpoints.findOne({ _id: checkpointId(projection, generation) }, MAJORITY);
      return stored ? positionFromStored(stored.position) : START;
    });
  }

  async load(projection: string, generation: number, refs: readonly DocumentRef[]): Promise<Map<string, ViewDocument>> {
    assertName('projection', projection);
    assertGeneration(generation);
    refs.forEach(assertRef);
    if (refs.length === 0) return new Map();
    return this.run(async () => {
      const ids = [...new Set(refs.map((ref) => documentId(projection, generation, ref)))];
      const found = await this.documents
        .find({ _id: { $in: ids } }, { ...MAJORITY, projection: { _id: 0, collection: 1, key: 1, doc: 1 } })
        .toArray();
      return new Map(found.map((stored) => [refId(stored), stored.doc]));
    });
  }

  async commit(
    projection: string,
    generation: number,
    changes: readonly DocumentChange[],
    position: GlobalPosition,
    options: CommitOptions = {},
  ): Promise<boolean> {
    if (!commitArgumentsChecked(projection, generation, position, options.from)) return false;
    // Every document checked (and turned into what is stored) before anything is written.
    const { written, deleted } = netChanges(changes);
    const at = storedPosition(position);
    const toWrite = written.map(({ ref, doc }): StoredDocument => ({
      _id: documentId(projection, generation, ref),
      projection,
      generation,
      collection: ref.collection,
      key: ref.key,
      doc,
      position: at,
    }));
    const toDelete = deleted.map((ref) => documentId(projection, generation, ref));
    const cpId = checkpointId(projection, generation);

    return this.run(async () => {
      for (let tries = 1; ; tries++) {
        try {
          return await this.transaction(async (session) => {
            // Bumping the generation record makes every commit conflict with an activation
            // (and with the projection's other commits): a snapshot read alone would not.
            const record = await this.generations.findOneAndUpdate(
              { _id: projection },
              { $setOnInsert: { active: 1 }, $inc: { commits: 1 } },
              { upsert: true, returnDocument: 'after', session },
            );
            const active = Number(record?.active ?? 1);
            if (generation < active) throw new RetiredGenerationError(projection, generation, active);
            const stored = await this.checkpoints.findOne({ _id: cpId }, { session });
            const current = stored ? positionFromStored(stored.position) : START;
            // With `from`: the stored checkpoint must still be where the batch started, or
            // another runner got there first (the documents this batch was applied to may be
            // stale). Without: only forward — at or before the checkpoint is a replay.
            const moved =
              (options.from === undefined || comparePositions(current, options.from) === 0) &&
              comparePositions(position, current) > 0;
            if (!moved) {
              await session.abortTransaction();
              return false;
            }
            // Documents that already record this position or a later one keep what they have.
            const ids = [...toWrite.map((doc) => doc._id), ...toDelete];
            const applied = new Set<string>();
            if (ids.length > 0) {
              const newer = await this.documents
                .find({ _id: { $in: ids }, ...atOrAfter('position', position) }, { session, projection: { _id: 1 } })
                .toArray();
              for (const { _id } of newer) applied.add(_id);
            }
            const operations = [
              ...toWrite
                .filter((doc) => !applied.has(doc._id))
                .map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } })),
              ...toDelete.filter((id) => !applied.has(id)).map((id) => ({ deleteOne: { filter: { _id: id } } })),
            ];
            if (operations.length > 0) await this.documents.bulkWrite(operations, { session, ordered: true });
            if (stored) {
              await this.checkpoints.updateOne({ _id: cpId }, { $set: { position: at } }, { session });
            } else {
              await this.checkpoints.insertOne({ _id: cpId, projection, generation, position: at }, { session });
            }
            return true;
          });
        } catch (error) {
          // Two first commits of one generation inserting its checkpoint at once: the loser
          // runs again and sees the winner's checkpoint.
          if (isDuplicateKey(error) && tries < 3) continue;
          throw error;
        }
      }
    });
  }

  async createGeneration(projection: string): Promise<number> {
    assertName('projection', projection);
    return this.run(async () => {
      const [active, newest] = await Promise.all([
        this.activeIn(projection),
        this.checkpoints
          .find({ projection }, { ...MAJORITY, projection: { _id: 0, generation: 1 } })
          .sort({ generation: -1 })
          .limit(1)
          .next(),
      ]);
      return Math.max(active, Number(newest?.generation ?? 1)) + 1;
    });
  }

  async activate(projection: string, generation: number): Promise<void> {
    assertName('projection', projection);
    assertGeneration(generation);
    await this.run(async () => {
      await this.transaction(async (session) => {
        const record = await this.generations.findOne({ _id: projection }, { session });
        const active = Number(record?.active ?? 1);
        if (active > generation) {
          throw new Error(
            `cannot activate generation ${generation} of ${projection}: generation ${active} is active ` +
              'and the generations before it are dropped',
          );
        }
        await this.generations.updateOne({ _id: projection }, { $set: { active: generation } }, { upsert: true, session });
        await this.checkpoints.deleteMany({ projection, generation: { $lt: generation } }, { session });
      });
      // The retired documents go after the switch, outside the transaction (there may be
      // many): no query reads them any more, and no commit can write them. An activation
      // interrupted here leaves them for the next one to drop.
      await this.documents.deleteMany({ projection, generation: { $lt: generation } });
    });
  }

  async find(projection: string, collection: string, query: DocumentQuery): Promise<DocumentPage> {
    assertPageQuery(query);
    // Everything about the query checked before the first read.
    findRequest({ projection, generation: 1, collection }, query);
    return this.run(() =>
      this.snapshot(async (session) => {
        const generation = await this.activeIn(projection, session);
        const request = findRequest({ projection, generation, collection }, query);
        const rows = await this.documents
          .find(request.filter, {
            session,
            ...SNAPSHOT,
            sort: request.sort,
            limit: request.limit,
            collation: SIMPLE,
            projection: { _id: 0, key: 1, doc: 1 },
          })
          .toArray();
        const items = rows.slice(0, query.limit);
        const last = items.at(-1);
        const page: DocumentPage = { items: items.map((row) => row.doc) };
        if (rows.length > query.limit && last) page.nextCursor = cursorAfter(query, last.key, last.doc);
        return page;
      }),
    );
  }

  async get(projection: string, collection: string, key: string): Promise<ViewDocument | undefined> {
    if (typeof key !== 'string') throw new RangeError(`a document key is a string, got ${JSON.stringify(key)}`);
    scopeFilter({ projection, generation: 1, collection });
    return this.run(() =>
      this.snapshot(async (session) => {
        const generation = await this.activeIn(projection, session);
        const stored = await this.documents.findOne(
          { _id: documentId(projection, generation, { collection, key }) },
          { session, ...SNAPSHOT, projection: { _id: 0, doc: 1 } },
        );
        return stored?.doc;
      }),
    );
  }

  async aggregate(
    projection: string,
    collection: string,
    query: AggregateQuery,
  ): Promise<{ groups: AggregateRow[]; total: AggregateRow }> {
    aggregatePipeline({ projection, generation: 1, collection }, query);
    return this.run(() =>
      this.snapshot(async (session) => {
        const generation = await this.activeIn(projection, session);
        const [result] = await this.documents
          .aggregate<AggregateResultDocument>(aggregatePipeline({ projection, generation, collection }, query), {
            session,
            ...SNAPSHOT,
            collation: SIMPLE,
          })
          .toArray();
        return aggregateResult(query, result);
      }),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsClient) await this.client.close();
  }

  /** The active generation, in a query's snapshot session or else majority-committed. */
  private async activeIn(projection: string, session?: ClientSession): Promise<number> {
    const record = await this.generations.findOne({ _id: projection }, session ? { session, ...SNAPSHOT } : MAJORITY);
    return Number(record?.active ?? 1);
  }

  /**
   * `work` in a transaction, retried by the driver on transient errors (write conflicts,
   * a failover), with a short random pause before each retry so that racing commits part.
   */
  private async transaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
    const session = this.client.startSession();
    try {
      let attempt = 0;
      return await session.withTransaction(async (active) => {
        if (attempt++ > 0) await sleep(Math.random() * Math.min(100, 2 ** attempt));
        return work(active);
      }, COMMIT);
    } finally {
      await session.endSession();
    }
  }

  /** `work` reading one point in time (MongoDB's snapshot reads), retried if the server lost it. */
  private async snapshot<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
    // The driver refuses a snapshot session until it has seen a server of 5.0 or later;
    // connecting first turns "no server yet" into a server selection error (unavailable).
    if (!this.connected) {
      await this.client.connect();
      this.connected = true;
    }
    for (let tries = 1; ; tries++) {
      const session = this.client.startSession({ snapshot: true });
      try {
        return await work(session);
      } catch (error) {
        if (!isSnapshotError(error) || tries >= 3) throw error;
      } finally {
        await session.endSession();
      }
    }
  }

  /** Runs `work` on an open store, turning "MongoDB cannot be reached" into MongoUnavailableError. */
  private async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new MongoUnavailableError('the MongoDB read store is closed');
    try {
      return await work();
    } catch (error) {
      throw fromDriverError(error);
    }
  }
}

/** MongoDB database names: no '/\. "$*<>:|?', at most 63 bytes. */
function assertDatabaseName(name: string): void {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,63}$/.test(name)) {
    throw new RangeError(`invalid MongoDB database name: ${JSON.stringify(name)}`);
  }
}
