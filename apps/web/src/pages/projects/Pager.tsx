import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { readableHref } from '../../components/filters/address';
import { useFormat } from '../../format/format';
import { firstPageParams, nextPageParams, previousPageParams, type ListPosition } from './list-params';

/**
 * First, previous and next page by the API's cursors. Shown only with the page it belongs
 * to (a next cursor belongs to its page); after a keyboard user moved on, the current page's
 * mark takes the focus back, so Tab reaches "Next page" again instead of the top of the page.
 */
export function Pager({
  params,
  position,
  nextCursor,
  onMove,
  mayTakeFocus,
}: {
  params: URLSearchParams;
  position: ListPosition;
  nextCursor: string | null;
  /** A pager link was followed. */
  onMove: () => void;
  /** Asked once, when this page's pager appears: whether the keyboard came here by the pager. */
  mayTakeFocus: () => boolean;
}) {
  const { t } = useTranslation('projects');
  const format = useFormat();
  const current = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (mayTakeFocus()) current.current?.focus();
  }, [mayTakeFocus]);
  const link = (search: URLSearchParams, text: string, rel?: string) => (
    <Link to={readableHref('/portal/projects', search)} rel={rel} onClick={onMove}>
      {text}
    </Link>
  );
  return (
    <nav className="pager" aria-label={t('pages')}>
      <ul>
        {position.pageNumber > 2 && <li>{link(firstPageParams(params), t('firstPage'))}</li>}
        {position.pageNumber > 1 && <li>{link(previousPageParams(params, position), t('previous'), 'prev')}</li>}
        <li aria-current="page" ref={current} tabIndex={-1}>
          {t('pageNumber', { page: format.number(position.pageNumber) })}
        </li>
        {nextCursor && <li>{link(nextPageParams(params, position, nextCursor), t('next'), 'next')}</li>}
      </ul>
    </nav>
  );
}
