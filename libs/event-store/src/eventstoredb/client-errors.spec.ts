import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.port.js';
import { isStreamNotFound, isUnavailable, isWrongExpectedVersion, translateClientError } from './client-errors.js';

/** A raw gRPC error as @grpc/grpc-js rejects with it (a ServiceError: code, details, metadata). */
function grpcError(code: number, details: string, metadata: Record<string, string> = {}): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: { getMap: () => metadata } });
}

describe('the client’s errors as the port’s', () => {
  it.each([
    ['UnavailableError', new UnavailableError()],
    ['DeadlineExceededError', new DeadlineExceededError()],
    ['TimeoutError', new TimeoutError()],
    ['CancelledError', new CancelledError()],
    ['a raw UNAVAILABLE gRPC error', grpcError(14, 'No connection established')],
    ['a raw DEADLINE_EXCEEDED gRPC error', grpcError(4, 'Deadline exceeded')],
    [
      'a not-leader gRPC error',
      grpcError(9, 'Leader info available', {
        exception: 'not-leader',
        'leader-endpoint-host': '10.0.0.2',
        'leader-endpoint-port': '2113',
      }),
    ],
    ['a failed cluster discovery', new Error('Failed to discover after 10 attempts.')],
  ])('makes %s an EventStoreUnavailableError, keeping it as the cause', (_, error) => {
    expect(isUnavailable(error)).toBe(true);
    const translated = translateClientError(error, 'append to project-1');

    expect(translated).toBeInstanceOf(EventStoreUnavailableError);
    expect(translated).toMatchObject({ name: 'EventStoreUnavailableError' });
    expect((translated as Error).message).toContain('append to project-1');
    expect((translated as Error).cause).toBeInstanceOf(Error);
  });

  it.each([
    ['AccessDeniedError', new AccessDeniedError()],
    ['UnknownError', new UnknownError()],
    ['a plain Error', new Error('boom')],
  ])('leaves %s as it is', (_, error) => {
    expect(isUnavailable(error)).toBe(false);
    expect(translateClientError(error, 'read $all')).toBe(error);
  });

  it('converts a raw gRPC error that is not an outage to the client’s own error', () => {
    const translated = translateClientError(grpcError(7, 'Permission denied', { exception: 'access-denied' }), 'read $all');
    expect(translated).toBeInstanceOf(AccessDeniedError);
  });

  it('leaves what is not an Error alone', () => {
    expect(translateClientError('Impossible situation', 'read $all')).toBe('Impossible situation');
    expect(isUnavailable(undefined)).toBe(false);
  });

  it('keeps an EventStoreUnavailableError as it is', () => {
    const error = new EventStoreUnavailableError('closed');
    expect(translateClientError(error, 'read $all')).toBe(error);
  });

  it('recognises a wrong expected version, raw or converted', () => {
    const converted = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 1n });
    expect(isWrongExpectedVersion(converted)).toBe(true);
    expect(
      isWrongExpectedVersion(
        grpcError(9, 'WrongExpectedVersion', {
          exception: 'wrong-expected-version',
          'stream-name': 's',
          'expected-version': '0',
          'actual-version': '1',
        }),
      ),
    ).toBe(true);
    expect(isWrongExpectedVersion(new UnavailableError())).toBe(false);
  });

  it('recognises a read of an absent stream', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'project-1'))).toBe(true);
    expect(isStreamNotFound(new UnavailableError())).toBe(false);
    expect(isStreamNotFound(new Error('stream-not-found'))).toBe(false);
  });
});
