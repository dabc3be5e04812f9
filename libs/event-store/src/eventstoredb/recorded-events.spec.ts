import type { AllStreamRecordedEvent, EventData } from '@eventstore/db-client';
import type { EventToAppend } from '../event-store.port.js';
import { anEvent } from '../testing/test-events.js';
import { isSystemEvent, matchesFeedFilter, toEventData, toRecordedEvent } from './recorded-events.js';

/**
 * What a read gives back for an event written from `data`: the client sends data and
 * metadata as `JSON.stringify` of the objects and parses both back (`convertGrpcRecord`).
 */
function asRead(data: EventData, place: { streamId: string; revision: bigint; position: bigint }): AllStreamRecordedEvent {
  return {
    streamId: place.streamId,
    id: data.id,
    isJson: true,
    revision: place.revision,
    type: data.type,
    created: new Date('2031-01-01T00:00:00Z'),
    data: JSON.parse(JSON.stringify(data.data)) as Record<string, unknown>,
    metadata: JSON.parse(JSON.stringify(data.metadata)) as Record<string, unknown>,
    position: { commit: place.position, prepare: place.position },
  };
}

describe('port events as EventStoreDB events and back', () => {
  const event: EventToAppend = anEvent('ProjectRenamed', {
    data: { title: 'Água potável — 日本語 🚀', nested: { list: [1, 'two', null, true], empty: {} }, ratio: 0.125 },
    metadata: {
      recordedAt: '2026-03-02T09:00:00.000Z',
      reason: 'تصحيح الاسم',
      idempotencyKey: 'key-✓',
      context: { tags: ['a', 'ב'] },
    },
  });

  it('writes a JSON event with the port’s id, type, data and metadata', () => {
    expect(toEventData(event)).toEqual({
      id: event.id,
      contentType: 'application/json',
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    });
  });

  it('reads it back unchanged, with its stream, revision and position', () => {
    const read = asRead(toEventData(event), { streamId: 'project-1', revision: 3n, position: 5_000n });

    expect(toRecordedEvent(read)).toEqual({
      id: event.id,
      streamId: 'project-1',
      revision: 3,
      position: { commit: 5_000n, prepare: 5_000n },
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    });
  });

  it('keeps the port’s recordedAt, not the server’s created timestamp', () => {
    const read = asRead(toEventData(event), { streamId: 'project-1', revision: 0n, position: 1n });
    expect(toRecordedEvent(read).metadata.recordedAt).toBe('2026-03-02T09:00:00.000Z');
  });

  it('refuses events this adapter cannot have written', () => {
    const read = asRead(toEventData(event), { streamId: 'project-1', revision: 0n, position: 1n });

    expect(() => toRecordedEvent({ ...read, isJson: false, data: new Uint8Array([1]) } as AllStreamRecordedEvent)).toThrow(
      /not a JSON object event/,
    );
    expect(() => toRecordedEvent({ ...read, data: ['a'] } as AllStreamRecordedEvent)).toThrow(/not a JSON object event/);
    expect(() => toRecordedEvent({ ...read, metadata: undefined } as unknown as AllStreamRecordedEvent)).toThrow(
      /no JSON object metadata/,
    );
    expect(() => toRecordedEvent({ ...read, position: undefined } as unknown as AllStreamRecordedEvent)).toThrow(/22\.6/);
  });
});

describe('which events the feed considers', () => {
  it.each([
    [{ streamId: '$stats-127.0.0.1:2113', type: '$statsCollection' }, true],
    [{ streamId: '$$project-1', type: '$metadata' }, true],
    [{ streamId: '$streams', type: '$>' }, true],
    [{ streamId: 'project-1', type: '$>' }, true],
    [{ streamId: 'project-1', type: 'ProjectCreated' }, false],
  ])('treats %j as EventStoreDB’s own: %s', (event, system) => {
    expect(isSystemEvent(event)).toBe(system);
  });

  it('filters by stream prefix, by event type, and by both together', () => {
    const event = { streamId: 'project-42', type: 'ProjectCreated' };
    expect(matchesFeedFilter(event, undefined)).toBe(true);
    expect(matchesFeedFilter(event, {})).toBe(true);
    expect(matchesFeedFilter(event, { streamPrefixes: ['envelope-', 'project-'] })).toBe(true);
    expect(matchesFeedFilter(event, { streamPrefixes: ['envelope-'] })).toBe(false);
    expect(matchesFeedFilter(event, { eventTypes: ['ProjectCreated'] })).toBe(true);
    expect(matchesFeedFilter(event, { eventTypes: ['ProjectCreatedV2', 'Project'] })).toBe(false);
    expect(matchesFeedFilter(event, { streamPrefixes: ['project-'], eventTypes: ['ProjectClosed'] })).toBe(false);
    expect(matchesFeedFilter(event, { streamPrefixes: ['project-'], eventTypes: ['ProjectCreated'] })).toBe(true);
  });
});
