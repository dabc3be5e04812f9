import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';
import type { FieldFilter } from '#read-models';

/** More values than any list filter needs; a longer list is a mistake or an abuse. */
export const MAX_FILTER_VALUES = 50;

/** What one value of a list filter may be. */
export interface FilterValues {
  /** The values allowed, when the filter has a closed list (statuses, lines). */
  allowed?: readonly (string | number)[];
  /** Otherwise the shape every value has. */
  pattern?: RegExp;
  /** How a value of this shape is described in a refusal ("an ISO 3166-1 alpha-2 code"). */
  shape?: string;
  maxLength?: number;
  /** Values are whole numbers (years, lines): written as digits, held as numbers. */
  numeric?: boolean;
}

/**
 * A filter that takes one value or several: `status=active,completed` or
 * `status=active&status=completed`, matching any of them. Duplicates are dropped. Each value
 * is checked as the one value was before, and a refusal (400 `request.invalid`) names the
 * values that are not allowed, so a client sees which of its values is wrong.
 */
export function ListFilter(values: FilterValues, api: ApiPropertyOptions & { description?: string }) {
  const several = 'One value or several, comma-separated (`a,b`) or repeated; matches any of them.';
  return applyDecorators(
    // style/explode are OpenAPI's words for `a,b`; the swagger types omit them, the document keeps them.
    ApiPropertyOptional({
      ...api,
      isArray: true,
      description: api.description ? `${api.description}. ${several}` : several,
      ...({ style: 'form', explode: false } as object),
    } as ApiPropertyOptions),
    IsOptional(),
    Transform(({ value }) => (value === undefined ? undefined : listOf(value, values.numeric === true))),
    ValidateBy({
      name: 'listFilter',
      validator: {
        validate: (list: unknown) => problemOf(list, values) === undefined,
        defaultMessage: (args) => `${args?.property}: ${problemOf(args?.value, values)}`,
      },
    }),
  );
}

/** The distinct values of a query parameter given once, comma-separated or repeated. */
function listOf(value: unknown, numeric: boolean): unknown {
  const raw = Array.isArray(value) ? value : [value];
  if (!raw.every((item) => typeof item === 'string')) return value; // an object (a[b]=c): refused below
  const parts = (raw as string[]).flatMap((item) => item.split(',')).map((item) => item.trim());
  return [...new Set(parts.map((part) => (numeric && /^\d{1,9}$/.test(part) ? Number(part) : part)))];
}

function problemOf(list: unknown, values: FilterValues): string | undefined {
  if (!Array.isArray(list)) return 'expected one value or several, comma-separated';
  if (list.length > MAX_FILTER_VALUES) return `at most ${MAX_FILTER_VALUES} values, ${list.length} given`;
  const bad = list.filter((value) => !fits(value, values));
  if (bad.length === 0) return undefined;
  const named = bad.map((value) => JSON.stringify(value)).join(', ');
  const expected = values.allowed ? `one of ${values.allowed.join(', ')}` : (values.shape ?? `at most ${values.maxLength} characters`);
  return `${named} ${bad.length === 1 ? 'is' : 'are'} not allowed: each value is ${expected}`;
}

function fits(value: unknown, values: FilterValues): boolean {
  if (values.numeric && typeof value !== 'number') return false;
  if (!values.numeric && (typeof value !== 'string' || value === '')) return false;
  if (values.allowed) return values.allowed.includes(value as string | number);
  if (typeof value === 'string' && values.maxLength !== undefined && value.length > values.maxLength) return false;
  return values.pattern === undefined || values.pattern.test(String(value));
}

/**
 * The read-store condition of a list filter: `eq` for one value (as before, so that a single
 * value keeps its index and its cached answers), `in` for several; for an array field
 * (`stateCodes`), `contains` / `containsAny`.
 */
export function anyOf(field: string, values: readonly (string | number)[], array = false): FieldFilter {
  if (values.length === 1) return array ? { field, op: 'contains', value: values[0]! } : { field, op: 'eq', value: values[0]! };
  return { field, op: array ? 'containsAny' : 'in', value: [...values].sort(byValue) };
}

function byValue(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
