import { EVENT_STORE_MIGRATIONS, formatPosition, type GlobalPosition } from '#event-store';
import { migrate, PgliteClient } from '#sql';
import type { RunnerStatus } from '../projector/projection-runner.js';
import type { ReadStore } from '../read-store.port.js';
import { READ_STORE_MIGRATIONS } from '../sql/migrations/index.js';
import { SqlReadStore } from '../sql/sql-read-store.js';
import { aProjection, at, seed } from '../testing/view-fixtures.js';
import { ViewCache } from './view-cache.js';
import { CoalescedRead, InProcessViewVersions, StoredViewVersions, type ViewVersion, type ViewVersionSource } from './view-version.js';

/**
 * The view cache over the SQL read store on an in-memory PGlite: answers follow the
 * projector's commits, honour minPosition, share work, and stay within their bounds.
 */

let client: PgliteClient;
let store: SqlReadStore;

beforeAll(async () => {
  client = await PgliteClient.open(undefined);
  await migrate(client, EVENT_STORE_MIGRATIONS);
  await migrate(client, READ_STORE_MIGRATIONS);
  store = new SqlReadStore(client);
});

afterAll(() => client?.close());

/** A question about one projection's budgets, and a counter of how often it was computed. */
function budgets(projection: string, options: { minPosition?: GlobalPosition } = {}) {
  const computed = { times: 0 };
  const ask = (cache: ViewCache) =>
    cache.answer({ key: 'budget by region', reads: [projection], ...options }, async () => {
      computed.times += 1;
      return store.aggregate(projection, 'projects', { groupBy: 'region', sum: ['budget'] });
    });
  return { ask, computed };
}

/** The in-process projector's runners, as `Projector.status()` reports them. */
function runnersAt(projection: string, checkpoint: GlobalPosition | 'unknown', generation = 1): () => RunnerStatus[] {
  return () => [
    {
      projection,
      generation,
      state: 'caught-up',
      checkpoint: checkpoint === 'unknown' ? 'unknown' : formatPosition(checkpoint),
      eventsApplied: 0,
      failures: 0,
    },
  ];
}

