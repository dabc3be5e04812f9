import { useEffect, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../../components/QueryState';
import { useFormat } from '../../../format/format';
import { BreakExplanation } from './BreakExplanation';
import { streamVerification, type StoreBreak, type VerificationLine, type VerificationProgress, type VerificationSummary } from './verification-stream';

interface Run {
  state: 'idle' | 'running' | 'done' | 'stopped' | 'failed';
  progress?: VerificationProgress;
  breaks: StoreBreak[];
  summary?: VerificationSummary;
  /** The API's own words when it could not finish, or the request's problem. */
  failure?: unknown;
}

type Action = { type: 'start' } | { type: 'line'; line: VerificationLine } | { type: 'ended' } | { type: 'stopped' } | { type: 'failed'; error: unknown };

function reduce(run: Run, action: Action): Run {
  switch (action.type) {
    case 'start':
      return { state: 'running', breaks: [] };
    case 'line': {
      const { line } = action;
      if ('progress' in line) return { ...run, progress: line.progress };
      if ('break' in line) return { ...run, breaks: [...run.breaks, line.break] };
      if ('summary' in line) return { ...run, summary: line.summary, state: 'done' };
      return { ...run, state: 'failed', failure: new Error(line.error) };
    }
    case 'ended':
      // An answer that ends without its summary was cut short (the service stopped, the network broke).
      return run.state === 'running' ? { ...run, state: 'failed', failure: new Error('incomplete') } : run;
    case 'stopped':
      return { ...run, state: 'stopped' };
    case 'failed':
      return { ...run, state: 'failed', failure: action.error };
  }
}

/** The whole store verified on demand, its progress shown as the API streams it. */
export function StoreVerification({ onVerifyProject }: { onVerifyProject: (projectId: string) => void }) {
  const { t } = useTranslation('verification');
  const format = useFormat();
  const [run, dispatch] = useReducer(reduce, { state: 'idle', breaks: [] });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = () => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    dispatch({ type: 'start' });
    streamVerification(current.signal, (line) => dispatch({ type: 'line', line })).then(
      () => dispatch({ type: 'ended' }),
      (error: unknown) => dispatch(current.signal.aborted ? { type: 'stopped' } : { type: 'failed', error }),
    );
  };
  const stop = () => controller.current?.abort();

  const { progress, summary } = run;
  const eventsPhase = progress?.phase === 'events' && progress.of !== undefined;
  return (
    <section aria-labelledby="store-verification-heading" className="verification-section">
      <h2 id="store-verification-heading">{t('store.heading')}</h2>
      <p className="lead">{t('store.intro')}</p>
      <p>
        {run.state === 'running' ? (
          <button type="button" className="secondary" onClick={stop}>
            {t('store.stop')}
          </button>
        ) : (
          <button type="button" onClick={start}>
            {run.state === 'idle' ? t('store.run') : t('store.runAgain')}
          </button>
        )}
      </p>
      {run.state === 'running' && (
        <div className="verification-progress">
          <progress
            aria-labelledby="verification-progress-text"
            max={eventsPhase ? Math.max(1, Number(progress.of)) : undefined}
            value={eventsPhase ? Number(progress.done) : undefined}
          />
          <p id="verification-progress-text" role="status">
            {progress === undefined
              ? t('store.starting')
              : progress.phase === 'events'
                ? t('store.progressEvents', { done: format.number(Number(progress.done)), of: format.number(Number(progress.of ?? progress.done)) })
                : t('store.progressHeads', { done: format.number(Number(progress.done)) })}
            {run.breaks.length > 0 && ` ${t('store.breaksSoFar', { count: run.breaks.length })}`}
          </p>
        </div>
      )}
      {run.state === 'stopped' && <p role="status">{t('store.stopped')}</p>}
      {run.state === 'failed' && <ProblemMessage error={run.failure instanceof Error && run.failure.message === 'incomplete' ? new Error(t('store.incomplete')) : run.failure} />}
      {summary && (
        <div role="status" className={summary.intact ? 'verdict verdict-intact' : 'verdict verdict-broken'} data-testid="store-verdict">
          <p className="verdict-title">{summary.intact ? t('store.intact') : t('store.broken', { count: summary.breaks })}</p>
          <p>
            {t('store.covered', {
              events: format.number(summary.events),
              streams: format.number(summary.streams),
              upTo: summary.upTo,
            })}{' '}
            {summary.checkpoints.latest
              ? t('store.checkpoints', {
                  count: summary.checkpoints.verified,
                  name: summary.checkpoints.latest.name,
                  upTo: summary.checkpoints.latest.upTo,
                  signedAt: format.instant(summary.checkpoints.latest.signedAt),
                })
              : t('store.noCheckpoints')}
          </p>
          {summary.gapsSignedAbsent.length > 0 && <p>{t('store.gapsSignedAbsent', { ranges: summary.gapsSignedAbsent.map(([from, to]) => (from === to ? from : `${from}–${to}`)).join(', ') })}</p>}
        </div>
      )}
      {run.breaks.length > 0 && (
        <>
          <h3>{t('store.breaksHeading', { count: run.breaks.length })}</h3>
          <ol className="break-list">
            {run.breaks.map((found, index) => (
              <li key={index}>
                <BreakExplanation found={found} onVerifyProject={onVerifyProject} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
