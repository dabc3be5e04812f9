import { WrongExpectedRevisionError } from '../../event-store.port.js';
import type { StoreUnderTest } from '../event-store.contract.js';
import { aStreamId, anEvent, expectWrongExpectedRevision, someEvents } from '../test-events.js';

export function appendContract(store: StoreUnderTest): void {
  it('creates a stream with no_stream and numbers its events from revision 0', async () => {
    const streamId = aStreamId();
    const events = someEvents(3);

    const result = await store().append(streamId, events, 'no_stream');

    expect(result.nextExpectedRevision).toBe(2);
    const read = await store().readStream(streamId);
    expect(read.map((e) => [e.id, e.revision, e.streamId, e.type])).toEqual(
      events.map((e, revision) => [e.id, revision, streamId, e.type]),
    );
    expect(read.map((e) => e.data)).toEqual(events.map((e) => e.data));
    expect(read.map((e) => e.metadata)).toEqual(events.map((e) => e.metadata));
  });

  it('reports the position of the last event written', async () => {
    const streamId = aStreamId();
    const result = await store().append(streamId, someEvents(2), 'no_stream');

    const read = await store().readStream(streamId);
    expect(result.position).toEqual(read[1]!.position);
  });

  it('creates a stream with any', async () => {
    const streamId = aStreamId();
    await expect(store().append(streamId, [anEvent()], 'any')).resolves.toMatchObject({ nextExpectedRevision: 0 });
  });

  it('appends to an existing stream with any, after its last event', async () => {
    const streamId = aStreamId();
    await store().append(streamId, someEvents(2), 'no_stream');

    const result = await store().append(streamId, someEvents(2), 'any');

    expect(result.nextExpectedRevision).toBe(3);
    expect((await store().readStream(streamId)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
  });

  it('appends with stream_exists to a stream that has events', async () => {
    const streamId = aStreamId();
    await store().append(streamId, [anEvent()], 'no_stream');

    await expect(store().append(streamId, [anEvent()], 'stream_exists')).resolves.toMatchObject({
      nextExpectedRevision: 1,
    });
  });

  it('refuses stream_exists on an absent stream, and creates nothing', async () => {
    const streamId = aStreamId();

    await expectWrongExpectedRevision(store().append(streamId, [anEvent()], 'stream_exists'), {
      streamId,
      expected: 'stream_exists',
      actual: 'no_stream',
    });
    expect(await store().readStream(streamId)).toEqual([]);
  });

  it('refuses no_stream on a stream that exists, reporting its last revision', async () => {
    const streamId = aStreamId();
    await store().append(streamId, someEvents(2), 'no_stream');

    await expectWrongExpectedRevision(store().append(streamId, [anEvent()], 'no_stream'), {
      streamId,
      expected: 'no_stream',
      actual: 1,
    });
  });

  it('appends when the exact expected revision is the last one', async () => {
    const streamId = aStreamId();
    await store().append(streamId, someEvents(2), 'no_stream');

    const result = await store().append(streamId, someEvents(3), 1);

    expect(result.nextExpectedRevision).toBe(4);
    expect((await store().readStream(streamId)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
  });

  it.each([0, 2, 7])('refuses exact revision %d when the last one is 1, and writes nothing', async (expected) => {
    const streamId = aStreamId();
    await store().append(streamId, someEvents(2), 'no_stream');

    await expectWrongExpectedRevision(store().append(streamId, someEvents(2), expected), {
      streamId,
      expected,
      actual: 1,
    });
    expect(await store().readStream(streamId)).toHaveLength(2);
  });

  it('refuses an exact revision on an absent stream', async () => {
    const streamId = aStreamId();
    await expectWrongExpectedRevision(store().append(streamId, [anEvent()], 0), {
      streamId,
      expected: 0,
      actual: 'no_stream',
    });
  });

  it('throws the one typed error, whose fields say what was expected and what was found', async () => {
    const streamId = aStreamId();
    await store().append(streamId, [anEvent()], 'no_stream');

    const error = await expectWrongExpectedRevision(store().append(streamId, [anEvent()], 5), {
      streamId,
      expected: 5,
      actual: 0,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(streamId);
  });

  it('refuses an empty append, which would prove nothing', async () => {
    const streamId = aStreamId();
    const attempt = store().append(streamId, [], 'any');

    await expect(attempt).rejects.toThrow(Error);
    await expect(attempt).rejects.not.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store().readStream(streamId)).toEqual([]);
  });

  it('stores data and metadata unchanged: unicode, right-to-left text, nested objects', async () => {
    const streamId = aStreamId();
    const event = anEvent('ProjectRenamed', {
      data: {
        title: 'Água potável — Ñandú 日本語 🚀 e\u0301',
        arabic: 'مشروع المياه',
        hebrew: 'פרויקט מים',
        nested: { deeper: { list: [1, 'two', { three: 3 }, null, true], empty: {}, none: [] } },
        amountCents: 3_788_700,
        ratio: 0.125,
      },
      metadata: {
        reason: 'تصحيح الاسم (fix) — «corrigé»',
        idempotencyKey: 'key-✓',
        context: { ip: '2001:db8::1', tags: ['a', 'ב'], flags: { dryRun: false } },
      },
    });

    await store().append(streamId, [event], 'no_stream');

    const [read] = await store().readStream(streamId);
    expect(read!.data).toEqual(event.data);
    expect(read!.metadata).toEqual(event.metadata);
  });
}
