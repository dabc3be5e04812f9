import type { EventToAppend, ExpectedRevision, ReadAllOptions, ReadStreamOptions } from './event-store.port.js';

/**
 * Arguments every adapter refuses the same way, before touching its database: these are
 * caller bugs (plain `Error`), never a `WrongExpectedRevisionError`.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertAppendable(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): void {
  if (streamId === '') throw new Error('append: the stream id is empty');
  // An empty append would "succeed" without recording anything, so a caller that lost
  // its events on the way would never find out.
  if (events.length === 0) throw new Error(`append to ${streamId}: no events to append`);
  if (typeof expected === 'number') assertRevision('expected revision', expected);
  const seen = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id)) throw new Error(`append to ${streamId}: event id ${event.id} is not a UUID`);
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new Error(`append to ${streamId}: event id ${event.id} appears twice`);
    seen.add(id);
    if (event.type === '') throw new Error(`append to ${streamId}: event ${event.id} has no type`);
    assertInstant(`event ${event.id} metadata.recordedAt`, event.metadata.recordedAt);
  }
}

/** Whether the stream's actual state satisfies `expected`. */
export function expectedRevisionHolds(expected: ExpectedRevision, actual: number | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}

export function assertReadStreamOptions(options: ReadStreamOptions): void {
  if (options.fromRevision !== undefined) assertRevision('fromRevision', options.fromRevision);
  if (options.toRevision !== undefined) assertRevision('toRevision', options.toRevision);
  if (options.until !== undefined) assertInstant('until', options.until);
  if (options.maxCount !== undefined) assertCount(options.maxCount);
}

export function assertReadAllOptions(options: ReadAllOptions): void {
  if (options.maxCount !== undefined) assertCount(options.maxCount);
  // An empty list would match nothing: almost certainly a filter built from missing
  // configuration, so say so rather than return an empty feed forever.
  if (options.filter?.streamPrefixes?.length === 0) throw new Error('readAll: streamPrefixes is empty; omit it');
  if (options.filter?.eventTypes?.length === 0) throw new Error('readAll: eventTypes is empty; omit it');
}

function assertRevision(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be an integer >= 0, got ${value}`);
}

function assertCount(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`maxCount must be an integer >= 0, got ${value}`);
}

function assertInstant(name: string, value: string): void {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new Error(`${name} must be an ISO 8601 instant, got ${String(value)}`);
  }
}
