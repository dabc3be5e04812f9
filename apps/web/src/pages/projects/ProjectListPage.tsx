import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFundingSummary } from '../../api/funding-summary';
import { iatiFilePath } from '../../api/iati';
import { portfolioCsvPath, SORT_FIELDS, usePortfolioPage } from '../../api/portfolio-list';
import { ProblemMessage } from '../../components/QueryState';
import { readableHref, useChangeSearch, usePendingValue } from '../../components/filters/address';
import { paramsOfFilters, useFilterParams } from '../../components/filters/filter-params';
import { useLabels } from '../../components/filters/labels';
import { PortfolioFilters } from '../../components/filters/PortfolioFilters';
import { useFormat } from '../../format/format';
import { DEFAULT_PAGE_SIZE, firstPageParams, PAGE_POSITION, PAGE_SIZES, useListPosition } from './list-params';
import { Pager } from './Pager';
import { ProjectTable } from './ProjectTable';
import { SearchBox } from './SearchBox';

/**
 * The portfolio list: search in any script, the shared filters, the API's sort fields and
 * cursor pages, everything in the address. One page per request (the API's `limit`), so
 * 10,000 projects cost what 40 do; the page on screen stays while the next one loads. The
 * CSV is the API's download of the same search, filters and sort.
 *
 * The root carries data-state: "loading" until the page of the current address is shown,
 * then "ready" ("error" if the API refused).
 */
export function ProjectListPage() {
  const { t } = useTranslation('projects');
  const format = useFormat();
  const labels = useLabels();
  const [params] = useSearchParams();
  const setParams = useChangeSearch();
  const filterParams = useFilterParams(PAGE_POSITION);
  const { filters } = filterParams;
  const position = useListPosition();
  const order = { sort: position.sort, direction: position.direction };
  // What the selects show at once, while the address follows (see usePendingValue).
  const [sortShown, showSort] = usePendingValue<string>(position.sort ?? 'projectId');
  const [directionShown, showDirection] = usePendingValue<string>(position.direction ?? 'asc');
  const [limitShown, showLimit] = usePendingValue(position.limit);
  const page = usePortfolioPage(filters, order, { limit: position.limit, cursor: position.cursor });
  // How many projects match: the funding summary counts them for the same filters and search.
  const matching = useFundingSummary('line', filters);

  const change = useCallback(
    (name: string, value: string, replace = false) =>
      setParams(
        (current) => {
          const next = firstPageParams(current);
          if (value) next.set(name, value);
          else next.delete(name);
          return next;
        },
        { replace },
      ),
    [setParams],
  );
  // Set when a pager link is followed, taken by the next page's pager (see Pager).
  const pagerFollowed = useRef(false);
  const pagerMoved = useCallback(() => {
    pagerFollowed.current = true;
  }, []);
  const pagerMayTakeFocus = useCallback(() => {
    const followed = pagerFollowed.current;
    pagerFollowed.current = false;
    return followed;
  }, []);
  const search = useCallback((q: string) => change('q', q.trim(), true), [change]);

  const shown = page.data !== undefined && !page.isPlaceholderData;
  const state = page.isError ? 'error' : shown ? 'ready' : 'loading';
  const count = matching.data && !matching.isPlaceholderData ? matching.data.total.projects : undefined;

  return (
    <div className="project-list" data-state={state}>
      <h1>{t('title')}</h1>
      <SearchBox value={filters.q ?? ''} onSearch={search} />
      <PortfolioFilters {...filterParams} />

      <div className="list-tools">
        <div className="list-order">
          <label>
            <span>{t('sortBy')}</span>
            <select
              value={sortShown}
              onChange={(event) => {
                showSort(event.target.value);
                change('sort', event.target.value === 'projectId' ? '' : event.target.value);
              }}
            >
              {SORT_FIELDS.map((field) => (
                <option key={field} value={field}>
                  {t(`sort.${field}`)}
                </option>
              ))}
              {position.sort !== undefined && !(SORT_FIELDS as readonly string[]).includes(position.sort) && <option value={position.sort}>{position.sort}</option>}
            </select>
          </label>
          <label>
            <span>{t('direction')}</span>
            <select
              value={directionShown}
              onChange={(event) => {
                showDirection(event.target.value);
                change('direction', event.target.value === 'asc' ? '' : event.target.value);
              }}
            >
              <option value="asc">{t('ascending')}</option>
              <option value="desc">{t('descending')}</option>
              {position.direction !== undefined && position.direction !== 'asc' && position.direction !== 'desc' && <option value={position.direction}>{position.direction}</option>}
            </select>
          </label>
          <label>
            <span>{t('pageSize')}</span>
            <select
              value={limitShown}
              onChange={(event) => {
                showLimit(event.target.value);
                change('limit', event.target.value === String(DEFAULT_PAGE_SIZE) ? '' : event.target.value);
              }}
            >
              {PAGE_SIZES.map((size) => (
                <option key={size} value={String(size)}>
                  {format.number(size)}
                </option>
              ))}
              {!(PAGE_SIZES as readonly number[]).map(String).includes(position.limit) && <option value={position.limit}>{position.limit}</option>}
            </select>
          </label>
        </div>
        <ul className="downloads" aria-label={t('downloads')}>
          <li>
            <a href={portfolioCsvPath(filters, order)} download>
              {count === undefined ? t('downloadCsv') : t('downloadCsvCount', { count, formatted: format.number(count) })}
            </a>
          </li>
          <li>
            <a href={iatiFilePath()} download>
              {t('downloadIati')}
            </a>
          </li>
        </ul>
      </div>

      <p className="list-summary" role="status">
        {page.isFetching && page.data ? t('updating') : count === undefined ? '' : t('matching', { count, formatted: format.number(count) })}
      </p>
      <p className="see-overview">
        <Link to={readableHref('/', paramsOfFilters({ ...filters, q: undefined }))}>{t('seeOverview')}</Link>
      </p>

      {page.isError ? (
        <>
          <ProblemMessage error={page.error} />
          {position.cursor && (
            <p>
              <Link to={readableHref('/portal/projects', firstPageParams(params))}>{t('firstPage')}</Link>
            </p>
          )}
        </>
      ) : page.data === undefined ? (
        <p role="status" className="loading">
          {t('loading')}
        </p>
      ) : page.data.items.length === 0 ? (
        <p className="empty">{t('none')}</p>
      ) : (
        <div aria-busy={page.isPlaceholderData}>
          <ProjectTable items={page.data.items} labels={labels} caption={t('caption', { page: format.number(position.pageNumber) })} />
          {shown && (
            <Pager
              key={position.cursor ?? 'first'}
              params={params}
              position={position}
              nextCursor={page.data.nextCursor}
              onMove={pagerMoved}
              mayTakeFocus={pagerMayTakeFocus}
            />
          )}
        </div>
      )}
    </div>
  );
}
