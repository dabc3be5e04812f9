import { randomUUID } from 'node:crypto';
import { EVENT_STORE_MIGRATIONS, SqlEventStore, comparePositions } from '#event-store';
import { Projector, READ_STORE_MIGRATIONS, SqlReadStore } from '#read-models';
import { migrate, PgClient } from '#sql';
import { createTemporaryDatabase, type TemporaryDatabase } from '#sql/testing';
import { anEvent } from '../../../../libs/event-store/src/testing/test-events.js';
import { counters } from '../../../../libs/read-models/src/projections/testing/counters.js';
import { ViewFreshness } from './view-freshness.js';

const WAIT_MS = 1_000;

/**
 * A view read beside state folded from the event store (an envelope and its pending
 * repairs) waits until the view has what the store has in the streams the view reads — on
 * the PostgreSQL server, where the API may run no projector and asks the checkpoints.
 */
describe('ViewFreshness.caughtUpWithTheStore', () => {
  let database: TemporaryDatabase;
  let client: PgClient;
  let events: SqlEventStore;
  let projector: Projector;
  let freshness: ViewFreshness;

  beforeAll(async () => {
    database = await createTemporaryDatabase();
    client = await PgClient.connect(database.url, { max: 4 });
    await migrate(client, EVENT_STORE_MIGRATIONS);
    await migrate(client, READ_STORE_MIGRATIONS);
    events = new SqlEventStore(client, { ownsClient: false });
    projector = new Projector(events, new SqlReadStore(client), [counters], { idleMs: 20 });
    freshness = new ViewFreshness(projector, events, WAIT_MS);
  });

  afterAll(async () => {
    await projector?.stop();
    await client?.close();
    await database?.drop();
  });

  it('is there at once when the streams it reads hold nothing', async () => {
    await events.append(`other-${randomUUID()}`, [anEvent()], 'any');
    await expect(freshness.caughtUpWithTheStore(counters)).resolves.toBe(true);
  });

  it('waits for the projector to apply what was recorded, and says when it did not within the bound', async () => {
    await events.append(`counter-${randomUUID()}`, [anEvent('Counted')], 'any');
    // No projector running: the view stays behind, and the wait ends after its bound, unfailing.
    const started = Date.now();
    await expect(freshness.caughtUpWithTheStore(counters)).resolves.toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS);
    // A caller may wait less than VIEW_WAIT_MS (an envelope's read: a second), never more.
    const shorter = Date.now();
    await expect(freshness.caughtUpWithTheStore(counters, 50)).resolves.toBe(false);
    expect(Date.now() - shorter).toBeLessThan(WAIT_MS);
    const longer = Date.now();
    await expect(freshness.caughtUpWithTheStore(counters, 60_000)).resolves.toBe(false);
    expect(Date.now() - longer).toBeLessThan(30_000);

    await projector.start();
    await expect(freshness.caughtUpWithTheStore(counters)).resolves.toBe(true);
    await events.append(`counter-${randomUUID()}`, [anEvent('Counted')], 'any');
    // Asked right after the append: it answers once the view holds it, not before.
    await expect(freshness.caughtUpWithTheStore(counters)).resolves.toBe(true);
    const views = new SqlReadStore(client);
    const checkpoint = await views.checkpoint('counters', await views.activeGeneration('counters'));
    expect(comparePositions(checkpoint, (await events.headPosition({ streamPrefixes: ['counter-'] }))!)).toBeGreaterThanOrEqual(0);
  });

  it('does not wait for streams the view does not read', async () => {
    await projector.stop();
    await events.append(`other-${randomUUID()}`, [anEvent()], 'any');
    const started = Date.now();
    await expect(freshness.caughtUpWithTheStore(counters)).resolves.toBe(true);
    expect(Date.now() - started).toBeLessThan(WAIT_MS);
  });
});
