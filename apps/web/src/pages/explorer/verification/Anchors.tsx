import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sendJson } from '../../../api/client';
import { ProblemMessage } from '../../../components/QueryState';
import { useFormat } from '../../../format/format';
import { ANCHORS_KEY, useAnchors, usePublishedKey, type AnchorFile } from './anchors-api';
import { checkSignature, importPublicKey, KeyUnreadable, type SignatureVerdict } from './checkpoint-signature';

const SHOWN = 100;

type Verdict = SignatureVerdict | 'unreadable';

/** Every signature checked here, in this browser, with the key chosen: nothing taken on the service's word. */
async function verdictsOf(pem: string, anchors: readonly AnchorFile[]): Promise<{ keyId: string; verdicts: Record<string, Verdict> }> {
  const { key, keyId } = await importPublicKey(pem);
  const verdicts: Record<string, Verdict> = {};
  for (const anchor of anchors) verdicts[anchor.name] = anchor.checkpoint === undefined ? 'unreadable' : await checkSignature(anchor.checkpoint, key);
  return { keyId, verdicts };
}

/** The signed checkpoints (anchors) and their signatures, checked in the browser against a public key. */
export function Anchors({ canSign }: { canSign: boolean }) {
  const { t } = useTranslation('verification');
  const format = useFormat();
  const queryClient = useQueryClient();
  const ids = { source: useId(), pem: useId(), file: useId() };
  const [source, setSource] = useState<'published' | 'held'>('published');
  const [typed, setTyped] = useState('');
  const [heldPem, setHeldPem] = useState<string | null>(null);
  const anchors = useAnchors(SHOWN);
  const published = usePublishedKey(source === 'published');
  const pem = source === 'published' ? (published.data ?? null) : heldPem;
  const list = anchors.data?.anchors ?? [];
  const checked = useQuery({
    queryKey: ['verification', 'signatures', pem, list.map((anchor) => anchor.name).join('\n'), anchors.dataUpdatedAt],
    enabled: pem !== null && anchors.data !== undefined,
    queryFn: () => verdictsOf(pem!, list),
    retry: false,
    staleTime: Infinity,
  });
  const sign = useMutation({
    mutationFn: () => sendJson<unknown>('POST', '/verification/anchors'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ANCHORS_KEY }),
  });

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    setTyped(text);
    setHeldPem(text);
  };
  const verified = Object.values(checked.data?.verdicts ?? {}).filter((verdict) => verdict === 'verified').length;

  return (
    <section aria-labelledby="anchors-heading" className="verification-section">
      <h2 id="anchors-heading">{t('anchors.heading')}</h2>
      <p className="lead">{t('anchors.intro')}</p>

      <fieldset className="key-source">
        <legend>{t('anchors.keyLegend')}</legend>
        <label>
          <input type="radio" name={ids.source} checked={source === 'published'} onChange={() => setSource('published')} /> {t('anchors.published')}
        </label>
        <label>
          <input type="radio" name={ids.source} checked={source === 'held'} onChange={() => setSource('held')} /> {t('anchors.held')}
        </label>
        {source === 'held' && (
          <div className="held-key">
            <label htmlFor={ids.pem}>{t('anchors.pemLabel')}</label>
            <textarea id={ids.pem} rows={4} value={typed} onChange={(event) => setTyped(event.target.value)} placeholder="-----BEGIN PUBLIC KEY-----" spellCheck={false} />
            <p>
              <label htmlFor={ids.file}>{t('anchors.fileLabel')}</label> <input id={ids.file} type="file" accept=".pem,.pub,application/x-pem-file,text/plain" onChange={(event) => void readFile(event)} />
            </p>
            <p>
              <button type="button" onClick={() => setHeldPem(typed)} disabled={typed.trim() === ''}>
                {t('anchors.useKey')}
              </button>
            </p>
          </div>
        )}
      </fieldset>

      {source === 'published' && published.isError && <ProblemMessage error={published.error} />}
      {checked.isError && (
        <div role="alert" className="problem">
          <p>{checked.error instanceof KeyUnreadable ? t(`anchors.keyError.${checked.error.reason}`) : String(checked.error)}</p>
        </div>
      )}
      {checked.data && (
        <p role="status" className={verified === list.length ? 'verdict verdict-intact' : 'verdict verdict-broken'} data-testid="anchors-verdict">
          {t('anchors.summary', { verified, count: list.length, keyId: checked.data.keyId })}
        </p>
      )}

      {canSign && (
        <p>
          <button type="button" className="secondary" onClick={() => sign.mutate()} disabled={sign.isPending}>
            {t('anchors.signNow')}
          </button>
          {sign.isError && <ProblemMessage error={sign.error} />}
        </p>
      )}

      {anchors.isPending ? (
        <p role="status" className="loading">
          {t('loading')}
        </p>
      ) : anchors.isError ? (
        <ProblemMessage error={anchors.error} />
      ) : list.length === 0 ? (
        <p>{t('anchors.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="anchors-table">
            <caption>{t('anchors.caption', { count: list.length, total: anchors.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('anchors.name')}</th>
                <th scope="col" className="numeric">
                  {t('anchors.upTo')}
                </th>
                <th scope="col" className="numeric">
                  {t('anchors.events')}
                </th>
                <th scope="col">{t('anchors.signedAt')}</th>
                <th scope="col">{t('anchors.keyId')}</th>
                <th scope="col">{t('anchors.signature')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((anchor) => {
                const content = anchor.checkpoint ?? {};
                const verdict = checked.data?.verdicts[anchor.name];
                const signedKey = typeof content['keyId'] === 'string' ? content['keyId'] : null;
                return (
                  <tr key={anchor.name} data-anchor={anchor.name}>
                    <th scope="row">
                      <code>{anchor.name}</code>
                    </th>
                    <td className="numeric">{typeof content['upTo'] === 'string' ? content['upTo'] : ''}</td>
                    <td className="numeric">{typeof content['events'] === 'string' ? format.number(Number(content['events'])) : ''}</td>
                    <td>{typeof content['signedAt'] === 'string' ? format.instant(content['signedAt']) : ''}</td>
                    <td>
                      {signedKey && <code title={signedKey}>{signedKey.slice(0, 16)}…</code>}
                      {signedKey && checked.data && signedKey !== checked.data.keyId && <span className="muted"> {t('anchors.otherKey')}</span>}
                    </td>
                    <td className={`signature signature-${verdict ?? 'pending'}`} data-verdict={verdict ?? 'pending'}>
                      {verdict === undefined ? (checked.isFetching ? t('anchors.checking') : '—') : t(`anchors.verdict.${verdict}`)}
                      {anchor.unreadable && <span className="muted"> ({anchor.unreadable})</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
