import { ErrorType, convertToCommandError, isCommandError } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.port.js';
import type { WrongExpectedVersionLike } from './expected-revision.js';

/**
 * The client's errors as the port's (pure; see client-errors.spec.ts).
 *
 * @eventstore/db-client 6.x turns gRPC failures into `CommandError` subclasses, each with a
 * `type` (`ErrorType`, `dist/utils/CommandError.d.ts`); `convertToCommandError` maps a raw
 * gRPC `ServiceError` the same way (status UNAVAILABLE → `UnavailableError`,
 * DEADLINE_EXCEEDED → `DeadlineExceededError`, ABORTED → `TimeoutError`, CANCELLED by the
 * server → `CancelledError`, the server's `not-leader` → `NotLeaderError`).
 */

/**
 * Failures after which the same call may succeed later: the server cannot be reached
 * (down, network), did not answer in time, was shutting down, or is not (or no longer)
 * the leader the client talks to — the client reconnects on the next call for
 * UNAVAILABLE, CANCELLED and NOT_LEADER (`Client.shouldReconnect`). The port's answer to
 * each is `EventStoreUnavailableError` (HTTP 503, retry later).
 */
const UNAVAILABLE_TYPES: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

/** `Client.resolveUri` when no cluster member answered gossip: a plain `Error`. */
const DISCOVERY_FAILED = /^Failed to discover after \d+ attempts/;

/** The client's `CommandError` for a raw gRPC error; anything else unchanged. */
export function asCommandError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return convertToCommandError(error);
}

/** The client's `ErrorType` of an error, or undefined when it is not one of the client's. */
export function commandErrorType(error: unknown): string | undefined {
  const converted = asCommandError(error);
  return converted instanceof Error && isCommandError(converted) ? converted.type : undefined;
}

export function isWrongExpectedVersion(error: unknown): error is Error & WrongExpectedVersionLike {
  return commandErrorType(error) === ErrorType.WRONG_EXPECTED_VERSION;
}

/** A read of a stream that has no events (`StreamNotFoundError`): the port reads it as []. */
export function isStreamNotFound(error: unknown): boolean {
  return commandErrorType(error) === ErrorType.STREAM_NOT_FOUND;
}

export function isUnavailable(error: unknown): boolean {
  const type = commandErrorType(error);
  if (type !== undefined) return UNAVAILABLE_TYPES.has(type);
  return error instanceof Error && DISCOVERY_FAILED.test(error.message);
}

/**
 * `EventStoreUnavailableError` for a failure the caller may retry later (the client's error
 * as its cause); any other error unchanged (converted to the client's `CommandError` when
 * it was a raw gRPC one).
 */
export function translateClientError(error: unknown, action: string): unknown {
  if (error instanceof EventStoreUnavailableError) return error;
  const converted = asCommandError(error);
  if (isUnavailable(converted)) {
    const reason =
      converted instanceof Error && converted.message !== '' ? converted.message : String(commandErrorType(converted));
    return new EventStoreUnavailableError(`event store unavailable (${action}): ${reason}`, { cause: converted });
  }
  return converted;
}
