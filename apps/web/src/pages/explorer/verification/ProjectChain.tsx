import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../../components/QueryState';
import { useFormat } from '../../../format/format';
import { useProjectChain } from './anchors-api';

/**
 * One project's hash chain recomputed by the API (GET /projects/{id}/events/verification).
 * The project is in the address (?project=PO.0143) so a finding can be shared as a link.
 */
export function ProjectChain({ projectId, onVerify }: { projectId: string | null; onVerify: (projectId: string) => void }) {
  const { t } = useTranslation('verification');
  const format = useFormat();
  const inputId = useId();
  const [typed, setTyped] = useState(projectId ?? '');
  useEffect(() => setTyped(projectId ?? ''), [projectId]);
  const chain = useProjectChain(projectId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = typed.trim();
    if (wanted === '') return;
    if (wanted === projectId) void chain.refetch();
    else onVerify(wanted);
  };

  return (
    <section aria-labelledby="project-chain-heading" className="verification-section" id="project-chain">
      <h2 id="project-chain-heading">{t('project.heading')}</h2>
      <p className="lead">{t('project.intro')}</p>
      <form className="project-chain-form" onSubmit={submit}>
        <label htmlFor={inputId}>{t('project.label')}</label>{' '}
        <input id={inputId} value={typed} onChange={(event) => setTyped(event.target.value)} placeholder="PO.0143" autoComplete="off" spellCheck={false} />{' '}
        <button type="submit">{t('project.run')}</button>
      </form>
      {projectId !== null &&
        (chain.isFetching ? (
          <p role="status" className="loading">
            {t('project.running', { projectId })}
          </p>
        ) : chain.isError ? (
          <ProblemMessage error={chain.error} />
        ) : chain.data ? (
          <div role="status" className={chain.data.intact ? 'verdict verdict-intact' : 'verdict verdict-broken'} data-testid="project-verdict">
            <p className="verdict-title">
              {chain.data.intact
                ? t('project.intact', { projectId: chain.data.projectId, count: chain.data.events, events: format.number(chain.data.events) })
                : t('project.broken', { projectId: chain.data.projectId })}
            </p>
            {chain.data.firstBreak && (
              <p>{t(`project.problem.${chain.data.firstBreak.problem}`, { revision: chain.data.firstBreak.revision, eventId: chain.data.firstBreak.eventId })}</p>
            )}
            <p>
              {t('project.lastHash')} <code className="hash">{chain.data.lastHash}</code>
            </p>
            {chain.data.intact && <p className="note">{t('project.intactCaveat')}</p>}
          </div>
        ) : null)}
    </section>
  );
}
