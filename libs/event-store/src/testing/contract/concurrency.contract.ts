import { comparePositions, type GlobalPosition } from '../../position.js';
import { WrongExpectedRevisionError, type RecordedEvent } from '../../event-store.port.js';
import type { StoreUnderTest } from '../event-store.contract.js';
import { aStreamId, aUniquePrefix, anEvent } from '../test-events.js';

const WRITERS = 10;

export function concurrencyContract(store: StoreUnderTest): void {
  it(`lets exactly one of ${WRITERS} concurrent no_stream appends create the stream`, async () => {
    const streamId = aStreamId();
    const attempts = Array.from({ length: WRITERS }, () => anEvent());

    const outcomes = await Promise.allSettled(attempts.map((event) => store().append(streamId, [event], 'no_stream')));

    const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [attempts[i]!.id] : []));
    expect(winners).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
    }
    expect((await store().readStream(streamId)).map((e) => e.id)).toEqual(winners);
  });

  it(`lets exactly one of ${WRITERS} concurrent appends at the same exact revision win`, async () => {
    const streamId = aStreamId();
    await store().append(streamId, [anEvent()], 'no_stream');
    const attempts = Array.from({ length: WRITERS }, () => anEvent());

    const outcomes = await Promise.allSettled(attempts.map((event) => store().append(streamId, [event], 0)));

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(outcome.reason).toMatchObject({ streamId, expected: 0, actual: 1 });
      }
    }
    expect(await store().readStream(streamId)).toHaveLength(2);
  });

  it(`gives ${WRITERS} concurrent appends with any consecutive revisions, none lost`, async () => {
    const streamId = aStreamId();
    const attempts = Array.from({ length: WRITERS }, () => anEvent());

    await Promise.all(attempts.map((event) => store().append(streamId, [event], 'any')));

    const read = await store().readStream(streamId);
    expect(read.map((e) => e.revision)).toEqual([...Array(WRITERS).keys()]);
    expect(new Set(read.map((e) => e.id))).toEqual(new Set(attempts.map((e) => e.id)));
  });

  it('lets a reader following the feed during concurrent appends see every event exactly once, in order', async () => {
    const prefix = aUniquePrefix();
    const streams = Array.from({ length: 4 }, (_, n) => `${prefix}${n}`);
    const appends = Array.from({ length: 24 }, (_, n) => ({ streamId: streams[n % streams.length]!, event: anEvent() }));
    const seen: RecordedEvent[] = [];
    let last: GlobalPosition | undefined;

    const follow = (async () => {
      // Poll like a subscription, from the last position received. It stops once it has
      // reached the last append (the feed is in position order) — or 15 s after the
      // writers are done, so that a skipped event fails below instead of hanging.
      let deadline = Infinity;
      for (;;) {
        const after = seen.at(-1)?.position;
        const page = await store().readAll({ after, filter: { streamPrefixes: [prefix] }, maxCount: 5 });
        seen.push(...page);
        if (last !== undefined) {
          if (seen.length > 0 && comparePositions(seen.at(-1)!.position, last) >= 0) return;
          deadline = Math.min(deadline, Date.now() + 15_000);
          if (Date.now() > deadline) return;
        }
        if (page.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const results = await Promise.all(appends.map(({ streamId, event }) => store().append(streamId, [event], 'any')));
    last = results.map((r) => r.position).reduce((a, b) => (comparePositions(a, b) >= 0 ? a : b));
    await follow;

    expect(seen.map((e) => e.id).sort()).toEqual(appends.map((a) => a.event.id).sort());
    for (let i = 1; i < seen.length; i++) {
      expect(comparePositions(seen[i - 1]!.position, seen[i]!.position)).toBeLessThan(0);
    }
    // A stream's events come in its own order: revision n before n + 1.
    for (const streamId of streams) {
      expect(seen.filter((e) => e.streamId === streamId).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    }
    const final = await store().readAll({ filter: { streamPrefixes: [prefix] } });
    expect(seen).toEqual(final);
  });
}
