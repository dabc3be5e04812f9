import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AS_OF_PARAM, useAsOf } from '../../../api/as-of';
import { QueryState } from '../../../components/QueryState';
import { auditTrailDownloadPath, trailFiltersOf, useAuditTrailPage, type TrailFilters } from '../audit-trail';
import { AuditEntryList } from '../history/AuditEntryList';

/** The filters a reader types, each one an address parameter (several values comma-separated, as the API takes them). */
const TYPED_FILTERS = ['actor', 'type', 'from', 'to'] as const;

/**
 * A part of the trail: the filters in the address (`actor`, `type`, `from`, `to`, and
 * `project` where `withProject`), a page of entries after the address's `cursor`, the next
 * page's link, and the download of everything the filters select. `fixed` are the filters
 * the page itself sets (a subject's history).
 */
export function TrailView({ fixed, withProject, envelopeOfProject }: { fixed: TrailFilters; withProject: boolean; envelopeOfProject?: string }) {
  const { t } = useTranslation('explorer');
  const [params, setParams] = useSearchParams();
  const asOf = useAsOf();
  const filters: TrailFilters = { ...trailFiltersOf(params), ...fixed };
  const cursor = params.get('cursor') ?? undefined;
  const page = useAuditTrailPage(filters, cursor);
  const formId = useId();
  const names = withProject ? (['project', ...TYPED_FILTERS] as const) : TYPED_FILTERS;

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of names) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    if (params.get('correlation')) next.set('correlation', params.get('correlation')!);
    if (asOf) next.set(AS_OF_PARAM, asOf);
    setParams(next);
  }

  const withCursor = (next: string | undefined) => {
    const copy = new URLSearchParams(params);
    if (next) copy.set('cursor', next);
    else copy.delete('cursor');
    return `?${copy.toString()}`;
  };

  return (
    <>
      <form className="trail-filters" onSubmit={search} aria-labelledby={`${formId}-legend`}>
        <h2 id={`${formId}-legend`}>{t('trail.filters')}</h2>
        <div className="trail-filter-fields">
          {names.map((name) => (
            <label key={name}>
              <span>{t(`trail.filter.${name}`)}</span>
              <input name={name} defaultValue={params.get(name) ?? ''} placeholder={t(`trail.placeholder.${name}`)} />
            </label>
          ))}
        </div>
        <button type="submit">{t('trail.search')}</button>
        {params.get('correlation') && (
          <p className="notice" data-correlation={params.get('correlation')}>
            {t('trail.oneCommand', { correlation: params.get('correlation') })}{' '}
            <Link to={withoutParam(params, 'correlation')}>{t('trail.everyCommand')}</Link>
          </p>
        )}
      </form>
      <p className="exports">
        <a href={auditTrailDownloadPath(filters, asOf)} download className="download-jsonl">
          {t('trail.downloadJsonl')}
        </a>
      </p>
      <QueryState query={page}>
        {({ items, nextCursor }) => (
          <section aria-label={t('trail.entries')} aria-busy={page.isPlaceholderData}>
            {items.length === 0 ? <p className="empty">{t('trail.none')}</p> : <AuditEntryList entries={items} showSubject={!fixed.subject} {...(envelopeOfProject ? { envelopeOfProject } : {})} />}
            <nav className="pager" aria-label={t('trail.pages')}>
              {cursor && <Link to={withCursor(undefined)}>{t('trail.firstPage')}</Link>}
              {nextCursor && (
                <Link to={withCursor(nextCursor)} className="next-page">
                  {t('trail.nextPage')}
                </Link>
              )}
            </nav>
          </section>
        )}
      </QueryState>
    </>
  );
}

function withoutParam(params: URLSearchParams, name: string): string {
  const copy = new URLSearchParams(params);
  copy.delete(name);
  copy.delete('cursor');
  return `?${copy.toString()}`;
}
