import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';

/**
 * A query string as people read and share it: the commas of several values left as commas
 * (`status=active,closed`, as the API's examples write them), not `%2C`; a query may hold
 * commas unescaped (RFC 3986).
 */
export function readableSearch(params: URLSearchParams): string {
  const search = params.toString().replace(/%2C/gi, ',');
  return search ? `?${search}` : '';
}

/** The path with the query of `params`, readable. */
export function readableHref(path: string, params: URLSearchParams): string {
  return `${path}${readableSearch(params)}`;
}

/**
 * Changes the page's query string: `update` gets the address's parameters as they are now
 * (not as the last render saw them, so two quick changes build on each other).
 */
export function useChangeSearch(): (update: (current: URLSearchParams) => URLSearchParams, options?: { replace?: boolean }) => void {
  const navigate = useNavigate();
  return useCallback(
    (update, options = {}) => {
      const next = update(new URLSearchParams(window.location.search));
      void navigate({ search: readableSearch(next) }, { replace: options.replace ?? false });
    },
    [navigate],
  );
}

/**
 * A control's value that lives in the address, shown at once when the reader changes it.
 * The router updates the address in a transition; a controlled checkbox, radio or select
 * bound to the address alone would snap back until then (and a second quick change would
 * build on the old value). The pending value gives way when the address changes.
 */
export function usePendingValue<T extends string>(inAddress: T): [T, (value: T) => void] {
  const [pending, setPending] = useState<T | undefined>();
  useEffect(() => setPending(undefined), [inAddress]);
  return [pending ?? inAddress, setPending];
}
