import { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from '../api/client';

/** The one cache of the application's API answers; route loaders fill it ahead of their pages. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Views change only when events arrive: half a minute fresh is plenty for a reader,
      // and a page visited again within it is shown at once from the cache.
      staleTime: 30_000,
      // A refusal (4xx) will not change by asking again; a fault or an outage may.
      retry: (failures, error) => !(error instanceof ApiProblem && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});
