import { InvalidViewQueryError, type DocumentQuery } from '../read-store.port.js';
import { afterBranches, cursorAfter, decodeCursor, encodeCursor, findRequest } from './document-page.js';

const scope = { projection: 'portfolio', generation: 1, collection: 'projects' };
const base = { sortBy: 'rank', direction: 'asc', limit: 10 } as const satisfies DocumentQuery;

describe('pages on MongoDB', () => {
  describe('the find of a page', () => {
    it('sorts by the field then the key, in one direction, and reads one more than the page', () => {
      expect(findRequest(scope, base)).toEqual({ filter: scope, sort: { 'doc.rank': 1, key: 1 }, limit: 11 });
      expect(findRequest(scope, { ...base, sortBy: 'nested.order', direction: 'desc' }).sort).toEqual({
        'doc.nested.order': -1,
        key: -1,
      });
    });

    it('refuses page sizes outside 1..500 as the client’s mistake', () => {
      for (const limit of [0, -1, 501, 2.5, Number.NaN]) {
        expect(() => findRequest(scope, { ...base, limit })).toThrow(InvalidViewQueryError);
      }
      expect(findRequest(scope, { ...base, limit: 500 }).limit).toBe(501);
    });

    it('refuses a bad direction or sort path', () => {
      expect(() => findRequest(scope, { ...base, direction: 'up' as never })).toThrow(RangeError);
      expect(() => findRequest(scope, { ...base, sortBy: 'a..b' })).toThrow(RangeError);
    });

    it('continues after a cursor with one branch per part of "after", each carrying the scope and filters', () => {
      const after = encodeCursor(base, { kind: 'number', value: 10, key: 'a1' });
      const request = findRequest(scope, { ...base, fields: [{ field: 'status', op: 'eq', value: 'approved' }], after });
      const status = { 'doc.status': { $eq: 'approved', $not: { $type: 'array' } } };

      expect(request.filter).toEqual({
        $or: [
          { ...scope, $and: [status, { 'doc.rank': 10, key: { $gt: 'a1' } }] },
          { ...scope, $and: [status, { 'doc.rank': { $gt: 10 } }] },
          { ...scope, $and: [status, { 'doc.rank': { $type: ['string', 'object', 'bool'] } }] },
        ],
      });
    });
  });

  describe('what comes after the end of a page', () => {
    const F = 'doc.f';

    it.each([
      [
        'asc',
        'null',
        null,
        [{ [F]: null, key: { $gt: 'k' } }, { [F]: { $type: ['number', 'string', 'object', 'bool'] } }],
      ],
      [
        'asc',
        'number',
        2.5,
        [{ [F]: 2.5, key: { $gt: 'k' } }, { [F]: { $gt: 2.5 } }, { [F]: { $type: ['string', 'object', 'bool'] } }],
      ],
      ['asc', 'string', 'Zebra', [{ [F]: 'Zebra', key: { $gt: 'k' } }, { [F]: { $gt: 'Zebra' } }, { [F]: { $type: ['object', 'bool'] } }]],
      ['desc', 'null', null, [{ [F]: null, key: { $lt: 'k' } }]],
      ['desc', 'number', -1, [{ [F]: -1, key: { $lt: 'k' } }, { [F]: { $lt: -1 } }, { [F]: null }]],
      [
        'desc',
        'string',
        'b',
        [{ [F]: 'b', key: { $lt: 'k' } }, { [F]: { $lt: 'b' } }, { [F]: { $type: 'number' } }, { [F]: null }],
      ],
    ] as const)('%s after a %s: the same value with a later key, a later value of its kind, later kinds', (direction, kind, value, expected) => {
      expect(afterBranches(F, direction, { kind, value, key: 'k' } as never)).toEqual(expected);
    });
  });

  describe('cursors', () => {
    it('round-trips where a page ended, for the sort it was made for', () => {
      for (const at of [
        { kind: 'number', value: 1e15, key: 'a9' },
        { kind: 'number', value: -2.5, key: 'é1' },
        { kind: 'string', value: 'Émile 💧', key: 'c1' },
        { kind: 'null', value: null, key: 'x' },
      ] as const) {
        const cursor = encodeCursor(base, at);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(base, cursor)).toEqual(at);
      }
    });

    it('takes the sort value of the last document, missing or null alike', () => {
      const query = { sortBy: 'nested.order', direction: 'desc' } as const;

      expect(decodeCursor(query, cursorAfter(query, 'k1', { nested: { order: 3 } }))).toEqual({ kind: 'number', value: 3, key: 'k1' });
      expect(decodeCursor(query, cursorAfter(query, 'k2', { nested: {} }))).toEqual({ kind: 'null', value: null, key: 'k2' });
      expect(decodeCursor(query, cursorAfter(query, 'k3', {}))).toEqual({ kind: 'null', value: null, key: 'k3' });
      expect(decodeCursor(query, cursorAfter(query, 'k4', { nested: { order: null } }))).toEqual({ kind: 'null', value: null, key: 'k4' });
      expect(decodeCursor(query, cursorAfter(query, 'k5', { nested: { order: 'x' } }))).toEqual({ kind: 'string', value: 'x', key: 'k5' });
    });

    it('cannot end a page on a sort value that is neither a number nor a string', () => {
      const query = { sortBy: 'nested.order', direction: 'asc' } as const;

      for (const doc of [{ nested: { order: true } }, { nested: { order: { a: 1 } } }, { nested: { order: [1] } }, { nested: [{ order: 1 }] }]) {
        expect(() => cursorAfter(query, 'k', doc)).toThrow(/cannot page by nested.order/);
      }
    });

    it('refuses a cursor it did not make, or made for another sort, as the client’s mistake', () => {
      const cursor = encodeCursor(base, { kind: 'number', value: 10, key: 'a1' });
      const forged = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');

      for (const bad of [
        '',
        'not a cursor',
        `${cursor}x`.slice(3),
        forged(null),
        forged([1]),
        forged({ by: 'rank', dir: 'asc', t: 'number', v: '10', k: 'a1' }),
        forged({ by: 'rank', dir: 'asc', t: 'string', v: 10, k: 'a1' }),
        forged({ by: 'rank', dir: 'asc', t: 'null', v: 0, k: 'a1' }),
        forged({ by: 'rank', dir: 'asc', t: 'date', v: '2024', k: 'a1' }),
        forged({ by: 'rank', dir: 'asc', t: 'number', v: 10 }),
      ]) {
        expect(() => decodeCursor(base, bad)).toThrow(InvalidViewQueryError);
      }
      expect(() => decodeCursor({ ...base, sortBy: 'name' }, cursor)).toThrow(/another sort/);
      expect(() => decodeCursor({ ...base, direction: 'desc' }, cursor)).toThrow(InvalidViewQueryError);
      expect(() => findRequest(scope, { ...base, after: 'garbage' })).toThrow(InvalidViewQueryError);
    });
  });
});
