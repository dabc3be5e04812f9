import { randomUUID } from 'node:crypto';
import { MongoDBContainer, type StartedMongoDBContainer } from '@testcontainers/mongodb';
import { Long, MongoClient } from 'mongodb';
import { getContainerRuntimeClient } from 'testcontainers';
import { describeReadStoreContract } from '../testing/read-store.suite.js';
import { aProjection, at, seed } from '../testing/view-fixtures.js';
import { findRequest } from './document-page.js';
import { MongoReadStore, MongoUnavailableError } from './mongo-read-store.js';
import { INDEXES } from './mongo-schema.js';
import { DOCUMENTS } from './stored-documents.js';

/**
 * The mongodb profile's read store against a real MongoDB: a single-node replica set (what
 * transactions need) in a container, pinned to the version docker/compose.yml runs.
 * Without a container runtime the file is skipped, saying so in one line; with one, it
 * runs unchanged.
 */
const IMAGE = 'mongo:7.0.16';

async function containerRuntimeFound(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

const runtimeFound = await containerRuntimeFound();
if (!runtimeFound) process.stdout.write('MongoDB tests skipped: no container runtime (Docker) found\n');
const describeWithMongo = runtimeFound ? describe : describe.skip;

describeWithMongo(`MongoReadStore on MongoDB (${IMAGE}, single-node replica set)`, () => {
  let container: StartedMongoDBContainer | undefined;
  let url = '';

  beforeAll(async () => {
    container = await new MongoDBContainer(IMAGE).start();
    // The replica set's member is known by the container's own host name: connect directly.
    url = `${container.getConnectionString()}/?directConnection=true`;
  }, 300_000);

  afterAll(async () => {
    await container?.stop();
  });

  /** A store on a database of its own, dropped when disposed. */
  async function openStore() {
    const dbName = `read_store_${randomUUID().slice(0, 8)}`;
    const store = await MongoReadStore.connect(url, dbName);
    const raw = new MongoClient(url);
    return {
      store,
      db: raw.db(dbName),
      dispose: async () => {
        await store.close();
        await raw.db(dbName).dropDatabase();
        await raw.close();
      },
    };
  }

  describeReadStoreContract('mongodb (MongoDB replica set through the official driver)', async () => {
    const { store, dispose } = await openStore();
    return { store, dispose };
  });

  describe('MongoDB specifics', () => {
    let opened: Awaited<ReturnType<typeof openStore>>;

    beforeAll(async () => {
      opened = await openStore();
    });

    afterAll(async () => {
      await opened?.dispose();
    });

    it('lets one of two runners committing the same batch at the same time win, on separate connections', async () => {
      const projection = aProjection('twins');
      const other = await MongoReadStore.connect(url, opened.db.databaseName);
      try {
        await seed(opened.store, projection, 'projects', { p1: { v: 1 } }, at(5));
        const twins = [1, 2].map((twin) => ({ ref: { collection: 'projects', key: 'p1' }, doc: { v: 1, twin } }));

        const outcomes = await Promise.all(
          [opened.store, other].map((store, n) => store.commit(projection, 1, [twins[n]!], at(7), { from: at(5) })),
        );

        expect(outcomes.filter(Boolean)).toHaveLength(1);
        const winner = twins[outcomes.indexOf(true)]!;
        expect(await opened.store.get(projection, 'projects', 'p1')).toEqual(winner.doc);
        expect(await opened.store.checkpoint(projection, 1)).toEqual(at(7));
      } finally {
        await other.close();
      }
    });

    it('never moves a checkpoint back when commits at many positions race', async () => {
      const projection = aProjection('race');
      const positions = Array.from({ length: 12 }, (_, n) => at(100 + ((n * 7) % 12), n % 3));

      await Promise.all(
        positions.map((position) =>
          opened.store.commit(
            projection,
            1,
            [{ ref: { collection: 'projects', key: 'p1' }, doc: { at: `${position.commit}-${position.prepare}` } }],
            position,
          ),
        ),
      );

      const latest = positions.reduce((a, b) => (a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare) ? a : b));
      expect(await opened.store.checkpoint(projection, 1)).toEqual(latest);
      expect(await opened.store.get(projection, 'projects', 'p1')).toEqual({ at: `${latest.commit}-${latest.prepare}` });
    });

    it('records in each document the position of the commit that wrote it, as int64s', async () => {
      const projection = aProjection('positions');
      await seed(opened.store, projection, 'projects', { p1: { v: 1 }, p2: { v: 1 } }, at(7, 3));
      await opened.store.commit(projection, 1, [{ ref: { collection: 'projects', key: 'p2' }, doc: { v: 2 } }], at(8, 1));

      const stored = await opened.db
        .collection(DOCUMENTS)
        .find({ projection }, { promoteLongs: false, sort: { key: 1 }, projection: { _id: 0, key: 1, position: 1 } })
        .toArray();
      expect(stored).toEqual([
        { key: 'p1', position: { commit: Long.fromNumber(7), prepare: Long.fromNumber(3) } },
        { key: 'p2', position: { commit: Long.fromNumber(8), prepare: Long.fromNumber(1) } },
      ]);
    });

    it('keeps a document that already records a later position, and still moves the checkpoint', async () => {
      const projection = aProjection('ahead');
      await seed(opened.store, projection, 'projects', { p1: { v: 'from 9' } }, at(9));
      // As if a commit at 20 had written p1 (its checkpoint write lost in some other store).
      await opened.db
        .collection(DOCUMENTS)
        .updateOne({ projection, key: 'p1' }, { $set: { 'position.commit': Long.fromNumber(20), doc: { v: 'from 20' } } });

      const wrote = await opened.store.commit(
        projection,
        1,
        [
          { ref: { collection: 'projects', key: 'p1' }, doc: { v: 'from 10' } },
          { ref: { collection: 'projects', key: 'p2' }, doc: { v: 'from 10' } },
        ],
        at(10),
      );

      expect(wrote).toBe(true);
      expect(await opened.store.get(projection, 'projects', 'p1')).toEqual({ v: 'from 20' });
      expect(await opened.store.get(projection, 'projects', 'p2')).toEqual({ v: 'from 10' });
      expect(await opened.store.checkpoint(projection, 1)).toEqual(at(10));
    });

    it('creates its indexes once, whoever connects again', async () => {
      const again = await MongoReadStore.connect(url, opened.db.databaseName);
      await again.close();

      const names = (await opened.db.collection(DOCUMENTS).listIndexes().toArray()).map((index) => index.name as string);
      expect(names.sort()).toEqual(['_id_', ...INDEXES[DOCUMENTS]!.map((index) => index.name!)].sort());
    });

    it('pages by an indexed field from its index, without sorting in memory', async () => {
      const projection = aProjection('plans');
      const docs = Object.fromEntries(
        Array.from({ length: 40 }, (_, n) => [`p${n}`, { status: n % 3 === 0 ? 'approved' : 'draft', year: 2020 + (n % 5) }]),
      );
      await seed(opened.store, projection, 'projects', docs, at(1));
      const first = await opened.store.find(projection, 'projects', { sortBy: 'status', direction: 'asc', limit: 5 });
      const scope = { projection, generation: 1, collection: 'projects' };

      for (const after of [undefined, first.nextCursor!]) {
        const query = { sortBy: 'status', direction: 'asc', limit: 5, ...(after ? { after } : {}) } as const;
        const request = findRequest(scope, query);
        const explained = await opened.db
          .collection(DOCUMENTS)
          .find(request.filter, { sort: request.sort, limit: request.limit, collation: { locale: 'simple' } })
          .explain('queryPlanner');
        const plan = JSON.stringify((explained['queryPlanner'] as { winningPlan: unknown }).winningPlan);
        expect(plan).toContain('projects_status');
        if (after === undefined) expect(plan).not.toContain('"stage":"SORT"');
      }
    });

    it('fails with MongoUnavailableError once closed', async () => {
      const { store, dispose } = await openStore();
      await dispose();

      await expect(store.activeGeneration('portfolio')).rejects.toBeInstanceOf(MongoUnavailableError);
    });
  });
});