describe('ViewCache with versions read from the store', () => {
  it('answers again from the cache until a commit moves the checkpoint, then computes afresh', async () => {
    const projection = aProjection('cache');
    await seed(store, projection, 'projects', { p1: { region: 'europe', budget: 100 } }, at(1));
    const cache = new ViewCache(new StoredViewVersions(store));
    const { ask, computed } = budgets(projection);

    const first = await ask(cache);
    expect(await ask(cache)).toBe(first);
    expect(computed.times).toBe(1);

    await seed(store, projection, 'projects', { p2: { region: 'europe', budget: 50 } }, at(2));
    const second = await ask(cache);
    expect(second.total.sums).toEqual({ budget: 150 });
    expect(computed.times).toBe(2);
    expect(await ask(cache)).toBe(second);
    // The answer of the superseded version is gone, not waiting for eviction.
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 2, misses: 2 });
  });

  it('tells questions and audiences apart by their key', async () => {
    const projection = aProjection('cache');
    await seed(store, projection, 'projects', { p1: { region: 'europe', budget: 100 } }, at(1));
    const cache = new ViewCache(new StoredViewVersions(store));
    const inRegion = (region: string) => () =>
      store.find(projection, 'projects', { fields: [{ field: 'region', op: 'eq', value: region }], sortBy: 'budget', direction: 'asc', limit: 10 });
    const [europe, africa] = [inRegion('europe'), inRegion('africa')];

    const a = await cache.answer({ key: 'europe', reads: [projection] }, europe);
    const b = await cache.answer({ key: 'africa', reads: [projection] }, africa);
    expect(a.items).toHaveLength(1);
    expect(b.items).toHaveLength(0);
    expect(cache.stats()).toMatchObject({ entries: 2, misses: 2, hits: 0 });
  });

  it('computes once for concurrent requests asking the same question at the same version', async () => {
    const projection = aProjection('cache');
    await seed(store, projection, 'projects', { p1: { region: 'europe', budget: 100 } }, at(1));
    const cache = new ViewCache(new StoredViewVersions(store));
    const { ask, computed } = budgets(projection);

    const answers = await Promise.all(Array.from({ length: 32 }, () => ask(cache)));

    expect(computed.times).toBe(1);
    expect(new Set(answers).size).toBe(1);
  });

  it('keeps no failed computation: the next request computes again', async () => {
    const projection = aProjection('cache');
    await seed(store, projection, 'projects', { p1: { region: 'europe', budget: 100 } }, at(1));
    const cache = new ViewCache(new StoredViewVersions(store));
    let attempts = 0;
    const flaky = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('store unavailable');
      return attempts;
    };

    await expect(cache.answer({ key: 'flaky', reads: [projection] }, flaky)).rejects.toThrow('store unavailable');
    await expect(cache.answer({ key: 'flaky', reads: [projection] }, flaky)).resolves.toBe(2);
    expect(cache.stats().entries).toBe(1);
  });

  it('never gives a request that arrived after a commit an answer computed for the version before it', async () => {
    const projection = aProjection('cache');
    await seed(store, projection, 'projects', { p1: { region: 'europe', budget: 100 } }, at(1));
    const cache = new ViewCache(new StoredViewVersions(store));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first request reads its version, then is slow to compute its answer.
    const slow = cache.answer({ key: 'budget', reads: [projection] }, async () => {
      await held;
      return store.aggregate(projection, 'projects', { groupBy: 'region', sum: ['budget'] });
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await seed(store, projection, 'projects', { p2: { region: 'europe', budget: 50 } }, at(2));

    // Arriving after the commit, the second request reads the new version: it does not
    // wait for the first one's computation, which was asked at the old version.
    const after = cache.answer({ key: 'budget', reads: [projection] }, () =>
      store.aggregate(projection, 'projects', { groupBy: 'region', sum: ['budget'] }),
    );
    expect((await after).total.sums).toEqual({ budget: 150 });
    release();
    await slow;
    expect(cache.stats()).toMatchObject({ misses: 2, hits: 0 });
    // And the slow answer, of a superseded version, is not what later requests get.
    expect((await cache.answer({ key: 'budget', reads: [projection] }, async () => ({ total: { sums: { budget: -1 } } }))).total.sums).toEqual({
      budget: 150,
    });
  });

  it('reads the version of every projection an answer reads, and follows each', async () => {
    const [envelopes, portfolio] = [aProjection('envelopes'), aProjection('portfolio')];
    await seed(store, envelopes, 'envelopes', { '2026-1': { year: 2026, amount: 10 } }, at(1));
    await seed(store, portfolio, 'projects', { p1: { region: 'europe', budget: 100 } }, at(1));
    const cache = new ViewCache(new StoredViewVersions(store));
    let computed = 0;
    const ask = () => cache.answer({ key: 'use', reads: [envelopes, portfolio] }, async () => (computed += 1));

    await ask();
    await ask();
    await seed(store, envelopes, 'envelopes', { '2026-1': { year: 2026, amount: 20 } }, at(2));
    await ask();
    await seed(store, portfolio, 'projects', { p1: { region: 'europe', budget: 200 } }, at(3));
    await ask();

    expect(computed).toBe(3);
  });

  it('follows a rebuild: another generation is another version', async () => {
    const projection = aProjection('cache');
    await seed(store, projection, 'projects', { p1: { region: 'europe', budget: 100 } }, at(5));
    const cache = new ViewCache(new StoredViewVersions(store));
    const { ask } = budgets(projection);
    expect((await ask(cache)).total.sums).toEqual({ budget: 100 });

    const rebuilt = await store.createGeneration(projection);
    await seed(store, projection, 'projects', { p1: { region: 'europe', budget: 100 }, p2: { region: 'africa', budget: 7 } }, at(5), rebuilt);
    await store.activate(projection, rebuilt);

    // Same checkpoint, other generation: not the answer kept for generation 1.
    expect((await ask(cache)).total.sums).toEqual({ budget: 107 });
  });
});

describe('ViewCache with versions from the projector in this process', () => {
  it('follows the runners: a commit the runner reports is a new version, with no read of the store', async () => {
    const projection = aProjection('cache');
    await seed(store, projection, 'projects', { p1: { region: 'europe', budget: 100 } }, at(1));
    let runners = runnersAt(projection, at(1));
    const reads = countingStore(store);
    const cache = new ViewCache(new InProcessViewVersions(() => runners(), new StoredViewVersions(reads.store)));
    const { ask, computed } = budgets(projection);

    await ask(cache);
    await ask(cache);
    await seed(store, projection, 'projects', { p2: { region: 'europe', budget: 50 } }, at(2));
    runners = runnersAt(projection, at(2));

    expect((await ask(cache)).total.sums).toEqual({ budget: 150 });
    expect(computed.times).toBe(2);
    expect(reads.count).toBe(0);
  });

  it('honours minPosition: a runner behind it is not trusted, the version is read from the store', async () => {
    const projection = aProjection('cache');
    await seed(store, projection, 'projects', { p1: { region: 'europe', budget: 100 } }, at(1));
    const cache = new ViewCache(new InProcessViewVersions(runnersAt(projection, at(1)), new StoredViewVersions(store)));
    await budgets(projection).ask(cache);
    // The store has moved (the runner has not reported it yet): a request that wrote at 2
    // must see its write, not the answer kept for version 1.
    await seed(store, projection, 'projects', { p2: { region: 'europe', budget: 50 } }, at(2));

    const { ask, computed } = budgets(projection, { minPosition: at(2) });
    expect((await ask(cache)).total.sums).toEqual({ budget: 150 });
    expect(computed.times).toBe(1);
  });

  it('reads the store for a projection whose runner does not know its checkpoint yet', async () => {
    const projection = aProjection('cache');
    await seed(store, projection, 'projects', { p1: { region: 'europe', budget: 100 } }, at(3));
    const reads = countingStore(store);
    const versions = new InProcessViewVersions(runnersAt(projection, 'unknown', 2), new StoredViewVersions(reads.store));

    expect(await versions.current([projection])).toEqual([{ projection, generation: 1, checkpoint: at(3) }]);
    expect(reads.count).toBe(2);
  });
});

