import { judgeRetry, type StoredEventPlace } from './idempotent-retry.js';

const stream = 'project-1';
const placed = (revisions: number[], streamId = stream): StoredEventPlace[] =>
  revisions.map((revision, n) => ({ id: `id-${n}`, streamId, revision }));
const ids = ['id-0', 'id-1'];

describe('judging an append whose ids may already be stored', () => {
  it('is new when none of the ids is stored', () => {
    expect(judgeRetry(stream, ids, [], 'no_stream')).toBe('new');
  });

  it.each([
    ['no_stream', [0, 1]],
    [4, [5, 6]],
    ['any', [7, 8]],
    ['stream_exists', [3, 4]],
  ] as const)('is a retry with %j when the ids sit at %j', (expected, revisions) => {
    expect(judgeRetry(stream, ids, placed([...revisions]), expected)).toBe('retry');
  });

  it.each([
    ['no_stream', [1, 2]],
    [4, [4, 5]],
    ['stream_exists', [0, 1]],
    ['any', [3, 5]],
    ['any', [6, 5]],
  ] as const)('is a conflict with %j when the ids sit at %j', (expected, revisions) => {
    expect(judgeRetry(stream, ids, placed([...revisions]), expected)).toBe('conflict');
  });

  it('is a conflict when only some of the ids are stored', () => {
    expect(judgeRetry(stream, ids, placed([0]), 'no_stream')).toBe('conflict');
  });

  it('is a conflict when the ids are stored in another stream', () => {
    expect(judgeRetry(stream, ids, placed([0, 1], 'project-2'), 'no_stream')).toBe('conflict');
  });

  it('compares ids without regard to letter case (UUIDs)', () => {
    const found = [{ id: 'ab-0', streamId: stream, revision: 0 }];
    expect(judgeRetry(stream, ['AB-0'], found, 'no_stream')).toBe('retry');
  });
});
