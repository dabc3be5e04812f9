import { byGroup, type AggregateQuery, type AggregateRow } from '../read-store.port.js';
import { fieldPath } from '../query-arguments.js';
import { documentFilter, type DocumentScope, type MongoFilter } from './document-filter.js';

/**
 * The aggregation pipeline of `ReadStore.aggregate`, and the reading of its one result
 * document. Pure.
 *
 * One `$match` (served by the indexes), then a `$facet` computing the total over the
 * matching documents themselves and the groups (of unwound elements, with `unwind`) from
 * the same read.
 *
 * Sums are exact: each number is turned into a Decimal128 before `$sum` (34 significant
 * digits). A double goes through `$toLong` when it holds an integer, because `$toDecimal`
 * of a double keeps only 15 significant digits (`{$toDecimal: 2.5}` is
 * `Decimal128("2.50000000000000")`), and integer cents reach 16 digits below 2^53.
 * Values that are not numbers are skipped, as the SQL store skips them. A sum that a JSON
 * number cannot hold exactly is refused when read, never rounded.
 */

/** 2^63 as a double: the first magnitude `$toLong` refuses. */
const INT64_LIMIT = 2 ** 63;

export function aggregatePipeline(scope: DocumentScope, query: AggregateQuery): MongoFilter[] {
  const match = documentFilter(scope, query);
  if (!Array.isArray(query.sum)) throw new RangeError('sum must be an array of field paths');
  const sumPaths = query.sum.map((field) => fieldPath(field).join('.'));
  const groupPath = fieldPath(query.groupBy).join('.');
  const unwind = query.unwind === undefined ? undefined : `doc.${fieldPath(query.unwind).join('.')}`;
  const item = unwind ?? 'doc';
  const sums = (source: string) => Object.fromEntries(sumPaths.map((path, index) => [`s${index}`, exactSum(`$${source}.${path}`)]));
  const groups: MongoFilter[] = [];
  if (unwind !== undefined) {
    // Only arrays are expanded: $unwind would treat any other value as a one-element array.
    groups.push({ $match: { $expr: { $isArray: [`$${unwind}`] } } }, { $unwind: { path: `$${unwind}` } });
  }
  groups.push({ $group: { _id: `$${item}.${groupPath}`, count: { $sum: 1 }, ...sums(item) } });
  return [
    { $match: match },
    {
      $facet: {
        total: [{ $group: { _id: null, count: { $sum: 1 }, ...sums('doc') } }],
        groups,
      },
    },
  ];
}

/** `$sum` of a field's numbers as Decimal128, exactly (see above). */
function exactSum(value: string): MongoFilter {
  return {
    $sum: {
      $cond: {
        if: { $isNumber: value },
        then: {
          $cond: {
            if: { $and: [{ $eq: [value, { $trunc: [value, 0] }] }, { $lt: [{ $abs: value }, INT64_LIMIT] }] },
            then: { $toDecimal: { $toLong: value } },
            else: { $toDecimal: value },
          },
        },
        else: null,
      },
    },
  };
}

interface GroupDocument {
  _id: unknown;
  count: unknown;
  [sum: `s${number}`]: unknown;
}

export interface AggregateResultDocument {
  total: GroupDocument[];
  groups: GroupDocument[];
}

/** The groups and total of the pipeline's result document (absent: nothing matched). */
export function aggregateResult(
  query: AggregateQuery,
  result: AggregateResultDocument | undefined,
): { groups: AggregateRow[]; total: AggregateRow } {
  const toRow = (row: GroupDocument | undefined, group: AggregateRow['group']): AggregateRow => ({
    group,
    count: row === undefined ? 0 : exactNumber('the count', row.count),
    sums: Object.fromEntries(
      query.sum.map((field, index) => [field, row === undefined ? 0 : exactNumber(`the sum of ${field}`, row[`s${index}`])]),
    ),
  });
  return {
    groups: (result?.groups ?? []).map((row) => toRow(row, groupValue(row._id))).sort(byGroup),
    total: toRow(result?.total[0], null),
  };
}

function groupValue(value: unknown): AggregateRow['group'] {
  if (value === undefined || value === null) return null;
  return value as AggregateRow['group'];
}

/**
 * A number from the server (int32, int64, double or Decimal128) as a JSON number, refused
 * rather than rounded when a double cannot hold it exactly.
 */
export function exactNumber(what: string, value: unknown): number {
  if (value === undefined || value === null) return 0;
  // Decimal128 and Long print their exact value; so do numbers and bigints.
  const text = String(value);
  const number = Number(text);
  if (!Number.isSafeInteger(number) || (/^-?\d+$/.test(text) && BigInt(text) !== BigInt(number))) {
    throw new RangeError(`${what} (${text}) is not an integer a JSON number holds exactly`);
  }
  return number === 0 ? 0 : number;
}
