import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../format/format';
import type { StoreBreak } from './verification-stream';

const PROJECT_STREAM = 'project-';

/** A range of positions as people read it: one position, or from–to. */
export function positions(ranges: readonly (readonly [string, string])[]): string {
  return ranges.map(([from, to]) => (from === to ? from : `${from}–${to}`)).join(', ');
}

/** One break in words: what it means, where it is, and which checkpoint it contradicts. */
export function BreakExplanation({ found, onVerifyProject }: { found: StoreBreak; onVerifyProject: (projectId: string) => void }) {
  const { t } = useTranslation('verification');
  const format = useFormat();
  const streamOf = 'streamId' in found ? found.streamId : undefined;

  let text: string;
  let details: string[] = [];
  switch (found.kind) {
    case 'chain-broken':
      text = t(`breaks.chain.${found.problem}`, {
        streamId: found.streamId,
        revision: found.revision,
        position: found.position,
        eventId: found.eventId,
        expected: found.expectedRevision,
      });
      break;
    case 'recorded-at-rewritten':
      text = t('breaks.recordedAt', { streamId: found.streamId, revision: found.revision, position: found.position, stored: found.stored, hashed: found.hashed });
      break;
    case 'position-gap':
      text = t('breaks.gap', { count: found.from === found.to ? 1 : 2, positions: positions([[found.from, found.to]]) });
      break;
    case 'head-mismatch':
      text =
        found.recorded === null
          ? t('breaks.head.noHead', { streamId: found.streamId, last: found.lastEvent?.revision })
          : found.lastEvent === null
            ? t('breaks.head.noEvents', { streamId: found.streamId, recorded: found.recorded.revision })
            : found.recorded.revision === found.lastEvent.revision
              ? t('breaks.head.hash', { streamId: found.streamId, revision: found.recorded.revision })
              : t('breaks.head.revision', { streamId: found.streamId, recorded: found.recorded.revision, last: found.lastEvent.revision });
      break;
    case 'checkpoint-contradicted': {
      const checkpoint = { name: found.checkpoint.name, upTo: found.checkpoint.upTo, signedAt: format.instant(found.checkpoint.signedAt) };
      if (found.problem === 'heads-differ') {
        text = t('breaks.contradicted.heads-differ', { ...checkpoint, kinds: found.streamKinds.map((entry) => t(`streamKinds.${entry.kind}`, { defaultValue: entry.kind })).join(', ') });
        details = found.streamKinds.map((entry) =>
          t('breaks.contradicted.kind', {
            kind: t(`streamKinds.${entry.kind}`, { defaultValue: entry.kind }),
            signed: entry.signed ? t('breaks.contradicted.heads', { streams: entry.signed.streams, digest: entry.signed.digest.slice(0, 16) }) : t('breaks.contradicted.none'),
            found: entry.found ? t('breaks.contradicted.heads', { streams: entry.found.streams, digest: entry.found.digest.slice(0, 16) }) : t('breaks.contradicted.none'),
          }),
        );
      } else {
        text = t('breaks.contradicted.events-missing', { ...checkpoint, positions: positions(found.missing) });
      }
      break;
    }
    case 'checkpoint-unverifiable':
      text = t('breaks.unverifiable', { name: found.checkpoint, reason: found.reason });
      break;
  }

  return (
    <article className="break" data-kind={found.kind}>
      <h4>
        {t(`kinds.${found.kind}`)} <code className="break-code">{found.kind}{'problem' in found ? ` · ${found.problem}` : ''}</code>
      </h4>
      <p>{text}</p>
      {details.length > 0 && (
        <ul>
          {details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
      {streamOf?.startsWith(PROJECT_STREAM) && (
        <p>
          <button type="button" className="secondary" onClick={() => onVerifyProject(streamOf.slice(PROJECT_STREAM.length))}>
            {t('breaks.verifyProject', { projectId: streamOf.slice(PROJECT_STREAM.length) })}
          </button>
        </p>
      )}
    </article>
  );
}
