import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { GenericContainer, Wait, getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { EventStoreUnavailableError } from '../event-store.port.js';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { aStreamId, aUniquePrefix, anEvent, feedReaches, someEvents } from '../testing/test-events.js';
import { EventStoreDbEventStore } from './esdb-event-store.js';

/**
 * The adapter against a real EventStoreDB: a single insecure in-memory node in a container
 * (testcontainers). The image tag is the one testcontainers' own EventStoreDB module
 * defaults to. Without a container runtime the whole file is skipped, with one line.
 */
const IMAGE = 'eventstore/eventstore:24.10';
const HTTP_PORT = 2113;

const hasContainerRuntime = await getContainerRuntimeClient().then(
  () => true,
  () => false,
);

if (!hasContainerRuntime) {
  // Not console.log: Jest does not show the console of a file whose tests are all skipped
  // when it runs several files, and decorates it with a stack line when it does.
  process.stderr.write('EventStoreDB tests skipped: no container runtime (Docker) found\n');
  describe.skip('EventStoreDbEventStore on EventStoreDB', () => {
    it('needs a container runtime (Docker)', () => undefined);
  });
} else {
  let server: Promise<StartedTestContainer> | undefined;

  /** One server for the file, started by the first suite that needs it. */
  const connectionString = async (): Promise<string> => {
    server ??= new GenericContainer(IMAGE)
      .withEnvironment({
        EVENTSTORE_INSECURE: 'true',
        EVENTSTORE_CLUSTER_SIZE: '1',
        EVENTSTORE_RUN_PROJECTIONS: 'None',
        EVENTSTORE_START_STANDARD_PROJECTIONS: 'false',
        EVENTSTORE_MEM_DB: 'true',
      })
      .withExposedPorts(HTTP_PORT)
      // /health/live answers 2xx once the node runs (204 No Content on current versions).
      .withWaitStrategy(Wait.forHttp('/health/live', HTTP_PORT).forStatusCodeMatching((status) => status >= 200 && status < 300))
      .withStartupTimeout(180_000)
      .start();
    const started = await server;
    return `esdb://${started.getHost()}:${started.getMappedPort(HTTP_PORT)}?tls=false`;
  };

  /** A store on the server once the node takes writes (it becomes leader just after it is live). */
  const openStore = async (): Promise<EventStoreDbEventStore> => {
    const url = await connectionString();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const store = await EventStoreDbEventStore.connect(url, { verify: false });
      try {
        await store.append(`readiness-${randomUUID()}`, [anEvent('ReadinessProbed')], 'no_stream');
        return store;
      } catch (error) {
        await store.close();
        if (!(error instanceof EventStoreUnavailableError) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };

  afterAll(async () => {
    await (await server)?.stop();
  });

  describeEventStoreContract(`eventstoredb (${IMAGE}, single node in a container)`, async () => {
    const store = await openStore();
    return { store, dispose: () => store.close() };
  }, { idsCheckedOnlyAtTheirPlace: true });

  describe('EventStoreDbEventStore on EventStoreDB', () => {
    let store: EventStoreDbEventStore;
    let client: EventStoreDBClient;

    beforeAll(async () => {
      store = await openStore();
      client = EventStoreDBClient.connectionString(await connectionString());
    });

    afterAll(async () => {
      await store?.close();
      await client?.dispose();
    });

    it("never serves EventStoreDB's own events ($-prefixed types or streams), in the feed or as its head", async () => {
      const prefix = aUniquePrefix('system');
      const ours = anEvent();
      const written = await store.append(`${prefix}a`, [ours], 'no_stream');
      // Written around the adapter, with the raw client: a $-typed event in a matching stream, and a $-stream.
      await client.appendToStream(`${prefix}b`, jsonEvent({ type: '$ContractSystemEvent', data: { n: 1 } }));
      await client.appendToStream(`$${prefix}c`, jsonEvent({ type: 'ContractEvent', data: { n: 2 } }));
      await feedReaches(store, written.position);

      expect((await store.readAll({ filter: { streamPrefixes: [prefix] } })).map((e) => e.id)).toEqual([ours.id]);
      expect(await store.headPosition({ streamPrefixes: [prefix] })).toEqual(written.position);
      const feed = await store.readAll();
      expect(feed.filter((e) => e.type.startsWith('$') || e.streamId.startsWith('$'))).toEqual([]);
      expect(await store.headPosition()).toEqual(feed.at(-1)!.position);
    });

    it('stores positions from the transaction log: the append result, the stream and the feed agree', async () => {
      const prefix = aUniquePrefix('positions');
      const result = await store.append(`${prefix}a`, someEvents(3), 'no_stream');
      await feedReaches(store, result.position);

      const fromStream = await store.readStream(`${prefix}a`);
      const fromFeed = await store.readAll({ filter: { streamPrefixes: [prefix] } });
      expect(fromFeed).toEqual(fromStream);
      expect(fromStream.at(-1)!.position).toEqual(result.position);
      // Each event commits itself: commit and prepare positions are the offset of its record.
      for (const event of fromStream) expect(event.position.commit).toBe(event.position.prepare);
    });

    it('accepts event ids stored in another stream (EventStoreDB keeps no index of event ids)', async () => {
      const events = someEvents(2);
      const first = aStreamId();
      const second = aStreamId();
      await store.append(first, events, 'no_stream');

      await expect(store.append(second, events, 'no_stream')).resolves.toMatchObject({ nextExpectedRevision: 1 });
      expect((await store.readStream(second)).map((e) => e.id)).toEqual(events.map((e) => e.id));
    });

    it('writes ids stored earlier in the stream again at its current revision (the server checks only their place)', async () => {
      const streamId = aStreamId();
      const events = someEvents(2);
      await store.append(streamId, events, 'no_stream');

      await expect(store.append(streamId, events, 1)).resolves.toMatchObject({ nextExpectedRevision: 3 });
      expect((await store.readStream(streamId)).map((e) => e.id)).toEqual([...events, ...events].map((e) => e.id));
    });

    it('serves a read-your-writes feed from one subscription: later batches, and a batch read again', async () => {
      const prefix = aUniquePrefix('follow');
      const first = await store.append(`${prefix}a`, someEvents(3), 'no_stream');
      const head = await store.readAll({ filter: { streamPrefixes: [prefix] }, maxCount: 2 });
      expect(await store.readAll({ after: head[1]!.position, filter: { streamPrefixes: [prefix] } })).toHaveLength(1);
      const later = await store.append(`${prefix}b`, someEvents(1), 'no_stream');
      const next = await store.readAll({ after: first.position, filter: { streamPrefixes: [prefix] }, maxCount: 10 });
      expect(next.map((e) => e.position)).toEqual([later.position]);
      expect(await store.readAll({ after: first.position, filter: { streamPrefixes: [prefix] }, maxCount: 10 })).toEqual(next);
    });

    it('reports an unreachable server as EventStoreUnavailableError', async () => {
      await expect(EventStoreDbEventStore.connect('esdb://127.0.0.1:1?tls=false')).rejects.toThrow(EventStoreUnavailableError);
      const gone = await EventStoreDbEventStore.connect('esdb://127.0.0.1:1?tls=false', { verify: false });
      try {
        await expect(gone.append(aStreamId(), [anEvent()], 'any')).rejects.toThrow(EventStoreUnavailableError);
        await expect(gone.readStream(aStreamId())).rejects.toThrow(EventStoreUnavailableError);
        await expect(gone.readAll()).rejects.toThrow(EventStoreUnavailableError);
        await expect(gone.headPosition()).rejects.toThrow(EventStoreUnavailableError);
      } finally {
        await gone.close();
      }
    });

    it('is unavailable once closed', async () => {
      const closing = await openStore();
      await closing.close();
      await closing.close();

      await expect(closing.append(aStreamId(), [anEvent()], 'any')).rejects.toThrow(EventStoreUnavailableError);
      await expect(closing.readStream(aStreamId())).rejects.toThrow(EventStoreUnavailableError);
      await expect(closing.readAll()).rejects.toThrow(EventStoreUnavailableError);
    });
  });
}
