import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';

/**
 * What a page shows while its data loads or when the API refused: a status line screen
 * readers announce, the problem's own words (its `detail` and `code`), never a blank page.
 */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <p role="status" className="loading">
        {t('state.loading')}
      </p>
    );
  }
  if (query.isError) return <ProblemMessage error={query.error} />;
  return <>{children(query.data)}</>;
}

export function ProblemMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const problem = error instanceof ApiProblem ? error : undefined;
  return (
    <div role="alert" className="problem">
      <p>
        <strong>{problem?.status === 401 || problem?.status === 403 ? t('state.notAllowed') : t('state.failed')}</strong>
      </p>
      <p>{problem?.message ?? (error as Error)?.message ?? String(error)}</p>
      {problem?.code && <p className="problem-code">{problem.code}</p>}
    </div>
  );
}
