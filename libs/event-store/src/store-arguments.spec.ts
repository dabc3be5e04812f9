import type { EventToAppend } from './event-store.port.js';
import {
  assertAppendable,
  assertReadAllOptions,
  assertReadStreamOptions,
  expectedRevisionHolds,
} from './store-arguments.js';

const event = (overrides: Partial<EventToAppend> = {}): EventToAppend => ({
  id: '0b5f7e3c-3f0a-4c1e-9a59-0c7b0d7f1a11',
  type: 'ProjectDrafted',
  data: {},
  metadata: {
    actorId: 'a',
    actorRole: 'officer',
    recordedAt: '2026-03-02T09:00:00Z',
    correlationId: 'c',
    causationId: 'c',
    schemaVersion: 1,
    previousHash: '',
    hash: '',
  },
  ...overrides,
});

describe('arguments every adapter refuses', () => {
  it('accepts a well-formed append', () => {
    expect(() => assertAppendable('project-1', [event()], 'no_stream')).not.toThrow();
  });

  it.each([
    ['no events', 'project-1', [], 'any'],
    ['an empty stream id', '', [event()], 'any'],
    ['a negative revision', 'project-1', [event()], -1],
    ['a fractional revision', 'project-1', [event()], 1.5],
    ['an id that is not a UUID', 'project-1', [event({ id: 'not-a-uuid' })], 'any'],
    ['the same id twice', 'project-1', [event(), event({ id: '0B5F7E3C-3F0A-4C1E-9A59-0C7B0D7F1A11' })], 'any'],
    ['an event without type', 'project-1', [event({ type: '' })], 'any'],
    ['a recordedAt that is no instant', 'project-1', [event({ metadata: { ...event().metadata, recordedAt: 'soon' } })], 'any'],
  ] as const)('refuses %s', (_, streamId, events, expected) => {
    expect(() => assertAppendable(streamId, events, expected)).toThrow(Error);
  });

  it('refuses read options that cannot mean anything', () => {
    expect(() => assertReadStreamOptions({ fromRevision: -1 })).toThrow();
    expect(() => assertReadStreamOptions({ maxCount: 1.5 })).toThrow();
    expect(() => assertReadStreamOptions({ until: 'yesterday' })).toThrow();
    expect(() => assertReadAllOptions({ filter: { streamPrefixes: [] } })).toThrow(/omit it/);
    expect(() => assertReadAllOptions({ filter: { eventTypes: [] } })).toThrow(/omit it/);
    expect(() => assertReadAllOptions({ maxCount: -1 })).toThrow();
  });
});

describe('whether the expected revision holds', () => {
  it.each([
    ['any', 'no_stream', true],
    ['any', 3, true],
    ['no_stream', 'no_stream', true],
    ['no_stream', 0, false],
    ['stream_exists', 0, true],
    ['stream_exists', 'no_stream', false],
    [2, 2, true],
    [2, 3, false],
    [0, 'no_stream', false],
  ] as const)('expected %j, actual %j: %j', (expected, actual, holds) => {
    expect(expectedRevisionHolds(expected, actual)).toBe(holds);
  });
});
