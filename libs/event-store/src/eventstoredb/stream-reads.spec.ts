import { BACKWARDS, END, FORWARDS, START } from '@eventstore/db-client';
import type { ReadStreamOptions, RecordedEvent } from '../event-store.port.js';
import { StreamReadCollector, planStreamRead } from './stream-reads.js';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** Revision n recorded at T0 + n minutes, like the contract's stream. */
function event(revision: number, recordedAt = at(revision)): RecordedEvent {
  return {
    id: `00000000-0000-4000-8000-00000000000${revision}`,
    streamId: 'project-1',
    revision,
    position: { commit: BigInt(100 + revision), prepare: BigInt(100 + revision) },
    type: 'StepRecorded',
    data: { n: revision },
    metadata: {
      actorId: 'a',
      actorRole: 'r',
      recordedAt,
      correlationId: 'c',
      causationId: 'c',
      schemaVersion: 1,
      previousHash: '',
      hash: '',
    },
  };
}

/** What a read with these options takes from the stream, as the server would send it for the plan. */
function take(options: ReadStreamOptions, stream: RecordedEvent[] = [0, 1, 2, 3, 4].map((n) => event(n))): number[] {
  const plan = planStreamRead(options);
  if (plan === undefined) return [];
  const last = stream.length - 1;
  const from = plan.fromRevision === START ? 0 : plan.fromRevision === END ? last : Number(plan.fromRevision);
  let sent = plan.direction === FORWARDS ? stream.slice(from) : stream.slice(0, Math.min(from, last) + 1).reverse();
  if (plan.maxCount !== undefined) sent = sent.slice(0, Number(plan.maxCount));
  const collector = new StreamReadCollector(options);
  for (const e of sent) if (!collector.offer(e)) break;
  return collector.events.map((e) => e.revision);
}

describe('planning a stream read', () => {
  it('reads forwards from the start, or from a revision, bounded by maxCount and toRevision', () => {
    expect(planStreamRead({})).toEqual({ direction: FORWARDS, fromRevision: START, maxCount: undefined });
    expect(planStreamRead({ fromRevision: 2 })).toEqual({ direction: FORWARDS, fromRevision: 2n, maxCount: undefined });
    expect(planStreamRead({ maxCount: 2 })).toEqual({ direction: FORWARDS, fromRevision: START, maxCount: 2n });
    expect(planStreamRead({ fromRevision: 1, toRevision: 3 })).toEqual({ direction: FORWARDS, fromRevision: 1n, maxCount: 3n });
    expect(planStreamRead({ fromRevision: 1, toRevision: 3, maxCount: 2 })).toMatchObject({ maxCount: 2n });
    expect(planStreamRead({ toRevision: 2, until: at(1) })).toMatchObject({ maxCount: 3n });
  });

  it('reads backwards from the end, or from the lower of fromRevision and toRevision', () => {
    expect(planStreamRead({ direction: 'backwards' })).toEqual({ direction: BACKWARDS, fromRevision: END, maxCount: undefined });
    expect(planStreamRead({ direction: 'backwards', fromRevision: 2 })).toMatchObject({ fromRevision: 2n });
    expect(planStreamRead({ direction: 'backwards', toRevision: 2 })).toMatchObject({ fromRevision: 2n });
    expect(planStreamRead({ direction: 'backwards', fromRevision: 4, toRevision: 2 })).toMatchObject({ fromRevision: 2n });
    expect(planStreamRead({ direction: 'backwards', fromRevision: 1, toRevision: 3 })).toMatchObject({ fromRevision: 1n });
    expect(planStreamRead({ direction: 'backwards', maxCount: 2 })).toMatchObject({ maxCount: 2n });
    // Events after `until` are skipped on the way down: the server may have to send more than maxCount.
    expect(planStreamRead({ direction: 'backwards', maxCount: 2, until: at(3) })).toMatchObject({ maxCount: undefined });
  });

  it('reads nothing for maxCount 0 or an empty revision range', () => {
    expect(planStreamRead({ maxCount: 0 })).toBeUndefined();
    expect(planStreamRead({ fromRevision: 3, toRevision: 2 })).toBeUndefined();
  });
});

describe('taking the events of a stream read (the contract’s cases)', () => {
  it('reads forwards and backwards', () => {
    expect(take({})).toEqual([0, 1, 2, 3, 4]);
    expect(take({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
    expect(take({ fromRevision: 2 })).toEqual([2, 3, 4]);
    expect(take({ fromRevision: 5 })).toEqual([]);
    expect(take({ direction: 'backwards', fromRevision: 2 })).toEqual([2, 1, 0]);
  });

  it('reads up to a revision in stream order whatever the direction', () => {
    expect(take({ toRevision: 2 })).toEqual([0, 1, 2]);
    expect(take({ direction: 'backwards', toRevision: 2 })).toEqual([2, 1, 0]);
    expect(take({ fromRevision: 1, toRevision: 3 })).toEqual([1, 2, 3]);
  });

  it('reads the stream as it was at an instant, by metadata.recordedAt', () => {
    expect(take({ until: at(2) })).toEqual([0, 1, 2]);
    expect(take({ until: new Date(T0 + 2.5 * 60_000).toISOString() })).toEqual([0, 1, 2]);
    expect(take({ direction: 'backwards', until: at(2) })).toEqual([2, 1, 0]);
    expect(take({ until: at(-1) })).toEqual([]);
  });

  it('reads at most maxCount events in the direction read', () => {
    expect(take({ maxCount: 2 })).toEqual([0, 1]);
    expect(take({ direction: 'backwards', maxCount: 2 })).toEqual([4, 3]);
    expect(take({ fromRevision: 3, maxCount: 10 })).toEqual([3, 4]);
    expect(take({ direction: 'backwards', until: at(3), maxCount: 2 })).toEqual([3, 2]);
  });

  it('skips every event recorded after `until`, in both directions, as the SQL adapter does', () => {
    // Revision 3 recorded before revision 2 (clocks of two writers).
    const stream = [event(0), event(1), event(2, at(10)), event(3, at(3)), event(4)];
    expect(take({ until: at(5) }, stream)).toEqual([0, 1, 3, 4]);
    expect(take({ direction: 'backwards', until: at(5) }, stream)).toEqual([4, 3, 1, 0]);
  });

  it('tells the reader to stop once enough is taken', () => {
    const collector = new StreamReadCollector({ maxCount: 1 });
    expect(collector.offer(event(0))).toBe(false);
    expect(collector.offer(event(1))).toBe(false);
    expect(collector.events.map((e) => e.revision)).toEqual([0]);
  });
});
