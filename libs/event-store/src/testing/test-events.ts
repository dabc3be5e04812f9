import { randomUUID } from 'node:crypto';
import { comparePositions, formatPosition, type GlobalPosition } from '../position.js';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
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

/**
 * Waits until the global feed serves everything up to `position` (bounded), before a test
 * reads the feed right after appending. A SQL store serves a commit only once every older
 * transaction has ended (docs/adr/0003) — on a PostgreSQL server, transactions of *any*
 * database of the cluster, such as another test file's running in parallel — so the feed
 * may lag an append by the length of someone else's transaction. Returns at once when
 * the feed is already there, as it always is on PGlite.
 */
export async function feedReaches(store: EventStore, position: GlobalPosition, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await store.headPosition();
    if (head !== undefined && comparePositions(head, position) >= 0) return;
    if (Date.now() > deadline) {
      throw new Error(`the feed did not reach ${formatPosition(position)} within ${timeoutMs} ms (head: ${head ? formatPosition(head) : 'none'})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
