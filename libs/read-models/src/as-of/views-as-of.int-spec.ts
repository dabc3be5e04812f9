import { EVENT_STORE_MIGRATIONS, formatPosition, SqlEventStore, type RecordedEvent } from '#event-store';
import { migrate, PgliteClient } from '#sql';
import { ALL_PROJECTIONS } from '../projections/all-projections.js';
import { foldViews, type FoldedViews } from '../projections/fold-views.js';
import { ProjectStory } from '../projections/testing/fund-fixtures.js';
import { TestFeed } from '../projections/testing/test-feed.js';
import { ViewsAsOf, type ViewsAtInstant } from './views-as-of.js';

const BASE = Date.parse('2024-03-01T00:00:00.000Z');
/** The n-th second after BASE. */
const second = (n: number) => new Date(BASE + n * 1000).toISOString();

/** A small portfolio's feed: two projects through their lives. */
function portfolioFeed(): RecordedEvent[] {
  const feed = new TestFeed();
  new ProjectStory(feed).active().disburse('D-1', 100).spend('E-1', 40);
  new ProjectStory(feed, 'PO.0200').draft({ primaId: 'KZ10P0001', beneficiaryStates: [{ code: 'KZ' }] });
  return feed.events;
}

/** Every collection as the store holds it (what a query can see). */
async function collectionsOf(asOf: ViewsAtInstant): Promise<FoldedViews> {
  const views: FoldedViews = new Map();
  for (const projection of ALL_PROJECTIONS) {
    for (const collection of projection.collections) {
      const documents = new Map();
      let after: string | undefined;
      do {
        const page = await asOf.store.find(projection.name, collection, { sortBy: 'key', direction: 'asc', limit: 500, ...(after ? { after } : {}) });
        // Keys are not in the documents: a document is found by `get` under its key.
        for (const doc of page.items) documents.set(JSON.stringify(doc), doc);
        after = page.nextCursor;
      } while (after);
      views.set(collection, documents);
    }
  }
  return views;
}

/** The same shape from views folded directly. */
function asFound(views: FoldedViews): FoldedViews {
  return new Map([...views].map(([collection, documents]) => [collection, new Map([...documents.values()].map((doc) => [JSON.stringify(doc), doc]))]));
}

describe('the views as of an instant', () => {
  let client: PgliteClient;
  let events: SqlEventStore;
  let recorded: RecordedEvent[];

  beforeAll(async () => {
    client = await PgliteClient.open(undefined);
    await migrate(client, EVENT_STORE_MIGRATIONS);
    events = new SqlEventStore(client, { ownsClient: false });
    // Event i recorded at second i + 1, one append per event.
    const feed = portfolioFeed();
    for (const [index, event] of feed.entries()) {
      await events.append(event.streamId, [{ id: event.id, type: event.type, data: event.data, metadata: { ...event.metadata, recordedAt: second(index + 1) } }], 'any');
    }
    recorded = await events.readAll();
  });

  afterAll(async () => {
    await client?.close();
  });

  it('equal, at every instant, the projections folded over the events recorded up to it', async () => {
    const asOf = new ViewsAsOf(events, ALL_PROJECTIONS, { snapshotEvery: 3, batchSize: 4 });
    for (let n = 0; n <= recorded.length + 1; n += 1) {
      const views = await asOf.at(second(n));
      expect(views.events).toBe(Math.min(n, recorded.length));
      expect(await collectionsOf(views)).toEqual(asFound(foldViews(ALL_PROJECTIONS, recorded.slice(0, n))));
    }
  });

  it('answers the same instant again from the fold it kept, and between two events from the earlier one', async () => {
    const asOf = new ViewsAsOf(events, ALL_PROJECTIONS);
    const first = await asOf.at(second(5));
    expect(await asOf.at(second(5))).toEqual(first);
    expect((await asOf.at(second(5))).store).toBe(first.store);
    const between = await asOf.at(new Date(BASE + 5_500).toISOString());
    expect(formatPosition(between.position)).toBe(formatPosition(first.position));
    expect(between.store).toBe(first.store);
  });

  it('folds the same views from snapshots as from the start, whatever order the instants are asked in', async () => {
    const fromSnapshots = new ViewsAsOf(events, ALL_PROJECTIONS, { snapshotEvery: 2, maxSnapshots: 3, cachedFolds: 1 });
    const instants = [recorded.length, 3, recorded.length - 2, 1, 7, 0];
    for (const n of instants) {
      const fresh = new ViewsAsOf(events, ALL_PROJECTIONS);
      expect(await collectionsOf(await fromSnapshots.at(second(n)))).toEqual(await collectionsOf(await fresh.at(second(n))));
    }
    expect(fromSnapshots.status().snapshots).toBeLessThanOrEqual(3);
  });

  it('leaves a snapshot every so many events when it follows the feed, and folds each instant from them alike', async () => {
    const following = new ViewsAsOf(events, ALL_PROJECTIONS, { snapshotEvery: 4, maxSnapshots: 64, batchSize: 3 });
    await following.catchUp();
    expect(following.status().snapshots).toBe(Math.floor(recorded.length / 4));
    for (const n of [recorded.length, 9, 4, 2]) {
      const fresh = new ViewsAsOf(events, ALL_PROJECTIONS);
      expect(await collectionsOf(await following.at(second(n)))).toEqual(await collectionsOf(await fresh.at(second(n))));
    }
  });
});

describe('an event recorded later that the feed serves first', () => {
  it('ends the prefix: what follows it in the feed was not yet served at the earlier instant', async () => {
    const client = await PgliteClient.open(undefined);
    try {
      await migrate(client, EVENT_STORE_MIGRATIONS);
      const events = new SqlEventStore(client, { ownsClient: false });
      const feed = portfolioFeed().slice(0, 3);
      const recordedAt = [second(1), second(3), second(2)];
      for (const [index, event] of feed.entries()) {
        await events.append(event.streamId, [{ id: event.id, type: event.type, data: event.data, metadata: { ...event.metadata, recordedAt: recordedAt[index]! } }], 'any');
      }
      const asOf = new ViewsAsOf(events, ALL_PROJECTIONS);
      expect((await asOf.at(second(2))).events).toBe(1);
      expect((await asOf.at(second(3))).events).toBe(3);
    } finally {
      await client.close();
    }
  });
});
