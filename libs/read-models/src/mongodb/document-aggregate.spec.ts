import { Decimal128, Long } from 'mongodb';
import { aggregatePipeline, aggregateResult, exactNumber } from './document-aggregate.js';

const scope = { projection: 'portfolio', generation: 1, collection: 'funded' };

/** The exact $sum of one field, as the pipeline spells it. */
const exactSum = (value: string) => ({
  $sum: {
    $cond: {
      if: { $isNumber: value },
      then: {
        $cond: {
          if: { $and: [{ $eq: [value, { $trunc: [value, 0] }] }, { $lt: [{ $abs: value }, 2 ** 63] }] },
          then: { $toDecimal: { $toLong: value } },
          else: { $toDecimal: value },
        },
      },
      else: null,
    },
  },
});

describe('aggregates on MongoDB', () => {
  it('matches once, then totals the documents and groups them from the same read', () => {
    const pipeline = aggregatePipeline(scope, {
      fields: [{ field: 'region', op: 'eq', value: 'Kakheti' }],
      groupBy: 'location.country',
      sum: ['budget', 'spent'],
    });

    expect(pipeline).toEqual([
      { $match: { ...scope, $and: [{ 'doc.region': { $eq: 'Kakheti', $not: { $type: 'array' } } }] } },
      {
        $facet: {
          total: [{ $group: { _id: null, count: { $sum: 1 }, s0: exactSum('$doc.budget'), s1: exactSum('$doc.spent') } }],
          groups: [
            { $group: { _id: '$doc.location.country', count: { $sum: 1 }, s0: exactSum('$doc.budget'), s1: exactSum('$doc.spent') } },
          ],
        },
      },
    ]);
  });

  it('groups the elements of an array with unwind, expanding arrays only, and totals the documents', () => {
    const [, facet] = aggregatePipeline(scope, { unwind: 'splits', groupBy: 'state', sum: ['budget'] });

    expect(facet).toEqual({
      $facet: {
        total: [{ $group: { _id: null, count: { $sum: 1 }, s0: exactSum('$doc.budget') } }],
        groups: [
          { $match: { $expr: { $isArray: ['$doc.splits'] } } },
          { $unwind: { path: '$doc.splits' } },
          { $group: { _id: '$doc.splits.state', count: { $sum: 1 }, s0: exactSum('$doc.splits.budget') } },
        ],
      },
    });
  });

  it('refuses bad paths', () => {
    expect(() => aggregatePipeline(scope, { groupBy: 'a..b', sum: [] })).toThrow(RangeError);
    expect(() => aggregatePipeline(scope, { groupBy: 'region', sum: ['$budget'] })).toThrow(RangeError);
    expect(() => aggregatePipeline(scope, { groupBy: 'region', unwind: '', sum: [] })).toThrow(RangeError);
  });

  it('reads groups and total, with null for a missing group and zeros when nothing matched', () => {
    const query = { groupBy: 'region', sum: ['budget', 'spent'] };

    expect(
      aggregateResult(query, {
        total: [{ _id: null, count: 5, s0: Decimal128.fromString('362'), s1: Decimal128.fromString('243') }],
        groups: [
          { _id: 'Kakheti', count: 2, s0: Decimal128.fromString('150'), s1: Decimal128.fromString('40') },
          { _id: null, count: 2, s0: Decimal128.fromString('12'), s1: 0 },
          { _id: 2024, count: Long.fromNumber(1), s0: Decimal128.fromString('5.00000000000000'), s1: 0 },
        ],
      }),
    ).toEqual({
      groups: [
        // In the order of every adapter (byGroup), not the server's.
        { group: 2024, count: 1, sums: { budget: 5, spent: 0 } },
        { group: 'Kakheti', count: 2, sums: { budget: 150, spent: 40 } },
        { group: null, count: 2, sums: { budget: 12, spent: 0 } },
      ],
      total: { group: null, count: 5, sums: { budget: 362, spent: 243 } },
    });
    expect(aggregateResult(query, { total: [], groups: [] })).toEqual({
      groups: [],
      total: { group: null, count: 0, sums: { budget: 0, spent: 0 } },
    });
    expect(aggregateResult(query, undefined).total).toEqual({ group: null, count: 0, sums: { budget: 0, spent: 0 } });
  });

  it('turns sums into JSON numbers exactly, or refuses them', () => {
    expect(exactNumber('x', Decimal128.fromString('270000000000003'))).toBe(270_000_000_000_003);
    expect(exactNumber('x', Decimal128.fromString('9007199254740991'))).toBe(Number.MAX_SAFE_INTEGER);
    expect(exactNumber('x', Decimal128.fromString('-0'))).toBe(0);
    expect(Object.is(exactNumber('x', Decimal128.fromString('-0')), 0)).toBe(true);
    expect(exactNumber('x', Long.fromString('123'))).toBe(123);
    expect(exactNumber('x', 42)).toBe(42);
    expect(() => exactNumber('the sum of budget', Decimal128.fromString('9007199254740993'))).toThrow(
      /the sum of budget \(9007199254740993\) is not an integer/,
    );
    expect(() => exactNumber('x', Decimal128.fromString('2.50000000000000'))).toThrow(RangeError);
    expect(() => exactNumber('x', 2 ** 60)).toThrow(RangeError);
  });
});
