import type { ContractLimits, StoreUnderTest } from '../event-store.contract.js';
import { aStreamId, anEvent, expectWrongExpectedRevision, someEvents } from '../test-events.js';

/** A writer that timed out may send the same append again: it must not record twice. */
export function idempotencyContract(store: StoreUnderTest, limits: ContractLimits = {}): void {
  it('returns the original result for the same ids appended again with no_stream, writing nothing', async () => {
    const streamId = aStreamId();
    const events = someEvents(2);
    const first = await store().append(streamId, events, 'no_stream');

    const retry = await store().append(streamId, events, 'no_stream');

    expect(retry).toEqual(first);
    expect((await store().readStream(streamId)).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('returns the original result for the same ids at the same exact revision, even after the stream moved on', async () => {
    const streamId = aStreamId();
    await store().append(streamId, [anEvent()], 'no_stream');
    const events = someEvents(2);
    const first = await store().append(streamId, events, 0);
    await store().append(streamId, [anEvent()], 2);

    const retry = await store().append(streamId, events, 0);

    expect(retry).toEqual(first);
    expect(await store().readStream(streamId)).toHaveLength(4);
  });

  it('returns the original result for the same ids appended again with any', async () => {
    const streamId = aStreamId();
    await store().append(streamId, [anEvent()], 'no_stream');
    const events = someEvents(3);
    const first = await store().append(streamId, events, 'any');

    const retry = await store().append(streamId, events, 'any');

    expect(retry).toEqual(first);
    expect(await store().readStream(streamId)).toHaveLength(4);
  });

  it('returns the original result for the same ids appended again with stream_exists', async () => {
    const streamId = aStreamId();
    await store().append(streamId, [anEvent()], 'no_stream');
    const events = someEvents(2);
    const first = await store().append(streamId, events, 'stream_exists');

    await expect(store().append(streamId, events, 'stream_exists')).resolves.toEqual(first);
    expect(await store().readStream(streamId)).toHaveLength(3);
  });

  (limits.idsCheckedOnlyAtTheirPlace ? it.skip : it)('refuses the same ids where this append would put them elsewhere in the stream', async () => {
    const streamId = aStreamId();
    const events = someEvents(2);
    await store().append(streamId, events, 'no_stream');

    await expectWrongExpectedRevision(store().append(streamId, events, 1), { streamId, expected: 1, actual: 1 });
    expect(await store().readStream(streamId)).toHaveLength(2);
  });

  it('refuses a retry whose ids are only partly stored', async () => {
    const streamId = aStreamId();
    const [a, b] = someEvents(2);
    await store().append(streamId, [a!, b!], 'no_stream');

    await expectWrongExpectedRevision(store().append(streamId, [a!, anEvent()], 'no_stream'), {
      streamId,
      expected: 'no_stream',
      actual: 1,
    });
    await expectWrongExpectedRevision(store().append(streamId, [b!, anEvent()], 0), {
      streamId,
      expected: 0,
      actual: 1,
    });
    expect(await store().readStream(streamId)).toHaveLength(2);
  });

  it('refuses the same ids in another order', async () => {
    const streamId = aStreamId();
    const [a, b] = someEvents(2);
    await store().append(streamId, [a!, b!], 'no_stream');

    await expectWrongExpectedRevision(store().append(streamId, [b!, a!], 'any'), {
      streamId,
      expected: 'any',
      actual: 1,
    });
  });

  describe('readEventsById (how a keyed command finds what it recorded)', () => {
    it('finds the stored events among the ids, in revision order, with their places', async () => {
      const streamId = aStreamId();
      const events = someEvents(4);
      await store().append(streamId, events, 'no_stream');
      const recorded = await store().readStream(streamId);

      const found = await store().readEventsById(streamId, [events[3]!.id, events[1]!.id]);

      expect(found).toEqual([recorded[1], recorded[3]]);
    });

    it('answers [] for ids never stored, an absent stream, or ids stored in another stream', async () => {
      const streamId = aStreamId();
      const other = aStreamId();
      const [mine] = someEvents(1);
      const [theirs] = someEvents(1);
      await store().append(streamId, [mine!], 'no_stream');
      await store().append(other, [theirs!], 'no_stream');

      await expect(store().readEventsById(streamId, [anEvent().id])).resolves.toEqual([]);
      await expect(store().readEventsById(aStreamId(), [mine!.id])).resolves.toEqual([]);
      await expect(store().readEventsById(streamId, [theirs!.id])).resolves.toEqual([]);
      await expect(store().readEventsById(streamId, [])).resolves.toEqual([]);
    });
  });
}
