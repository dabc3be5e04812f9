import { randomUUID } from 'node:crypto';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventToAppend,
  type ExpectedRevision,
} from '../event-store.port.js';

export interface TestEventOptions {
  id?: string;
  data?: Record<string, unknown>;
  /** Overrides of the default metadata (recorded now, by a test actor). */
  metadata?: Partial<EventMetadata>;
}

/** An event ready to append, with a fresh UUID and complete metadata. */
export function anEvent(type = 'TestEventRecorded', options: TestEventOptions = {}): EventToAppend {
  return {
    id: options.id ?? randomUUID(),
    type,
    data: options.data ?? { note: `${type} data` },
    metadata: {
      actorId: 'contract-test',
      actorRole: 'tester',
      recordedAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: 1,
      previousHash: '',
      hash: '',
      ...options.metadata,
    },
  };
}

/** `count` events of one type, their data numbered from 0. */
export function someEvents(count: number, type = 'TestEventRecorded'): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => anEvent(type, { data: { n } }));
}

/**
 * A prefix no other test uses, so that tests sharing one store (and its global feed)
 * can filter down to their own streams. Letters only: every adapter accepts it.
 */
export function aUniquePrefix(name = 'contract'): string {
  return `${name}${randomUUID().replaceAll('-', '').slice(0, 12)}-`;
}

/** A stream id no other test uses. */
export function aStreamId(name = 'contract'): string {
  return `${aUniquePrefix(name)}${randomUUID()}`;
}

/** Awaits a rejection and checks that it is the typed revision error with these fields. */
export async function expectWrongExpectedRevision(
  attempt: Promise<unknown>,
  fields: { streamId: string; expected: ExpectedRevision; actual: number | 'no_stream' },
): Promise<WrongExpectedRevisionError> {
  const error = await attempt.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject({ name: 'WrongExpectedRevisionError', ...fields });
  return error as WrongExpectedRevisionError;
}
