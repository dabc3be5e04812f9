import { Random } from '../../apps/generator/src/prng.js';

/**
 * Hostile requests for every operation of an OpenAPI document: a valid-looking request is
 * built from the operation's schemas, then spoiled one part at a time (a body field, the
 * whole body, a path id, a query parameter, a header) with values an attacker or a careless
 * client sends. Seeded: the same seed and document give the same requests.
 */

export interface HostileRequest {
  method: string;
  /** The path with its ids filled in, already percent-encoded where needed. */
  path: string;
  headers: Record<string, string>;
  /** The raw body text (JSON or not); undefined sends none. */
  body?: string;
  /** What was spoiled, for the failure report. */
  spoiled: string;
}

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}

interface Operation {
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const MEGABYTE = 'x'.repeat(1_048_576);

/** Values for any field: wrong types, numbers that are not money, text no store takes, prototype keys. */
export const HOSTILE_VALUES: ReadonlyArray<[string, unknown]> = [
  ['a number', 12345],
  ['a float', 1.5],
  ['money as a number', 37887],
  ['an exponent', '1e5'],
  ['three decimals', '10.005'],
  ['a negative amount', '-5.00'],
  ['a huge amount', '99999999999999999999999.00'],
  ['a huge number', 1e308],
  ['a negative zero', -0],
  ['true', true],
  ['a list', ['a', 1]],
  ['an object', { a: 1 }],
  ['null', null],
  ['an empty string', ''],
  ['blanks', '   '],
  ['NUL', 'a\u0000b'],
  ['a lone surrogate', 'a\ud800b'],
  ['control characters', '\u0007\u001b[31m\u007f'],
  ['an RTL override', '\u202eevil'],
  ['a BOM and zero-width space', '\ufeffa\u200bb'],
  ['markup', '<script>alert(1)</script>'],
  ['SQL', "' OR 1=1; DROP TABLE events; --"],
  ['a path', '../../etc/passwd'],
  ['a 1 MB string', MEGABYTE],
  ['a 10 kB string', 'y'.repeat(10_000)],
  ['fullwidth digits', '１２.００'],
  ['a date that does not exist', '2026-02-30'],
  ['a far date', '99999-01-01'],
  ['a prototype key object', JSON.parse('{"__proto__":{"polluted":true}}')],
];

/** Whole bodies that are not what any endpoint takes. */
const HOSTILE_BODIES: ReadonlyArray<[string, string, string?]> = [
  ['not JSON', 'not json'],
  ['truncated JSON', '{"a":'],
  ['JSON null', 'null'],
  ['a JSON list', '[]'],
  ['a JSON string', '"text"'],
  ['a JSON number', '42'],
  ['an empty object', '{}'],
  ['a prototype key', '{"__proto__":{"polluted":true}}'],
  ['a constructor key', '{"constructor":{"prototype":{"polluted":true}}}'],
  ['5,000 levels deep', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
  ['a wide object', JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])))],
  ['duplicate keys', '{"reason":"a","reason":"b"}'],
  ['JSON as text/plain', '{}', 'text/plain'],
  ['JSON as form data', 'a=1', 'application/x-www-form-urlencoded'],
  ['JSON with a charset nobody speaks', '{}', 'application/json; charset=ebcdic'],
];

/** Path ids: what a URL can carry that no id is. */
const HOSTILE_PATH_IDS: readonly string[] = [
  '%00',
  'PO.0001%00',
  '..%2F..%2Fetc',
  '%ZZ',
  '%F0%9F%99%82',
  '%E2%80%AE',
  '%20',
  '-1',
  '99999999999999999999999',
  '1e3',
  '__proto__',
  'constructor',
  'x'.repeat(5_000),
  '%ED%A0%80',
];

/** Query values: garbage cursors, limits, sorts, positions, instants. */
const HOSTILE_QUERY_VALUES: readonly string[] = [
  '',
  '%00',
  'a%00b',
  '-1',
  '0',
  '1e3',
  '1.5',
  '99999999999999999999',
  'NaN',
  '__proto__',
  '!!!',
  'eyJfX3Byb3RvX18iOnsieCI6MX19', // base64 of {"__proto__":{"x":1}}
  'bm90IGpzb24',
  '0000-01-01T00:00:00Z',
  '99999-1',
  '999999999-0',
  'z'.repeat(10_000),
];

