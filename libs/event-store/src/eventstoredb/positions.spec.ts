import { START as CLIENT_START } from '@eventstore/db-client';
import { START } from '../position.js';
import { NO_POSITION, isStrictlyAfter, toGlobalPosition, toReadPosition } from './positions.js';

describe('EventStoreDB positions as the port’s global positions', () => {
  it('keeps commit and prepare positions as they are', () => {
    expect(toGlobalPosition({ commit: 1_234n, prepare: 1_234n }, 'e')).toEqual({ commit: 1_234n, prepare: 1_234n });
    expect(toGlobalPosition({ commit: 2n ** 62n, prepare: 2n ** 62n + 5n }, 'e')).toEqual({
      commit: 2n ** 62n,
      prepare: 2n ** 62n + 5n,
    });
  });

  it('refuses an event without a position (a stream read from a server older than 22.6)', () => {
    expect(() => toGlobalPosition(undefined, 'event x')).toThrow(/event x.*22\.6/);
    expect(() => toGlobalPosition({ commit: NO_POSITION, prepare: NO_POSITION }, 'event x')).toThrow(/22\.6/);
    expect(() => toGlobalPosition({ commit: -1n, prepare: -1n }, 'event x')).toThrow(/22\.6/);
  });

  it('reads $all from the start for no position or the port’s START, else from the position itself', () => {
    expect(toReadPosition(undefined)).toBe(CLIENT_START);
    expect(toReadPosition(START)).toBe(CLIENT_START);
    expect(toReadPosition({ commit: 0n, prepare: 0n })).toEqual({ commit: 0n, prepare: 0n });
    expect(toReadPosition({ commit: 900n, prepare: 901n })).toEqual({ commit: 900n, prepare: 901n });
  });

  it('drops the event at `after` itself, which the server’s inclusive forward read returns first', () => {
    const after = { commit: 900n, prepare: 900n };
    expect(isStrictlyAfter({ commit: 900n, prepare: 900n }, after)).toBe(false);
    expect(isStrictlyAfter({ commit: 899n, prepare: 950n }, after)).toBe(false);
    expect(isStrictlyAfter({ commit: 900n, prepare: 901n }, after)).toBe(true);
    expect(isStrictlyAfter({ commit: 1_000n, prepare: 1_000n }, after)).toBe(true);
    expect(isStrictlyAfter({ commit: 0n, prepare: 0n }, undefined)).toBe(true);
    expect(isStrictlyAfter({ commit: 0n, prepare: 0n }, START)).toBe(true);
  });
});
