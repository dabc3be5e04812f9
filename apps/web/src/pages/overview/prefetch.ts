import { fundingSummariesQuery, GROUPINGS } from '../../api/funding-summary';
import { getJson } from '../../api/client';
import { queryClient } from '../../app/query-client';
import { filtersFromParams } from '../../components/filters/filter-params';
import { countryOutlines } from '../../components/map/atlas-data';

/**
 * Asks the API for the overview's six summaries (one request) and the map's outlines as soon as the address is known, while the
 * page's own code (charts, map) is still loading and compiling: on a cold load that code
 * takes longer than the answers, so they no longer wait for it. Same keys as the page's
 * queries (useFundingSummaries, useCodeList), so the page finds them in the cache.
 */
export function prefetchOverview(search: URLSearchParams): void {
  // The map's outlines too (the map shows its own failure, so none is reported here).
  countryOutlines().catch(() => undefined);
  // The overview has no search box and leaves a `q` out, as the page does.
  const { q: _unseen, ...filters } = filtersFromParams(search);
  void queryClient.prefetchQuery(fundingSummariesQuery(GROUPINGS, filters));
  for (const name of ['regions', 'thematic-areas'] as const) {
    void queryClient.prefetchQuery({ queryKey: ['code-list', name], queryFn: ({ signal }) => getJson(`/code-lists/${name}`, signal), staleTime: 60 * 60_000 });
  }
}
