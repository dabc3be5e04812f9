import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiProblem } from './api/client';
import { router } from './app/routes';
import { startI18n } from './i18n/i18n';
import './app/app.css';

const queryClient = new QueryClient({
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

await startI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
