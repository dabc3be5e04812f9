import { START, comparePositions, type GlobalPosition } from '../../position.js';
import type { RecordedEvent } from '../../event-store.port.js';
import type { StoreUnderTest } from '../event-store.contract.js';
import { aUniquePrefix, anEvent, feedReaches, someEvents } from '../test-events.js';

function expectStrictlyIncreasing(events: readonly RecordedEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    expect(comparePositions(events[i - 1]!.position, events[i]!.position)).toBeLessThan(0);
  }
}

const ids = (events: readonly { id: string }[]) => events.map((e) => e.id);

export function readAllContract(store: StoreUnderTest): void {
  it('reads every stream in the order the appends happened, from the start', async () => {
    const prefix = aUniquePrefix();
    const appended = [
      { stream: `${prefix}a`, events: someEvents(2) },
      { stream: `${prefix}b`, events: someEvents(1) },
      { stream: `${prefix}a`, events: someEvents(2) },
    ];
    let last: GlobalPosition | undefined;
    for (const { stream, events } of appended) last = (await store().append(stream, events, 'any')).position;
    await feedReaches(store(), last!);

    const feed = await store().readAll();
    const ours = feed.filter((e) => e.streamId.startsWith(prefix));

    expect(ids(ours)).toEqual(appended.flatMap(({ events }) => ids(events)));
    expect(ours.map((e) => [e.streamId, e.revision])).toEqual([
      [`${prefix}a`, 0], [`${prefix}a`, 1], [`${prefix}b`, 0], [`${prefix}a`, 2], [`${prefix}a`, 3],
    ]);
    expect(await store().readAll({ after: START })).toEqual(feed);
  });

  it('tells the position of the last event the feed serves, with the same filters', async () => {
    const prefix = aUniquePrefix();
    expect(await store().headPosition({ streamPrefixes: [prefix] })).toBeUndefined();
    await store().append(`${prefix}a`, someEvents(2), 'no_stream');
    const last = await store().append(`${prefix}b`, someEvents(1), 'no_stream');
    await feedReaches(store(), last.position);

    expect(await store().headPosition({ streamPrefixes: [prefix] })).toEqual(last.position);
    const feed = await store().readAll();
    expect(await store().headPosition()).toEqual(feed.at(-1)!.position);
  });

  it('gives positions that strictly increase in feed order', async () => {
    await store().append(`${aUniquePrefix()}x`, someEvents(3), 'no_stream');
    expectStrictlyIncreasing(await store().readAll());
  });

  it('returns an event from the feed exactly as its stream does', async () => {
    const stream = `${aUniquePrefix()}same`;
    await feedReaches(store(), (await store().append(stream, someEvents(2), 'no_stream')).position);

    const fromFeed = (await store().readAll()).filter((e) => e.streamId === stream);
    expect(fromFeed).toEqual(await store().readStream(stream));
  });

  it('reads strictly after a position: the event at that position is excluded', async () => {
    const prefix = aUniquePrefix();
    const first = await store().append(`${prefix}a`, someEvents(2), 'no_stream');
    const later = [...someEvents(2)];
    await feedReaches(store(), (await store().append(`${prefix}b`, later, 'no_stream')).position);

    const after = await store().readAll({ after: first.position, filter: { streamPrefixes: [prefix] } });

    expect(ids(after)).toEqual(ids(later));
  });

  it('reads after a position inside one append: the rest of that append follows', async () => {
    const prefix = aUniquePrefix();
    const events = someEvents(3);
    await feedReaches(store(), (await store().append(`${prefix}a`, events, 'no_stream')).position);
    const [firstEvent] = await store().readStream(`${prefix}a`);

    const after = await store().readAll({ after: firstEvent!.position, filter: { streamPrefixes: [prefix] } });

    expect(ids(after)).toEqual(ids(events.slice(1)));
  });

  it('pages with maxCount from the last position received, giving every event exactly once, in order', async () => {
    const prefix = aUniquePrefix();
    const streams = [`${prefix}a`, `${prefix}b`, `${prefix}c`];
    let last: GlobalPosition | undefined;
    for (let n = 0; n < 7; n++) last = (await store().append(streams[n % 3]!, [anEvent()], 'any')).position;
    await feedReaches(store(), last!);
    const whole = await store().readAll({ filter: { streamPrefixes: [prefix] } });

    const paged: RecordedEvent[] = [];
    let after: GlobalPosition | undefined;
    for (let page = 0; page < 10; page++) {
      const events = await store().readAll({ after, filter: { streamPrefixes: [prefix] }, maxCount: 2 });
      expect(events.length).toBeLessThanOrEqual(2);
      if (events.length === 0) break;
      paged.push(...events);
      after = events.at(-1)!.position;
    }

    expect(whole).toHaveLength(7);
    expect(paged).toEqual(whole);
    expectStrictlyIncreasing(paged);
  });

  it('filters by stream prefix', async () => {
    const [one, two, three] = [aUniquePrefix(), aUniquePrefix(), aUniquePrefix()];
    const a = anEvent();
    const b = anEvent();
    const c = anEvent();
    await store().append(`${one}1`, [a], 'no_stream');
    await store().append(`${two}1`, [b], 'no_stream');
    await feedReaches(store(), (await store().append(`${three}1`, [c], 'no_stream')).position);

    expect(ids(await store().readAll({ filter: { streamPrefixes: [one] } }))).toEqual([a.id]);
    expect(ids(await store().readAll({ filter: { streamPrefixes: [one, three] } }))).toEqual([a.id, c.id]);
  });

  it('filters by event type, and by type and prefix together', async () => {
    const prefix = aUniquePrefix();
    const typeA = `${prefix}Approved`;
    const typeB = `${prefix}Rejected`;
    const a1 = anEvent(typeA);
    const b1 = anEvent(typeB);
    const a2 = anEvent(typeA);
    await store().append(`${prefix}1`, [a1, b1], 'no_stream');
    await feedReaches(store(), (await store().append(`${aUniquePrefix()}2`, [a2], 'no_stream')).position);

    expect(ids(await store().readAll({ filter: { eventTypes: [typeA] } }))).toEqual([a1.id, a2.id]);
    expect(ids(await store().readAll({ filter: { eventTypes: [typeA, typeB] } }))).toEqual([a1.id, b1.id, a2.id]);
    expect(ids(await store().readAll({ filter: { eventTypes: [typeA], streamPrefixes: [prefix] } }))).toEqual([a1.id]);
  });

  it('reads nothing after the last event', async () => {
    const prefix = aUniquePrefix();
    const result = await store().append(`${prefix}a`, someEvents(2), 'no_stream');

    expect(await store().readAll({ after: result.position, filter: { streamPrefixes: [prefix] } })).toEqual([]);
  });
}
