import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiProblem } from '../../../api/client';
import { etagOf, useStaffProject } from '../../../api/staff-project';
import { useDocumentTitle } from '../../../app/useDocumentTitle';
import { ProblemMessage, QueryState } from '../../../components/QueryState';
import { useFormat } from '../../../format/format';
import { pickText } from '../../../format/project-text';
import { ChangedSince, RecordedNote } from '../commands/ChangedSince';
import { COMMAND_FORMS } from '../commands/command-forms';
import { CommandForm } from '../commands/CommandForm';
import type { CommandResult } from '../commands/send-command';
import { askOfEnvelope, QUEUE_PAGE, useApprovalQueue, useEnvelopes, WAITING_KINDS, type QueueItem } from './approval-queue';

/**
 * /workbench/approvals — everything waiting for an approver, oldest first (GET
 * /approval-queue): what, on which project, who asked and how long it has waited, whether
 * the reader may decide it (four eyes) and, for what would draw on an envelope, the room
 * left in it. The awaited decision is sent from here with the same form as on the project
 * page; the other decisions (return, reject, retain…) are on the project's page.
 */
export function ApprovalQueuePage() {
  const { t } = useTranslation('workbenchCommands');
  const [params, setParams] = useSearchParams();
  const kinds = (params.get('kind') ?? '').split(',').filter((kind) => (WAITING_KINDS as readonly string[]).includes(kind));
  const queue = useApprovalQueue(kinds);
  const items = queue.data?.pages.flatMap((page) => page.items) ?? [];
  const [recorded, setRecorded] = useState<{ result: CommandResult; label: string } | null>(null);
  useDocumentTitle(t('queue.title'));

  function toggle(kind: string, on: boolean) {
    const next = on ? [...kinds, kind] : kinds.filter((k) => k !== kind);
    const search = new URLSearchParams(params);
    if (next.length > 0) search.set('kind', WAITING_KINDS.filter((k) => next.includes(k)).join(','));
    else search.delete('kind');
    setParams(search, { replace: true });
  }

  return (
    <section className="approval-queue">
      <h1>{t('queue.title')}</h1>
      <p className="hint">{t('queue.intro')}</p>
      <fieldset className="kind-filter">
        <legend>{t('queue.kindFilter')}</legend>
        {WAITING_KINDS.map((kind) => (
          <label key={kind}>
            <input type="checkbox" checked={kinds.includes(kind)} onChange={(event) => toggle(kind, event.target.checked)} /> {t(`kinds.${kind}`)}
          </label>
        ))}
      </fieldset>
      {recorded && <RecordedNote result={recorded.result} label={recorded.label} />}
      {queue.isPending ? (
        <p role="status" className="loading">
          {t('state.loading', { ns: 'common' })}
        </p>
      ) : queue.isError ? (
        <ProblemMessage error={queue.error} />
      ) : items.length === 0 ? (
        <p>{t('queue.empty')}</p>
      ) : (
        <>
          <QueueItems items={items} onRecorded={(result, label) => setRecorded({ result, label })} onOpen={() => setRecorded(null)} />
          <div className="queue-pager">
            <p role="status">{queue.hasNextPage ? t('queue.shownSoFar', { count: items.length }) : t('queue.shownAll', { count: items.length })}</p>
            {queue.hasNextPage && (
              <button type="button" className="secondary" onClick={() => void queue.fetchNextPage()} disabled={queue.isFetchingNextPage}>
                {queue.isFetchingNextPage ? t('state.loading', { ns: 'common' }) : t('queue.more', { count: QUEUE_PAGE })}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function QueueItems({ items, onRecorded, onOpen }: { items: QueueItem[]; onRecorded: (result: CommandResult, label: string) => void; onOpen: () => void }) {
  const envelopes = useEnvelopes(items);
  const [deciding, setDeciding] = useState<{ key: string; instance: number } | null>(null);
  return (
    <ol className="queue-items">
      {items.map((item) => {
        const key = `${item.projectId}:${item.kind}:${item.requestId ?? item.reportId ?? ''}`;
        return (
          <QueueEntry
            key={key}
            item={item}
            envelope={envelopes.get(`${item.year}/${item.fundingLine}`)}
            deciding={deciding?.key === key ? deciding.instance : undefined}
            onDecide={() => {
              onOpen();
              setDeciding({ key, instance: (deciding?.instance ?? 0) + 1 });
            }}
            onClose={() => setDeciding(null)}
            onRecorded={(result, label) => {
              setDeciding(null);
              onRecorded(result, label);
            }}
          />
        );
      })}
    </ol>
  );
}

function QueueEntry({
  item,
  envelope,
  deciding,
  onDecide,
  onClose,
  onRecorded,
}: {
  item: QueueItem;
  envelope: ReturnType<typeof useEnvelopes> extends Map<string, infer V> ? V | undefined : never;
  deciding: number | undefined;
  onDecide: () => void;
  onClose: () => void;
  onRecorded: (result: CommandResult, label: string) => void;
}) {
  const { t, i18n } = useTranslation('workbenchCommands');
  const format = useFormat();
  const title = pickText(item.title, i18n.resolvedLanguage ?? 'en');
  const asker = item.requestedBy ?? item.submittedBy ?? item.endorsedBy ?? item.draftedBy;
  const ask = askOfEnvelope(item);
  const label = t(`commands.${item.decision.command}`, { defaultValue: item.decision.command });
  const headingId = `queue-${item.projectId}-${item.kind}-${item.requestId ?? item.reportId ?? ''}`.replace(/[^\w-]/g, '-');

  return (
    <li className="queue-item" data-project-id={item.projectId} data-kind={item.kind} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(`kinds.${item.kind}`)}: <Link to={`/workbench/projects/${encodeURIComponent(item.projectId)}`}>{item.projectId}</Link>{' '}
        <span lang={title?.language} dir={title?.dir} className="queue-title">
          {title?.text}
        </span>
      </h2>
      <dl className="key-facts">
        <div>
          <dt>{t('queue.askedBy')}</dt>
          <dd>{asker ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('queue.waiting')}</dt>
          <dd>
            <time dateTime={item.waitingSince}>{format.instant(item.waitingSince)}</time> ({waitedInWords(item.waitingSeconds, i18n.resolvedLanguage ?? 'en', t)})
          </dd>
        </div>
        <div>
          <dt>{item.kind === 'budget-revision' ? t('queue.budgetAsked') : t('facts.budget')}</dt>
          <dd>
            {item.requestedBudget ? (
              <>
                <data value={item.budget}>{format.money(item.budget)}</data> → <data value={item.requestedBudget.total}>{format.money(item.requestedBudget.total)}</data>
              </>
            ) : (
              <data value={item.budget}>{format.money(item.budget)}</data>
            )}
          </dd>
        </div>
        {item.newEndDate && (
          <div>
            <dt>{t('facts.currentEndDate')}</dt>
            <dd>
              {format.date(item.currentEndDate)} → {format.date(item.newEndDate)}
            </dd>
          </div>
        )}
        {item.reportKind && (
          <div>
            <dt>{t('queue.report')}</dt>
            <dd>
              {t(`reportKinds.${item.reportKind}`)} ({item.reportId})
            </dd>
          </div>
        )}
        {item.reason && (
          <div>
            <dt>{t('fields.reason')}</dt>
            <dd>{item.reason}</dd>
          </div>
        )}
        {ask !== undefined && (
          <div className="envelope-room" data-envelope={`${item.year}/${item.fundingLine}`}>
            <dt>{t('queue.room', { year: item.year, line: item.fundingLine })}</dt>
            <dd>
              {envelope === undefined || envelope.isPending ? (
                t('state.loading', { ns: 'common' })
              ) : envelope.isError ? (
                <ProblemMessage error={envelope.error} />
              ) : envelope.data === null ? (
                t('queue.noEnvelope')
              ) : (
                <>
                  <data value={envelope.data.available}>{format.money(envelope.data.available)}</data>{' '}
                  {Number(envelope.data.available) < ask ? (
                    <strong className="short">{t('queue.tooLittle', { ask: format.money(ask) })}</strong>
                  ) : (
                    <span>{t('queue.enough', { ask: format.money(ask) })}</span>
                  )}
                </>
              )}
            </dd>
          </div>
        )}
      </dl>
      {item.mayAct ? (
        <p className="queue-actions">
          <button type="button" onClick={onDecide} aria-expanded={deciding !== undefined}>
            {t('open', { command: label })}
          </button>{' '}
          <Link to={`/workbench/projects/${encodeURIComponent(item.projectId)}`}>{t('queue.otherDecisions')}</Link>
        </p>
      ) : (
        <p className="refusal" data-refusal={item.refusal?.code}>
          <strong>{t('queue.mayNotAct')}</strong> {item.refusal?.detail}
        </p>
      )}
      {deciding !== undefined && <DecideForm key={deciding} item={item} label={label} onClose={onClose} onRecorded={(result) => onRecorded(result, label)} />}
    </li>
  );
}

/**
 * The awaited decision's form. It reads the project's card first: its revision is the
 * If-Match, so a decision taken on a project someone changed meanwhile is refused (412).
 */
function DecideForm({ item, label, onClose, onRecorded }: { item: QueueItem; label: string; onClose: () => void; onRecorded: (result: CommandResult) => void }) {
  const queryClient = useQueryClient();
  const card = useStaffProject(item.projectId);
  const [stale, setStale] = useState<ApiProblem | null>(null);
  const spec = COMMAND_FORMS[item.decision.command];
  if (!spec) return null;
  if (stale && card.data) {
    return (
      <ChangedSince
        projectId={item.projectId}
        had={card.data}
        now={undefined}
        onStartAgain={() => {
          setStale(null);
          void queryClient.invalidateQueries({ queryKey: ['approval-queue'] });
          void card.refetch();
        }}
      />
    );
  }
  return (
    <QueryState query={card}>
      {(project) => (
        <CommandForm
          entry={{ ...item.decision, ...(item.requestId ? { requestId: item.requestId } : {}), ...(item.reportId ? { reportId: item.reportId } : {}) }}
          spec={spec}
          project={project}
          ifMatch={etagOf(project)}
          onRecorded={(result) => {
            onRecorded(result);
            void queryClient.invalidateQueries({ queryKey: ['approval-queue'] });
            void queryClient.invalidateQueries({ queryKey: ['workbench'] });
          }}
          onStale={(problem) => setStale(problem)}
          onCancel={onClose}
        />
      )}
    </QueryState>
  );
}

/** "3 days", "5 hours", "12 minutes": how long it waited, in the reader's language. */
function waitedInWords(seconds: number, locale: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'long' });
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    seconds >= 86_400 ? [Math.floor(seconds / 86_400), 'day'] : seconds >= 3_600 ? [Math.floor(seconds / 3_600), 'hour'] : [Math.max(1, Math.floor(seconds / 60)), 'minute'];
  return t('queue.waited', { ago: format.format(-value, unit) });
}
