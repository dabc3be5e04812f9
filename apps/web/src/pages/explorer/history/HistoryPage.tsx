import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { asOfKey, useAsOf, withAsOf } from '../../../api/as-of';
import { getJson } from '../../../api/client';
import type { StaffProject } from '../../../api/staff-project';
import { useDocumentTitle } from '../../../app/useDocumentTitle';
import { envelopeIdOf, SUBJECT_TYPES, type SubjectType } from '../audit-trail';
import { TrailView } from '../trail/TrailView';

/**
 * /explorer/history/:subjectType/:subjectId — the history of one project, envelope,
 * contribution or code list: every event in order with who, role, business date, recorded
 * instant, reason and what it changed; filters by type, actor and time in the address. A
 * project's approvals and budget changes link to the envelope movements they caused, and
 * the envelope's movements back to the project.
 */
export function HistoryPage() {
  const { t } = useTranslation('explorer');
  const { subjectType = '', subjectId = '' } = useParams();
  const known = (SUBJECT_TYPES as readonly string[]).includes(subjectType);
  const envelope = useEnvelopeOfProject(subjectType === 'project' ? subjectId : undefined);
  const title = known ? t('history.title', { subject: `${t(`subjectType.${subjectType}`)} ${subjectId}` }) : t('history.unknownSubject');
  useDocumentTitle(title);
  return (
    <section className="explorer-page history-page">
      <p className="back-links">
        <Link to="/explorer">{t('home.title')}</Link> · <Link to="/explorer/audit-trail">{t('trail.title')}</Link>
      </p>
      <h1>{title}</h1>
      {!known ? (
        <p role="alert" className="problem">
          {t('history.unknownType', { type: subjectType, types: SUBJECT_TYPES.join(', ') })}
        </p>
      ) : (
        <>
          {subjectType === 'project' && (
            <p className="subject-links">
              <Link to={`/explorer/projects/${encodeURIComponent(subjectId)}/replay`}>{t('history.replay')}</Link> ·{' '}
              <Link to={`/portal/projects/${encodeURIComponent(subjectId)}`}>{t('history.projectPage')}</Link>
              {envelope && (
                <>
                  {' '}
                  · <Link to={`/explorer/history/envelope/${envelope}`}>{t('history.envelopeHistory', { envelope })}</Link>
                </>
              )}
            </p>
          )}
          <TrailView fixed={{ subjectType: subjectType as SubjectType, subject: subjectId }} withProject={false} {...(envelope ? { envelopeOfProject: envelope } : {})} />
        </>
      )}
    </section>
  );
}

/** The envelope (`<year>-<line>`) a project draws on, from its record as of the page's instant. */
function useEnvelopeOfProject(projectId: string | undefined): string | undefined {
  const asOf = useAsOf();
  const path = withAsOf(`/projects/${encodeURIComponent(projectId ?? '')}`, asOf);
  const project = useQuery({
    queryKey: ['explorer', 'project-record', path, asOfKey(asOf)],
    queryFn: ({ signal }) => getJson<StaffProject>(path, signal),
    enabled: projectId !== undefined,
    retry: false,
  });
  return project.data ? envelopeIdOf(project.data.year, project.data.fundingLine) : undefined;
}
