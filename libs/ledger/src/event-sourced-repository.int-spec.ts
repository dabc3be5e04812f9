import { cents, DomainError, envelopeDecider, type EnvelopeCommand } from '#domain';
import { EVENT_STORE_MIGRATIONS, SqlEventStore, WrongExpectedRevisionError } from '#event-store';
import { migrate, PgliteClient } from '#sql';
import type { CommandMetadata } from './command-metadata.js';
import { EventSourcedRepository } from './event-sourced-repository.js';

/**
 * The remembered states of the repository are never trusted for a rule. Two repositories
 * over one store stand for two API instances on one database: each remembers what it
 * wrote, and neither sees the other's appends until it reads.
 */
describe('EventSourcedRepository with remembered states', () => {
  let client: PgliteClient;
  let store: SqlEventStore;
  let streamNumber = 0;
  let streamId: string;

  const at = '2026-03-01T10:00:00.000Z';
  const metadata: CommandMetadata = {
    actor: { id: 'fm-1', role: 'finance-officer' },
    at,
    correlationId: 'c',
    causationId: 'c',
    reason: 'test',
  };
  const context = { context: { actor: metadata.actor, at }, reason: 'test' };
  const open = (amount: number): EnvelopeCommand => ({ type: 'OpenEnvelope', data: { year: 2026, fundingLine: 1, amount: cents(amount) }, ...context });
  const reserve = (projectId: string, amount: number): EnvelopeCommand => ({
    type: 'ReserveFunds',
    data: { projectId, amount: cents(amount), purpose: 'approval' },
    ...context,
  });
  const release = (projectId: string, amount: number): EnvelopeCommand => ({
    type: 'ReleaseFunds',
    data: { projectId, amount: cents(amount), purpose: 'cancellation' },
    ...context,
  });

  beforeAll(async () => {
    client = await PgliteClient.open(undefined);
    await migrate(client, EVENT_STORE_MIGRATIONS);
    store = new SqlEventStore(client);
  });

  afterAll(async () => {
    await store.close();
  });

  beforeEach(() => {
    streamNumber += 1;
    streamId = `envelope-test-${streamNumber}`;
  });

  it('refuses an over-reservation decided on a stale remembered state (rule 7 holds across instances)', async () => {
    const first = new EventSourcedRepository(store);
    const second = new EventSourcedRepository(store);
    await first.handle(envelopeDecider, streamId, open(1_000), metadata);
    await second.handle(envelopeDecider, streamId, reserve('p1', 100), metadata); // second remembers reserved 100
    await first.handle(envelopeDecider, streamId, reserve('p2', 800), metadata); // unseen by second

    // On its remembered state 900 are free; on what is recorded only 100.
    await expect(second.handle(envelopeDecider, streamId, reserve('p3', 500), metadata)).rejects.toThrow(DomainError);
    const recorded = await store.readStream(streamId);
    expect(recorded.map((event) => event.type)).toEqual(['EnvelopeOpened', 'FundsReserved', 'FundsReserved']);
    expect((await second.load(envelopeDecider, streamId)).state.reserved).toBe(900);
  });

  it('accepts a command that a stale remembered state would refuse, once the stream is read again', async () => {
    const first = new EventSourcedRepository(store);
    const second = new EventSourcedRepository(store);
    await first.handle(envelopeDecider, streamId, open(1_000), metadata);
    await second.handle(envelopeDecider, streamId, reserve('p1', 900), metadata); // second remembers 100 free
    await first.handle(envelopeDecider, streamId, release('p1', 900), metadata); // now 1,000 free

    const decided = await second.handle(envelopeDecider, streamId, reserve('p2', 600), metadata);
    expect(decided.state.reserved).toBe(600);
    expect(decided.revision).toBe(3);
  });

  it('decides again on the recorded state when its remembered state lost a race, without using a retry', async () => {
    const first = new EventSourcedRepository(store);
    const second = new EventSourcedRepository(store);
    await first.handle(envelopeDecider, streamId, open(1_000), metadata);
    await second.load(envelopeDecider, streamId);
    await first.handle(envelopeDecider, streamId, reserve('p1', 100), metadata);

    const decided = await second.handle(envelopeDecider, streamId, reserve('p2', 100), metadata, { retriesOnConflict: 0 });
    expect(decided.revision).toBe(2);
    expect(decided.state.reservedByProject.toJSON()).toEqual({ p1: 100, p2: 100 });
    // The hash chain continues from the event the second instance had not seen.
    const [, , last] = await store.readStream(streamId);
    const [, middle] = await store.readStream(streamId);
    expect(last!.metadata.previousHash).toBe(middle!.metadata.hash);
  });

  it('after losing a race, reads only what was appended since the state it remembers', async () => {
    const reads: string[] = [];
    const watched: SqlEventStore = Object.assign(Object.create(store) as SqlEventStore, {
      readStream: (id: string, options?: Parameters<SqlEventStore['readStream']>[1]) => {
        reads.push(`${id}@${options?.fromRevision ?? 0}`);
        return store.readStream(id, options);
      },
    });
    const first = new EventSourcedRepository(store);
    const second = new EventSourcedRepository(watched);
    await first.handle(envelopeDecider, streamId, open(1_000), metadata);
    await second.handle(envelopeDecider, streamId, reserve('p1', 100), metadata); // second remembers revision 1
    await first.handle(envelopeDecider, streamId, reserve('p2', 100), metadata); // revision 2
    await first.handle(envelopeDecider, streamId, reserve('p3', 100), metadata); // revision 3
    reads.length = 0;

    const decided = await second.handle(envelopeDecider, streamId, reserve('p4', 100), metadata, { retriesOnConflict: 0 });

    expect(reads).toEqual([`${streamId}@2`]);
    expect(decided.revision).toBe(4);
    expect(decided.state.reservedByProject.toJSON()).toEqual({ p1: 100, p2: 100, p3: 100, p4: 100 });
    expect(decided.state.reserved).toBe(400);
  });

  describe('a store whose stream is not the history it remembers (restored from a backup)', () => {
    /** The store, with the test's stream read from and written to `target` instead. */
    const redirected = (target: { id: string }): SqlEventStore =>
      Object.assign(Object.create(store) as SqlEventStore, {
        readStream: (id: string, options?: Parameters<SqlEventStore['readStream']>[1]) => store.readStream(id === streamId ? target.id : id, options),
        append: (id: string, ...rest: [never, never]) => store.append(id === streamId ? target.id : id, ...rest),
      });

    /**
     * A repository that remembers revision 1 of the test's stream (open 1,000, reserve p1
     * 100), over a store whose stream is then `restored`, written by `commands`.
     */
    const rememberingAnotherHistory = async (commands: EnvelopeCommand[]) => {
      const writer = new EventSourcedRepository(store);
      await writer.handle(envelopeDecider, streamId, open(1_000), metadata);
      await writer.handle(envelopeDecider, streamId, reserve('p1', 100), metadata);
      const restored = `${streamId}-restored`;
      for (const command of commands) await writer.handle(envelopeDecider, restored, command, metadata);
      const target = { id: streamId };
      const repository = new EventSourcedRepository(redirected(target));
      await repository.load(envelopeDecider, streamId);
      target.id = restored;
      return repository;
    };

    it('folds afresh a stream that goes on from another history', async () => {
      const reader = await rememberingAnotherHistory([open(500), reserve('p9', 50), reserve('p8', 50)]);

      const loaded = await reader.load(envelopeDecider, streamId);

      expect(loaded.revision).toBe(2);
      expect(loaded.state.amount).toBe(500);
      expect(loaded.state.reservedByProject.toJSON()).toEqual({ p8: 50, p9: 50 });
    });

    it('folds afresh a stream shorter than the state it remembers', async () => {
      const repository = await rememberingAnotherHistory([open(300)]);

      await expect(repository.handle(envelopeDecider, streamId, reserve('p2', 250), metadata, { retriesOnConflict: 1 })).resolves.toMatchObject({
        revision: 1,
        state: { amount: 300, reserved: 250 },
      });
    });
  });

  it('judges If-Match against what is recorded, not against a stale remembered revision', async () => {
    const first = new EventSourcedRepository(store);
    const second = new EventSourcedRepository(store);
    await first.handle(envelopeDecider, streamId, open(1_000), metadata);
    await second.load(envelopeDecider, streamId); // remembers revision 0
    await first.handle(envelopeDecider, streamId, reserve('p1', 100), metadata); // revision 1

    const decided = await second.handle(envelopeDecider, streamId, reserve('p2', 100), metadata, { expectedRevision: 1 });
    expect(decided.revision).toBe(2);
    await expect(
      second.handle(envelopeDecider, streamId, reserve('p3', 100), metadata, { expectedRevision: 1 }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('loads what another instance appended since it remembered the stream', async () => {
    const first = new EventSourcedRepository(store);
    const second = new EventSourcedRepository(store);
    await first.handle(envelopeDecider, streamId, open(1_000), metadata);
    expect((await second.load(envelopeDecider, streamId)).revision).toBe(0);
    await first.handle(envelopeDecider, streamId, reserve('p1', 250), metadata);
    const loaded = await second.load(envelopeDecider, streamId);
    expect(loaded).toMatchObject({ revision: 1, state: { reserved: 250 } });
  });

  it('answers a keyed request from the events of the same request that another instance recorded after it looked for them', async () => {
    const keyed: CommandMetadata = { ...metadata, idempotencyKey: 'open-once', requestFingerprint: 'sha256:open' };
    const first = new EventSourcedRepository(store);
    let interleaved = false;
    // The second instance looks for the key's events, finds none, and before it loads the
    // stream the first instance records the same request: the second now decides on an open
    // envelope, which refuses to open again — unless it looks once more.
    const racing: SqlEventStore = Object.assign(Object.create(store) as SqlEventStore, {
      readEventsById: async (id: string, ids: readonly string[]) => {
        const found = await store.readEventsById(id, ids);
        if (!interleaved) {
          interleaved = true;
          await first.handle(envelopeDecider, streamId, open(1_000), keyed);
        }
        return found;
      },
    });
    const second = new EventSourcedRepository(racing);

    const decided = await second.handle(envelopeDecider, streamId, open(1_000), keyed);

    expect(interleaved).toBe(true);
    expect({ replayed: decided.replayed, revision: decided.revision, types: decided.events.map((event) => event.type) }).toEqual({
      replayed: true,
      revision: 0,
      types: ['EnvelopeOpened'],
    });
    expect((await store.readStream(streamId)).map((event) => event.type)).toEqual(['EnvelopeOpened']);
    // Without a key nothing says it is the same request: opening again is refused.
    await expect(second.handle(envelopeDecider, streamId, open(1_000), metadata)).rejects.toMatchObject({ code: 'envelope.already-open' });
  });

  it('keeps no more streams than its capacity, and folds a forgotten one from the store', async () => {
    const repository = new EventSourcedRepository(store, { cachedStreams: 1 });
    const other = `${streamId}-other`;
    await repository.handle(envelopeDecider, streamId, open(1_000), metadata);
    await repository.handle(envelopeDecider, other, open(500), metadata); // pushes the first out
    const reads: string[] = [];
    const counting = new EventSourcedRepository(
      {
        ...store,
        readStream: async (id, options) => {
          reads.push(`${id}@${options?.fromRevision ?? 0}`);
          return store.readStream(id, options);
        },
      } as SqlEventStore,
      { cachedStreams: 1 },
    );
    await counting.load(envelopeDecider, streamId);
    await counting.load(envelopeDecider, other);
    await counting.load(envelopeDecider, streamId);
    expect(reads).toEqual([`${streamId}@0`, `${other}@0`, `${streamId}@0`]);
    expect((await repository.load(envelopeDecider, streamId)).state.amount).toBe(1_000);
  });
});
