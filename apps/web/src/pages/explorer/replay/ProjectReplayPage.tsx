import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAsOf } from '../../../api/as-of';
import { apiPath, getJson } from '../../../api/client';
import type { RecordedEvent, StaffProject } from '../../../api/staff-project';
import { useDocumentTitle } from '../../../app/useDocumentTitle';
import { QueryState } from '../../../components/QueryState';
import { useFormat, type Formatters } from '../../../format/format';
import { historyPath } from '../history/AuditEntryList';
import { EventFacts } from '../history/EventFacts';

/** GET /projects/{id}/events answers at most this many a page. */
const EVENTS_PAGE = 500;

/** Every event of the project's stream, page after page (a project's stream is bounded by its life, not by the portfolio). */
async function allEventsOf(projectId: string, signal: AbortSignal): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let from: number | null = 0;
  while (from !== null) {
    const page: { events: RecordedEvent[]; nextFromRevision: number | null } = await getJson(apiPath(`/projects/${encodeURIComponent(projectId)}/events`, { fromRevision: from, limit: EVENTS_PAGE }), signal);
    events.push(...page.events);
    from = page.nextFromRevision;
  }
  return events;
}

/** The project as its events up to `revision` left it (GET /projects/{id}?atRevision=). */
function useCardAt(projectId: string, revision: number | undefined) {
  return useQuery({
    queryKey: ['explorer', 'card-at', projectId, revision],
    queryFn: ({ signal }) => getJson<StaffProject>(apiPath(`/projects/${encodeURIComponent(projectId)}`, { atRevision: revision }), signal),
    enabled: revision !== undefined && revision >= 0,
    // A revision, once recorded, never changes.
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

/**
 * /explorer/projects/:projectId/replay?revision=N — one project's life, event by event:
 * the event recorded at revision N (who, role, business date, instant, reason) and the
 * project's card as that event left it, each figure that the event changed marked. With an
 * instant chosen, only the events recorded up to it.
 */
export function ProjectReplayPage() {
  const { t } = useTranslation('explorer');
  const { projectId = '' } = useParams();
  const [params] = useSearchParams();
  const asOf = useAsOf();
  const events = useQuery({ queryKey: ['explorer', 'events', projectId], queryFn: ({ signal }) => allEventsOf(projectId, signal) });
  useDocumentTitle(t('replay.title', { projectId }));
  return (
    <section className="explorer-page replay-page">
      <p className="back-links">
        <Link to="/explorer">{t('home.title')}</Link> · <Link to={historyPath('project', projectId)}>{t('replay.history')}</Link>
      </p>
      <h1>{t('replay.title', { projectId })}</h1>
      <p className="lead">{t('replay.intro')}</p>
      <QueryState query={events}>
        {(all) => {
          const steps = asOf ? all.filter((event) => Date.parse(event.recordedAt) <= Date.parse(asOf)) : all;
          if (steps.length === 0) return <p className="empty">{t('replay.none')}</p>;
          const asked = Number(params.get('revision'));
          const last = steps.at(-1)!.revision;
          const revision = params.get('revision') !== null && Number.isInteger(asked) && asked >= 0 && asked <= last ? asked : last;
          return <Replay projectId={projectId} steps={steps} revision={revision} />;
        }}
      </QueryState>
    </section>
  );
}

function Replay({ projectId, steps, revision }: { projectId: string; steps: RecordedEvent[]; revision: number }) {
  const { t } = useTranslation('explorer');
  const format = useFormat();
  const [params] = useSearchParams();
  const card = useCardAt(projectId, revision);
  const before = useCardAt(projectId, revision > 0 ? revision - 1 : undefined);
  const index = steps.findIndex((step) => step.revision === revision);
  const event = steps[index]!;
  const at = (step: RecordedEvent | undefined) => {
    if (!step) return undefined;
    const copy = new URLSearchParams(params);
    copy.set('revision', String(step.revision));
    return `?${copy.toString()}`;
  };
  const stepLink = (step: RecordedEvent | undefined, label: string, className: string) => {
    const to = at(step);
    return to && step!.revision !== revision ? (
      <Link to={to} className={className}>
        {label}
      </Link>
    ) : (
      <span className={`${className} muted`} aria-disabled="true">
        {label}
      </span>
    );
  };
  return (
    <div className="replay">
      <nav className="replay-steps" aria-label={t('replay.steps')}>
        {stepLink(steps[0], t('replay.first'), 'step-first')}
        {stepLink(steps[index - 1], t('replay.previous'), 'step-previous')}
        <span className="step-count" aria-live="polite">
          {t('replay.stepOf', { step: index + 1, count: steps.length })}
        </span>
        {stepLink(steps[index + 1], t('replay.next'), 'step-next')}
        {stepLink(steps.at(-1), t('replay.last'), 'step-last')}
      </nav>
      <div className="replay-grid">
        <section aria-labelledby="replay-event" className="replay-event" data-revision={event.revision} data-event-type={event.type}>
          <h2 id="replay-event">
            {t('replay.event', { revision: event.revision })}: <span className="event-type">{event.type}</span>
          </h2>
          <EventFacts
            actorId={event.metadata.actorId ?? ''}
            actorRole={String((event.metadata as Record<string, unknown>).actorRole ?? '')}
            effectiveOn={event.effectiveOn}
            recordedAt={event.recordedAt}
            reason={event.metadata.reason}
          />
          <h3>{t('replay.allSteps')}</h3>
          <ol className="replay-list">
            {steps.map((step) => (
              <li key={step.revision}>
                <Link to={at(step)!} aria-current={step.revision === revision ? 'step' : undefined}>
                  {step.revision}. {step.type}
                </Link>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="replay-card" className="replay-card" aria-busy={card.isPlaceholderData || card.isFetching}>
          <h2 id="replay-card">{t('replay.card', { revision })}</h2>
          <QueryState query={card}>
            {(now) => <CardFacts card={now} before={revision > 0 ? before.data : undefined} format={format} />}
          </QueryState>
        </section>
      </div>
    </div>
  );
}

/** The card's figures a reader follows through a project's life, each with what it was before the event. */
function factsOf(card: StaffProject, format: Formatters): [string, string, ReactNode][] {
  const money = (key: string, amount: string | undefined) => [key, amount ?? '', <span data-amount={amount}>{format.money(amount)}</span>] as [string, string, ReactNode];
  const text = (key: string, value: string | undefined, node?: ReactNode) => [key, value ?? '', node ?? value ?? '—'] as [string, string, ReactNode];
  return [
    text('status', card.status),
    ...Object.entries(card.title ?? {}).map(([language, title]) => text(`title.${language}`, title, <span lang={language}>{title}</span>)),
    money('budget', card.budget?.total),
    money('committed', card.money?.committed),
    money('disbursed', card.money?.disbursed),
    money('spent', card.money?.spent),
    money('refunded', card.money?.refunded),
    money('undisbursed', card.money?.undisbursed),
    text('currentEndDate', card.currentEndDate, <time dateTime={card.currentEndDate}>{format.date(card.currentEndDate)}</time>),
    text('beneficiaryStates', (card.beneficiaryStates ?? []).map((state) => `${state.code} ${state.share}`).join(', ')),
    text('transactions', String(card.transactions?.length ?? 0)),
    text('pending', [card.pendingBudgetRevision ? 'budget-revision' : '', card.pendingNoCostExtension ? 'no-cost-extension' : ''].filter(Boolean).join(', ')),
  ];
}

function CardFacts({ card, before, format }: { card: StaffProject; before: StaffProject | undefined; format: Formatters }) {
  const { t } = useTranslation('explorer');
  const was = new Map(before ? factsOf(before, format).map(([key, value]) => [key, value]) : []);
  return (
    <table className="card-facts">
      <caption className="visually-hidden">{t('replay.cardCaption')}</caption>
      <tbody>
        {factsOf(card, format).map(([key, value, node]) => {
          const changed = before !== undefined && was.get(key) !== value;
          return (
            <tr key={key} data-fact={key} data-value={value} className={changed ? 'changed' : undefined}>
              <th scope="row">{t(`replay.fact.${key.startsWith('title.') ? 'title' : key}`, { language: key.slice(6) })}</th>
              <td>
                {node}
                {changed && <span className="changed-mark"> {t('replay.changed')}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
