import type { RecordedEvent } from '../event-store.port.js';
import { EventsByIdCollector } from './events-by-id.js';

function event(revision: number): RecordedEvent {
  return {
    id: `00000000-0000-4000-8000-00000000000${revision}`,
    streamId: 'project-1',
    revision,
    position: { commit: BigInt(100 + revision), prepare: BigInt(100 + revision) },
    type: 'StepRecorded',
    data: { n: revision },
    metadata: { actorId: 'a', actorRole: 'r', recordedAt: '2026-03-02T09:00:00.000Z', correlationId: 'c', causationId: 'c', schemaVersion: 1, previousHash: '', hash: '' },
  };
}

describe('EventsByIdCollector (EventStoreDB readEventsById)', () => {
  it('stops reading as soon as every id is found, and answers in revision order', () => {
    const collector = new EventsByIdCollector([event(3).id.toUpperCase(), event(2).id]);
    expect(collector.offer(event(4))).toBe(true);
    expect(collector.offer(event(3))).toBe(true);
    expect(collector.offer(event(2))).toBe(false);
    expect(collector.events.map((e) => e.revision)).toEqual([2, 3]);
  });

  it('reads the whole stream when an id is not there', () => {
    const collector = new EventsByIdCollector([event(9).id]);
    expect([2, 1, 0].map((revision) => collector.offer(event(revision)))).toEqual([true, true, true]);
    expect(collector.events).toEqual([]);
  });
});
