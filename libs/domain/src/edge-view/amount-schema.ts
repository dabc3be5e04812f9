import { formatUsd } from '../shared/money.js';
import { formatPercent } from '../shared/share.js';

/**
 * What a number held inside is, and so how the API writes it: money (integer cents) as a
 * decimal string of USD ("37887.00"), a beneficiary state's share (basis points) as a
 * decimal string of percent ("33.33", as `parsePercent` takes it), any other number (a
 * year, a funding line, a revision) as the number it is.
 */
export type AmountUnit = 'usd' | 'percent' | 'number';

/**
 * Where the numbers of a JSON value are and what each one is: a unit for a number, `fields`
 * for a structure (fields not named hold no number), `entries` for a map keyed by ids (every
 * value alike), `items` for a list. Written by hand per event type and per state, never
 * guessed from a value: whether a number is cents is a question for a person, not for
 * `typeof`.
 */
export type AmountSchema =
  | AmountUnit
  | { readonly fields: Readonly<Record<string, AmountSchema>> }
  | { readonly entries: AmountSchema }
  | { readonly items: AmountSchema };

/**
 * `value` as the API shows it: each number the schema names as money or a share written as
 * a decimal string. A new value; the one given (an event's stored data) is left as it is.
 * Values of another shape than the schema's (null, an absent map) are passed through.
 */
export function atTheEdge(value: unknown, schema: AmountSchema): unknown {
  if (typeof schema === 'string') {
    if (typeof value !== 'number') return value;
    return schema === 'usd' ? formatUsd(value) : schema === 'percent' ? formatPercent(value) : value;
  }
  if ('items' in schema) return Array.isArray(value) ? value.map((item) => atTheEdge(item, schema.items)) : value;
  if (!isStructure(value)) return value;
  // Object.fromEntries defines own properties: a map key such as "__proto__" stays an entry.
  if ('entries' in schema) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, atTheEdge(inner, schema.entries)]));
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, Object.hasOwn(schema.fields, key) ? atTheEdge(inner, schema.fields[key]!) : inner]),
  );
}

/**
 * The schema of the part of a value at a dotted path ('budget.operationalCosts',
 * 'transactions'), or undefined where the schema says no number lives.
 */
export function amountSchemaAt(schema: AmountSchema, path: string): AmountSchema | undefined {
  let at: AmountSchema | undefined = schema;
  for (const segment of path === '' ? [] : path.split('.')) {
    if (at === undefined || typeof at === 'string') return undefined;
    if ('fields' in at) at = Object.hasOwn(at.fields, segment) ? at.fields[segment] : undefined;
    else if ('entries' in at) at = at.entries;
    else at = /^\d+$/.test(segment) ? at.items : undefined;
  }
  return at;
}

/**
 * The dotted paths of the numbers in `value` that the schema does not classify (list items
 * as `[]`). Empty for a schema that is complete for this value: what the tests ask of every
 * event type and every view, so that a new numeric field cannot reach the edge unnoticed.
 */
export function unclassifiedNumbers(value: unknown, schema: AmountSchema | undefined, path = ''): string[] {
  if (typeof value === 'number') return schema !== undefined && typeof schema === 'string' ? [] : [path];
  const inner = (key: string): AmountSchema | undefined => {
    if (schema === undefined || typeof schema === 'string') return undefined;
    if ('fields' in schema) return Object.hasOwn(schema.fields, key) ? schema.fields[key] : undefined;
    return 'entries' in schema ? schema.entries : schema.items;
  };
  if (Array.isArray(value)) return value.flatMap((item) => unclassifiedNumbers(item, inner('[]'), `${path}[]`));
  if (!isStructure(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => unclassifiedNumbers(item, inner(key), path === '' ? key : `${path}.${key}`));
}

function isStructure(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
