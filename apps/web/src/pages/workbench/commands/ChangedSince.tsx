import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiPath, getJson } from '../../../api/client';
import type { RecordedEvent, StaffProject } from '../../../api/staff-project';
import { ProblemMessage } from '../../../components/QueryState';
import { useFormat } from '../../../format/format';
import type { CommandResult } from './send-command';

/**
 * The 412 view: the project changed since this page read it, so nothing was recorded.
 * It says what changed — the project's events since the revision the page had (who, what,
 * on which business date) and the facts that differ between the card the page had and
 * the current one — and offers to start again from the current card.
 */
export function ChangedSince({ projectId, had, now, onStartAgain }: { projectId: string; had: StaffProject | undefined; now: StaffProject | undefined; onStartAgain: () => void }) {
  const { t } = useTranslation('workbenchCommands');
  const format = useFormat();
  const since = had?.revision;
  const events = useQuery({
    queryKey: ['workbench', 'events-since', projectId, since],
    queryFn: ({ signal }) => getJson<{ events: RecordedEvent[] }>(apiPath(`/projects/${encodeURIComponent(projectId)}/events`, { fromRevision: (since ?? -1) + 1, limit: 50 }), signal),
    enabled: since !== undefined,
  });
  const differences = had && now ? compare(had, now, format) : [];

  return (
    <section className="changed-since" role="alert" aria-labelledby="changed-since-title">
      <h2 id="changed-since-title">{t('stale.title')}</h2>
      <p>{t('stale.nothingRecorded', { had: had?.revision, now: now?.revision ?? '…' })}</p>
      {differences.length > 0 && (
        <dl className="differences">
          {differences.map(([key, before, after]) => (
            <div key={key}>
              <dt>{t(`facts.${key}`)}</dt>
              <dd>
                <del>{before}</del> → <ins>{after}</ins>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {events.isError && <ProblemMessage error={events.error} />}
      {events.data && events.data.events.length > 0 && (
        <>
          <h3>{t('stale.eventsTitle')}</h3>
          <ol className="events-since">
            {events.data.events.map((event) => (
              <li key={event.revision}>
                <strong>{t(`events.${event.type}`, { defaultValue: event.type })}</strong> — {t('stale.by', { actor: event.metadata.actorId ?? '?' })},{' '}
                <time dateTime={event.effectiveOn}>{format.date(event.effectiveOn)}</time>
                {event.metadata.reason && <> — “{event.metadata.reason}”</>}
              </li>
            ))}
          </ol>
        </>
      )}
      <button type="button" onClick={onStartAgain}>
        {t('stale.startAgain')}
      </button>
    </section>
  );
}

type Format = ReturnType<typeof useFormat>;

function compare(had: StaffProject, now: StaffProject, format: Format): [string, string, string][] {
  const facts: [string, (p: StaffProject) => string][] = [
    ['status', (p) => p.status],
    ['budget', (p) => format.money(p.budget.total)],
    ['disbursed', (p) => format.money(p.money.disbursed)],
    ['spent', (p) => format.money(p.money.spent)],
    ['currentEndDate', (p) => format.date(p.currentEndDate)],
    ['revision', (p) => String(p.revision)],
  ];
  return facts.flatMap(([key, read]) => (read(had) === read(now) ? [] : [[key, read(had), read(now)] as [string, string, string]]));
}

/** What a command recorded, in words: shown after it, until the next intent. */
export function RecordedNote({ result, label }: { result: CommandResult; label: string }) {
  const { t } = useTranslation('workbenchCommands');
  return (
    <div role="status" className="recorded">
      <p>
        <strong>{t('recorded.title', { command: label })}</strong>
      </p>
      {result.recorded.length > 0 ? (
        <ul>
          {result.recorded.map((type, index) => (
            <li key={`${type}-${index}`} data-event={type}>
              {t(`events.${type}`, { defaultValue: type })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('recorded.nothingNew')}</p>
      )}
      <p className="hint">{t('recorded.status', { status: t(`statuses.${result.status}`, { defaultValue: result.status }) })}</p>
    </div>
  );
}
