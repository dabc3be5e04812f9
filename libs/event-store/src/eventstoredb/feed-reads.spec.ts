import type { AllStreamRecordedEvent } from '@eventstore/db-client';
import type { ReadAllOptions } from '../event-store.port.js';
import { FeedCollector, servedByFeed } from './feed-reads.js';

let next = 0;
/** An event as a read of $all returns it; system events are binary like EventStoreDB's `$>` links. */
function read(streamId: string, type = 'ProjectCreated', position = BigInt(1_000 + 100 * next)): AllStreamRecordedEvent {
  next++;
  const json = !type.startsWith('$');
  return {
    streamId,
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    isJson: json,
    revision: 0n,
    type,
    created: new Date(),
    data: json ? { n: next } : new Uint8Array([48, 64, 112]),
    metadata: json ? { recordedAt: '2026-03-02T09:00:00.000Z' } : undefined,
    position: { commit: position, prepare: position },
  } as AllStreamRecordedEvent;
}

function collect(options: ReadAllOptions, log: AllStreamRecordedEvent[]): string[] {
  const collector = new FeedCollector(options);
  for (const event of log) if (!collector.offer(event)) break;
  return collector.events.map((e) => `${e.streamId}:${e.type}`);
}

describe('the feed taken from a forward read of $all', () => {
  const log = [
    read('$stats-127.0.0.1:2113', '$statsCollection', 100n),
    read('project-1', 'ProjectCreated', 200n),
    read('$$project-1', '$metadata', 300n),
    read('envelope-2026-1', 'EnvelopeOpened', 400n),
    read('project-1', '$>', 500n),
    read('project-2', 'ProjectCreated', 600n),
    read('project-1', 'ProjectRenamed', 700n),
  ];

  it('never serves EventStoreDB’s own events', () => {
    expect(collect({}, log)).toEqual([
      'project-1:ProjectCreated',
      'envelope-2026-1:EnvelopeOpened',
      'project-2:ProjectCreated',
      'project-1:ProjectRenamed',
    ]);
    expect(servedByFeed({ streamId: '$all', type: 'x' }, undefined)).toBe(false);
  });

  it('serves only what passes the filter', () => {
    expect(collect({ filter: { streamPrefixes: ['project-'] } }, log)).toEqual([
      'project-1:ProjectCreated',
      'project-2:ProjectCreated',
      'project-1:ProjectRenamed',
    ]);
    expect(collect({ filter: { eventTypes: ['ProjectCreated', 'EnvelopeOpened'] } }, log)).toEqual([
      'project-1:ProjectCreated',
      'envelope-2026-1:EnvelopeOpened',
      'project-2:ProjectCreated',
    ]);
    expect(collect({ filter: { streamPrefixes: ['project-1'], eventTypes: ['ProjectRenamed'] } }, log)).toEqual([
      'project-1:ProjectRenamed',
    ]);
  });

  it('serves strictly after `after`: the event at it, which the server returns first, is dropped', () => {
    const fromAfter = log.slice(3); // the server's inclusive read from position 400
    expect(collect({ after: { commit: 400n, prepare: 400n } }, fromAfter)).toEqual([
      'project-2:ProjectCreated',
      'project-1:ProjectRenamed',
    ]);
  });

  it('stops once maxCount events are taken, counting only served ones', () => {
    const collector = new FeedCollector({ maxCount: 2 });
    const offered = log.map((event) => collector.offer(event));
    expect(collector.events.map((e) => e.position.commit)).toEqual([200n, 400n]);
    expect(offered.slice(0, 4)).toEqual([true, true, true, false]);
  });

  it('refuses a user event it cannot map rather than skipping it', () => {
    const binary = { ...read('project-9'), isJson: false, data: new Uint8Array([1]) } as AllStreamRecordedEvent;
    expect(() => new FeedCollector({}).offer(binary)).toThrow(/not a JSON object event/);
  });
});
