import { randomUUID } from 'node:crypto';
import {
  comparePositions,
  EVENT_STORE_MIGRATIONS,
  START,
  type EventStore,
  type GlobalPosition,
  type ReadAllOptions,
  type RecordedEvent,
} from '#event-store';
import { migrate, PgliteClient } from '#sql';
import { refId, type Projection, type ViewDocument } from '../projection.js';
import { foldViews } from '../projections/fold-views.js';
import { RetiredGenerationError, type ReadStore } from '../read-store.port.js';
import { READ_STORE_MIGRATIONS } from '../sql/migrations/index.js';
import { SqlReadStore } from '../sql/sql-read-store.js';
import { Projector, type ProjectorOptions } from './projector.js';

/**
 * The projector over the SQL read store (in-memory PGlite) and an in-memory feed whose
 * appends are instant, so that what the projector does per append can be counted exactly.
 */

/** One document per tally stream: how many events it has seen (not idempotent: a double would show). */
const tallies: Projection = {
  name: 'tallies',
  collections: ['tallies'],
  streamPrefixes: ['tally-'],
  touches: (event) => (event.type === 'Tallied' ? [{ collection: 'tallies', key: event.streamId }] : []),
  apply(event, current) {
    const id = refId({ collection: 'tallies', key: event.streamId });
    const before = current.get(id) as { count: number; sum: number } | undefined;
    const n = Number(event.data['n']);
    return new Map([[id, { count: (before?.count ?? 0) + 1, sum: (before?.sum ?? 0) + n }]]);
  },
};

/** One document over every tally stream; throws on `explode` events while `broken`. */
const fragile = {
  broken: false,
  projection: {
    name: 'totals',
    collections: ['totals'],
    streamPrefixes: ['tally-'],
    touches: (event) => (event.type === 'Tallied' ? [{ collection: 'totals', key: 'all' }] : []),
    apply(event, current) {
      if (fragile.broken && event.data['explode'] === true) throw new Error('the totals projection cannot take this event');
      const before = current.get('totals/all') as { count: number } | undefined;
      return new Map([['totals/all', { count: (before?.count ?? 0) + 1 }]]);
    },
  } satisfies Projection,
};

const PROJECTIONS = [tallies, fragile.projection];

/** The global feed in memory: every append is one commit, visible at once. */
class MemoryFeed implements EventStore {
  readonly events: RecordedEvent[] = [];
  reads = 0;

  record(streamId: string, data: Record<string, unknown>, type = 'Tallied'): RecordedEvent {
    const position = { commit: BigInt(this.events.length + 1), prepare: BigInt(this.events.length + 1) };
    const revision = this.events.filter((event) => event.streamId === streamId).length;
    const metadata = {
      actorId: 'tester',
      actorRole: 'admin',
      recordedAt: '2026-01-01T00:00:00.000Z',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: 1,
      previousHash: '',
      hash: '',
    };
    const event: RecordedEvent = { id: randomUUID(), streamId, revision, position, type, data, metadata };
    this.events.push(event);
    return event;
  }

  get head(): GlobalPosition {
    return this.events.at(-1)?.position ?? START;
  }

  async append(): Promise<never> {
    throw new Error('the tests record events with record()');
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.events.filter((event) => event.streamId === streamId);
  }

  async readEventsById(streamId: string, ids: readonly string[]): Promise<RecordedEvent[]> {
    return this.events.filter((event) => event.streamId === streamId && ids.includes(event.id));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.reads += 1;
    const after = options.after ?? START;
    const prefixes = options.filter?.streamPrefixes;
    return this.events
      .filter((event) => comparePositions(event.position, after) > 0)
      .filter((event) => !prefixes || prefixes.some((prefix) => event.streamId.startsWith(prefix)))
      .slice(0, options.maxCount ?? Number.POSITIVE_INFINITY);
  }

  async headPosition(): Promise<GlobalPosition | undefined> {
    return this.events.at(-1)?.position;
  }

