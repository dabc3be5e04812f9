import { PassThrough } from 'node:stream';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { FeedFilter } from '../event-store.port.js';
import type { GlobalPosition } from '../position.js';
import type { CheckpointReached } from './feed-filters.js';
import { FeedFollowers, type FeedSubscription } from './feed-follower.js';

/** A subscription the test feeds by hand: the client's stream of resolved events and its signals. */
class HandFedSubscription extends PassThrough implements FeedSubscription {
  unsubscribed = false;
  constructor(
    readonly feedFilter: FeedFilter | undefined,
    readonly from: GlobalPosition | undefined,
    readonly checkpoint: CheckpointReached,
  ) {
    super({ objectMode: true });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
  }
  deliver(streamId: string, type: string, at: bigint): void {
    const event = {
      streamId,
      id: `00000000-0000-4000-8000-${String(at).padStart(12, '0')}`,
      isJson: true,
      revision: 0n,
      type,
      created: new Date(),
      data: { at: Number(at) },
      metadata: { recordedAt: '2026-03-02T09:00:00.000Z' },
      position: { commit: at, prepare: at },
    };
    this.write({ event } as unknown as AllStreamResolvedEvent);
  }
}

const at = (n: bigint): GlobalPosition => ({ commit: n, prepare: n });
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function followers(quietMs = 5_000) {
  const opened: HandFedSubscription[] = [];
  const all = new FeedFollowers(
    (filter, after, checkpoint) => {
      const subscription = new HandFedSubscription(filter, after, checkpoint);
      opened.push(subscription);
      return subscription;
    },
    { bufferSize: 100, quietMs, maxFollowers: 3, idleMs: 60_000 },
  );
  return { all, opened };
}

const positions = (events: { position: GlobalPosition }[]): bigint[] => events.map((e) => e.position.commit);
const feed: FeedFilter = { streamPrefixes: ['project-'] };

describe('reading the feed from catch-up subscriptions to $all', () => {
  it('opens one subscription at the read’s position with its filter, and returns once the server caught up', async () => {
    const { all, opened } = followers();
    const read = all.read(feed, at(100n), 10);
    await flush();
    const [subscription] = opened;
    expect([subscription!.feedFilter, subscription!.from]).toEqual([feed, at(100n)]);
    subscription!.deliver('project-1', 'ProjectCreated', 100n); // a from-position read may include it
    subscription!.deliver('project-1', 'ProjectRenamed', 200n);
    subscription!.deliver('$$project-1', '$metadata', 250n);
    subscription!.deliver('project-1', '$>', 260n);
    subscription!.deliver('project-2', 'ProjectCreated', 300n);
    await flush();
    subscription!.emit('caughtUp');
    expect(positions(await read)).toEqual([200n, 300n]);
  });

  it('returns as soon as maxCount events are there, while catching up', async () => {
    const { all, opened } = followers();
    const read = all.read(feed, undefined, 2);
    await flush();
    for (const n of [1n, 2n, 3n]) opened[0]!.deliver('project-1', 'ProjectRenamed', n);
    expect(positions(await read)).toEqual([1n, 2n]);
  });

  it('serves the next batch, and the same batch again after a failed apply, from the same subscription', async () => {
    const { all, opened } = followers();
    const first = all.read(feed, undefined, 2);
    await flush();
    for (const n of [1n, 2n, 3n, 4n]) opened[0]!.deliver('project-1', 'ProjectRenamed', n);
    opened[0]!.emit('caughtUp');
    expect(positions(await first)).toEqual([1n, 2n]);
    expect(positions(await all.read(feed, at(2n), 2))).toEqual([3n, 4n]);
    expect(positions(await all.read(feed, at(2n), 2))).toEqual([3n, 4n]);
    expect(positions(await all.read(feed, at(4n), 2))).toEqual([]);
    expect(opened).toHaveLength(1);
  });

  it('waits, once live, for an event this process appended and the filter serves', async () => {
    const { all, opened } = followers();
    const first = all.read(feed, undefined, 10);
    await flush();
    opened[0]!.deliver('project-1', 'ProjectCreated', 1n);
    opened[0]!.emit('caughtUp');
    await first;
    all.noteAppended('project-1', ['ProjectRenamed'], at(9n));
    all.noteAppended('other-1', ['Unrelated'], at(12n)); // not served: nothing to wait for
    const next = all.read(feed, at(1n), 10);
    let done = false;
    void next.then(() => (done = true));
    await flush();
    expect(done).toBe(false);
    opened[0]!.deliver('project-1', 'ProjectRenamed', 9n);
    expect(positions(await next)).toEqual([9n]);
  });

  it('learns from checkpoints how far the server read through events it filtered out', async () => {
    const { all, opened } = followers();
    const first = all.read(feed, undefined, 10);
    await flush();
    opened[0]!.emit('caughtUp');
    await first;
    await opened[0]!.checkpoint(opened[0] as never, { commit: 50n, prepare: 50n });
    await expect(all.read(feed, at(40n), 10)).resolves.toEqual([]);
    expect(opened).toHaveLength(1); // 40 lies in what it has read: no new subscription
  });

  it('opens another subscription for another filter, or a position it has not reached', async () => {
    const { all, opened } = followers(20);
    await all.read(feed, undefined, 10);
    await all.read({ eventTypes: ['ProjectCreated'] }, undefined, 10);
    await all.read(feed, at(5_000n), 10);
    expect(opened.map((s) => s.from)).toEqual([undefined, undefined, at(5_000n)]);
  });

  it('returns what it has when the server says nothing for quietMs (no caughtUp before 23.10)', async () => {
    const { all, opened } = followers(30);
    const read = all.read(feed, undefined, 10);
    await flush();
    opened[0]!.deliver('project-1', 'ProjectCreated', 1n);
    expect(positions(await read)).toEqual([1n]);
  });

  it('fails the read when the subscription fails, and starts a new one from the read’s position next time', async () => {
    const { all, opened } = followers();
    const read = all.read(feed, at(7n), 10);
    await flush();
    opened[0]!.destroy(new Error('connection reset'));
    await expect(read).rejects.toThrow('connection reset');
    const again = all.read(feed, at(7n), 10);
    await flush();
    opened[1]!.emit('caughtUp');
    await again;
    expect([opened[0]!.unsubscribed, opened[1]!.from]).toEqual([true, at(7n)]);
  });

  it('refuses an event it cannot map rather than skipping it', async () => {
    const { all, opened } = followers();
    const read = all.read(feed, undefined, 10);
    await flush();
    opened[0]!.write({ event: { streamId: 'project-1', type: 'X', id: 'x', revision: 0n, isJson: false, data: new Uint8Array([1]), position: at(1n) } });
    await expect(read).rejects.toThrow(/not a JSON object event/);
  });

  it('keeps at most maxFollowers subscriptions open, closing the one read least recently', async () => {
    const { all, opened } = followers(10);
    for (const prefix of ['a-', 'b-', 'c-', 'd-']) await all.read({ streamPrefixes: [prefix] }, undefined, 1);
    expect(all.size).toBeLessThanOrEqual(3);
    expect(opened[0]!.unsubscribed).toBe(true);
    await all.close();
    expect(opened.every((s) => s.unsubscribed)).toBe(true);
  });
});