describe('ViewCache and minPosition', () => {
  it('computes without keeping anything when the version it gets is behind minPosition', async () => {
    const projection = aProjection('cache');
    await seed(store, projection, 'projects', { p1: { region: 'europe', budget: 100 } }, at(4));
    // A source behind the store, as right after a rebuilt generation is switched in.
    const behind: ViewVersionSource = { current: async () => [{ projection, generation: 1, checkpoint: at(1) }] };
    const cache = new ViewCache(behind);
    const { ask, computed } = budgets(projection, { minPosition: at(4) });

    expect((await ask(cache)).total.sums).toEqual({ budget: 100 });
    await ask(cache);
    expect(computed.times).toBe(2);
    expect(cache.stats()).toMatchObject({ entries: 0, uncached: 2 });
  });

  it('uses the cache when the version has reached minPosition', async () => {
    const projection = aProjection('cache');
    await seed(store, projection, 'projects', { p1: { region: 'europe', budget: 100 } }, at(4));
    const cache = new ViewCache(new StoredViewVersions(store));
    await budgets(projection).ask(cache);
    const { ask, computed } = budgets(projection, { minPosition: at(4) });

    await ask(cache);
    expect(computed.times).toBe(0);
  });
});

describe('ViewCache bounds', () => {
  const fixed: ViewVersionSource = {
    current: async (projections) => projections.map((name) => ({ projection: name, generation: 1, checkpoint: at(1) })) as ViewVersion,
  };

  it('evicts the least recently used answer beyond maxEntries', async () => {
    const cache = new ViewCache(fixed, { maxEntries: 2 });
    const computed: string[] = [];
    const ask = (key: string) => cache.answer({ key, reads: ['p'] }, async () => (computed.push(key), key));

    await ask('a');
    await ask('b');
    await ask('a'); // a is now the most recently used
    await ask('c'); // evicts b
    await ask('a');
    await ask('b');

    expect(computed).toEqual(['a', 'b', 'c', 'b']);
    expect(cache.stats()).toMatchObject({ entries: 2, evictions: 2 });
  });

  it('evicts beyond maxBytes, and keeps no answer larger than a quarter of it', async () => {
    const cache = new ViewCache(fixed, { maxBytes: 4_000 });
    const answerOf = (size: number) => async () => ({ text: 'x'.repeat(size) });

    await cache.answer({ key: 'big', reads: ['p'] }, answerOf(1_500));
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) await cache.answer({ key, reads: ['p'] }, answerOf(900));

    const { entries, bytes } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(4_000);
    expect(entries).toBe(4);
  });

  it('does not keep an answer computed for a version older than one already seen', async () => {
    let commit = 2;
    const cache = new ViewCache({ current: async () => [{ projection: 'p', generation: 1, checkpoint: at(commit) }] });
    await cache.answer({ key: 'a', reads: ['p'] }, async () => 'at 2');
    commit = 1; // a version read that started before the commit of 2, answering late
    await cache.answer({ key: 'b', reads: ['p'] }, async () => 'at 1');

    expect(cache.stats()).toMatchObject({ entries: 1, uncached: 1 });
  });
});

describe('CoalescedRead', () => {
  it('shares a read among the requests that queued for it, never one that started before them', async () => {
    let value = 1;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const read = new CoalescedRead(async () => {
      const seen = value;
      started.push(seen);
      await new Promise<void>((resolve) => releases.push(resolve));
      return seen;
    });

    const first = read.read(); // starts read #1, which sees 1
    value = 2; // a commit lands while read #1 is in flight
    const second = read.read(); // must not get read #1's 1: queues for read #2
    const third = read.read(); // shares read #2
    releases[0]!();
    expect(await first).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    releases[1]!();

    expect(await second).toBe(2);
    expect(await third).toBe(2);
    expect(started).toEqual([1, 2]);
  });
});

/** The store, counting the checkpoint reads made through it. */
function countingStore(inner: ReadStore): { store: ReadStore; count: number } {
  const counted = { count: 0, store: inner };
  counted.store = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'activeGeneration' || property === 'checkpoint') {
        return (...args: unknown[]) => {
          counted.count += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return counted;
}
