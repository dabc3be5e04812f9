import { createServer } from 'node:net';
import { MongoClient } from 'mongodb';
import { START } from '#event-store';
import { InvalidViewQueryError } from '../read-store.port.js';
import { at } from '../testing/view-fixtures.js';
import { MongoReadStore, MongoUnavailableError } from './mongo-read-store.js';

/**
 * The store without a server: what it refuses before any I/O, and how it fails when
 * MongoDB is not there (a port on this machine that nothing listens on). Its behaviour on a
 * real server is `mongo-read-store.int-spec.ts`.
 */

/** A loopback port that was free a moment ago: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('MongoReadStore without a server', () => {
  let url: string;
  let store: MongoReadStore;

  beforeAll(async () => {
    url = `mongodb://127.0.0.1:${await closedPort()}/?directConnection=true`;
    store = new MongoReadStore(new MongoClient(url, { serverSelectionTimeoutMS: 300 }), 'read_store', { ownsClient: true });
  });

  afterAll(async () => {
    await store.close();
  });

  const query = { sortBy: 'key', direction: 'asc', limit: 10 } as const;

  it('refuses a bad query before reading anything', async () => {
    await expect(store.find('portfolio', 'projects', { ...query, limit: 0 })).rejects.toBeInstanceOf(InvalidViewQueryError);
    await expect(store.find('portfolio', 'projects', { ...query, after: 'not a cursor' })).rejects.toBeInstanceOf(
      InvalidViewQueryError,
    );
    await expect(
      store.find('portfolio', 'projects', { ...query, fields: [{ field: "status' OR 1", op: 'eq', value: 'x' }] }),
    ).rejects.toThrow(RangeError);
    await expect(store.find('portfolio', 'a|b', query)).rejects.toThrow(RangeError);
    await expect(store.aggregate('portfolio', 'projects', { groupBy: 'a..b', sum: [] })).rejects.toThrow(RangeError);
    await expect(store.get('portfolio', 'projects', 7 as never)).rejects.toThrow(RangeError);
    await expect(store.load('portfolio', 0, [])).rejects.toThrow(RangeError);
  });

  it('refuses a commit it could not store whole before writing anything, and ignores one at START', async () => {
    const unstorable = { ['nul\u0000name']: 'nul\u0000value', lone: '\ud800' };

    await expect(
      store.commit('portfolio', 1, [{ ref: { collection: 'projects', key: 'p1' }, doc: unstorable }], at(2)),
    ).rejects.toThrow(/projects\/p1 cannot be stored/);
    await expect(store.commit('portfolio', 1, [], { commit: 1, prepare: 0 } as never)).rejects.toThrow(TypeError);
    await expect(store.commit('portfolio', 1, [{ ref: { collection: 'projects', key: 'p1' }, doc: { v: 1 } }], START)).resolves.toBe(
      false,
    );
    await expect(store.load('portfolio', 1, [])).resolves.toEqual(new Map());
  });

  it('fails with MongoUnavailableError, promptly, when MongoDB cannot be reached', async () => {
    const started = Date.now();

    await expect(store.activeGeneration('portfolio')).rejects.toBeInstanceOf(MongoUnavailableError);
    await expect(store.find('portfolio', 'projects', query)).rejects.toBeInstanceOf(MongoUnavailableError);
    await expect(
      store.commit('portfolio', 1, [{ ref: { collection: 'projects', key: 'p1' }, doc: { v: 1 } }], at(1)),
    ).rejects.toBeInstanceOf(MongoUnavailableError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails to connect with MongoUnavailableError, naming where without credentials', async () => {
    const withCredentials = url.replace('mongodb://', 'mongodb://reader:secret@');

    const connecting = MongoReadStore.connect(withCredentials, 'read_store', { serverSelectionTimeoutMS: 300 });

    await expect(connecting).rejects.toBeInstanceOf(MongoUnavailableError);
    await expect(connecting).rejects.toThrow(/cannot connect to MongoDB at mongodb:\/\/\*\*\*@127\.0\.0\.1/);
    await expect(connecting).rejects.not.toThrow(/secret/);
  });

  it('refuses a bad database name', async () => {
    await expect(MongoReadStore.connect(url, 'a.b')).rejects.toThrow(RangeError);
    expect(() => new MongoReadStore(new MongoClient(url), '')).toThrow(RangeError);
  });

  it('fails with MongoUnavailableError once closed, and closes once', async () => {
    const own = new MongoReadStore(new MongoClient(url, { serverSelectionTimeoutMS: 300 }), 'read_store', { ownsClient: true });
    await own.close();
    await own.close();

    await expect(own.checkpoint('portfolio', 1)).rejects.toThrow(/closed/);
    await expect(own.checkpoint('portfolio', 1)).rejects.toBeInstanceOf(MongoUnavailableError);
  });
});
