import { ANY, NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError } from '@eventstore/db-client';
import { WrongExpectedRevisionError, type ExpectedRevision } from '../event-store.port.js';
import {
  fromClientCurrentRevision,
  fromClientExpectedRevision,
  revisionNumber,
  toClientCurrentRevision,
  toClientExpectedRevision,
  toWrongExpectedRevisionError,
} from './expected-revision.js';

describe('expected revisions between the port and @eventstore/db-client', () => {
  it.each([
    ['no_stream', NO_STREAM],
    ['any', ANY],
    ['stream_exists', STREAM_EXISTS],
    [0, 0n],
    [41, 41n],
    [Number.MAX_SAFE_INTEGER, BigInt(Number.MAX_SAFE_INTEGER)],
  ] as const)('maps %j to the client’s %j and back', (port, client) => {
    expect(toClientExpectedRevision(port)).toBe(client);
    expect(fromClientExpectedRevision(client)).toBe(port);
  });

  it('maps a stream’s actual state to the exact expectation that holds only while it does not move', () => {
    expect(toClientCurrentRevision('no_stream')).toBe(NO_STREAM);
    expect(toClientCurrentRevision(0)).toBe(0n);
    expect(toClientCurrentRevision(7)).toBe(7n);
    expect(fromClientCurrentRevision(NO_STREAM)).toBe('no_stream');
    expect(fromClientCurrentRevision(7n)).toBe(7);
  });

  it('refuses revisions the port cannot represent', () => {
    expect(() => revisionNumber(2n ** 53n)).toThrow(/outside/);
    expect(() => revisionNumber(-1n)).toThrow(/outside/);
    expect(revisionNumber(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('the client’s WrongExpectedVersionError as the port’s WrongExpectedRevisionError', () => {
  // Built the way the client builds it from a batch-append error (fromWrongExpectedVersion).
  const clientError = (
    expected: typeof NO_STREAM | typeof ANY | typeof STREAM_EXISTS | bigint,
    current: bigint | typeof NO_STREAM,
  ) =>
    new WrongExpectedVersionError(undefined, { streamName: 'project-1', expected, current });

  it('carries the actual last revision', () => {
    const error = toWrongExpectedRevisionError(clientError(5n, 0n));

    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ name: 'WrongExpectedRevisionError', streamId: 'project-1', expected: 5, actual: 0 });
    expect(error.message).toContain('project-1');
  });

  it("carries 'no_stream' when the stream has no events", () => {
    expect(toWrongExpectedRevisionError(clientError(STREAM_EXISTS, NO_STREAM))).toMatchObject({
      expected: 'stream_exists',
      actual: 'no_stream',
    });
    expect(toWrongExpectedRevisionError(clientError(0n, NO_STREAM))).toMatchObject({ expected: 0, actual: 'no_stream' });
  });

  it.each<[ExpectedRevision, typeof NO_STREAM | bigint]>([
    ['any', 3n],
    [2, 3n],
    ['no_stream', 1n],
  ])('reports what the port’s caller expected (%j), not the state the adapter sent', (expected, sent) => {
    // The adapter writes conditionally on the state it has just read, but the error is about the caller's expectation.
    const error = toWrongExpectedRevisionError(clientError(sent, 4n), expected, 'project-1');
    expect(error).toMatchObject({ streamId: 'project-1', expected, actual: 4 });
  });
});
