/** One field a recorded event changed in its subject's state. Absent values are null. */
export type FieldChange = {
  /** Dotted path into the state: 'status', 'budget.operationalCosts', 'title'. */
  field: string;
  before: unknown;
  after: unknown;
};

/**
 * The fields that differ between two states of a subject, sorted by field path. Nested
 * structures are followed field by field ('budget.staffAndOfficeCosts'); arrays and the
 * `mapFields` (maps keyed by ids or language tags) are compared whole, as JSON, whatever
 * their key order. Money is compared in cents as the states hold it.
 */
export function stateChanges(before: unknown, after: unknown, mapFields: ReadonlySet<string>): FieldChange[] {
  const was = flatten(before, mapFields);
  const is = flatten(after, mapFields);
  const fields = [...new Set([...was.keys(), ...is.keys()])].sort(byCodePoint);
  return fields.flatMap((field) => {
    const beforeValue = was.get(field) ?? null;
    const afterValue = is.get(field) ?? null;
    return canonicalJson(beforeValue) === canonicalJson(afterValue) ? [] : [{ field, before: beforeValue, after: afterValue }];
  });
}

/** The state as leaf values by dotted path. */
export function flatten(value: unknown, mapFields: ReadonlySet<string>, path = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (isStructure(value) && !mapFields.has(path)) {
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) flatten(inner, mapFields, path === '' ? key : `${path}.${key}`, into);
    }
  } else if (path !== '') {
    into.set(path, value);
  }
  return into;
}

function isStructure(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted: equal values give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isStructure(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort(byCodePoint);
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
