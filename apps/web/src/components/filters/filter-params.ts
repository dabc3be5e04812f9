import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useChangeSearch } from './address';
import { FILTER_NAMES, type FilterName, type PortfolioFilterValues } from '../../api/portfolio-query';

/**
 * The filters live in the address (`?status=active,completed&region=africa`), under the
 * API's names and in its comma-separated form, so a reload or a shared link shows the same
 * selection and the address reads like the API query it makes.
 */
export function filtersFromParams(params: URLSearchParams): PortfolioFilterValues {
  const filters: PortfolioFilterValues = {};
  for (const name of FILTER_NAMES) {
    // Repeated (`status=a&status=b`) and comma-separated both count, as the API reads them.
    const values = [...new Set(params.getAll(name).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean))];
    if (values.length > 0) filters[name] = values;
  }
  const q = params.get('q');
  if (q) filters.q = q;
  return filters;
}

/** The filters as the address writes them: for a link from one page to another with the same selection. */
export function paramsOfFilters(filters: PortfolioFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const values = filters[name];
    if (values && values.length > 0) params.set(name, values.join(','));
  }
  if (filters.q) params.set('q', filters.q);
  return params;
}

export interface FilterParams {
  filters: PortfolioFilterValues;
  setFilter(name: FilterName, values: readonly string[]): void;
  clearFilters(): void;
}

/**
 * The filters of the address and how to change them. `resets` names the parameters a new
 * selection makes meaningless (the list's cursor: the next page of another selection).
 */
export function useFilterParams(resets: readonly string[] = []): FilterParams {
  const [params] = useSearchParams();
  const setParams = useChangeSearch();
  const resetList = resets.join(',');
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const setFilter = useCallback(
    (name: FilterName, values: readonly string[]) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (values.length > 0) next.set(name, values.join(','));
        else next.delete(name);
        for (const reset of resetList.split(',')) if (reset) next.delete(reset);
        return next;
      }),
    [setParams, resetList],
  );
  const clearFilters = useCallback(
    () =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const name of FILTER_NAMES) next.delete(name);
        for (const reset of resetList.split(',')) if (reset) next.delete(reset);
        return next;
      }),
    [setParams, resetList],
  );
  return { filters, setFilter, clearFilters };
}
