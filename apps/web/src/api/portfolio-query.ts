import type { QueryValue } from './client';

/**
 * The filters the portfolio list and the funding summary both take (GET /portfolio,
 * GET /funding/summary), under the API's own parameter names. Each takes several values,
 * sent comma-separated (`status=active,completed`): a project matches any of them, and the
 * filters combine with "and". Values are kept as the API writes them (codes, years as text).
 */
export const FILTER_NAMES = ['status', 'region', 'state', 'type', 'line', 'year', 'coverage'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

export type PortfolioFilterValues = Partial<Record<FilterName, readonly string[]>> & {
  /** Words in any language and script; the API folds accents and Arabic marks. */
  q?: string;
};

/** The query string part of the filters, for apiPath(): empty filters are left out. */
export function filterQueryOf(filters: PortfolioFilterValues): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  for (const name of FILTER_NAMES) {
    const values = filters[name];
    if (values && values.length > 0) query[name] = values;
  }
  if (filters.q?.trim()) query.q = filters.q.trim();
  return query;
}

/** A stable key of the filters, for caches and for "drawn for these filters" marks. */
export function filterKeyOf(filters: PortfolioFilterValues): string {
  return JSON.stringify(filterQueryOf(filters));
}
