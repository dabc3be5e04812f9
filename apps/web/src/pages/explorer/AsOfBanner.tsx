import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { AS_OF_PARAM, chooseAsOf, chosenAsOf, readsAsOf, withAsOf, withoutAsOf } from '../../api/as-of';

/**
 * Marks every page read as of a past instant, with the way back to now; and keeps the
 * instant in the address: a link followed inside the application (which knows nothing of
 * the instant) gets it back at once, so the page reads, and a copied link shares, the same
 * instant (api/as-of.ts). A page that shows the present (the workbench's commands) says so.
 */
export function AsOfBanner() {
  const { t } = useTranslation('explorer');
  const location = useLocation();
  const navigate = useNavigate();
  const inAddress = new URLSearchParams(location.search).get(AS_OF_PARAM) || undefined;
  const here = `${location.pathname}${location.search}${location.hash}`;
  const past = readsAsOf(location.pathname);

  useEffect(() => {
    if (inAddress) chooseAsOf(inAddress);
    else if (chosenAsOf() && past) void navigate(withAsOf(here, chosenAsOf()), { replace: true });
  }, [inAddress, here, past, navigate]);

  const asOf = inAddress ?? chosenAsOf();
  if (!asOf) return null;
  return (
    <aside className={past ? 'as-of-banner' : 'as-of-banner as-of-present'} aria-label={t('asOf.label')} data-as-of={asOf} data-reads-as-of={past}>
      {past ? (
        <p>
          <strong>{t('asOf.viewing')}</strong> <time dateTime={asOf}>{asOf}</time>. {t('asOf.explain')}
        </p>
      ) : (
        <p>
          <strong>{t('asOf.present')}</strong> {t('asOf.presentExplain')} <time dateTime={asOf}>{asOf}</time>.
        </p>
      )}
      <p className="as-of-actions">
        <Link to={withAsOf('/explorer', asOf)}>{t('asOf.change')}</Link>{' '}
        <Link to={withoutAsOf(here)} className="back-to-now" onClick={() => chooseAsOf(undefined)}>
          {t('asOf.backToNow')}
        </Link>
      </p>
    </aside>
  );
}
