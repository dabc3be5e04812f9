import { isRouteErrorResponse, useRouteError } from 'react-router';

/** A page that failed to load or render: said plainly, with a way back. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : String(error);
  return (
    <main id="main" className="page">
      <h1>Something went wrong</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/">Back to the overview</a>
      </p>
    </main>
  );
}
