import { START, comparePositions, formatPosition, parsePosition } from './position.js';

describe('global positions', () => {
  it('orders by commit first, then by prepare', () => {
    expect(comparePositions({ commit: 5n, prepare: 90n }, { commit: 6n, prepare: 10n })).toBe(-1);
    expect(comparePositions({ commit: 6n, prepare: 11n }, { commit: 6n, prepare: 10n })).toBe(1);
    expect(comparePositions({ commit: 6n, prepare: 10n }, { commit: 6n, prepare: 10n })).toBe(0);
    expect(comparePositions(START, { commit: 0n, prepare: 0n })).toBe(-1);
  });

  it('round-trips through its string form', () => {
    const position = { commit: 18_446_744_073_709_551_615n, prepare: 42n };
    expect(parsePosition(formatPosition(position))).toEqual(position);
    expect(parsePosition(formatPosition(START))).toEqual(START);
  });

  it.each(['', '1', '1-', '-1-x', '1-2-3', '01x-2'])('does not parse %j', (text) => {
    expect(parsePosition(text)).toBeUndefined();
  });
});
