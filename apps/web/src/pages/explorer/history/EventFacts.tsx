import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../format/format';

export interface EventFactsProps {
  actorId: string;
  actorRole: string;
  /** The business date the event happened on (YYYY-MM-DD). */
  effectiveOn: string;
  /** The instant it was recorded. */
  recordedAt: string;
  reason?: string | null;
}

/** Who recorded an event, in which role, its business date, when it was recorded and why: a trail entry's and a replay step's facts alike. */
export function EventFacts({ actorId, actorRole, effectiveOn, recordedAt, reason }: EventFactsProps) {
  const { t } = useTranslation('explorer');
  const format = useFormat();
  return (
    <dl className="audit-facts">
      <div>
        <dt>{t('history.who')}</dt>
        <dd>
          <span className="actor">{actorId}</span> <span className="muted">({actorRole})</span>
        </dd>
      </div>
      <div>
        <dt>{t('history.businessDate')}</dt>
        <dd>
          <time dateTime={effectiveOn}>{format.date(effectiveOn)}</time>
        </dd>
      </div>
      <div>
        <dt>{t('history.recordedAt')}</dt>
        <dd>
          <time dateTime={recordedAt} className="recorded-at">
            {recordedAt}
          </time>
        </dd>
      </div>
      {reason && (
        <div>
          <dt>{t('history.reason')}</dt>
          <dd className="reason">{reason}</dd>
        </div>
      )}
    </dl>
  );
}
