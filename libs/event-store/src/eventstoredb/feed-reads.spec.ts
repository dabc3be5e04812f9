import type { AllStreamRecordedEvent } from '@eventstore/db-client';
import type { FeedFilter } from '../event-store.port.js';
import { servedByFeed } from './feed-reads.js';

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

function collect(options: { filter?: FeedFilter }, log: AllStreamRecordedEvent[]): string[] {
  return log.filter((event) => servedByFeed(event, options.filter)).map((e) => `${e.streamId}:${e.type}`);
}

describe('the events of $all the feed serves', () => {
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
});