const HOSTILE_HEADERS: ReadonlyArray<[string, string]> = [
  ['if-match', 'garbage'],
  ['if-match', '"99999999999999999999"'],
  ['if-match', '*'],
  ['idempotency-key', ' '],
  ['idempotency-key', 'k'.repeat(300)],
  ['x-correlation-id', 'c'.repeat(1_000)],
  ['content-type', 'application/json; charset=utf-16'],
  ['accept', 'application/xml'],
];

/** The ids an operation's path can name, known to exist, by parameter name. */
export type KnownIds = Record<string, string>;

export function hostileRequests(document: OpenApiDocument, ids: KnownIds, seed: number, perPart = 4): HostileRequest[] {
  const random = new Random(seed);
  const requests: HostileRequest[] = [];
  const schemas = document.components?.schemas ?? {};
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const bodySchema = operation.requestBody?.content['application/json']?.schema;
      const path = (overrides: Record<string, string> = {}) =>
        template.replace(/\{([^}]+)\}/g, (_, name: string) => overrides[name] ?? encodeURIComponent(ids[name] ?? 'unknown'));
      const body = bodySchema === undefined ? undefined : (sample(bodySchema, schemas) as Record<string, unknown>);
      const base = (spoiled: string, parts: Partial<HostileRequest>): HostileRequest => ({
        method: method.toUpperCase(),
        path: path(),
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        spoiled,
        ...parts,
      });

      for (const name of pathParams) {
        for (const id of pick(random, HOSTILE_PATH_IDS, perPart)) requests.push(base(`path ${name}=${id.slice(0, 40)}`, { path: path({ [name]: id }) }));
      }
      for (const name of queryParams) {
        for (const value of pick(random, HOSTILE_QUERY_VALUES, perPart)) {
          requests.push(base(`query ${name}=${value.slice(0, 40)}`, { path: `${path()}?${name}=${value}` }));
        }
        requests.push(base(`query ${name} twice`, { path: `${path()}?${name}=a&${name}=b` }));
      }
      requests.push(base('an unknown query parameter', { path: `${path()}?__proto__[x]=1&unknown=1` }));
      for (const [header, value] of pick(random, HOSTILE_HEADERS, perPart)) {
        requests.push(base(`header ${header}: ${value.slice(0, 40)}`, { headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), [header]: value } }));
      }
      if (method !== 'post') continue;
      for (const [what, text, type] of HOSTILE_BODIES) {
        requests.push(base(`body ${what}`, { body: text, headers: { 'content-type': type ?? 'application/json' } }));
      }
      if (body === undefined) continue;
      for (const field of fieldPaths(body)) {
        for (const [what, value] of pick(random, HOSTILE_VALUES, perPart)) {
          requests.push(base(`body ${field} = ${what}`, { body: JSON.stringify(withField(body, field, value)) }));
        }
      }
      requests.push(base('body with an unknown field', { body: JSON.stringify({ ...body, unknownField: 1 }) }));
    }
  }
  return requests;
}

/** A plausible value for a schema: its example, the first of its enum, or one of its type. */
function sample(schema: Schema, schemas: Record<string, Schema>, depth = 0): unknown {
  if (schema.$ref) return sample(schemas[schema.$ref.split('/').pop()!] ?? {}, schemas, depth);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => sample(part, schemas, depth)));
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  if (depth > 4) return undefined;
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, sample(property, schemas, depth + 1)]));
    case 'array':
      return schema.items ? [sample(schema.items, schemas, depth + 1)] : [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return schema.properties ? sample({ ...schema, type: 'object' }, schemas, depth) : 'text';
  }
}

/** Every field of a body, nested ones as dotted paths (list items by index). */
function fieldPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return prefix ? [prefix] : [];
  const entries = Object.entries(value as Record<string, unknown>);
  return [...(prefix ? [prefix] : []), ...entries.flatMap(([key, item]) => fieldPaths(item, prefix ? `${prefix}.${key}` : key))];
}

function withField(body: Record<string, unknown>, field: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = field.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  return copy;
}

function pick<T>(random: Random, values: readonly T[], count: number): T[] {
  const pool = [...values];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(random.int(0, pool.length - 1), 1)[0]!);
  return chosen;
}
