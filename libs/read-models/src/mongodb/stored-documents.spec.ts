import { Long } from 'mongodb';
import { START } from '#event-store';
import { at } from '../testing/view-fixtures.js';
import { assertPosition } from '../query-arguments.js';
import {
  atOrAfter,
  checkpointId,
  documentId,
  netChanges,
  positionFromStored,
  storableDocument,
  storedPosition,
} from './stored-documents.js';

const ref = { collection: 'projects', key: 'p1' };

describe('stored documents', () => {
  it('names a document by projection, generation, collection and key, the key last', () => {
    expect(documentId('portfolio', 2, { collection: 'projects', key: 'a|b c' })).toBe('portfolio|2|projects|a|b c');
    expect(checkpointId('portfolio', 2)).toBe('portfolio|2');
  });

  describe('positions', () => {
    it('stores a position as two int64s and reads it back exactly, whatever form the driver hands over', () => {
      const large = { commit: 2n ** 63n - 1n, prepare: 9_007_199_254_740_993n };
      const stored = storedPosition(large);

      expect(stored.commit).toBeInstanceOf(Long);
      expect(positionFromStored(stored)).toEqual(large);
      expect(positionFromStored({ commit: large.commit, prepare: large.prepare })).toEqual(large);
      expect(positionFromStored(storedPosition(START))).toEqual(START);
      expect(positionFromStored({ commit: 7, prepare: 0 })).toEqual(at(7));
      expect(() => positionFromStored({ commit: 1.5, prepare: 0 })).toThrow(TypeError);
    });

    it('refuses what is not a position, or does not fit a signed 64-bit integer', () => {
      expect(() => assertPosition({ commit: 1, prepare: 0 } as never)).toThrow(TypeError);
      expect(() => assertPosition({ commit: 2n ** 63n, prepare: 0n })).toThrow(RangeError);
      expect(() => assertPosition({ commit: -2n, prepare: 0n })).toThrow(RangeError);
      expect(() => assertPosition(START)).not.toThrow();
    });

    it('selects what records a position at or after one, compared as a pair', () => {
      expect(atOrAfter('position', at(10, 5))).toEqual({
        $or: [
          { 'position.commit': { $gt: Long.fromNumber(10) } },
          { 'position.commit': Long.fromNumber(10), 'position.prepare': { $gte: Long.fromNumber(5) } },
        ],
      });
    });
  });

  describe('the changes of a commit', () => {
    it('keeps the last change of each document, split into writes and deletions', () => {
      const { written, deleted } = netChanges([
        { ref, doc: { v: 1 } },
        { ref, doc: { v: 2 } },
        { ref: { collection: 'projects', key: 'p2' }, doc: { v: 1 } },
        { ref: { collection: 'projects', key: 'p2' }, doc: null },
        { ref: { collection: 'envelopes', key: 'p1' }, doc: null },
      ]);

      expect(written).toEqual([{ ref, doc: { v: 2 } }]);
      expect(deleted).toEqual([
        { collection: 'projects', key: 'p2' },
        { collection: 'envelopes', key: 'p1' },
      ]);
    });

    it('refuses bad references and documents that are not JSON objects', () => {
      expect(() => netChanges([{ ref: { collection: 'a|b', key: 'k' }, doc: null }])).toThrow(RangeError);
      expect(() => netChanges([{ ref: { collection: 'projects', key: '' }, doc: null }])).toThrow(RangeError);
      expect(() => netChanges([{ ref, doc: [1] as never }])).toThrow(TypeError);
      expect(() => netChanges([{ ref, doc: 'text' as never }])).toThrow(TypeError);
    });
  });

  describe('what is stored of a document', () => {
    it('is its JSON form, as every profile keeps it', () => {
      const doc = {
        title: { ka: 'წყალი', ar: 'مياه' },
        at: new Date('2024-01-02T03:04:05.000Z'),
        gone: undefined,
        large: 90_000_000_000_001,
        list: [1, null, { 'a.b': true }],
        emoji: '💧',
      };

      expect(storableDocument(ref, doc)).toEqual({
        title: { ka: 'წყალი', ar: 'مياه' },
        at: '2024-01-02T03:04:05.000Z',
        large: 90_000_000_000_001,
        list: [1, null, { 'a.b': true }],
        emoji: '💧',
      });
    });

    it.each([
      ['U+0000 in a field name', { ['nul\u0000name']: 1 }],
      ['U+0000 in a value', { nested: ['nul\u0000value'] }],
      ['a lone surrogate', { lone: '\ud800' }],
      ['a lone surrogate in a field name', { ['\udc00']: 1 }],
      ['a field name starting with $', { ref: { $ref: 'x', $id: 1 } }],
    ])('refuses %s, naming the document', (_, doc) => {
      expect(() => storableDocument(ref, doc)).toThrow(/projects\/p1 cannot be stored/);
    });
  });
});
