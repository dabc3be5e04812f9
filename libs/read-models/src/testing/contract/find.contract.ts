import type { DocumentFilter } from '../../read-store.port.js';
import type { ReadStoreUnderTest } from '../read-store.suite.js';
import { aProjection, allPages, at, keysOf, PROJECTS, seed } from '../view-fixtures.js';

export function findContract(store: ReadStoreUnderTest): void {
  const projection = aProjection('find');

  beforeAll(async () => {
    await seed(store(), projection, 'projects', PROJECTS, at(1));
    // Same keys in another collection: never part of a 'projects' answer.
    await seed(store(), projection, 'envelopes', { p1: { key: 'p1', status: 'approved', year: 2023 } }, at(2));
  });

  /** The keys of every document matching `filter`, in key order. */
  async function matching(filter: DocumentFilter): Promise<unknown[]> {
    const pages = await allPages(store(), projection, 'projects', { ...filter, sortBy: 'key', direction: 'asc', limit: 500 });
    return keysOf(pages.flatMap((page) => page.items));
  }

  it('finds every document of the collection without a filter, as stored', async () => {
    const page = await store().find(projection, 'projects', { sortBy: 'key', direction: 'asc', limit: 10 });

    expect(page.items).toEqual(Object.values(PROJECTS));
    expect(page.nextCursor).toBeUndefined();
  });

  describe('field filters', () => {
    it('eq matches a string, a number and a boolean of the same type only', async () => {
      expect(await matching({ fields: [{ field: 'status', op: 'eq', value: 'approved' }] })).toEqual(['p1', 'p3']);
      expect(await matching({ fields: [{ field: 'year', op: 'eq', value: 2024 }] })).toEqual(['p2', 'p3']);
      expect(await matching({ fields: [{ field: 'year', op: 'eq', value: '2024' }] })).toEqual(['p4']);
      expect(await matching({ fields: [{ field: 'flagged', op: 'eq', value: true }] })).toEqual(['p1', 'p5']);
      expect(await matching({ fields: [{ field: 'status', op: 'eq', value: 'Approved' }] })).toEqual([]);
    });

    it('eq follows a dotted path into nested objects', async () => {
      expect(await matching({ fields: [{ field: 'location.region', op: 'eq', value: 'Kakheti' }] })).toEqual(['p1', 'p3']);
      expect(await matching({ fields: [{ field: 'location.missing', op: 'eq', value: 'Kakheti' }] })).toEqual([]);
    });

    it('in matches any of the values, and nothing for an empty list', async () => {
      expect(await matching({ fields: [{ field: 'status', op: 'in', value: ['draft', 'submitted'] }] })).toEqual(['p2', 'p4']);
      expect(await matching({ fields: [{ field: 'year', op: 'in', value: [2023, 1999] }] })).toEqual(['p1']);
      expect(await matching({ fields: [{ field: 'status', op: 'in', value: [] }] })).toEqual([]);
    });

    it('contains matches arrays holding the value, not a scalar equal to it', async () => {
      expect(await matching({ fields: [{ field: 'stateCodes', op: 'contains', value: 'GE-KA' }] })).toEqual(['p1', 'p3']);
      expect(await matching({ fields: [{ field: 'stateCodes', op: 'contains', value: 'GE-TB' }] })).toEqual(['p1', 'p5']);
      // p5's status is the string 'GE-KA', not an array.
      expect(await matching({ fields: [{ field: 'status', op: 'contains', value: 'GE-KA' }] })).toEqual([]);
    });

    it('containsAny matches arrays holding at least one of the values, not a scalar equal to one', async () => {
      expect(await matching({ fields: [{ field: 'stateCodes', op: 'containsAny', value: ['GE-IM', 'GE-TB'] }] })).toEqual(['p1', 'p2', 'p5']);
      expect(await matching({ fields: [{ field: 'stateCodes', op: 'containsAny', value: ['GE-KA', 'GE-KA'] }] })).toEqual(['p1', 'p3']);
      expect(await matching({ fields: [{ field: 'stateCodes', op: 'containsAny', value: ['XX'] }] })).toEqual([]);
      expect(await matching({ fields: [{ field: 'stateCodes', op: 'containsAny', value: [] }] })).toEqual([]);
      expect(await matching({ fields: [{ field: 'status', op: 'containsAny', value: ['GE-KA'] }] })).toEqual([]);
    });

    it('compares numbers numerically, with inclusive and exclusive bounds', async () => {
      expect(await matching({ fields: [{ field: 'budget', op: 'gte', value: 500_000 }] })).toEqual(['p1', 'p2', 'p5']);
      expect(await matching({ fields: [{ field: 'budget', op: 'gt', value: 500_000 }] })).toEqual(['p2', 'p5']);
      expect(await matching({ fields: [{ field: 'budget', op: 'lte', value: 75_000 }] })).toEqual(['p3', 'p4']);
      expect(await matching({ fields: [{ field: 'budget', op: 'lt', value: 75_000 }] })).toEqual(['p4']);
      expect(
        await matching({
          fields: [
            { field: 'budget', op: 'gt', value: 10 },
            { field: 'budget', op: 'lt', value: 2_000_000 },
          ],
        }),
      ).toEqual(['p1', 'p2', 'p3']);
    });

    it('compares ISO dates as strings', async () => {
      expect(await matching({ fields: [{ field: 'awaitingSince', op: 'gte', value: '2024-02-01' }] })).toEqual(['p2', 'p3']);
      expect(await matching({ fields: [{ field: 'awaitingSince', op: 'lt', value: '2024-01-15' }] })).toEqual(['p5']);
      expect(await matching({ fields: [{ field: 'awaitingSince', op: 'lte', value: '2024-01-15' }] })).toEqual(['p1', 'p5']);
      expect(await matching({ fields: [{ field: 'awaitingSince', op: 'gt', value: '2024-03-10' }] })).toEqual([]);
    });

    it('compares only values of the bound’s type, and never matches a missing field', async () => {
      // p4's year is the string '2024'; p5 has no year.
      expect(await matching({ fields: [{ field: 'year', op: 'gte', value: 0 }] })).toEqual(['p1', 'p2', 'p3']);
      expect(await matching({ fields: [{ field: 'year', op: 'gte', value: '0' }] })).toEqual(['p4']);
      expect(await matching({ fields: [{ field: 'budget', op: 'gte', value: '' }] })).toEqual([]);
    });

    it('requires every filter to hold', async () => {
      const filter: DocumentFilter = {
        fields: [
          { field: 'status', op: 'eq', value: 'approved' },
          { field: 'year', op: 'eq', value: 2024 },
          { field: 'stateCodes', op: 'contains', value: 'GE-KA' },
        ],
      };
      expect(await matching(filter)).toEqual(['p3']);
    });

    it('refuses a field path that is not a dotted name', async () => {
      for (const field of ['', 'a..b', '.a', "status' OR '1'='1", 'a b', 'a-b']) {
        await expect(
          store().find(projection, 'projects', {
            fields: [{ field, op: 'eq', value: 'x' }],
            sortBy: 'key',
            direction: 'asc',
            limit: 10,
          }),
        ).rejects.toThrow();
      }
      await expect(store().find(projection, 'projects', { sortBy: 'a..b', direction: 'asc', limit: 10 })).rejects.toThrow();
    });
  });

  describe('text', () => {
    it('finds English words whatever their case', async () => {
      expect(await matching({ text: 'WATER' })).toEqual(['p1']);
      expect(await matching({ text: 'School' })).toEqual(['p3']);
    });

    it('finds Russian words whatever their case', async () => {
      expect(await matching({ text: 'МОСКВА' })).toEqual(['p2']);
      expect(await matching({ text: 'Водоснабжение Школа' })).toEqual(['p2']);
    });

    it('finds Georgian words written in Mtavruli capitals', async () => {
      expect(await matching({ text: 'თბილისის' })).toEqual(['p3']);
      expect(await matching({ text: 'ᲗᲑᲘᲚᲘᲡᲘᲡ' })).toEqual(['p3']);
    });

    it('finds Arabic words whatever their Unicode composition', async () => {
      expect(await matching({ text: 'مياه' })).toEqual(['p4']);
      // آ decomposed: alef + combining madda above.
      expect(await matching({ text: 'ا\u0653منة' })).toEqual(['p4']);
      // Harakat and hamza forms typed or not: the query is folded as the stored text was.
      expect(await matching({ text: 'آمِنَة' })).toEqual(['p4']);
      expect(await matching({ text: 'امنه' })).toEqual(['p4']);
    });

    it('requires every word, in any order, each possibly part of a longer word', async () => {
      expect(await matching({ text: 'telavi water' })).toEqual(['p1']);
      expect(await matching({ text: 'water moscow' })).toEqual([]);
      expect(await matching({ text: 'моск' })).toEqual(['p2']);
      expect(await matching({ text: '  \t ' })).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    });

    it('takes %, _ and \\ literally', async () => {
      expect(await matching({ text: '100%' })).toEqual(['p3']);
      expect(await matching({ text: '%' })).toEqual(['p3']);
      expect(await matching({ text: '_' })).toEqual(['p5']);
      expect(await matching({ text: 'back\\slash' })).toEqual(['p5']);
      expect(await matching({ text: 'p_' })).toEqual([]);
    });

    it('combines with field filters', async () => {
      expect(await matching({ text: 'school', fields: [{ field: 'year', op: 'eq', value: 2024 }] })).toEqual(['p3']);
      expect(await matching({ text: 'school', fields: [{ field: 'year', op: 'eq', value: 2023 }] })).toEqual([]);
    });
  });
}
