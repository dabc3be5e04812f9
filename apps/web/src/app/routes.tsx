import { createBrowserRouter, Navigate } from 'react-router';
import { prefetchOverview } from '../pages/overview/prefetch';
import { Layout } from './Layout';
import { RouteError } from './RouteError';

/**
 * The application's pages and their addresses. Each page is its own chunk, loaded when
 * first visited. The API process serves index.html for every one of these paths, so a
 * deep link or a reload opens the same page (apps/api/src/web/web-app.ts, PAGE_PREFIXES).
 * The API's own paths (/portfolio, /projects/…, /funding/…) are left to the API.
 */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      {
        index: true,
        // Starts the overview's API requests beside the loading of its code (prefetch.ts).
        loader: ({ request }) => {
          prefetchOverview(new URL(request.url).searchParams);
          return null;
        },
        lazy: async () => ({ Component: (await import('../pages/overview/OverviewPage')).OverviewPage }),
      },
      { path: 'portal', element: <Navigate to="/" replace /> },
      { path: 'portal/projects', lazy: async () => ({ Component: (await import('../pages/projects/ProjectListPage')).ProjectListPage }) },
      { path: 'portal/projects/:projectId', lazy: async () => ({ Component: (await import('../pages/project/ProjectPage')).ProjectPage }) },
      { path: 'portal/envelopes', lazy: async () => ({ Component: (await import('../pages/envelopes/EnvelopesPage')).EnvelopesPage }) },
      { path: 'portal/contributions', lazy: async () => ({ Component: (await import('../pages/contributions/ContributionsPage')).ContributionsPage }) },
      { path: 'portal/my-contributions', lazy: async () => ({ Component: (await import('../pages/my-contributions/MyContributionsPage')).MyContributionsPage }) },
      { path: 'workbench', lazy: async () => ({ Component: (await import('../pages/workbench/WorkbenchHome')).WorkbenchHome }) },
      { path: 'workbench/projects/new', lazy: async () => ({ Component: (await import('../pages/workbench/ProposalForm')).ProposalForm }) },
      { path: 'workbench/projects/:projectId', lazy: async () => ({ Component: (await import('../pages/workbench/project/ProjectWorkbench')).ProjectWorkbench }) },
      { path: 'workbench/approvals', lazy: async () => ({ Component: (await import('../pages/workbench/approvals/ApprovalQueuePage')).ApprovalQueuePage }) },
      { path: 'explorer/verification', lazy: () => import('../pages/explorer/verification/VerificationPage.tsx') },
      { path: 'sign-in', lazy: async () => ({ Component: (await import('../pages/sign-in/SignInPage')).SignInPage }) },
      { path: 'sign-in/callback', lazy: async () => ({ Component: (await import('../pages/sign-in/SignInCallbackPage')).SignInCallbackPage }) },
      { path: '*', lazy: async () => ({ Component: (await import('../pages/not-found/NotFoundPage')).NotFoundPage }) },
    ],
  },
]);
