import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type CurrentRevision,
} from '@eventstore/db-client';
import { WrongExpectedRevisionError, type ExpectedRevision } from '../event-store.port.js';

/**
 * The port's expected states and the client's, both ways (pure; see expected-revision.spec.ts).
 *
 * @eventstore/db-client 6.x (`dist/types/index.d.ts`): `appendToStream(…, { expectedRevision })`
 * takes `AppendExpectedRevision` = `ANY` | `NO_STREAM` | `STREAM_EXISTS` | a bigint, the
 * revision of the stream's last event — the same four states as the port, with 0-based
 * revisions on both sides. A stream's current revision (`CurrentRevision`) is a bigint or
 * `NO_STREAM`.
 */

/** The last revision of a stream as the port reports it. */
export type ActualRevision = number | 'no_stream';

export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

export function fromClientExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  switch (expected) {
    case NO_STREAM:
      return 'no_stream';
    case ANY:
      return 'any';
    case STREAM_EXISTS:
      return 'stream_exists';
    default:
      return revisionNumber(expected);
  }
}

/** The exact state a stream was seen in, as an expectation: the append holds only if nothing moved since. */
export function toClientCurrentRevision(actual: ActualRevision): AppendExpectedRevision {
  return actual === 'no_stream' ? NO_STREAM : BigInt(actual);
}

export function fromClientCurrentRevision(current: CurrentRevision): ActualRevision {
  return current === NO_STREAM ? 'no_stream' : revisionNumber(current);
}

/** What the client's `WrongExpectedVersionError` carries (its own fields, 6.x). */
export interface WrongExpectedVersionLike {
  streamName: string;
  expectedVersion: AppendExpectedRevision;
  actualVersion: CurrentRevision;
}

/**
 * The client's `WrongExpectedVersionError` as the port's one typed error. `expected` is what
 * the caller of the port asked for (default: what the client reports it sent).
 */
export function toWrongExpectedRevisionError(
  error: WrongExpectedVersionLike,
  expected: ExpectedRevision = fromClientExpectedRevision(error.expectedVersion),
  streamId: string = error.streamName,
): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(streamId, expected, fromClientCurrentRevision(error.actualVersion));
}

/** A revision from the server as a port revision (a safe integer; bigger is not a revision we wrote). */
export function revisionNumber(revision: bigint): number {
  const number = Number(revision);
  if (revision < 0n || !Number.isSafeInteger(number)) {
    throw new Error(`EventStoreDB returned revision ${revision}, outside 0..${Number.MAX_SAFE_INTEGER}`);
  }
  return number;
}