  async close(): Promise<void> {}
}

/** The read store, counting the calls the projector makes. */
function counted(store: ReadStore) {
  const calls: Record<string, number> = {};
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(property)] = (calls[String(property)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls, reset: () => Object.keys(calls).forEach((key) => delete calls[key]) };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Every projection's checkpoint, as the projector keeps it in memory (no store call). */
const reached = (projector: Projector, position: GlobalPosition) => () =>
  projector.status().every((status) => status.checkpoint === `${position.commit}-${position.prepare}`);

/** The documents of the projection's active generation, by refId. */
async function documentsOf(client: PgliteClient, views: ReadStore, projection: Projection): Promise<Map<string, ViewDocument>> {
  const generation = await views.activeGeneration(projection.name);
  const rows = await client.query<{ collection: string; key: string; doc: ViewDocument }>(
    'SELECT collection, key, doc FROM read_documents WHERE projection = $1 AND generation = $2',
    [projection.name, generation],
  );
  return new Map(rows.map((row) => [refId(row), row.doc]));
}

/** What folding the whole feed gives, by refId, for one projection. */
function foldOf(feed: MemoryFeed, projection: Projection): Map<string, ViewDocument> {
  const folded = foldViews([projection], feed.events);
  return new Map(
    projection.collections.flatMap((collection) => [...folded.get(collection)!].map(([key, doc]) => [`${collection}/${key}`, doc] as const)),
  );
}

describe('Projector', () => {
  let client: PgliteClient;
  let feed: MemoryFeed;
  let views: ReturnType<typeof counted>;
  const projectors: Projector[] = [];
  const projector = (options: ProjectorOptions = {}) => {
    // Long idle waits and generation checks: only wake-ups make these projectors look.
    const made = new Projector(feed, views.store, PROJECTIONS, { idleMs: 10_000, generationCheckMs: 60_000, ...options });
    projectors.push(made);
    return made;
  };

  beforeEach(async () => {
    client = await PgliteClient.open(undefined);
    await migrate(client, EVENT_STORE_MIGRATIONS);
    await migrate(client, READ_STORE_MIGRATIONS);
    feed = new MemoryFeed();
    views = counted(new SqlReadStore(client));
    fragile.broken = false;
  });

  afterEach(async () => {
    await Promise.all(projectors.splice(0).map((made) => made.stop()));
    await client.close();
  });

  it('applies a burst of appends as one batch: one read of the feed for every projection, one commit each', async () => {
    const live = projector();
    await live.start();
    await until(() => live.status().every((status) => status.state === 'caught-up'), 'started');
    const readsBefore = feed.reads;
    views.reset();

    for (let n = 0; n < 20; n++) {
      feed.record(`tally-${n % 3}`, { n });
      live.wake();
    }
    await until(reached(live, feed.head), 'the burst is applied');

    expect(feed.reads - readsBefore).toBe(1);
    expect(views.calls).toEqual({ commit: 2, load: 2 });
    expect(await documentsOf(client, views.store, tallies)).toEqual(foldOf(feed, tallies));
  });

  it('does not lose a wake-up that arrives while a batch is being applied', async () => {
    const live = projector(); // idles 10 s unless woken
    await live.start();
    await until(() => live.status().every((status) => status.state === 'caught-up'), 'started');
    const read = feed.readAll.bind(feed);
    let appendedDuringTheBatch = false;
    feed.readAll = async (options) => {
      const batch = await read(options);
      if (batch.length > 0 && !appendedDuringTheBatch) {
        appendedDuringTheBatch = true;
        feed.record('tally-late', { n: 2 });
        live.wake();
      }
      return batch;
    };

    feed.record('tally-a', { n: 1 });
    live.wake();

    await until(() => appendedDuringTheBatch && reached(live, feed.head)(), 'the event appended during the first batch is applied', 2_000);
    expect(await documentsOf(client, views.store, tallies)).toEqual(foldOf(feed, tallies));
  });

  it('keeps its checkpoints and documents between batches instead of reading them again', async () => {
    const live = projector();
    await live.start();
    feed.record('tally-a', { n: 1 });
    live.wake();
    await until(reached(live, feed.head), 'the first event is applied');
    views.reset();

    for (let round = 0; round < 5; round++) {
      feed.record('tally-a', { n: round });
      live.wake();
      await until(reached(live, feed.head), `round ${round} is applied`);
    }

    // Only commits: no checkpoint, active generation or document read (generationCheckMs is long here).
    expect(views.calls).toEqual({ commit: 10 });
    expect(await documentsOf(client, views.store, tallies)).toEqual(foldOf(feed, tallies));
  });

  it('lets a failing projection back off and show `failing` while the others go on, then catches it up', async () => {
    const logged: Record<string, unknown>[] = [];
    const live = projector({ log: (entry) => logged.push(entry), maxBackoffMs: 50 });
    await live.start();
    fragile.broken = true;
    feed.record('tally-a', { n: 1 });
    feed.record('tally-b', { n: 2, explode: true });
    feed.record('tally-a', { n: 3 });
    live.wake();

    await until(() => live.status().find((status) => status.projection === 'totals')!.failures >= 2, 'totals has failed twice');
    const [tally, totals] = live.status();
    expect(tally).toMatchObject({ projection: 'tallies', state: 'caught-up', checkpoint: '3-3' });
    expect(totals).toMatchObject({
      projection: 'totals',
      state: 'failing',
      checkpoint: '-1--1', // the last one known
      lastError: 'the totals projection cannot take this event',
    });
    expect(logged[0]).toMatchObject({ level: 'error', projection: 'totals', retryInMs: 100 });
    // Never a checkpoint past the event it could not apply: nothing of the batch was committed.
    expect(await views.store.checkpoint('totals', 1)).toEqual(START);
    expect(await documentsOf(client, views.store, fragile.projection)).toEqual(new Map());

    fragile.broken = false;
    await until(reached(live, feed.head), 'totals caught up');
    expect(live.status()[1]).toMatchObject({ state: 'caught-up' });
    expect(live.status()[1]!.lastError).toBeUndefined();
    expect(await documentsOf(client, views.store, fragile.projection)).toEqual(foldOf(feed, fragile.projection));
  });

  it('rebuilds in one pass over the feed, loading no document, and moves the live runner to the new generations', async () => {
    for (let n = 0; n < 50; n++) feed.record(`tally-${n % 7}`, { n });
    feed.record('other-1', { n: 0 }); // not in the projections' feed
    feed.record('tally-1', { n: 0 }, 'SomethingUnknown'); // a type they do not know: skipped
    const live = projector({ rebuildBatchSize: 7 });
    await live.start();
    await until(reached(live, feed.head), 'caught up');
    const before = await documentsOf(client, views.store, tallies);
    const readsBefore = feed.reads;
    views.reset();

    const progress: string[] = [];
    let readsAtSwitch = 0;
    const done = await live.rebuild(['tallies', 'totals'], (p) => {
      progress.push(`${p.projection} ${p.state} ${p.eventsDone}`);
      readsAtSwitch ||= p.state === 'switched' ? feed.reads : 0;
    });

    // 51 events in the projections' feed, 7 a batch: 8 batches, each read once for both.
    expect(readsAtSwitch - readsBefore).toBe(8);
    expect(views.calls['load']).toBeUndefined();
    expect(progress.filter((line) => line.startsWith('tallies running'))).toHaveLength(8);
    expect(progress.slice(-2)).toEqual(['tallies switched 51', 'totals switched 51']);
    expect(done.map((p) => [p.projection, p.generation, p.state])).toEqual([
      ['tallies', 2, 'switched'],
      ['totals', 2, 'switched'],
    ]);
    expect(await documentsOf(client, views.store, tallies)).toEqual(before);
    expect(await views.store.activeGeneration('tallies')).toBe(2);
    expect(live.status().map((status) => status.generation)).toEqual([2, 2]);

    // The live runner goes on with the rebuilt generations, from what the rebuild remembered.
    await until(() => live.status().every((status) => status.state === 'caught-up'), 'the live runner started again');
    views.reset();
    feed.record('tally-1', { n: 100 });
    live.wake();
    await until(reached(live, feed.head), 'the new event is applied');
    expect(views.calls).toEqual({ commit: 2 });
    expect(await documentsOf(client, views.store, tallies)).toEqual(foldOf(feed, tallies));
    expect(await documentsOf(client, views.store, fragile.projection)).toEqual(foldOf(feed, fragile.projection));
  });

  it('rebuilds with a memory too small for its documents: it keeps what the commits in flight changed and reads back only what they did not', async () => {
    for (let n = 0; n < 60; n++) feed.record(`tally-${n % 7}`, { n });
    // Commits that take a while, so that a document read before the commit in flight lands would be stale.
    const slowCommits = new Proxy(views.store, {
      get(target, property, receiver) {
        if (property !== 'commit') return Reflect.get(target, property, receiver) as unknown;
        return async (...args: Parameters<ReadStore['commit']>) => {
          await new Promise((resolve) => setTimeout(resolve, 15));
          return target.commit(...args);
        };
      },
    });
    // About 40 characters of JSON a projection: a few of the seven tallies, never all.
    const rebuilding = new Projector(feed, slowCommits, PROJECTIONS, { rebuildBatchSize: 5, documentMemory: { rebuild: 80 } });
    projectors.push(rebuilding);
    views.reset();

    await rebuilding.rebuild(['tallies', 'totals']);

    expect(views.calls['load']).toBeGreaterThan(0);
    expect(await documentsOf(client, views.store, tallies)).toEqual(foldOf(feed, tallies));
    expect(await documentsOf(client, views.store, fragile.projection)).toEqual(foldOf(feed, fragile.projection));
  });

  it('follows a generation that a rebuild elsewhere activated, whose commits to the old one are refused', async () => {
    const live = projector({ generationCheckMs: 60_000 });
    await live.start();
    feed.record('tally-a', { n: 1 });
    live.wake();
    await until(reached(live, feed.head), 'caught up');

    // Another process (another Projector on the same stores) rebuilds the tallies.
    await projector().rebuild(['tallies']);
    await expect(views.store.commit('tallies', 1, [], { commit: 99n, prepare: 0n })).rejects.toBeInstanceOf(RetiredGenerationError);

    feed.record('tally-a', { n: 2 });
    live.wake();
    await until(() => live.status()[0]!.generation === 2 && reached(live, feed.head)(), 'moved to generation 2');
    expect(live.status()[0]).toMatchObject({ failures: 0 });
    expect(await documentsOf(client, views.store, tallies)).toEqual(foldOf(feed, tallies));
  });

  it('never applies an event twice when two projectors follow the same feed', async () => {
    const [first, second] = [projector(), projector()];
    await Promise.all([first.start(), second.start()]);

    for (let round = 0; round < 30; round++) {
      feed.record(`tally-${round % 4}`, { n: round });
      if (round % 3 === 0) feed.record(`tally-${round % 5}`, { n: -round });
      first.wake();
      second.wake();
      await new Promise((resolve) => setTimeout(resolve, round % 4));
    }
    await until(async () => comparePositions(await views.store.checkpoint('tallies', 1), feed.head) === 0 &&
      comparePositions(await views.store.checkpoint('totals', 1), feed.head) === 0, 'both caught up', 20_000);

    expect(await documentsOf(client, views.store, tallies)).toEqual(foldOf(feed, tallies));
    expect(await documentsOf(client, views.store, fragile.projection)).toEqual(foldOf(feed, fragile.projection));
  });
});
