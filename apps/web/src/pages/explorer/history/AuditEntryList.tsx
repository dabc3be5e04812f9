import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEntry } from '../audit-trail';
import { ChangeList } from './ChangeList';
import { EventFacts } from './EventFacts';

/**
 * The project events that reserve in or release from an envelope (the steps of
 * libs/domain/src/workflows/workflow-decider.ts): one command records both, under one
 * correlation id, so a project's entry links to its envelope's movement and back.
 */
const MOVES_ENVELOPE = new Set(['ProjectApproved', 'BudgetRevisionApproved', 'ProjectCancelled', 'ProjectClosed', 'RefundRecorded']);
/** The envelope's field that holds what it reserved for each project (its keys are project ids). */
const RESERVED_BY_PROJECT = 'reservedByProject';

/** The address of a subject's history, with filters. */
export function historyPath(subjectType: string, subjectId: string, filters: Record<string, string> = {}): string {
  const search = new URLSearchParams(filters).toString();
  return `/explorer/history/${encodeURIComponent(subjectType)}/${encodeURIComponent(subjectId)}${search ? `?${search}` : ''}`;
}

/**
 * Entries of the trail, oldest first as the feed recorded them: each with who and in which
 * role, the business date and the recorded instant, the reason, and what it changed.
 * `envelopeOfProject` (a project's history) links its envelope movements.
 */
export function AuditEntryList({ entries, envelopeOfProject, showSubject }: { entries: readonly AuditEntry[]; envelopeOfProject?: string; showSubject: boolean }) {
  const { t } = useTranslation('explorer');
  return (
    <ol className="audit-entries">
      {entries.map((entry) => {
        const projects = entry.subjectType === 'envelope' ? projectsMovedBy(entry) : [];
        return (
          <li key={entry.eventId} className="audit-entry" data-event-type={entry.type} data-revision={entry.revision} data-event-id={entry.eventId}>
            <article aria-labelledby={`entry-${entry.eventId}`}>
              <h3 id={`entry-${entry.eventId}`} className="audit-entry-title">
                <span className="event-type">{entry.type}</span>{' '}
                {showSubject && (
                  <Link to={historyPath(entry.subjectType, entry.subjectId)} className="audit-subject">
                    {t(`subjectType.${entry.subjectType}`)} {entry.subjectId}
                  </Link>
                )}{' '}
                <span className="muted">{t('history.revision', { revision: entry.revision })}</span>
              </h3>
              <EventFacts actorId={entry.actorId} actorRole={entry.actorRole} effectiveOn={entry.effectiveOn} recordedAt={entry.recordedAt} reason={entry.reason} />
              <ChangeList changes={entry.changes} />
              <p className="entry-links">
                {entry.subjectType === 'project' && envelopeOfProject && MOVES_ENVELOPE.has(entry.type) && (
                  <Link className="envelope-movement" to={historyPath('envelope', envelopeOfProject, { correlation: entry.correlationId })}>
                    {t('history.envelopeMovement', { envelope: envelopeOfProject })}
                  </Link>
                )}
                {projects.map((projectId) => (
                  <Link key={projectId} className="project-cause" to={historyPath('project', projectId, { correlation: entry.correlationId })}>
                    {t('history.causedBy', { project: projectId })}
                  </Link>
                ))}
                {entry.subjectType === 'project' && (
                  <Link to={`/explorer/projects/${encodeURIComponent(entry.subjectId)}/replay?revision=${entry.revision}`}>{t('history.replayHere')}</Link>
                )}
              </p>
            </article>
          </li>
        );
      })}
    </ol>
  );
}

/** The projects whose reservation an envelope's entry changed (FundsReserved, FundsReleased). */
function projectsMovedBy(entry: AuditEntry): string[] {
  const change = entry.changes.find((each) => each.field === RESERVED_BY_PROJECT);
  if (!change) return [];
  const was = (change.before ?? {}) as Record<string, unknown>;
  const is = (change.after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((key) => JSON.stringify(was[key]) !== JSON.stringify(is[key]));
}
